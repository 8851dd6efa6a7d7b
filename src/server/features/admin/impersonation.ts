/**
 * Impersonation: the only way a platform admin acts on a tenant's data. Explicit (a written
 * reason), refusable by the tenant (settings.allowImpersonation), time-limited, and recorded in
 * both the tenant's trail and the platform's.
 *
 * Cookies are host-only, so the admin host cannot sign anyone in on the tenant's host. It issues a
 * single-use grant valid for GRANT_SECONDS instead; the browser opens it on the tenant's host,
 * which trades it for an ordinary session carrying the impersonation (src/server/plugins/auth.ts
 * reads it back; /auth/me reports it for the SPA's banner).
 */
import type { FastifyRequest } from 'fastify';
import { bindTenant, type Store } from '../../../store/types.js';
import type { Config } from '../../config.js';
import { AppError, notFound } from '../../errors.js';
import { audit, auditPlatform } from '../audit/writer.js';
import { findUserByEmail, findUserById } from '../auth/repository.js';
import { issueSession, normalizeEmail, type SessionIssued } from '../auth/service.js';
import { isOpaqueToken, newOpaqueToken, sha256 } from '../auth/tokens.js';
import { findTenant } from '../tenants/repository.js';
import type { TenantContext } from '../tenants/schema.js';
import { consumeGrant, findGrant, firstActiveOwner, insertGrant, isActiveAdmin } from './repository.js';
import { GRANT_SECONDS, IMPERSONATION_MINUTES, REASON_MIN, type ImpersonateBody } from './schema.js';

export const IMPERSONATION_MAX_MS = IMPERSONATION_MINUTES * 60_000;
const GRANT_MS = GRANT_SECONDS * 1000;

const allowed = (t: TenantContext) => t.settings.allowImpersonation !== false;
const refused = (t: TenantContext) =>
  new AppError('impersonation_refused', `The owners of '${t.name}' do not allow impersonation (tenant setting allowImpersonation).`);

export interface GrantIssued {
  token: string;
  expiresAt: number;
  tenant: TenantContext;
  user: { id: string; email: string; role: string };
}

export async function grantImpersonation(store: Store, request: FastifyRequest, tenantId: string, body: ImpersonateBody, now: number): Promise<GrantIssued> {
  const admin = request.principal;
  if (admin?.kind !== 'admin') throw new AppError('forbidden', 'Only a signed-in platform admin can impersonate.');
  const reason = body.reason.trim();
  if (reason.length < REASON_MIN) throw new AppError('validation_error', `The reason must have at least ${REASON_MIN} characters besides spaces.`);

  const tenant = await findTenant(store.platform, tenantId);
  if (!tenant) throw notFound('Tenant', tenantId);
  if (!allowed(tenant)) {
    await auditPlatform(request, store.platform, { action: 'impersonation.refused', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, details: { reason } }, now);
    throw refused(tenant);
  }
  if (tenant.status !== 'active') throw new AppError('invalid_state', `The tenant '${tenant.id}' is ${tenant.status}: its users cannot be impersonated.`);

  const tdb = store.forTenant(tenant.id);
  const email = body.user_email !== undefined ? normalizeEmail(body.user_email) : await firstActiveOwner(tdb);
  if (email === undefined) throw new AppError('invalid_state', `The tenant '${tenant.id}' has no active owner: name a user_email.`);
  const user = await findUserByEmail(tdb, email);
  if (!user) throw notFound('User', email);
  if (user.status !== 'active') throw new AppError('invalid_state', `The user ${email} is disabled.`);

  const { token, hash } = newOpaqueToken();
  const expiresAt = now + GRANT_MS;
  await store.platform.tx(async (ptx) => {
    await insertGrant(bindTenant(ptx, tenant.id), { tokenHash: hash, userId: user.id, adminId: admin.adminId, adminEmail: admin.email, reason, now, expiresAt });
    await auditPlatform(
      request,
      ptx,
      { action: 'impersonation.grant', tenantId: tenant.id, targetType: 'user', targetId: user.id, details: { reason, user_email: user.email, grant_expires_at: new Date(expiresAt).toISOString() } },
      now,
    );
  });
  return { token, expiresAt, tenant, user: { id: user.id, email: user.email, role: user.role } };
}

const invalidGrant = () => new AppError('grant_invalid', 'This impersonation link is not valid for this tenant. Ask for a new one on the admin console.');

/**
 * Trade a grant for a session on the tenant's own host. One transaction: the grant is used, the
 * session exists and both trails say so, or none of it happened. A grant of another tenant is not
 * found through this tenant's handle, exactly like an unknown one.
 */
export async function exchangeGrant(store: Store, config: Config, request: FastifyRequest, tenant: TenantContext, grant: string, now: number): Promise<SessionIssued> {
  if (!isOpaqueToken(grant)) throw invalidGrant();
  const hash = sha256(grant);
  return store.platform.tx(async (ptx) => {
    const tdb = bindTenant(ptx, tenant.id);
    const g = await findGrant(tdb, hash);
    if (!g) throw invalidGrant();
    if (g.usedAt !== null) throw new AppError('grant_used', 'This impersonation link has already been used. Ask for a new one on the admin console.');
    if (now >= g.expiresAt) throw new AppError('grant_expired', `This impersonation link expired (links last ${GRANT_SECONDS} seconds). Ask for a new one.`);
    // Read afresh, not from the registry cache: the owner may have just said no.
    const current = await findTenant(ptx, tenant.id);
    if (!current || !allowed(current)) throw refused(tenant);
    if (!(await isActiveAdmin(ptx, g.adminId))) throw invalidGrant();
    const user = await findUserById(tdb, g.userId);
    if (!user || user.status !== 'active') throw new AppError('grant_invalid', 'The user this link impersonates is no longer active.');
    if (!(await consumeGrant(tdb, hash, now))) throw new AppError('grant_used', 'This impersonation link has already been used.');

    const issued = await issueSession(tdb, config, request, user, now, { adminId: g.adminId, adminEmail: g.adminEmail, reason: g.reason, maxMs: IMPERSONATION_MAX_MS });
    const actor = { type: 'admin' as const, id: g.adminId, label: g.adminEmail };
    const details = { reason: g.reason, user_email: user.email, expires_at: new Date(issued.expiresAt).toISOString() };
    await audit(request, tdb, { action: 'impersonation.start', targetType: 'user', targetId: user.id, actor, details }, now);
    await auditPlatform(request, ptx, { action: 'impersonation.start', tenantId: tenant.id, targetType: 'user', targetId: user.id, actor, details }, now);
    return issued;
  });
}
