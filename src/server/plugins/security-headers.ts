/**
 * Security headers on every response, with a Content-Security-Policy that fits the SPA (scripts
 * and styles from our own origin; inline style attributes for tenant colours), and CORS that only
 * ever admits a tenant's own origin, and only on the shared `api.` host.
 */
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { Config } from '../config.js';
import { parseHost } from '../../shared/tenancy.js';
import type { TenantRegistry } from '../features/tenants/registry.js';
import { publicRoute } from '../access.js';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

const CORS_HEADERS = 'authorization, content-type, x-tenant-id, x-request-id';
const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE';

export async function securityHeadersPlugin(app: FastifyInstance, deps: { config: Config; registry: TenantRegistry }): Promise<void> {
  const https = deps.config.publicProtocol === 'https';
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY, upgradeInsecureRequests: https ? [] : null } },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });

  // CORS: a browser page on https://<tenant>.<domain> may call https://api.<domain> with a key.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string') return;
    const host = parseHost(String(request.headers.host ?? ''), deps.config.baseDomain);
    if ('code' in host || host.kind !== 'api') return;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return;
    }
    const from = parseHost(originHost, deps.config.baseDomain);
    if ('code' in from || from.kind !== 'tenant') return;
    const tenant = await deps.registry.get(from.tenantId!);
    if (!tenant || tenant.status !== 'active') return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', CORS_METHODS);
      reply.header('access-control-allow-headers', CORS_HEADERS);
      reply.header('access-control-max-age', '600');
    } else {
      reply.header('access-control-expose-headers', 'x-request-id, x-tenant-id, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-policy');
    }
  });
  // Preflights answer 204; whether they carry the allow headers was decided above.
  app.options('/api/*', { config: publicRoute(), schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
}
