/**
 * The authorization matrix, generated from the route table itself: every tenant route × every role
 * × every way of reaching a tenant (own or other tenant, by host or by X-Tenant-ID, session cookie
 * or API key, none, expired, revoked) → the status the access rules promise. The expectations come
 * from each route's declared policy and src/server/permissions.ts, so a new route is checked the
 * moment it is registered; one without a sample in samples.ts fails here until it gets one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp } from '../support/app.js';
import { fixtureHash } from '../support/principals.js';
import { ROLES, roleCan, type Role } from '../../src/server/permissions.js';
import type { Permission, RoutePolicy } from '../../src/server/access.js';
import type { RegisteredRoute } from '../../src/server/plugins/route-policy.js';
import { hasFeature } from '../../src/server/features/tenants/schema.js';
import { createUser } from '../../src/server/features/users/service.js';
import { createApiKey } from '../../src/server/features/apikeys/service.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import { PUBLIC_ROUTES, SAMPLES, SAMPLE_ADMIN, fixtureContext, type Sample, type SampleContext, type TenantName } from './samples.js';
import { buildUrl, changedTables, describeResponse, internalsIn, mintSession, nextLoopback, snapshot } from './helpers.js';

const TENANTS: readonly TenantName[] = ['granja', 'cliente2'];
const other = (tenant: TenantName): TenantName => (tenant === 'granja' ? 'cliente2' : 'granja');
const ADMIN = SAMPLE_ADMIN;
const ADMIN_HOST = 'admin.localhost';
const API_HOST = 'api.localhost';

const routeKey = (r: RegisteredRoute) => `${r.method} ${r.url}`;
const policyOf = (r: RegisteredRoute): RoutePolicy | undefined => r.options.config?.policy;

// ---------------------------------------------------------------------------------------------
// One app for the whole matrix: fixtures, plus what the samples act on and the dead credentials.
// ---------------------------------------------------------------------------------------------
const t = await createTestApp();
afterAll(() => t.close());

/** Sessions signed in through the API, then left idle past the limit (the clock moves below). */
const expiredCookies = {} as Record<TenantName, Record<Role, string>>;
for (const tenant of TENANTS) {
  expiredCookies[tenant] = {} as Record<Role, string>;
  for (const role of ROLES) expiredCookies[tenant][role] = await t.login(tenant, role);
}
t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);

/** API keys of every role, revoked through the API by the tenant's owner. */
const revokedKeys = {} as Record<TenantName, Record<Role, string>>;
const contexts = {} as Record<TenantName, SampleContext>;
for (const tenant of TENANTS) {
  const tdb = t.store.forTenant(tenant);
  revokedKeys[tenant] = {} as Record<Role, string>;
  for (const role of ROLES) {
    const k = await createApiKey(tdb, { name: `revoked ${role}`, role, createdBy: 'matrix' });
    const url = `/api/v1/api-keys/${k.id}`;
    const r = await t.on(tenant, { method: 'DELETE', url });
    if (r.statusCode !== 204) throw new Error(`revoking a key failed: ${describeResponse(r)}`);
    revokedKeys[tenant][role] = k.key;
  }
  const victim = await createUser(tdb, { email: `matrix-victim@${tenant}.test`, name: 'Matrix victim', role: 'viewer', passwordHash: await fixtureHash() });
  const victimKey = await createApiKey(tdb, { name: 'matrix victim', role: 'viewer', createdBy: 'matrix' });
  const invite = await t.on(tenant, { method: 'POST', url: '/api/v1/users/invites', payload: { email: `matrix-invitee@${tenant}.test`, role: 'viewer' } });
  if (invite.statusCode !== 201) throw new Error(`creating an invitation failed: ${describeResponse(invite)}`);
  contexts[tenant] = await fixtureContext(t, tenant, { user: victim.id, apiKey: victimKey.id, invite: String(invite.json().id) });
}
await createAdmin(t.store.platform, { ...ADMIN, name: 'Matrix admin' });

async function adminCookie(): Promise<string> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/auth/login',
    headers: { host: ADMIN_HOST },
    payload: ADMIN,
    remoteAddress: nextLoopback(),
  });
  if (r.statusCode !== 200) throw new Error(`admin sign-in failed: ${describeResponse(r)}`);
  const set = r.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
}

/** A platform admin's live session, presented on tenant hosts (where it must count for nothing). */
const adminSession = await adminCookie();

// ---------------------------------------------------------------------------------------------
// Scenarios and what each must answer
// ---------------------------------------------------------------------------------------------
type Credential = 'key' | 'cookie' | 'none' | 'expired' | 'revoked' | 'admin-cookie';

