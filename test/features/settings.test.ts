import type { FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { findUserById } from '../../src/server/features/auth/repository.js';
import { issueSession } from '../../src/server/features/auth/service.js';

const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];

type Host = 'granja' | 'cliente2';

describe('tenant settings', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const patch = (host: Host, payload: unknown, extra: { as?: As; headers?: Record<string, string> } = {}) =>
    t.on(host, { method: 'PATCH', url: '/api/v1/tenant/settings', payload: payload as Record<string, unknown>, ...extra });

  /** The tenant row as stored, around the API and its cache. */
  async function stored(id: string) {
    const row = await t.store.platform.get('SELECT name, settings FROM tenants WHERE id = $1', [id]);
    const settings = typeof row?.settings === 'string' ? JSON.parse(row.settings) : row?.settings;
    return { name: row?.name, settings: settings as Record<string, unknown> };
  }

  async function changes(tenant: string) {
    return t.store.platform.all("SELECT actor, target_id, details FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.settings_changed'", [tenant]);
  }

  it('shows owners every setting, impersonation policy included', async () => {
    const r = await t.on('granja', '/api/v1/tenant/settings');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      id: 'granja',
      name: 'La Granja Mercado',
      currency: 'VES',
      timezone: 'America/Caracas',
      locale: 'es-VE',
      features: ['inventory', 'sales', 'ai-insights', 'forecasting'],
      primaryColor: '#10b981',
      secondaryColor: '#059669',
      logoUrl: null,
      showVenezuelanTaxes: true,
      allowImpersonation: true,
    });
    expect((await t.on('cliente2', '/api/v1/tenant/settings')).json()).toMatchObject({ id: 'cliente2', currency: 'USD', allowImpersonation: true });
  });

  it('lets only owners read and change settings; others change nothing', async () => {
    const before = await stored('granja');
    for (const host of ['granja', 'cliente2'] as const) {
      for (const as of ['viewer', 'staff', 'manager', 'anonymous'] as As[]) {
        const want = as === 'anonymous' ? 401 : 403;
        const got = [
          (await t.on(host, { method: 'GET', url: '/api/v1/tenant/settings', as })).statusCode,
          (await patch(host, { primaryColor: '#000000', allowImpersonation: false }, { as })).statusCode,
        ];
        expect({ host, as, got }).toEqual({ host, as, got: [want, want] });
      }
    }
    expect(await stored('granja')).toEqual(before);
    expect(await changes('granja')).toEqual([]);
  });

  it('another tenant\'s owner cannot reach these settings (404), and nothing changes', async () => {
    const before = await stored('cliente2');
    const key = t.keys.granja!.owner;
    const viaHost = await patch('cliente2', { name: 'Owned' }, { headers: { authorization: `Bearer ${key}` } });
    expect(viaHost.statusCode).toBe(404);
    const viaHeader = await t.on('api.localhost', {
      method: 'PATCH',
      url: '/api/v1/tenant/settings',
      headers: { 'x-tenant-id': 'cliente2', authorization: `Bearer ${key}` },
      payload: { allowImpersonation: false },
    });
    expect(viaHeader.statusCode).toBe(404);
    const cookie = await t.login('granja', 'owner');
    expect((await patch('cliente2', { name: 'Owned' }, { headers: { cookie } })).statusCode).toBe(404);
    expect((await t.on('cliente2', { method: 'GET', url: '/api/v1/tenant/settings', headers: { cookie } })).statusCode).toBe(404);
    expect(await stored('cliente2')).toEqual(before);
  });

  it('an owner changes branding, locale, zone and policies; the public branding shows it on the next request', async () => {
    // Warm the registry cache first: the change must not wait for its TTL.
    expect((await t.on('granja', '/api/v1/tenant')).json().primaryColor).toBe('#10b981');
    const r = await patch('granja', {
      name: '  La Granja Mercado C.A. ',
      primaryColor: '#22C55E',
      secondaryColor: '#15803d',
      locale: 'es',
      timezone: 'america/bogota',
      showVenezuelanTaxes: false,
      allowImpersonation: false,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      id: 'granja',
      name: 'La Granja Mercado C.A.',
      primaryColor: '#22c55e',
      secondaryColor: '#15803d',
      locale: 'es',
      timezone: 'America/Bogota',
      showVenezuelanTaxes: false,
      allowImpersonation: false,
      currency: 'VES',
      features: ['inventory', 'sales', 'ai-insights', 'forecasting'],
    });
    const branding = (await t.on('granja', { method: 'GET', url: '/api/v1/tenant', as: 'anonymous' })).json();
    expect(branding).toMatchObject({ name: 'La Granja Mercado C.A.', primaryColor: '#22c55e', timezone: 'America/Bogota', locale: 'es', showVenezuelanTaxes: false });
    expect(branding).not.toHaveProperty('allowImpersonation');
    expect((await stored('granja')).settings).toMatchObject({ allowImpersonation: false, timezone: 'America/Bogota' });
    // cliente2 is untouched.
    expect((await t.on('cliente2', '/api/v1/tenant')).json()).toMatchObject({ name: 'Cliente 2 S.A.', primaryColor: '#3b82f6' });

    const audit = await changes('granja');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'apikey:test owner', target_id: 'granja' });
    const details = audit[0]!.details as { changed: string[]; changes: Record<string, unknown> };
    expect([...details.changed].sort()).toEqual(['allowImpersonation', 'locale', 'name', 'primaryColor', 'secondaryColor', 'showVenezuelanTaxes', 'timezone']);
    expect(details.changes.allowImpersonation).toEqual({ from: true, to: false });
    expect(details.changes.timezone).toEqual({ from: 'America/Caracas', to: 'America/Bogota' });
  });

  it('audits only what changed, and nothing when nothing did', async () => {
    expect((await patch('granja', { primaryColor: '#10B981', locale: 'es-VE' })).statusCode).toBe(200);
    expect(await changes('granja')).toEqual([]);
    expect((await patch('granja', { primaryColor: '#10b981', secondaryColor: '#000000' })).statusCode).toBe(200);
    const audit = await changes('granja');
    expect(audit.map((a) => (a.details as { changed: string[] }).changed)).toEqual([['secondaryColor']]);
  });

  it('refuses bad settings with 400 and changes nothing', async () => {
    const before = await stored('granja');
    const cases: unknown[] = [
      {},
      { timezone: 'Mars/Olympus_Mons' },
      { timezone: 'America/Caracas; DROP TABLE tenants' },
      { timezone: '' },
      { timezone: 'x'.repeat(65) },
      { primaryColor: 'green' },
      { primaryColor: '#12345' },
      { secondaryColor: '#1234567' },
      { secondaryColor: 'rgb(0,0,0)' },
      { locale: 'spanish' },
      { locale: 'ES-ve' },
      { allowImpersonation: 'no' },
      { allowImpersonation: null },
      { showVenezuelanTaxes: 1 },
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(201) },
      { name: 'Tab\tName' },
      { currency: 'USD' },
      { features: ['inventory', 'sales', 'ai-insights', 'forecasting'] },
      { logoUrl: 'https://evil.example/logo.png' },
      { status: 'active' },
      { plan: 'premium' },
    ];
    for (const payload of cases) {
      const r = await patch('granja', payload);
      expect({ payload, status: r.statusCode, code: r.json().error }).toEqual({ payload, status: 400, code: 'validation_error' });
    }
    const zone = await patch('granja', { timezone: 'Mars/Olympus_Mons' });
    expect(zone.json().message).toMatch(/timezone/);
    expect(await stored('granja')).toEqual(before);
    expect(await changes('granja')).toEqual([]);
  });

  it('stores names with SQL metacharacters as text', async () => {
    for (const name of METACHARS) {
      const r = await patch('granja', { name });
      expect({ name, status: r.statusCode, stored: r.json().name }).toEqual({ name, status: 200, stored: name });
      expect((await stored('granja')).name).toBe(name);
    }
    expect((await stored('cliente2')).name).toBe('Cliente 2 S.A.');
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM tenants'))?.n)).toBe(3);
  });

  it('an owner signed in with a session can change settings; the change is theirs in the trail', async () => {
    const cookie = await t.login('cliente2', 'owner');
    const r = await patch('cliente2', { allowImpersonation: false }, { headers: { cookie } });
    expect(r.json().allowImpersonation).toBe(false);
    expect((await changes('cliente2'))[0]).toMatchObject({ actor: 'owner@cliente2.test' });
    expect((await t.on('granja', '/api/v1/tenant/settings')).json().allowImpersonation).toBe(true);
    // A cross-site browser request with that cookie is refused.
    const csrf = await patch('cliente2', { allowImpersonation: true }, { headers: { cookie, origin: 'http://evil.example' } });
    expect(csrf.statusCode).toBe(403);
    expect((await stored('cliente2')).settings.allowImpersonation).toBe(false);
  });
});

