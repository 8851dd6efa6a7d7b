/**
 * The platform console's tenant endpoints: the live dashboard and a tenant's overview (figures
 * checked against requests made here), onboarding (validation, all-or-nothing, branding served at
 * once, the owner's invitation works), and the lifecycle (suspend, reactivate, plan and features).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import { TINY_JPEG, TINY_PNG } from '../support/images.js';
import { computeStorage } from '../../src/server/features/console/storage.js';

const ADMIN_HOST = 'admin.localhost';
const ADMIN = { email: 'console@fluxion.test', name: 'Console', password: 'keeper-of-tenants-2026!' };
const T0 = Date.parse('2026-11-27T12:00:30Z');

async function signIn(t: TestApp): Promise<string> {
  const r = await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/login', payload: { email: ADMIN.email, password: ADMIN.password } });
  expect(r.statusCode, r.body).toBe(200);
  const set = r.headers['set-cookie'];
  return (Array.isArray(set) ? set : [String(set)]).find((c) => c.startsWith('fluxion_admin='))!.split(';')[0]!;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function consoleApi(t: TestApp, cookie: string) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.on(ADMIN_HOST, { method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Json }) });
}

async function dashboardRow(api: ReturnType<typeof consoleApi>, id: string): Promise<Json> {
  const r = await api('GET', '/api/v1/admin/dashboard');
  expect(r.statusCode, r.body).toBe(200);
  const row = (r.json().tenants as Json[]).find((x) => x.id === id);
  expect(row, `${id} on the dashboard`).toBeDefined();
  return row!;
}

describe('dashboard and overview figures', () => {
  let t: TestApp;
  let api: ReturnType<typeof consoleApi>;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(T0);
    await createAdmin(t.store.platform, ADMIN);
    api = consoleApi(t, await signIn(t));
  });
  afterAll(() => t.close());

  it('counts each tenant\'s requests per minute over 1, 5 and 15 minutes, its 4xx share and p95', async () => {
    for (let i = 0; i < 4; i++) expect((await t.on('granja', '/api/v1/products?limit=5')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await t.on('granja', '/api/v1/products/00000000-0000-4000-8999-000000000999')).statusCode).toBe(404);
    expect((await t.on('cliente2', '/api/v1/stores')).statusCode).toBe(200);

    // 12:00:30: the window of "last minute" is 11:59:00 → now, 1.5 minutes.
    const g = await dashboardRow(api, 'granja');
    expect(g.requests_per_minute).toEqual({ m1: 4, m5: Math.round((6 / 5.5) * 100) / 100, m15: Math.round((6 / 15.5) * 100) / 100 });
    expect(g.client_error_rate).toBeCloseTo(2 / 6, 4);
    expect(g.error_rate).toBe(0);
    expect(g.p95_ms).toBeGreaterThan(0);
    expect(g.last_activity_at).toBe(new Date(T0).toISOString());
    const c = await dashboardRow(api, 'cliente2');
    expect(c.requests_per_minute.m1).toBeCloseTo(1 / 1.5, 2);
    expect(c.client_error_rate).toBe(0);

    // Two minutes later the first requests have left the one-minute window but not the others.
    t.clock.advance(120_000);
    for (let i = 0; i < 3; i++) await t.on('granja', '/api/v1/stores');
    const later = await dashboardRow(api, 'granja');
    expect(later.requests_per_minute).toEqual({ m1: 2, m5: Math.round((9 / 5.5) * 100) / 100, m15: Math.round((9 / 15.5) * 100) / 100 });
    expect(later.client_error_rate).toBeCloseTo(2 / 9, 4);
  });

  it('lists every tenant with status, plan, users, creation date; console requests are not counted as a tenant\'s', async () => {
    const r = await api('GET', '/api/v1/admin/dashboard');
    const body = r.json();
    expect(body.total_tenants).toBe(body.tenants.length);
    expect(body.active_tenants).toBe((body.tenants as Json[]).filter((x) => x.status === 'active').length);
    const g = (body.tenants as Json[]).find((x) => x.id === 'granja')!;
    const users = await t.store.platform.get('SELECT count(*) AS n FROM users WHERE tenant_id = $1', ['granja']);
    expect(g).toMatchObject({ name: expect.any(String), status: 'active', plan: expect.any(String), user_count: Number(users!.n), url: 'http://granja.localhost' });
    const rows = await t.store.platform.all("SELECT DISTINCT tenant_id FROM request_stats WHERE route LIKE '/api/v1/admin/%'");
    expect(rows).toEqual([]);
  });

  it('storage: the bytes of each tenant\'s values, computed in the background, grows with its data', async () => {
    let g = await dashboardRow(api, 'granja');
    if (g.storage_bytes === null) {
      // The first read started the computation; the next one after it finished carries the figures.
      await computeStorage(t.store);
      for (let i = 0; i < 100 && g.storage_bytes === null; i++) g = await dashboardRow(api, 'granja');
    }
    const before = await computeStorage(t.store);
    expect(before.get('granja')).toBeGreaterThan(0);
    expect(before.get('cliente2')).toBeGreaterThan(0);
    expect(g.storage_bytes).toBe(before.get('granja'));
    const note = 'x'.repeat(250);
    await t.store.forTenant('cliente2').run("UPDATE productos SET name = $2 WHERE tenant_id = $1 AND sku = (SELECT min(sku) FROM productos WHERE tenant_id = $1)", [note]);
    const after = await computeStorage(t.store);
    expect(after.get('cliente2')! - before.get('cliente2')!).toBeGreaterThan(200);
    expect(after.get('granja')).toBe(before.get('granja'));
  });

  it('overview: per endpoint, status classes, 24 hourly buckets and recent audit events', async () => {
    const r = await api('GET', '/api/v1/admin/tenants/granja/overview');
    expect(r.statusCode, r.body).toBe(200);
    const o = r.json();
    expect(o.tenant).toMatchObject({ id: 'granja', status: 'active', url: 'http://granja.localhost' });
    expect(o.totals_24h).toMatchObject({ requests: 9, status_2xx: 7, status_4xx: 2, status_5xx: 0 });
    const byRoute = Object.fromEntries((o.endpoints as Json[]).map((e) => [`${e.method} ${e.route}`, e]));
    expect(byRoute['GET /api/v1/products']).toMatchObject({ requests: 4, errors_4xx: 0 });
    expect(byRoute['GET /api/v1/products/:id']).toMatchObject({ requests: 2, errors_4xx: 2 });
    expect(byRoute['GET /api/v1/stores']).toMatchObject({ requests: 3 });
    expect(o.hourly).toHaveLength(24);
    expect(o.hourly.at(-1)).toMatchObject({ start: '2026-11-27T12:00:00.000Z', requests: 9, errors_4xx: 2 });
    expect((o.hourly as Json[]).slice(0, 23).every((h) => h.requests === 0)).toBe(true);
    expect(Array.isArray(o.audit)).toBe(true);
    for (const e of o.audit as Json[]) expect(e.tenant).toBe('granja');
  });

  it('an unknown tenant is a 404', async () => {
    expect((await api('GET', '/api/v1/admin/tenants/nadie/overview')).json()).toMatchObject({ error: 'tenant_not_found' });
  });
});

describe('console access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
  });
  afterAll(() => t.close());

  it('refuses anonymous callers, tenant users and tenant API keys', async () => {
    const cookie = await t.login('granja', 'owner');
    for (const url of ['/api/v1/admin/dashboard', '/api/v1/admin/tenants/granja/overview']) {
      expect((await t.on(ADMIN_HOST, url)).statusCode).toBe(401);
      expect((await t.on(ADMIN_HOST, { method: 'GET', url, headers: { cookie } })).statusCode).toBe(401);
      expect((await t.on(ADMIN_HOST, { method: 'GET', url, headers: { authorization: `Bearer ${t.keys.granja!.owner}` } })).statusCode).toBe(401);
      // On a tenant's host the console does not exist.
      expect((await t.on('granja', { method: 'GET', url, headers: { cookie } })).statusCode).toBe(404);
    }
    const create = await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/tenants', headers: { cookie }, payload: { id: 'intrusa', name: 'X', owner: { email: 'a@b.co' } } });
    expect(create.statusCode).toBe(401);
    expect(await t.store.platform.get("SELECT id FROM tenants WHERE id = 'intrusa'")).toBeUndefined();
  });
});

describe('onboarding', () => {
  let t: TestApp;
  let api: ReturnType<typeof consoleApi>;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
    api = consoleApi(t, await signIn(t));
  });
  afterAll(() => t.close());

  const valid = (id: string, extra: Json = {}) => ({
    id,
    name: 'Bodega Nueva C.A.',
    plan: 'premium',
    settings: { currency: 'VES', timezone: 'America/Caracas', locale: 'es-VE', features: ['inventory', 'sales', 'forecasting'], primaryColor: '#0ea5e9', secondaryColor: '#0369a1' },
    owner: { email: `Duena@${id}.test`, name: 'Dueña' },
    logo: { content_type: 'image/png', data_base64: TINY_PNG.toString('base64') },
    ...extra,
  });

  async function nothingStored(id: string) {
    expect(await t.store.platform.get('SELECT id FROM tenants WHERE id = $1', [id])).toBeUndefined();
    for (const table of ['invites', 'tenant_assets', 'audit_log']) {
      expect(await t.store.platform.get(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [id])).toEqual({ n: 0 });
    }
  }

  it('creates the tenant with settings, logo and an owner invitation; the sub-domain is branded at once', async () => {
    // Asked for before it exists: "unknown" is cached, and onboarding must clear it.
    expect((await t.on('bodega', { method: 'GET', url: '/api/v1/tenant', as: 'anonymous' })).statusCode).toBe(404);
    const r = await api('POST', '/api/v1/admin/tenants', valid('bodega'));
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.url).toBe('http://bodega.localhost');
    expect(body.tenant).toMatchObject({ id: 'bodega', name: 'Bodega Nueva C.A.', plan: 'premium', status: 'active' });
    expect(body.tenant.settings).toMatchObject({ currency: 'VES', timezone: 'America/Caracas', primaryColor: '#0ea5e9', logoUrl: expect.stringMatching(/^\/api\/v1\/tenant\/logo\?v=/) });
    expect(body.invite).toMatchObject({ email: 'duena@bodega.test', url: expect.stringMatching(/^http:\/\/bodega\.localhost:3000\/invite#[A-Za-z0-9_-]{43}$/) });

    const branding = await t.on('bodega', { method: 'GET', url: '/api/v1/tenant', as: 'anonymous' });
    expect(branding.statusCode).toBe(200);
    expect(branding.json()).toMatchObject({ name: 'Bodega Nueva C.A.', primaryColor: '#0ea5e9', currency: 'VES', locale: 'es-VE' });
    const logo = await t.on('bodega', { method: 'GET', url: '/api/v1/tenant/logo', as: 'anonymous' });
    expect(logo.statusCode).toBe(200);
    expect(logo.rawPayload.equals(TINY_PNG)).toBe(true);
    const page = await t.on('bodega', { method: 'GET', url: '/', as: 'anonymous' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bodega Nueva C.A.');
    expect(page.body).toContain('#0ea5e9');

    // The owner accepts the invitation and is the tenant's owner.
    const token = String(body.invite.url).split('#')[1];
    const accepted = await t.on('bodega', { method: 'POST', url: '/api/v1/auth/invites/accept', as: 'anonymous', payload: { token, password: 'panaderia-del-centro-2026' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await t.store.platform.get('SELECT email, role FROM users WHERE tenant_id = $1', ['bodega'])).toEqual({ email: 'duena@bodega.test', role: 'owner' });

    const trail = await t.store.platform.all("SELECT action, actor FROM audit_log WHERE tenant_id = 'bodega' ORDER BY occurred_at, action");
    expect(trail.map((x) => x.action)).toEqual(expect.arrayContaining(['tenant.created', 'invite.created']));
    expect(trail.find((x) => x.action === 'tenant.created')!.actor).toBe(ADMIN.email);
    expect(await t.store.platform.get("SELECT actor, action FROM platform_audit_log WHERE subject_tenant = 'bodega'")).toEqual({ actor: ADMIN.email, action: 'tenant.onboarded' });
  });

  it('takes the defaults when only id, name and owner are given, and a JPEG logo', async () => {
    const r = await api('POST', '/api/v1/admin/tenants', { id: 'kiosko-24', name: 'Kiosko 24', owner: { email: 'o@kiosko.test' }, logo: { content_type: 'image/jpeg', data_base64: TINY_JPEG.toString('base64') } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().tenant).toMatchObject({ plan: 'standard', settings: { currency: 'USD', features: ['inventory', 'sales'] } });
  });

  it.each([
    ['upper case', 'Bodega2', 'invalid_tenant_id'],
    ['a dot', 'bodega.dos', 'invalid_tenant_id'],
    ['a leading hyphen', '-bodega', 'invalid_tenant_id'],
    ['a trailing hyphen', 'bodega-', 'invalid_tenant_id'],
    ['64 characters', 'a'.repeat(64), 'invalid_tenant_id'],
    ['empty', '', 'invalid_tenant_id'],
    ['a script', '<script>', 'invalid_tenant_id'],
    ['reserved: admin', 'admin', 'invalid_tenant_id'],
    ['reserved: api', 'api', 'invalid_tenant_id'],
    ['reserved: www', 'www', 'invalid_tenant_id'],
  ])('refuses an id with %s (400) and stores nothing', async (_what, id, error) => {
    const r = await api('POST', '/api/v1/admin/tenants', valid(id));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ error, message: expect.any(String) });
    if (id) await nothingStored(id);
  });

  it('refuses a taken id with 409 and leaves the existing tenant as it was', async () => {
    const before = await t.store.platform.get("SELECT name, plan, settings FROM tenants WHERE id = 'granja'");
    const r = await api('POST', '/api/v1/admin/tenants', valid('granja'));
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ error: 'already_exists', message: expect.stringContaining('granja') });
    expect(await t.store.platform.get("SELECT name, plan, settings FROM tenants WHERE id = 'granja'")).toEqual(before);
  });

  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>');
  it.each([
    ['an SVG logo', { content_type: 'image/svg+xml', data_base64: svg.toString('base64') }, 415, 'unsupported_media_type'],
    ['SVG bytes sent as PNG', { content_type: 'image/png', data_base64: svg.toString('base64') }, 400, 'validation_error'],
    ['a GIF', { content_type: 'image/gif', data_base64: Buffer.from('GIF89a....').toString('base64') }, 415, 'unsupported_media_type'],
    ['text sent as JPEG', { content_type: 'image/jpeg', data_base64: Buffer.from('hello').toString('base64') }, 400, 'validation_error'],
    ['a logo over 512 KB', { content_type: 'image/png', data_base64: Buffer.concat([TINY_PNG, Buffer.alloc(512 * 1024)]).toString('base64') }, 413, 'payload_too_large'],
    ['text that is not base64', { content_type: 'image/png', data_base64: 'not base64 at all!!' }, 400, 'validation_error'],
  ])('refuses %s and stores nothing', async (_what, logo, status, error) => {
    const r = await api('POST', '/api/v1/admin/tenants', valid('con-logo', { logo }));
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json()).toMatchObject({ error });
    await nothingStored('con-logo');
  });

  it.each([
    ['a bad owner email', { owner: { email: 'not-an-email' } }, 'email'],
    ['a bad colour', { settings: { primaryColor: 'red' } }, 'primaryColor'],
    ['an unknown time zone', { settings: { timezone: 'Mars/Olympus' } }, 'timezone'],
    ['an unknown feature', { settings: { features: ['teleport'] } }, 'features'],
    ['an unknown plan', { plan: 'gold' }, 'plan'],
    ['an empty name', { name: '   ' }, 'name'],
    ['no owner', { owner: undefined }, 'owner'],
  ])('refuses %s with a 400 naming it, all or nothing', async (_what, extra, word) => {
    const r = await api('POST', '/api/v1/admin/tenants', valid('a-medias', extra));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().message).toContain(word);
    await nothingStored('a-medias');
  });
});

describe('lifecycle', () => {
  let t: TestApp;
  let api: ReturnType<typeof consoleApi>;
  beforeAll(async () => {
    t = await createTestApp();
    await createAdmin(t.store.platform, ADMIN);
    api = consoleApi(t, await signIn(t));
  });
  afterAll(() => t.close());

  it('suspend: users see the suspended state, the API answers 403; reactivate restores both', async () => {
    const s = await api('POST', '/api/v1/admin/tenants/cliente2/suspend');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ changed: true, tenant: { id: 'cliente2', status: 'suspended' } });
    expect((await api('POST', '/api/v1/admin/tenants/cliente2/suspend')).json().changed).toBe(false);

    const branding = await t.on('cliente2', { method: 'GET', url: '/api/v1/tenant', as: 'anonymous' });
    expect(branding.json()).toMatchObject({ status: 'suspended', name: expect.any(String) });
    const api403 = await t.on('cliente2', '/api/v1/products');
    expect(api403.statusCode).toBe(403);
    expect(api403.json()).toMatchObject({ error: 'tenant_suspended' });
    // The page is still served, branded, so the app can say the account is suspended.
    expect((await t.on('cliente2', { method: 'GET', url: '/', as: 'anonymous' })).statusCode).toBe(200);
    // Other tenants are untouched.
    expect((await t.on('granja', '/api/v1/products?limit=1')).statusCode).toBe(200);

    const a = await api('POST', '/api/v1/admin/tenants/cliente2/activate');
    expect(a.json()).toMatchObject({ changed: true, tenant: { status: 'active' } });
    expect((await t.on('cliente2', '/api/v1/products?limit=1')).statusCode).toBe(200);
    const events = await t.store.platform.all("SELECT action FROM platform_audit_log WHERE subject_tenant = 'cliente2' ORDER BY occurred_at");
    expect(events.map((e) => e.action)).toEqual(['tenant.suspended', 'tenant.activated']);
  });

  it('plan and features change at once; the API follows the features', async () => {
    const before = await t.on('granja', '/api/v1/forecast');
    expect(before.statusCode).not.toBe(403);
    const r = await api('PATCH', '/api/v1/admin/tenants/granja', { plan: 'free', settings: { features: ['inventory', 'sales'] } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ plan: 'free', settings: { features: ['inventory', 'sales'] } });
    const after = await t.on('granja', '/api/v1/forecast');
    expect(after.statusCode).toBe(403);
    expect(after.json()).toMatchObject({ error: 'feature_disabled' });
    const event = await t.store.platform.get("SELECT details FROM platform_audit_log WHERE subject_tenant = 'granja' AND action = 'tenant.updated'");
    expect(event!.details).toMatchObject({ plan: { to: 'free' }, settings: { features: ['inventory', 'sales'] } });
  });

  it('refuses bad changes with 400 and changes nothing', async () => {
    const before = await t.store.platform.get("SELECT name, plan, settings FROM tenants WHERE id = 'cliente2'");
    for (const body of [{}, { plan: 'gold' }, { settings: { primaryColor: '#12' } }, { settings: { nope: true } }, { name: '' }]) {
      const r = await api('PATCH', '/api/v1/admin/tenants/cliente2', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    expect(await t.store.platform.get("SELECT name, plan, settings FROM tenants WHERE id = 'cliente2'")).toEqual(before);
    expect((await api('POST', '/api/v1/admin/tenants/nadie/suspend')).statusCode).toBe(404);
  });
});

describe('several server processes', () => {
  it('the dashboard adds up the requests every process served (each writes its own rows)', async () => {
    const a = await createTestApp();
    const b = await createTestApp({ fixtures: false, store: a.store });
    try {
      a.clock.set(T0);
      b.clock.set(T0);
      await createAdmin(a.store.platform, ADMIN);
      const auth = { authorization: `Bearer ${a.keys.granja!.owner}` };
      for (let i = 0; i < 3; i++) expect((await a.on('granja', '/api/v1/stores')).statusCode).toBe(200);
      for (let i = 0; i < 5; i++) expect((await b.on('granja', { method: 'GET', url: '/api/v1/stores', headers: auth })).statusCode).toBe(200);
      await b.requestStats?.flush();
      const viaA = await dashboardRow(consoleApi(a, await signIn(a)), 'granja');
      expect(viaA.requests_per_minute.m1).toBeCloseTo(8 / 1.5, 2);
      const processes = await a.store.platform.all("SELECT DISTINCT process_id FROM request_stats WHERE tenant_id = 'granja'");
      expect(processes).toHaveLength(2);
    } finally {
      await b.app.close();
      await a.close();
    }
  });
});
