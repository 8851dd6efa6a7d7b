/**
 * Tenancy: Host / X-Tenant-ID → TenantContext, by the rules of src/shared/tenancy.ts.
 *
 * Runs on every request before validation and handlers. The request's tenant is a *selection*:
 * this plugin says which tenant a request is about; whether the caller may act on it is decided
 * by the principal (accounts), never by the header.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeHost, resolveTenant, type Resolution } from '../../shared/tenancy.js';
import { AppError } from '../errors.js';
import type { Config } from '../config.js';
import type { Store } from '../../store/types.js';
import type { TenantRegistry } from '../features/tenants/registry.js';
import { hasFeature } from '../features/tenants/schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** How the host and headers were read (every request). */
    resolution?: Resolution;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `http://host:port/path` (absolute-form request target, RFC 9112 §3.2.2) → `host:port`. */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

/**
 * Host ambiguities Node's parser lets through, refused before the host is read: Node keeps the
 * first of several Host lines (a proxy may route by the last one), and routes an absolute-form
 * target by its path while req.headers.host still names whatever the Host line said (a proxy or
 * cache keys the answer by the target's authority). RFC 9112 §3.2: more than one Host is a 400.
 */
function hostAmbiguity(request: FastifyRequest): Resolution | null {
  const raw = request.raw.rawHeaders ?? [];
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'host') hosts += 1;
  if (hosts > 1) return { kind: 'error', code: 'invalid_host', message: 'The Host header was sent more than once.' };
  const target = ABSOLUTE_FORM.exec(request.raw.url ?? '');
  if (target) {
    const host = single(request.headers.host);
    const authority = target[1]!;
    const same = host !== undefined && !authority.includes('@') && normalizeHost(authority) !== null && normalizeHost(authority) === normalizeHost(host);
    if (!same) return { kind: 'error', code: 'tenant_conflict', message: 'The request target names another host than the Host header.' };
  }
  return null;
}

export function selectTenant(request: FastifyRequest, config: Config): Resolution {
  const ambiguous = hostAmbiguity(request);
  if (ambiguous) return ambiguous;
  const query = request.query as Record<string, unknown> | undefined;
  const headerTenant = request.headers['x-tenant-id'];
  if (Array.isArray(headerTenant) && headerTenant.length > 1) {
    return { kind: 'error', code: 'tenant_conflict', message: 'X-Tenant-ID was sent more than once.' };
  }
  return resolveTenant({
    host: single(request.headers.host),
    headerTenant: single(headerTenant),
    queryTenant: typeof query?.tenant === 'string' ? query.tenant : undefined,
    baseDomain: config.baseDomain,
    allowQueryTenant: config.allowQueryTenant,
  });
}

export function tenancyPlugin(app: FastifyInstance, deps: { config: Config; store: Store; registry: TenantRegistry }): void {
  app.addHook('onRequest', async (request, reply) => {
    const resolution = selectTenant(request, deps.config);
    request.resolution = resolution;
    // `?tenant=` is a development convenience read here, not a parameter of any route.
    const query = request.query as Record<string, unknown> | undefined;
    if (deps.config.allowQueryTenant && query && 'tenant' in query) delete query.tenant;
    // Every later log line of this request carries the tenant it selected.
    const label = resolution.kind === 'tenant' ? resolution.tenantId : resolution.kind === 'platform' ? 'platform' : null;
    if (label) {
      const log = request.log.child({ tenant: label });
      request.log = log;
      reply.log = log;
    }
    const policy = request.routeOptions.config?.policy;
    if (!policy || policy.tenancy === 'public') return;

    if (resolution.kind === 'error') throw new AppError(resolution.code, resolution.message);

    if (policy.tenancy === 'platform') {
      // The console exists only on the admin host; elsewhere the route is simply not there.
      if (resolution.kind !== 'platform') throw new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
      return;
    }

    if (resolution.kind !== 'tenant') {
      throw new AppError(
        'tenant_required',
        `This endpoint serves one tenant: call it on <tenant>.${deps.config.baseDomain}, or on api.${deps.config.baseDomain} with an X-Tenant-ID header.`,
      );
    }
    const tenant = await deps.registry.get(resolution.tenantId);
    if (!tenant) throw new AppError('tenant_not_found', `Tenant '${resolution.tenantId}' does not exist.`);
    reply.header('x-tenant-id', tenant.id);
    if (tenant.status !== 'active' && !policy.allowSuspended) {
      if (tenant.status === 'suspended') {
        throw new AppError('tenant_suspended', `The account of '${tenant.name}' is suspended. Contact Fluxion support.`);
      }
      throw new AppError('tenant_inactive', `The account of '${tenant.name}' is not active.`);
    }
    if (policy.feature && !hasFeature(tenant, policy.feature)) {
      throw new AppError('feature_disabled', `The '${policy.feature}' feature is not enabled for '${tenant.name}'.`);
    }
    request.tenant = tenant;
    request.tdb = deps.store.forTenant(tenant.id);
  });
}