describe('impersonation sessions and account management', () => {
  let t: TestApp;
  let impersonating: string;
  beforeEach(async () => {
    t = await createTestApp();
    const tdb = t.store.forTenant('granja');
    const owner = await findUserById(tdb, t.users.granja!.owner.id);
    // The session an admin's impersonation grant turns into (src/server/features/admin builds the grant).
    const issued = await issueSession(tdb, t.config, { headers: {}, ip: '127.0.0.1' } as unknown as FastifyRequest, owner!, t.clock(), {
      adminId: '00000000-0000-4000-8000-0000000000ad',
      adminEmail: 'admin@fluxion.test',
      reason: 'Support ticket 42: colours look wrong',
      maxMs: 3_600_000,
    });
    impersonating = `fluxion_session=${issued.token}`;
  });
  afterEach(() => t.close());

  const as = (cookie: string, method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
    t.on('granja', { method, url, headers: { cookie }, payload });

  it('cannot create credentials, change roles or switch the policy, but can do ordinary support work', async () => {
    expect((await t.on('granja', { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: impersonating } })).json().impersonation).toMatchObject({ admin_email: 'admin@fluxion.test' });
    const refused = [
      await as(impersonating, 'POST', '/api/v1/api-keys', { name: 'backdoor', role: 'owner' }),
      await as(impersonating, 'POST', '/api/v1/users/invites', { email: 'friend@example.com', role: 'owner' }),
      await as(impersonating, 'PATCH', `/api/v1/users/${t.users.granja!.viewer.id}`, { role: 'owner' }),
      await as(impersonating, 'PATCH', `/api/v1/users/${t.users.granja!.manager.id}`, { status: 'disabled' }),
      await as(impersonating, 'PATCH', '/api/v1/tenant/settings', { allowImpersonation: true }),
    ];
    expect(refused.map((r) => [r.statusCode, r.json().error])).toEqual(Array(5).fill([403, 'forbidden']));
    expect(Number((await t.store.platform.get("SELECT count(*) AS n FROM api_keys WHERE name = 'backdoor'"))?.n)).toBe(0);
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM invites'))?.n)).toBe(0);

    const fixed = await as(impersonating, 'PATCH', '/api/v1/tenant/settings', { primaryColor: '#16a34a' });
    expect(fixed.json().primaryColor).toBe('#16a34a');
    const row = await t.store.platform.get("SELECT actor, details FROM audit_log WHERE tenant_id = 'granja' AND action = 'tenant.settings_changed'");
    expect(row).toMatchObject({ actor: 'admin@fluxion.test as owner@granja.test', details: { impersonatedBy: 'admin@fluxion.test', changed: ['primaryColor'] } });
    expect((await as(impersonating, 'PATCH', `/api/v1/users/${t.users.granja!.viewer.id}`, { name: 'Typo fixed' })).statusCode).toBe(200);
  });

  it('refusing impersonation ends the impersonations under way, and only those', async () => {
    const ownCookie = await t.login('granja', 'owner');
    const r = await as(ownCookie, 'PATCH', '/api/v1/tenant/settings', { allowImpersonation: false });
    expect(r.json().allowImpersonation).toBe(false);
    const me = (cookie: string) => t.on('granja', { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect((await me(impersonating)).statusCode).toBe(401);
    expect((await me(ownCookie)).statusCode).toBe(200);
    const row = await t.store.platform.get("SELECT details FROM audit_log WHERE tenant_id = 'granja' AND action = 'tenant.settings_changed'");
    expect(row?.details).toMatchObject({ changed: ['allowImpersonation'], ended_impersonation_sessions: 1 });
  });
});
