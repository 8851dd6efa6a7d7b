import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import { sha256 } from '../../src/server/features/auth/tokens.js';
import { AppError } from '../../src/server/errors.js';

const ADMIN_HOST = 'admin.localhost';
const ADMIN = { email: 'root@fluxion.test', name: 'Root', password: 'platform-keeper-2026!' };
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];

function adminLogin(t: TestApp, email: string, password: string, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
  return t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/login', payload: { email, password }, ...extra });
}

function cookieFrom(r: { headers: Record<string, unknown> }, name: string): string {
  const set = r.headers['set-cookie'];
  const all = (Array.isArray(set) ? set : [set]).map(String);
  const c = all.find((s) => s.startsWith(`${name}=`));
  if (!c) throw new Error(`no ${name} cookie in ${all.join(' | ')}`);
  return c;
}

async function signIn(t: TestApp, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  const r = await adminLogin(t, email, password);
  expect(r.statusCode, r.body).toBe(200);
  return cookieFrom(r, 'fluxion_admin').split(';')[0]!;
}

const admin = (t: TestApp, cookie: string, url: string) => t.on(ADMIN_HOST, { method: 'GET', url, headers: { cookie } });

async function platformAudit(t: TestApp, action: string) {
  return t.store.platform.all('SELECT actor_type, actor, action, target_id, details FROM platform_audit_log WHERE action = $1 ORDER BY occurred_at', [action]);
}

describe('createAdmin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ fixtures: false });
  });
  afterAll(() => t.close());

  it('stores an argon2id hash, normalises the email and refuses duplicates with 409', async () => {
    const a = await createAdmin(t.store.platform, { ...ADMIN, email: '  Root@Fluxion.TEST ' });
    expect(a.email).toBe('root@fluxion.test');
    const row = await t.store.platform.get('SELECT email, name, password_hash, status FROM platform_admins WHERE id = $1::UUID', [a.id]);
    expect(row).toMatchObject({ email: 'root@fluxion.test', name: 'Root', status: 'active' });
    expect(String(row!.password_hash)).toMatch(/^\$argon2id\$/);
    expect(String(row!.password_hash)).not.toContain(ADMIN.password);

    const dup = await createAdmin(t.store.platform, { ...ADMIN, email: 'ROOT@fluxion.test' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(AppError);
    expect(dup).toMatchObject({ code: 'already_exists', status: 409 });
  });

  it('applies the password policy and checks the email', async () => {
    const db = t.store.platform;
    for (const password of ['short', 'password123', 'aaaaaaaaaaaa', 'helper-of-ops-01']) {
      await expect(createAdmin(db, { email: 'helper@fluxion.test', password })).rejects.toMatchObject({ code: 'validation_error' });
    }
    await expect(createAdmin(db, { email: 'not-an-email', password: ADMIN.password })).rejects.toMatchObject({ code: 'validation_error' });
    await expect(createAdmin(db, { email: 'x@fluxion.test' })).rejects.toMatchObject({ code: 'validation_error' });
    expect(await db.get('SELECT count(*) AS n FROM platform_admins')).toEqual({ n: 1 });
  });
});