interface Scenario {
  /** The tenant the request selects. */
  target: TenantName;
  via: 'host' | 'header';
  credential: Credential;
  /** Whose credential, for key/cookie/expired/revoked. */
  from?: TenantName;
  role?: Role;
}

const label = (s: Scenario) =>
  [`${s.via === 'host' ? `${s.target}.localhost` : `api.localhost+X-Tenant-ID:${s.target}`}`, s.credential, s.from && s.role ? `${s.role}@${s.from}` : '']
    .filter(Boolean)
    .join(' ');

function scenariosFor(target: TenantName): Scenario[] {
  const out: Scenario[] = [];
  for (const role of ROLES) {
    for (const via of ['host', 'header'] as const) {
      for (const credential of ['key', 'cookie'] as const) {
        out.push({ target, via, credential, from: target, role });
        out.push({ target, via, credential, from: other(target), role });
      }
    }
    out.push({ target, via: 'host', credential: 'expired', from: target, role });
    out.push({ target, via: role === 'owner' || role === 'staff' ? 'host' : 'header', credential: 'revoked', from: target, role });
  }
  out.push({ target, via: 'host', credential: 'none' }, { target, via: 'header', credential: 'none' }, { target, via: 'host', credential: 'admin-cookie' });
  return out;
}

type Expectation = { permitted: true } | { permitted: false; status: number; error: string; message?: string };
const refused = (status: number, error: string, message?: string): Expectation => ({ permitted: false, status, error, ...(message ? { message } : {}) });

const features = Object.fromEntries(
  await Promise.all(TENANTS.map(async (tenant) => [tenant, (await t.registry.get(tenant))!] as const)),
) as Record<TenantName, NonNullable<Awaited<ReturnType<typeof t.registry.get>>>>;

function expectationFor(policy: RoutePolicy, s: Scenario): Expectation {
  const permission: Permission = policy.permission ?? 'platform:read';
  // The tenancy plugin answers before anyone's credentials are read: the tenant lacks the feature.
  if (policy.feature && !hasFeature(features[s.target], policy.feature)) return refused(403, 'feature_disabled');
  if (s.credential === 'revoked') return refused(401, 'unauthenticated');
  if ((s.credential === 'key' || s.credential === 'cookie') && s.from !== s.target) return refused(404, 'not_found', 'Not found.');
  if (s.credential === 'none' || s.credential === 'expired' || s.credential === 'admin-cookie') {
    return permission === 'anyone' ? { permitted: true } : refused(401, 'unauthenticated');
  }
  return roleCan(s.role!, permission) ? { permitted: true } : refused(403, 'forbidden');
}

/**
 * A live session of a fixture user. Reads share one per user; a state change gets a fresh one,
 * since it may end the session it ran in (logout).
 */
const readSessions = new Map<string, string>();
async function sessionFor(tenant: TenantName, role: Role, reading: boolean): Promise<string> {
  const mint = () => mintSession(t, tenant, t.users[tenant]![role].id);
  if (!reading) return mint();
  const key = `${tenant}/${role}`;
  if (!readSessions.has(key)) readSessions.set(key, await mint());
  return readSessions.get(key)!;
}

async function send(route: RegisteredRoute, sample: Sample, s: Scenario): Promise<LightMyRequestResponse> {
  const req = sample.request(contexts[s.target]);
  const headers: Record<string, string> = s.via === 'host' ? { host: `${s.target}.localhost` } : { host: API_HOST, 'x-tenant-id': s.target };
  const from = s.from ?? s.target;
  if (s.credential === 'key') headers.authorization = `Bearer ${t.keys[from]![s.role!]}`;
  if (s.credential === 'revoked') headers.authorization = `Bearer ${revokedKeys[from][s.role!]}`;
  if (s.credential === 'cookie') headers.cookie = await sessionFor(from, s.role!, route.method === 'GET');
  if (s.credential === 'expired') headers.cookie = expiredCookies[from][s.role!];
  if (s.credential === 'admin-cookie') headers.cookie = adminSession;
  if (req.raw) headers['content-type'] = req.raw.contentType;
  const payload = req.raw ? req.raw.bytes : req.payload;
  return t.app.inject({
    method: route.method as 'GET',
    url: buildUrl(route.url, req.params, req.query),
    headers,
    ...(payload !== undefined ? { payload } : {}),
    remoteAddress: nextLoopback(),
  });
}

