import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import { findTenant, updateTenant } from '../../src/server/features/tenants/repository.js';
import { sha256 } from '../../src/server/features/auth/tokens.js';

const ADMIN_HOST = 'admin.localhost';
const ADMIN = { email: 'support@fluxion.test', name: 'Support', password: 'platform-keeper-2026!' };
const REASON = 'Ticket #4521: stock counts look wrong after the import';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];
const MINUTE = 60_000;

interface Grant {
  url: string;
  expires_at: string;
  tenant: { id: string; name: string };
  user: { id: string; email: string; role: string };
}

async function adminSignIn(t: TestApp): Promise<string> {
  const r = await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/login', payload: { email: ADMIN.email, password: ADMIN.password } });
  expect(r.statusCode, r.body).toBe(200);
  const set = r.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
}

function impersonate(t: TestApp, adminCookie: string, tenant: string, body: Record<string, unknown> = { reason: REASON }, headers: Record<string, string> = {}) {
  return t.on(ADMIN_HOST, { method: 'POST', url: `/api/v1/admin/tenants/${tenant}/impersonate`, headers: { cookie: adminCookie, ...headers }, payload: body });
}

async function grant(t: TestApp, adminCookie: string, tenant: string, body?: Record<string, unknown>): Promise<Grant> {
  const r = await impersonate(t, adminCookie, tenant, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** Open the grant's URL the way the browser would: on the host the URL names. */
function exchange(t: TestApp, url: string, host?: string) {
  const u = new URL(url);
  return t.on(host ?? u.host, { method: 'GET', url: `${u.pathname}${u.search}`, as: 'anonymous' });
}

function sessionCookie(r: { headers: Record<string, unknown> }): string {
  const set = r.headers['set-cookie'];
  const c = (Array.isArray(set) ? set : [set]).map(String).find((s) => s.startsWith('fluxion_session='));
  if (!c) throw new Error(`no session cookie: ${String(set)}`);
  return c.split(';')[0]!;
}

async function signInAs(t: TestApp, adminCookie: string, tenant: string, body?: Record<string, unknown>): Promise<{ cookie: string; grant: Grant }> {
  const g = await grant(t, adminCookie, tenant, body);
  const r = await exchange(t, g.url);
  expect(r.statusCode, r.body).toBe(302);
  return { cookie: sessionCookie(r), grant: g };
}

const me = (t: TestApp, tenant: string, cookie: string) => t.on(tenant, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

async function setAllowImpersonation(t: TestApp, tenant: string, allow: boolean) {
  const current = (await findTenant(t.store.platform, tenant))!;
  await updateTenant(t.store.platform, tenant, { settings: { ...current.settings, allowImpersonation: allow } });
  t.registry.invalidate(tenant);
}

const tenantAudit = (t: TestApp, tenant: string, action: string) =>
  t.store.platform.all('SELECT actor_type, actor_id, actor, action, target_id, details FROM audit_log WHERE tenant_id = $1 AND action = $2 ORDER BY occurred_at', [tenant, action]);
const platformAudit = (t: TestApp, action: string) =>
  t.store.platform.all('SELECT actor_type, actor_id, actor, action, subject_tenant, target_id, details FROM platform_audit_log WHERE action = $1 ORDER BY occurred_at', [action]);
const grantCount = async (t: TestApp) => Number((await t.store.platform.get('SELECT count(*) AS n FROM impersonation_grants'))?.n);

describe('impersonation lifecycle', () => {
  let t: TestApp;
  let adminCookie: string;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminId = (await createAdmin(t.store.platform, ADMIN)).id;
    adminCookie = await adminSignIn(t);
  });
  afterAll(() => t.close());

  it('grant → exchange on the tenant host → banner data → audited work → the session dies after 60 minutes', async () => {
    const start = t.clock();
    const g = await grant(t, adminCookie, 'granja');
    expect(g.url).toMatch(/^http:\/\/granja\.localhost\/api\/v1\/auth\/impersonate\?grant=[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(g.expires_at)).toBe(start + 60_000);
    // Default: the tenant's first active owner.
    expect(g.user).toEqual({ id: t.users.granja!.owner.id, email: 'owner@granja.test', role: 'owner' });
    expect(g.tenant).toEqual({ id: 'granja', name: 'La Granja Mercado' });
    // Only the hash of the grant is stored.
    const token = new URL(g.url).searchParams.get('grant')!;
    const stored = await t.store.platform.get('SELECT tenant_id, admin_email, reason, used_at FROM impersonation_grants WHERE token_hash = $1', [sha256(token)]);
    expect(stored).toEqual({ tenant_id: 'granja', admin_email: ADMIN.email, reason: REASON, used_at: null });

    t.clock.advance(5_000);
    const r = await exchange(t, g.url);
    expect(r.statusCode, r.body).toBe(302);
    expect(r.headers.location).toBe('/');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1])).toBe(3600);
    const cookie = sessionCookie(r);
    expect(cookie).toMatch(/^fluxion_session=granja\./);

    const who = await me(t, 'granja', cookie);
    expect(who.statusCode, who.body).toBe(200);
    expect(who.json()).toMatchObject({
      kind: 'user',
      user: { email: 'owner@granja.test', role: 'owner' },
      tenant: { id: 'granja' },
      impersonation: { admin_email: ADMIN.email, reason: REASON, expires_at: new Date(start + 5_000 + 60 * MINUTE).toISOString() },
    });

    // Work done while impersonating names the impersonator, in the ledger and in the audit trail.
    const adj = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      headers: { cookie },
      payload: { store_id: T.granja.stores.caracas, product_id: T.granja.products.harina, delta: 3, reason: 'count', note: 'impersonated recount' },
    });
    expect(adj.statusCode, adj.body).toBe(201);
    const movement = await t.store.platform.get(`SELECT actor FROM inventory_movements WHERE tenant_id = 'granja' AND note = 'impersonated recount'`);
    expect(movement?.actor).toBe(`${ADMIN.email} as owner@granja.test`);
    const adjusted = await t.store.platform.all(`SELECT actor, actor_type, details FROM audit_log WHERE tenant_id = 'granja' AND request_id = $1`, [
      String(adj.headers['x-request-id']),
    ]);
    expect(adjusted.length).toBeGreaterThan(0);
    for (const row of adjusted) {
      expect(row).toMatchObject({ actor_type: 'user', actor: `${ADMIN.email} as owner@granja.test` });
      expect(row.details).toMatchObject({ impersonatedBy: ADMIN.email, impersonationReason: REASON });
    }

    // An impersonated session cannot change the user's password.
    const pw = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { current_password: 'correct-horse-battery-staple-42', new_password: 'a-brand-new-secret-99' },
    });
    expect(pw.statusCode).toBe(403);

    // Still alive just before the hour (requests keep it from idling)…
    t.clock.advance(30 * MINUTE);
    expect((await me(t, 'granja', cookie)).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE + 59_000);
    expect((await me(t, 'granja', cookie)).statusCode).toBe(200);
    // …and dead at 60 minutes, however busy.
    t.clock.advance(1_000);
    expect((await me(t, 'granja', cookie)).statusCode).toBe(401);
    const inv = await t.on('granja', { method: 'GET', url: '/api/v1/inventory', headers: { cookie } });
    expect(inv.statusCode).toBe(401);

    // Both trails recorded the start, with the reason.
    const tStart = await tenantAudit(t, 'granja', 'impersonation.start');
    expect(tStart).toHaveLength(1);
    expect(tStart[0]).toMatchObject({ actor_type: 'admin', actor_id: adminId, actor: ADMIN.email, target_id: t.users.granja!.owner.id });
    expect(tStart[0]!.details).toMatchObject({ reason: REASON, user_email: 'owner@granja.test' });
    const pStart = await platformAudit(t, 'impersonation.start');
    expect(pStart).toHaveLength(1);
    expect(pStart[0]).toMatchObject({ actor_type: 'admin', actor: ADMIN.email, subject_tenant: 'granja', target_id: t.users.granja!.owner.id });
    expect(pStart[0]!.details).toMatchObject({ reason: REASON });
    const pGrant = await platformAudit(t, 'impersonation.grant');
    expect(pGrant.at(-1)).toMatchObject({ actor_type: 'admin', actor: ADMIN.email, subject_tenant: 'granja' });
    // cliente2's trail knows nothing of it.
    expect(await tenantAudit(t, 'cliente2', 'impersonation.start')).toEqual([]);
  });

  it('a grant is single use', async () => {
    const g = await grant(t, adminCookie, 'granja');
    expect((await exchange(t, g.url)).statusCode).toBe(302);
    const again = await exchange(t, g.url);
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('grant_used');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('a grant expires after 60 seconds', async () => {
    const late = await grant(t, adminCookie, 'granja');
    t.clock.advance(60_000);
    const r = await exchange(t, late.url);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('grant_expired');
    expect(r.headers['set-cookie']).toBeUndefined();

    const inTime = await grant(t, adminCookie, 'granja');
    t.clock.advance(59_000);
    expect((await exchange(t, inTime.url)).statusCode).toBe(302);
  });

  it('a grant works only on its own tenant\'s host', async () => {
    const g = await grant(t, adminCookie, 'granja');
    for (const host of ['cliente2.localhost']) {
      const r = await exchange(t, g.url, host);
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toBe('grant_invalid');
      expect(r.body).not.toContain('granja');
    }
    const viaHeader = await t.on('api.localhost', { method: 'GET', url: new URL(g.url).pathname + new URL(g.url).search, as: 'anonymous', headers: { 'x-tenant-id': 'cliente2' } });
    expect(viaHeader.json().error).toBe('grant_invalid');
    // Not used up by those attempts.
    expect((await exchange(t, g.url)).statusCode).toBe(302);
  });

  it('garbage grants are refused with 400 and create nothing', async () => {
    const sessions = Number((await t.store.platform.get('SELECT count(*) AS n FROM sessions'))?.n);
    for (const value of ['x', 'A'.repeat(43), 'granja.' + 'A'.repeat(43), ...METACHARS]) {
      const r = await t.on('granja', { method: 'GET', url: `/api/v1/auth/impersonate?grant=${encodeURIComponent(value)}`, as: 'anonymous' });
      expect(r.statusCode, value).toBe(400);
      expect(r.json().error, value).toBe('grant_invalid');
    }
    for (const qs of ['', '?grant=', `?grant=${'a'.repeat(101)}`, '?grant=abc&extra=1']) {
      const r = await t.on('granja', { method: 'GET', url: `/api/v1/auth/impersonate${qs}`, as: 'anonymous' });
      expect(r.statusCode, qs).toBe(400);
    }
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM sessions'))?.n)).toBe(sessions);
  });

  it('works for the other tenant too, and its session is bound to that tenant', async () => {
    const { cookie, grant: g } = await signInAs(t, adminCookie, 'cliente2');
    expect(g.url).toMatch(/^http:\/\/cliente2\.localhost\//);
    expect(g.user.email).toBe('owner@cliente2.test');
    const who = await me(t, 'cliente2', cookie);
    expect(who.json()).toMatchObject({ tenant: { id: 'cliente2' }, impersonation: { admin_email: ADMIN.email } });
    expect((await me(t, 'granja', cookie)).statusCode).toBe(404);
    const crossId = await t.on('cliente2', { method: 'GET', url: `/api/v1/products/${T.granja.products.harina}`, headers: { cookie } });
    expect(crossId.statusCode).toBe(404);
  });

  it('impersonates a named user with that user\'s role, and no more', async () => {
    const { cookie, grant: g } = await signInAs(t, adminCookie, 'granja', { reason: REASON, user_email: 'Viewer@Granja.test' });
    expect(g.user).toMatchObject({ email: 'viewer@granja.test', role: 'viewer' });
    expect((await me(t, 'granja', cookie)).json()).toMatchObject({ role: 'viewer', impersonation: { reason: REASON } });
    const adj = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      headers: { cookie },
      payload: { store_id: T.granja.stores.caracas, product_id: T.granja.products.harina, delta: 1, reason: 'count' },
    });
    expect(adj.statusCode).toBe(403);
  });

  it('the session the exchange opens tells the web app what its banner says; an ordinary session says nothing', async () => {
    // The web app renders the banner on every page from GET /auth/me (test/e2e checks it on screen).
    const { cookie } = await signInAs(t, adminCookie, 'granja', { reason: 'Checking the banner of an impersonation' });
    const page = await t.on('granja', { url: '/', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root"></div>');
    const r = await me(t, 'granja', cookie);
    expect(r.statusCode).toBe(200);
    expect(r.json().user.email).toBe('owner@granja.test');
    expect(r.json().impersonation).toMatchObject({ admin_email: ADMIN.email, reason: 'Checking the banner of an impersonation' });
    expect(Date.parse(r.json().impersonation.expires_at)).toBeGreaterThan(t.clock());
    const ordinary = await me(t, 'granja', await t.login('granja', 'owner'));
    expect(ordinary.json().impersonation).toBeNull();
  });

  it('logging out ends the impersonation and is audited with the impersonator', async () => {
    const { cookie } = await signInAs(t, adminCookie, 'granja', { reason: 'Checking the logout of an impersonation', user_email: 'staff@granja.test' });
    const out = await t.on('granja', { method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await me(t, 'granja', cookie)).statusCode).toBe(401);
    const end = (await tenantAudit(t, 'granja', 'impersonation.end')).at(-1);
    expect(end).toMatchObject({ actor_type: 'user', actor: `${ADMIN.email} as staff@granja.test`, target_id: t.users.granja!.staff.id });
    expect(end!.details).toMatchObject({ impersonatedBy: ADMIN.email, impersonationReason: 'Checking the logout of an impersonation' });
  });

  it('the platform audit endpoint shows both trails of an impersonation for the tenant', async () => {
    const r = await t.on(ADMIN_HOST, { method: 'GET', url: '/api/v1/admin/audit?tenant_id=granja&action=impersonation.', headers: { cookie: adminCookie } });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{ trail: string; action: string; tenant: string; details: Record<string, unknown> }>;
    const kinds = new Set(items.map((i) => `${i.trail}:${i.action}`));
    expect(kinds).toEqual(new Set(['platform:impersonation.grant', 'platform:impersonation.start', 'tenant:impersonation.start', 'tenant:impersonation.end']));
    expect(items.every((i) => i.tenant === 'granja')).toBe(true);
    // Earlier tests in this block started other impersonations (other reasons); rows written in
    // the same millisecond have no defined order, so look for this one by its reason.
    const starts = items.filter((i) => i.trail === 'tenant' && i.action === 'impersonation.start');
    expect(starts.map((i) => i.details.reason)).toContain(REASON);
  });
});

describe('impersonation is refused or rejected', () => {
  let t: TestApp;
  let adminCookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
    adminCookie = await adminSignIn(t);
  });
  afterAll(() => t.close());

  it('refused when the tenant\'s owners turned allowImpersonation off, also for a grant issued before', async () => {
    const before = await grant(t, adminCookie, 'granja');
    await setAllowImpersonation(t, 'granja', false);
    try {
      const grants = await grantCount(t);
      const r = await impersonate(t, adminCookie, 'granja');
      expect(r.statusCode).toBe(403);
      expect(r.json().error).toBe('impersonation_refused');
      expect(await grantCount(t)).toBe(grants);
      expect((await platformAudit(t, 'impersonation.refused')).at(-1)).toMatchObject({ actor: ADMIN.email, subject_tenant: 'granja' });

      const late = await exchange(t, before.url);
      expect(late.statusCode).toBe(403);
      expect(late.json().error).toBe('impersonation_refused');
      expect(late.headers['set-cookie']).toBeUndefined();

      // The other tenant did not say no.
      expect((await impersonate(t, adminCookie, 'cliente2')).statusCode).toBe(201);
      const list = await t.on(ADMIN_HOST, { method: 'GET', url: '/api/v1/admin/tenants', headers: { cookie: adminCookie } });
      const byId = Object.fromEntries((list.json().items as Array<{ id: string; allow_impersonation: boolean }>).map((i) => [i.id, i.allow_impersonation]));
      expect(byId).toMatchObject({ granja: false, cliente2: true });
    } finally {
      await setAllowImpersonation(t, 'granja', true);
    }
    expect((await impersonate(t, adminCookie, 'granja')).statusCode).toBe(201);
  });

  it('the owner says no through the settings route, and yes again', async () => {
    const owner = await t.login('cliente2', 'owner');
    const patch = (allow: boolean) =>
      t.on('cliente2', { method: 'PATCH', url: '/api/v1/tenant/settings', headers: { cookie: owner }, payload: { allowImpersonation: allow } });
    expect((await patch(false)).statusCode).toBe(200);
    try {
      const r = await impersonate(t, adminCookie, 'cliente2');
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ error: 'impersonation_refused' });
      expect((await impersonate(t, adminCookie, 'granja')).statusCode).toBe(201);
    } finally {
      expect((await patch(true)).statusCode).toBe(200);
    }
    expect((await impersonate(t, adminCookie, 'cliente2')).statusCode).toBe(201);
  });

  it('validates the reason, the user and the tenant', async () => {
    const grants = await grantCount(t);
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['granja', {}, 400],
      ['granja', { reason: 'too short' }, 400],
      ['granja', { reason: '   short     ' }, 400],
      ['granja', { reason: 'x'.repeat(501) }, 400],
      ['granja', { reason: 42 }, 400],
      ['granja', { reason: REASON, extra: true }, 400],
      ['granja', { reason: REASON, user_email: 'not-an-email' }, 400],
      ['granja', { reason: REASON, user_email: 'nobody@granja.test' }, 404],
      // A user of another tenant is simply not found here.
      ['granja', { reason: REASON, user_email: 'owner@cliente2.test' }, 404],
      ['cliente2', { reason: REASON, user_email: 'owner@granja.test' }, 404],
      ['nowhere', { reason: REASON }, 404],
      ['dormida', { reason: REASON }, 409],
      ['GRANJA!', { reason: REASON }, 400],
      ...METACHARS.map((m): [string, Record<string, unknown>, number] => [encodeURIComponent(m), { reason: REASON }, 400]),
      // Not an email when it has spaces (400); otherwise a literal address nobody has (404).
      ...METACHARS.map((m): [string, Record<string, unknown>, number] => ['granja', { reason: REASON, user_email: `${m}@granja.test` }, /\s/.test(m) ? 400 : 404]),
    ];
    for (const [tenant, body, status] of cases) {
      const r = await impersonate(t, adminCookie, tenant, body);
      expect(r.statusCode, `${tenant} ${JSON.stringify(body)} ${r.body}`).toBe(status);
    }
    expect(await grantCount(t)).toBe(grants);
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM ventas'))?.n)).toBeGreaterThan(0);
  });

  it('refuses a disabled user and a tenant without an active owner', async () => {
    await t.store.platform.run(`UPDATE users SET status = 'disabled' WHERE tenant_id = 'cliente2' AND role = 'owner'`);
    try {
      expect((await impersonate(t, adminCookie, 'cliente2', { reason: REASON, user_email: 'owner@cliente2.test' })).statusCode).toBe(409);
      const none = await impersonate(t, adminCookie, 'cliente2');
      expect(none.statusCode).toBe(409);
      expect(none.json().message).toMatch(/no active owner/);
      expect((await impersonate(t, adminCookie, 'cliente2', { reason: REASON, user_email: 'manager@cliente2.test' })).statusCode).toBe(201);
    } finally {
      await t.store.platform.run(`UPDATE users SET status = 'active' WHERE tenant_id = 'cliente2' AND role = 'owner'`);
    }
  });

  it('a grant dies with its user or its admin', async () => {
    const g = await grant(t, adminCookie, 'cliente2', { reason: REASON, user_email: 'staff@cliente2.test' });
    await t.store.platform.run(`UPDATE users SET status = 'disabled' WHERE tenant_id = 'cliente2' AND email = 'staff@cliente2.test'`);
    try {
      expect((await exchange(t, g.url)).json().error).toBe('grant_invalid');
    } finally {
      await t.store.platform.run(`UPDATE users SET status = 'active' WHERE tenant_id = 'cliente2' AND email = 'staff@cliente2.test'`);
    }
    const other = await createAdmin(t.store.platform, { email: 'leaving@fluxion.test', password: ADMIN.password });
    const r = await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/login', payload: { email: 'leaving@fluxion.test', password: ADMIN.password } });
    const leavingCookie = String(r.headers['set-cookie']).split(';')[0]!;
    const h = await grant(t, leavingCookie, 'cliente2');
    await t.store.platform.run(`UPDATE platform_admins SET status = 'disabled' WHERE id = $1::UUID`, [other.id]);
    expect((await exchange(t, h.url)).json().error).toBe('grant_invalid');
  });

  it('needs a signed-in admin, same-origin, on the admin host', async () => {
    expect((await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/tenants/granja/impersonate', payload: { reason: REASON } })).statusCode).toBe(401);
    const withKey = await t.on(ADMIN_HOST, {
      method: 'POST',
      url: '/api/v1/admin/tenants/granja/impersonate',
      headers: { authorization: `Bearer ${t.keys.granja!.owner}` },
      payload: { reason: REASON },
    });
    expect(withKey.statusCode).toBe(401);
    expect((await impersonate(t, adminCookie, 'granja', { reason: REASON }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await impersonate(t, adminCookie, 'granja', { reason: REASON }, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    const onTenant = await t.on('granja', { method: 'POST', url: '/api/v1/admin/tenants/granja/impersonate', headers: { cookie: adminCookie }, payload: { reason: REASON } });
    expect(onTenant.statusCode).toBe(404);
  });
});