describe('admin sign-in on the admin host', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
  });
  afterAll(() => t.close());

  it('signs in, sets a host-only HttpOnly cookie holding a token stored only as a hash, and audits it', async () => {
    const r = await adminLogin(t, 'ROOT@fluxion.test', ADMIN.password);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.admin).toMatchObject({ email: ADMIN.email, name: 'Root' });
    expect(Date.parse(body.expires_at) - t.clock()).toBe(t.config.sessionMaxHours * 3_600_000);
    const set = cookieFrom(r, 'fluxion_admin');
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toMatch(/Domain=/i);
    const token = set.split(';')[0]!.split('=')[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.store.platform.all('SELECT token_hash FROM platform_sessions');
    expect(stored.map((s) => s.token_hash)).toContain(sha256(token));
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    const audits = await platformAudit(t, 'admin.login');
    expect(audits.at(-1)).toMatchObject({ actor_type: 'admin', actor: ADMIN.email });
    const last = await t.store.platform.get('SELECT last_login_at FROM platform_admins WHERE email = $1', [ADMIN.email]);
    expect(last?.last_login_at).toBe(new Date(t.clock()).toISOString());
  });

  it('me answers for the signed-in admin and 401 for anyone else', async () => {
    const cookie = await signIn(t);
    const me = await admin(t, cookie, '/api/v1/admin/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().admin).toMatchObject({ email: ADMIN.email, name: 'Root' });
    expect(me.json().expires_at).toMatch(/Z$/);
    expect((await t.on(ADMIN_HOST, '/api/v1/admin/auth/me')).statusCode).toBe(401);
    expect((await admin(t, 'fluxion_admin=not-a-token', '/api/v1/admin/auth/me')).statusCode).toBe(401);
    expect((await admin(t, `fluxion_admin=${'A'.repeat(43)}`, '/api/v1/admin/auth/me')).statusCode).toBe(401);
  });

  it('a new token on every sign-in; logout ends only that session, clears the cookie and is audited', async () => {
    const a = await signIn(t);
    const b = await signIn(t);
    expect(a).not.toBe(b);
    const out = await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/logout', headers: { cookie: a } });
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    expect(cookieFrom(out, 'fluxion_admin')).toMatch(/fluxion_admin=;|Expires=Thu, 01 Jan 1970|Max-Age=0/);
    expect((await admin(t, a, '/api/v1/admin/auth/me')).statusCode).toBe(401);
    expect((await admin(t, b, '/api/v1/admin/auth/me')).statusCode).toBe(200);
    expect((await platformAudit(t, 'admin.logout')).at(-1)).toMatchObject({ actor_type: 'admin', actor: ADMIN.email });
    // Without a session, logout is a harmless no-op.
    expect((await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/logout' })).statusCode).toBe(204);
  });

  it('sessions end after the idle time and after the absolute lifetime', async () => {
    const idle = await signIn(t);
    t.clock.advance(t.config.sessionIdleMinutes * 60_000 + 1);
    expect((await admin(t, idle, '/api/v1/admin/auth/me')).statusCode).toBe(401);

    const busy = await signIn(t);
    const step = (t.config.sessionIdleMinutes - 1) * 60_000;
    const end = t.clock() + t.config.sessionMaxHours * 3_600_000;
    while (t.clock() + step < end) {
      t.clock.advance(step);
      expect((await admin(t, busy, '/api/v1/admin/auth/me')).statusCode).toBe(200);
    }
    t.clock.set(end);
    expect((await admin(t, busy, '/api/v1/admin/auth/me')).statusCode).toBe(401);
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const wrong = await adminLogin(t, ADMIN.email, 'not-the-password-at-all');
    const unknown = await adminLogin(t, 'nobody@fluxion.test', 'not-the-password-at-all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: { error: string; message: string }) => ({ error: b.error, message: b.message });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().message).toBe('Wrong email or password.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const failed = await platformAudit(t, 'admin.login_failed');
    expect(failed.map((f) => f.target_id)).toEqual(expect.arrayContaining([ADMIN.email, 'nobody@fluxion.test']));
    expect(failed.every((f) => f.actor_type === 'anonymous')).toBe(true);
    await t.store.platform.run('DELETE FROM platform_login_throttle');
  });

  it('a disabled admin cannot sign in and is told nothing more', async () => {
    await createAdmin(t.store.platform, { email: 'gone@fluxion.test', password: ADMIN.password });
    await t.store.platform.run(`UPDATE platform_admins SET status = 'disabled' WHERE email = $1`, ['gone@fluxion.test']);
    const r = await adminLogin(t, 'gone@fluxion.test', ADMIN.password);
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toBe('Wrong email or password.');
  });

  it('locks an account after 5 failures within 15 minutes, 429 with Retry-After, and unlocks 15 minutes later', async () => {
    for (let i = 1; i <= 4; i++) {
      t.clock.advance(60_000);
      expect((await adminLogin(t, ADMIN.email, `wrong-guess-number-${i}`)).statusCode).toBe(401);
    }
    const fifth = await adminLogin(t, ADMIN.email, 'wrong-guess-number-5');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.headers['retry-after']).toBe('900');
    expect(fifth.json().error).toBe('rate_limited');
    expect((await platformAudit(t, 'admin.lockout')).map((a) => a.target_id)).toContain(ADMIN.email);

    // The right password does not help while locked.
    t.clock.advance(14 * 60_000);
    const locked = await adminLogin(t, ADMIN.email, ADMIN.password);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBe(60);

    t.clock.advance(60_000);
    expect((await adminLogin(t, ADMIN.email, ADMIN.password)).statusCode).toBe(200);
  });

  it('failures spread over more than 15 minutes do not lock; an unknown email locks exactly like a real one', async () => {
    for (let i = 0; i < 4; i++) expect((await adminLogin(t, ADMIN.email, `spread-guess-${i}`)).statusCode).toBe(401);
    t.clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i++) expect((await adminLogin(t, ADMIN.email, `spread-guess-b-${i}`)).statusCode).toBe(401);
    expect((await adminLogin(t, ADMIN.email, ADMIN.password)).statusCode).toBe(200);

    const ghost = 'ghost@fluxion.test';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await adminLogin(t, ghost, `ghost-guess-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    t.clock.advance(15 * 60_000);
  });

  it('limits sign-in attempts per IP address', async () => {
    const from = { remoteAddress: '10.66.0.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await adminLogin(t, 'flood@fluxion.test', `flood-guess-${i}`, from)).statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    const over = await adminLogin(t, ADMIN.email, ADMIN.password, from);
    expect(over.statusCode).toBe(429);
    expect(over.json().message).toMatch(/from this address/);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await adminLogin(t, ADMIN.email, ADMIN.password, { remoteAddress: '10.66.0.8' })).statusCode).toBe(200);
    t.clock.advance(5 * 60_000);
    expect((await adminLogin(t, ADMIN.email, ADMIN.password, from)).statusCode).toBe(200);
  });

  it('refuses a cross-site sign-in and bad bodies', async () => {
    const cross = await adminLogin(t, ADMIN.email, ADMIN.password, { headers: { origin: 'https://evil.example' } });
    expect(cross.statusCode).toBe(403);
    const site = await adminLogin(t, ADMIN.email, ADMIN.password, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(site.statusCode).toBe(403);
    const bad = [{ email: ADMIN.email }, { email: ADMIN.email, password: ADMIN.password, extra: 1 }, { email: 'no-at-sign', password: 'x' }, {}];
    for (const payload of bad) {
      const r = await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/login', payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    for (const m of METACHARS) {
      const r = await adminLogin(t, `${m}@fluxion.test`, m);
      expect([400, 401]).toContain(r.statusCode);
    }
    expect(await t.store.platform.get('SELECT count(*) AS n FROM tenants')).toEqual({ n: 3 });
    await t.store.platform.run('DELETE FROM platform_login_throttle');
  });
});

describe('the admin host and tenant hosts do not mix', () => {
  let t: TestApp;
  let adminCookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
    adminCookie = await signIn(t);
  });
  afterAll(() => t.close());

  const CONSOLE = ['/api/v1/admin/auth/me', '/api/v1/admin/tenants', '/api/v1/admin/audit'];

  it('tenant API keys and sessions are useless on the admin host (401)', async () => {
    for (const tenant of ['granja', 'cliente2']) {
      const session = await t.login(tenant, 'owner');
      const sessionToken = session.split('=')[1]!;
      for (const url of CONSOLE) {
        for (const headers of [
          { authorization: `Bearer ${t.keys[tenant]!.owner}` },
          { cookie: session },
          { cookie: `fluxion_admin=${sessionToken}` },
          { 'x-tenant-id': tenant, authorization: `Bearer ${t.keys[tenant]!.owner}` },
        ]) {
          const r = await t.on(ADMIN_HOST, { method: 'GET', url, headers });
          expect([401, 400], `${url} ${JSON.stringify(headers)}`).toContain(r.statusCode);
          expect(r.body).not.toContain('granja');
        }
      }
      // Tenant credentials do not sign in as an admin either.
      expect((await adminLogin(t, `owner@${tenant}.test`, 'correct-horse-battery-staple-42')).statusCode).toBe(401);
      const imp = await t.on(ADMIN_HOST, {
        method: 'POST',
        url: `/api/v1/admin/tenants/${tenant}/impersonate`,
        headers: { cookie: session },
        payload: { reason: 'trying to get in without being an admin' },
      });
      expect(imp.statusCode).toBe(401);
    }
    await t.store.platform.run('DELETE FROM platform_login_throttle');
  });

  it('admin routes do not exist on tenant hosts, the api host or the apex (404)', async () => {
    for (const url of CONSOLE) {
      for (const [host, headers] of [
        ['granja.localhost', {}],
        ['cliente2.localhost', {}],
        ['api.localhost', { 'x-tenant-id': 'granja' }],
        ['localhost', {}],
      ] as const) {
        const r = await t.on(host, { method: 'GET', url, headers: { cookie: adminCookie, ...headers } });
        expect(r.statusCode, `${host}${url}`).toBe(404);
      }
    }
    const login = await t.on('granja', { method: 'POST', url: '/api/v1/admin/auth/login', payload: { email: ADMIN.email, password: ADMIN.password } });
    expect(login.statusCode).toBe(404);
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('an admin session is not a tenant principal: 401 on tenant hosts', async () => {
    const token = adminCookie.split('=')[1]!;
    for (const tenant of ['granja', 'cliente2']) {
      for (const cookie of [adminCookie, `fluxion_session=${token}`]) {
        for (const url of ['/api/v1/auth/me', '/api/v1/inventory', '/api/v1/products']) {
          const r = await t.on(tenant, { method: 'GET', url, headers: { cookie } });
          expect(r.statusCode, `${tenant} ${url} ${cookie.slice(0, 14)}`).toBe(401);
        }
        const w = await t.on(tenant, { method: 'POST', url: '/api/v1/inventory/adjustments', headers: { cookie }, payload: { store_id: '00000000-0000-4000-8110-000000000001', product_id: '00000000-0000-4000-8130-000000000001', delta: 1, reason: 'count' } });
        expect(w.statusCode).toBe(401);
      }
    }
    expect((await admin(t, adminCookie, '/api/v1/admin/auth/me')).statusCode).toBe(200);
  });
});

describe('GET /api/v1/admin/tenants', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
    cookie = await signIn(t);
  });
  afterAll(() => t.close());

  it('lists every tenant with status, plan, creation date and user count', async () => {
    const r = await admin(t, cookie, '/api/v1/admin/tenants');
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(['cliente2', 'dormida', 'granja']);
    expect(page.items).toEqual([
      expect.objectContaining({ id: 'cliente2', name: 'Cliente 2 S.A.', status: 'active', plan: 'standard', user_count: 4, allow_impersonation: true }),
      expect.objectContaining({ id: 'dormida', status: 'suspended', plan: 'free', user_count: 0 }),
      expect.objectContaining({ id: 'granja', name: 'La Granja Mercado', status: 'active', plan: 'premium', user_count: 4 }),
    ]);
    for (const i of page.items) expect(i.created_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('paginates, and says the total past the last page', async () => {
    const p = (await admin(t, cookie, '/api/v1/admin/tenants?limit=1&offset=1')).json();
    expect(p).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(p.items.map((i: { id: string }) => i.id)).toEqual(['dormida']);
    const past = (await admin(t, cookie, '/api/v1/admin/tenants?offset=10')).json();
    expect(past).toMatchObject({ items: [], total: 3 });
  });

  it('refuses bad query strings and anonymous callers', async () => {
    for (const qs of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc', 'sort=id', `q=${encodeURIComponent("' OR 1=1 --")}`]) {
      expect((await admin(t, cookie, `/api/v1/admin/tenants?${qs}`)).statusCode, qs).toBe(400);
    }
    expect((await t.on(ADMIN_HOST, '/api/v1/admin/tenants')).statusCode).toBe(401);
  });
});

describe('GET /api/v1/admin/audit', () => {
  let t: TestApp;
  let cookie: string;
  let t0: number;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
    t0 = t.clock();
    cookie = await signIn(t); // platform: admin.login at t0
    t.clock.advance(60_000);
    await t.login('granja', 'owner'); // granja: auth.login at t0+1m
    t.clock.advance(60_000);
    await t.login('cliente2', 'viewer'); // cliente2: auth.login at t0+2m
    t.clock.advance(60_000);
    await t.on('granja', { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: 'owner@granja.test', password: 'wrong-password-here' } }); // granja: auth.login_failed at t0+3m
    t.clock.advance(60_000);
  });
  afterAll(() => t.close());

  type Entry = { trail: string; tenant: string | null; action: string; occurred_at: string; actor: string };
  const audit = async (qs = '') => {
    const r = await admin(t, cookie, `/api/v1/admin/audit${qs}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { items: Entry[]; total: number; limit: number; offset: number };
  };
  const brief = (e: Entry) => `${e.trail}:${e.tenant ?? '-'}:${e.action}`;

  it('merges every tenant\'s trail with the platform\'s own, newest first', async () => {
    const page = await audit();
    expect(page.items.map(brief)).toEqual([
      'tenant:granja:auth.login_failed',
      'tenant:cliente2:auth.login',
      'tenant:granja:auth.login',
      'platform:-:admin.login',
    ]);
    expect(page.total).toBe(4);
    expect(page.items[0]).toMatchObject({ actor: 'owner@granja.test', actor_type: 'anonymous', ip: expect.any(String) });
    expect(page.items[1]).toMatchObject({ actor: 'viewer@cliente2.test', actor_type: 'user' });
    expect(page.items.at(-1)).toMatchObject({ actor: ADMIN.email, actor_type: 'admin' });
    const times = page.items.map((i) => Date.parse(i.occurred_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by tenant, trail, action prefix and time', async () => {
    expect((await audit('?tenant_id=granja')).items.map(brief)).toEqual(['tenant:granja:auth.login_failed', 'tenant:granja:auth.login']);
    expect((await audit('?tenant_id=cliente2')).items.map(brief)).toEqual(['tenant:cliente2:auth.login']);
    expect((await audit('?tenant_id=nobody')).items).toEqual([]);
    expect((await audit('?trail=platform')).items.map(brief)).toEqual(['platform:-:admin.login']);
    expect((await audit('?trail=tenant')).total).toBe(3);
    expect((await audit('?action=auth.')).items.map(brief)).toEqual([
      'tenant:granja:auth.login_failed',
      'tenant:cliente2:auth.login',
      'tenant:granja:auth.login',
    ]);
    expect((await audit('?action=auth.login_')).items.map(brief)).toEqual(['tenant:granja:auth.login_failed']);
    expect((await audit('?action=admin')).items.map(brief)).toEqual(['platform:-:admin.login']);
    expect((await audit('?action=auth&tenant_id=cliente2')).total).toBe(1);

    const at = (m: number) => encodeURIComponent(new Date(t0 + m * 60_000).toISOString());
    expect((await audit(`?from=${at(1)}&to=${at(2)}`)).items.map(brief)).toEqual(['tenant:cliente2:auth.login', 'tenant:granja:auth.login']);
    expect((await audit(`?from=${at(2)}`)).total).toBe(2);
    expect((await audit(`?to=${at(0)}`)).items.map(brief)).toEqual(['platform:-:admin.login']);
    const day = new Date(t0).toISOString().slice(0, 10);
    const dayAfter = new Date(t0 + 86_400_000).toISOString().slice(0, 10);
    const dayBefore = new Date(t0 - 86_400_000).toISOString().slice(0, 10);
    // A date means the whole UTC day (t0+4m may fall on the next day near midnight: count both).
    const sameDay = (await audit(`?from=${day}&to=${day}`)).total + (await audit(`?from=${dayAfter}&to=${dayAfter}`)).total;
    expect(sameDay).toBe(4);
    expect((await audit(`?to=${dayBefore}`)).total).toBe(0);
  });

  it('paginates with a stable order', async () => {
    const all = (await audit()).items.map(brief);
    const pages: string[] = [];
    for (let offset = 0; offset < 4; offset++) {
      const p = await audit(`?limit=1&offset=${offset}`);
      expect(p).toMatchObject({ total: 4, limit: 1, offset });
      pages.push(...p.items.map(brief));
    }
    expect(pages).toEqual(all);
    expect(await audit('?offset=50')).toMatchObject({ items: [], total: 4 });
  });

  it('refuses bad filters with 400 and leaves data intact', async () => {
    const bad = [
      'from=yesterday',
      'to=2026-13-01',
      'from=2026-11-28&to=2026-11-27',
      'tenant_id=GRANJA!',
      'trail=both',
      'action=',
      `action=${'a'.repeat(65)}`,
      'limit=0',
      'unknown=1',
      ...METACHARS.map((m) => `tenant_id=${encodeURIComponent(m)}`),
    ];
    for (const qs of bad) expect((await admin(t, cookie, `/api/v1/admin/audit?${qs}`)).statusCode, qs).toBe(400);
    // An action prefix is literal: '_' and '%' are not wildcards.
    for (const m of METACHARS) {
      const r = await admin(t, cookie, `/api/v1/admin/audit?action=${encodeURIComponent(m)}`);
      if (r.statusCode === 200) expect(r.json().items, m).toEqual([]);
      else expect(r.statusCode, m).toBe(400);
    }
    expect((await audit('?action=auth_')).items).toEqual([]);
    expect((await audit()).total).toBe(4);
    expect((await t.on(ADMIN_HOST, '/api/v1/admin/audit')).statusCode).toBe(401);
  });
});