function bodyOf(r: LightMyRequestResponse): Record<string, unknown> {
  try {
    const v: unknown = r.json();
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Why a response breaks its expectation, or null. */
function mismatch(sample: Sample, s: Scenario, want: Expectation, r: LightMyRequestResponse): string | null {
  const body = bodyOf(r);
  if (r.statusCode >= 500) return `server error ${describeResponse(r)}`;
  const leak = internalsIn(r.body);
  if (leak) return `internals in the body (${leak})`;
  if (!want.permitted) {
    const ok = r.statusCode === want.status && body.error === want.error && (want.message === undefined || body.message === want.message);
    return ok ? null : `expected ${want.status} ${want.error}${want.message ? ` '${want.message}'` : ''}, got ${describeResponse(r)}`;
  }
  if (s.credential === 'key' && sample.apiKey) {
    const ok = r.statusCode === sample.apiKey.status && body.error === sample.apiKey.error;
    return ok ? null : `expected the route's own answer to an API key (${sample.apiKey.status} ${sample.apiKey.error}), got ${describeResponse(r)}`;
  }
  if (r.statusCode === 401 || r.statusCode === 403) return `a permitted principal was refused: ${describeResponse(r)}`;
  if (r.statusCode === 404 && body.error === 'not_found' && body.message === 'Not found.') return `a permitted principal got the foreign-tenant answer: ${describeResponse(r)}`;
  if (!sample.ok.includes(r.statusCode)) return `expected the route's own answer (${sample.ok.join('/')}), got ${describeResponse(r)}`;
  return null;
}

const missingSample = (key: string) =>
  `No sample request for ${key}: add an entry '${key}' to SAMPLES in test/security/samples.ts (valid params, query and body ` +
  'from test/support/fixtures.ts) so the authorization matrix can check who may call it.';

const matrixRoutes = t.routes.filter((r) => r.method !== 'HEAD');

// ---------------------------------------------------------------------------------------------
// The route table itself
// ---------------------------------------------------------------------------------------------
describe('route table', () => {
  it('declares a policy for every route and keeps public routes to the known public ones', () => {
    const problems: string[] = [];
    for (const r of matrixRoutes) {
      const policy = policyOf(r);
      if (!policy) problems.push(`${routeKey(r)} declares no policy`);
      else if (policy.tenancy === 'public' && !PUBLIC_ROUTES.some((re) => re.test(routeKey(r)))) {
        problems.push(`${routeKey(r)} is public (no tenant, no sign-in): if that is really meant, add it to PUBLIC_ROUTES in test/security/samples.ts`);
      } else if (policy.tenancy !== 'public' && !policy.permission) problems.push(`${routeKey(r)} names no permission`);
    }
    expect(problems).toEqual([]);
  });

  it('has a sample for every tenant and platform route, and no sample for a route that is gone', () => {
    const keys = new Set(matrixRoutes.filter((r) => policyOf(r)?.tenancy !== 'public').map(routeKey));
    const missing = [...keys].filter((k) => !SAMPLES[k]).map(missingSample);
    const stale = Object.keys(SAMPLES)
      .filter((k) => !keys.has(k))
      .map((k) => `SAMPLES has '${k}' but no such route is registered: remove or rename it`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it('expects feature_disabled wherever a route needs a feature the tenant lacks', () => {
    // The rule itself (GET /api/v1/forecast and /insights are such routes: granja has the features, cliente2 not).
    const policy: RoutePolicy = { tenancy: 'tenant', permission: 'stats:read', feature: 'forecasting' };
    expect(hasFeature(features.granja, 'forecasting')).toBe(true);
    expect(hasFeature(features.cliente2, 'forecasting')).toBe(false);
    for (const s of scenariosFor('cliente2')) expect(expectationFor(policy, s)).toEqual(refused(403, 'feature_disabled'));
    const own = { target: 'granja', via: 'host', credential: 'key', from: 'granja', role: 'viewer' } as const;
    expect(expectationFor(policy, own)).toEqual({ permitted: true });
  });

  it('covers the routes the product promises', () => {
    const keys = new Set(matrixRoutes.map(routeKey));
    for (const k of ['GET /api/v1/inventory', 'POST /api/v1/sales', 'POST /api/v1/orders', 'GET /api/v1/stats', 'GET /api/v1/users', 'POST /api/v1/api-keys']) {
      expect(keys, k).toContain(k);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Tenant routes
// ---------------------------------------------------------------------------------------------
describe('tenant routes: role × tenant × credential', () => {
  for (const route of matrixRoutes.filter((r) => policyOf(r)?.tenancy === 'tenant')) {
    const key = routeKey(route);
    it(key, async () => {
      const sample = SAMPLES[key];
      if (!sample) expect.fail(missingSample(key));
      const policy = policyOf(route)!;
      const planned = TENANTS.flatMap(scenariosFor).map((s) => ({ s, want: expectationFor(policy, s) }));
      const problems: string[] = [];
      const run = async (items: typeof planned) => {
        for (const { s, want } of items) {
          const r = await send(route, sample, s);
          const why = mismatch(sample, s, want, r);
          if (why) problems.push(`${label(s)}: ${why}`);
        }
      };
      // Refusals first, on untouched data: a refused request must change nothing at all.
      const refusals = planned.filter((p) => !p.want.permitted);
      const before = route.method === 'GET' ? null : await snapshot(t.store);
      await run(refusals);
      if (before) for (const change of changedTables(before, await snapshot(t.store))) problems.push(`a refused request changed ${change}`);
      await run(planned.filter((p) => p.want.permitted));

      // Both credential kinds, both ways of selecting a tenant, and at least one permitted call.
      expect(planned.some((p) => p.want.permitted)).toBe(true);
      expect(problems).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Platform routes
// ---------------------------------------------------------------------------------------------
describe('platform routes: tenant principals get nothing', () => {
  for (const route of matrixRoutes.filter((r) => policyOf(r)?.tenancy === 'platform')) {
    const key = routeKey(route);
    it(key, async () => {
      const sample = SAMPLES[key];
      if (!sample) expect.fail(missingSample(key));
      const policy = policyOf(route)!;
      const anyone = policy.permission === 'anyone';
      const req = sample.request(contexts.granja);
      const url = buildUrl(route.url, req.params, req.query);
      const call = async (host: string, headers: Record<string, string>) =>
        t.app.inject({
          method: route.method as 'GET',
          url,
          headers: { host, ...headers },
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
          remoteAddress: nextLoopback(),
        });
      const problems: string[] = [];
      const check = (what: string, r: LightMyRequestResponse, status: number | readonly number[], error?: string) => {
        const statuses = typeof status === 'number' ? [status] : status;
        const body = bodyOf(r);
        if (r.statusCode >= 500 || !statuses.includes(r.statusCode) || (error !== undefined && body.error !== error)) {
          problems.push(`${what}: expected ${statuses.join('/')}${error ? ` ${error}` : ''}, got ${describeResponse(r)}`);
        }
      };

      // On the admin host, tenant credentials are no credentials at all.
      for (const tenant of TENANTS) {
        for (const role of ROLES) {
          const viaKey = await call(ADMIN_HOST, { authorization: `Bearer ${t.keys[tenant]![role]}` });
          const viaCookie = await call(ADMIN_HOST, { cookie: await mintSession(t, tenant, t.users[tenant]![role].id) });
          if (!anyone) {
            check(`admin host, ${role}@${tenant} API key`, viaKey, 401, 'unauthenticated');
            check(`admin host, ${role}@${tenant} session`, viaCookie, 401, 'unauthenticated');
          } else {
            check(`admin host, ${role}@${tenant} API key`, viaKey, sample.ok);
            check(`admin host, ${role}@${tenant} session`, viaCookie, sample.ok);
          }
        }
      }
      check('admin host, no credentials', await call(ADMIN_HOST, {}), anyone ? sample.ok : [401], anyone ? undefined : 'unauthenticated');

      // Anywhere but the admin host the console does not exist, whoever asks.
      const admin = await adminCookie();
      for (const tenant of TENANTS) {
        check(`${tenant} host, owner key`, await call(`${tenant}.localhost`, { authorization: `Bearer ${t.keys[tenant]!.owner}` }), 404, 'not_found');
        check(`${tenant} host, admin session`, await call(`${tenant}.localhost`, { cookie: admin }), 404, 'not_found');
        check(`${tenant} host, no credentials`, await call(`${tenant}.localhost`, {}), 404, 'not_found');
        check(
          `api host + X-Tenant-ID ${tenant}, owner key`,
          await call(API_HOST, { 'x-tenant-id': tenant, authorization: `Bearer ${t.keys[tenant]!.owner}` }),
          404,
          'not_found',
        );
      }

      // The platform admin, on the admin host, is served (the positive control).
      check('admin host, admin session', await call(ADMIN_HOST, { cookie: await adminCookie() }), sample.ok);
      expect(problems).toEqual([]);
    });
  }
});
