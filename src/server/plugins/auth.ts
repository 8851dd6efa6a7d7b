/**
 * Authentication and authorization, after tenancy. The request's tenant is a selection; the right
 * to act comes from the principal, and the two must match:
 *
 * - no credentials on a route that needs them → 401;
 * - a session cookie or API key of tenant A on tenant B (by host or by X-Tenant-ID) → 404, as if
 *   the resource did not exist: B's data and existence are never confirmed to A;
 * - a principal whose role lacks the route's permission → 403.
 *
 * Cookie-authenticated (and sign-in) requests that change state must be same-origin
 * (Sec-Fetch-Site / Origin): that, with no text/plain or form parser, is the CSRF defence.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Store, TenantDb } from '../../store/types.js';
import { AppError } from '../errors.js';
import { roleCan } from '../permissions.js';
import { adminCookieName, sessionCookieName } from '../features/auth/cookies.js';
import { apiKeyTenant, isOpaqueToken, sessionTokenTenant, sha256 } from '../features/auth/tokens.js';
import { findAdminSession, findApiKey, findSession, touchApiKey, touchSession } from '../features/auth/repository.js';
import type { Principal } from '../features/auth/principal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at / last_used_at are written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const foreign = () => new AppError('not_found', 'Not found.');
const unauthenticated = (message = 'Sign in to continue.') => new AppError('unauthenticated', message);

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw unauthenticated('The Authorization header must be "Bearer <API key>".');
  return m[1];
}

/** Refuse cross-site state changes coming from a browser. Non-browser clients send neither header. */
export function assertSameOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new AppError('forbidden', 'Cross-site request refused.');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    if (originHost === null || originHost !== String(request.headers.host ?? '').toLowerCase()) {
      throw new AppError('forbidden', 'Cross-origin request refused.');
    }
  }
}

export interface AuthDeps {
  config: Config;
  store: Store;
  clock: Clock;
}

/** The principal a request presents for `tenant` (API key first, then session cookie), if any. */
export async function tenantPrincipal(
  request: FastifyRequest,
  deps: AuthDeps,
  tenant: { id: string } = request.tenant!,
  tdb: TenantDb = request.tdb!,
): Promise<Principal | undefined> {
  const now = deps.clock();
  const key = bearer(request);
  if (key !== undefined) {
    const owner = apiKeyTenant(key);
    if (owner === null) throw unauthenticated('Unknown or revoked API key.');
    if (owner !== tenant.id) throw foreign();
    const record = await findApiKey(tdb, sha256(key));
    if (!record || record.revoked) throw unauthenticated('Unknown or revoked API key.');
    if (record.lastUsedAt === null || now - record.lastUsedAt > TOUCH_EVERY_MS) await touchApiKey(tdb, record.id, now);
    return { kind: 'apikey', tenantId: tenant.id, keyId: record.id, name: record.name, role: record.role };
  }
  const token = request.cookies[sessionCookieName(deps.config)];
  if (!token) return undefined;
  const owner = sessionTokenTenant(token);
  if (owner === null) return undefined;
  if (owner !== tenant.id) throw foreign();
  const hash = sha256(token);
  const s = await findSession(tdb, hash);
  if (!s) return undefined;
  const idleLimit = s.lastSeenAt + deps.config.sessionIdleMinutes * 60_000;
  if (now >= s.expiresAt || now >= idleLimit || s.user.status !== 'active') return undefined;
  if (now - s.lastSeenAt > TOUCH_EVERY_MS) await touchSession(tdb, hash, now);
  return {
    kind: 'user',
    tenantId: tenant.id,
    userId: s.user.id,
    email: s.user.email,
    name: s.user.name,
    role: s.user.role,
    sessionHash: hash,
    impersonation:
      s.impersonatorId && s.impersonatorEmail
        ? { adminId: s.impersonatorId, adminEmail: s.impersonatorEmail, reason: s.impersonationReason ?? '', expiresAt: new Date(s.expiresAt).toISOString() }
        : null,
  };
}

async function adminPrincipal(request: FastifyRequest, deps: AuthDeps): Promise<Principal | undefined> {
  const token = request.cookies[adminCookieName(deps.config)];
  if (!token || !isOpaqueToken(token)) return undefined;
  const hash = sha256(token);
  const s = await findAdminSession(deps.store.platform, hash);
  const now = deps.clock();
  if (!s || s.status !== 'active' || now >= s.expiresAt || now >= s.lastSeenAt + deps.config.sessionIdleMinutes * 60_000) return undefined;
  if (now - s.lastSeenAt > TOUCH_EVERY_MS) {
    await deps.store.platform.run('UPDATE platform_sessions SET last_seen_at = $2::TIMESTAMPTZ WHERE token_hash = $1', [hash, new Date(now).toISOString()]);
  }
  return { kind: 'admin', adminId: s.id, email: s.email, name: s.name, sessionHash: hash };
}

export function authPlugin(app: FastifyInstance, deps: AuthDeps): void {
  app.addHook('onRequest', async (request) => {
    const policy = request.routeOptions.config?.policy;
    if (!policy || policy.tenancy === 'public') return;
    const permission = policy.permission ?? 'platform:read';

    if (policy.tenancy === 'platform') {
      const admin = await adminPrincipal(request, deps);
      if (admin) request.principal = admin;
      if (permission === 'anyone') return assertSameOrigin(request);
      if (!admin) throw unauthenticated('Platform admins only: sign in on the admin host.');
      return assertSameOrigin(request);
    }

    // A tenant route: the tenancy plugin has resolved request.tenant.
    const principal = await tenantPrincipal(request, deps);
    if (principal) request.principal = principal;
    const viaCookie = principal?.kind === 'user' || (principal === undefined && request.headers.authorization === undefined);
    if (viaCookie) assertSameOrigin(request);
    if (permission === 'anyone') return;
    if (!principal) throw unauthenticated();
    if (principal.kind === 'admin' || !roleCan(principal.role, permission)) {
      throw new AppError('forbidden', `Your role does not allow this (${permission}).`);
    }
  });
}
