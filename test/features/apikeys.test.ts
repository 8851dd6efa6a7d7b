import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { sha256 } from '../../src/server/features/auth/tokens.js';

const UNKNOWN = '00000000-0000-4000-8999-000000000999';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];

type Host = 'granja' | 'cliente2';
interface KeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API keys', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  async function list(host: Host, qs = ''): Promise<{ items: KeyRow[]; total: number }> {
    const r = await t.on(host, `/api/v1/api-keys${qs}`);
    expect({ qs, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ qs, status: 200, body: 'ok' });
    return r.json();
  }

  async function create(host: Host, payload: Record<string, unknown>, as: As = 'owner') {
    return t.on(host, { method: 'POST', url: '/api/v1/api-keys', payload, as });
  }

  const revoke = (host: Host, id: string, as: As = 'owner') => t.on(host, { method: 'DELETE', url: `/api/v1/api-keys/${id}`, as });
  const meWith = (host: Host, key: string) => t.on(host, { method: 'GET', url: '/api/v1/auth/me', headers: bearer(key) });

  async function auditRows(tenant: string, action: string, targetId: string) {
    return t.store.platform.all('SELECT actor_type, actor, details FROM audit_log WHERE tenant_id = $1 AND action = $2 AND target_id = $3', [tenant, action, targetId]);
  }

  it('lists each tenant its own keys, never their secrets', async () => {
    for (const host of ['granja', 'cliente2'] as const) {
      const page = await list(host);
      expect(page.total).toBe(4);
      expect(page.items.map((k) => k.name).sort()).toEqual(['test manager', 'test owner', 'test staff', 'test viewer']);
      for (const k of page.items) {
        expect(Object.keys(k).sort()).toEqual(['created_at', 'created_by', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'role']);
        expect(k.prefix).toMatch(new RegExp(`^flx\\.${host}\\.`));
      }
      const body = JSON.stringify(page);
      for (const tenant of ['granja', 'cliente2']) {
        for (const key of Object.values(t.keys[tenant]!)) {
          expect(body).not.toContain(key);
          expect(body).not.toContain(sha256(key));
        }
      }
    }
  });

  it('lets only owners list, create and revoke', async () => {
    const target = (await list('granja')).items.find((k) => k.name === 'test viewer')!;
    for (const host of ['granja', 'cliente2'] as const) {
      for (const as of ['viewer', 'staff', 'manager', 'anonymous'] as As[]) {
        const want = as === 'anonymous' ? 401 : 403;
        const got = [
          (await t.on(host, { method: 'GET', url: '/api/v1/api-keys', as })).statusCode,
          (await create(host, { name: 'sneaky', role: 'owner' }, as)).statusCode,
          (await revoke(host, target.id, as)).statusCode,
        ];
        expect({ host, as, got }).toEqual({ host, as, got: [want, want, want] });
      }
    }
    expect((await list('granja')).total).toBe(4);
    expect((await meWith('granja', t.keys.granja!.viewer)).statusCode).toBe(200);
  });

  it('shows a new key once; it works at once with its role and is never listed', async () => {
    const r = await create('granja', { name: 'POS caja 3', role: 'staff' });
    expect(r.statusCode).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    const created = r.json();
    expect(created).toEqual({
      id: expect.any(String),
      name: 'POS caja 3',
      role: 'staff',
      prefix: expect.stringMatching(/^flx\.granja\./),
      created_by: 'apikey:test owner',
      created_at: new Date(t.clock()).toISOString(),
      last_used_at: null,
      revoked_at: null,
      key: expect.stringMatching(/^flx\.granja\.[A-Za-z0-9_-]{43}$/),
    });
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const me = await meWith('granja', created.key);
    expect(me.json()).toMatchObject({ kind: 'apikey', role: 'staff', api_key: { id: created.id, name: 'POS caja 3' } });
    // A staff key: it may sell, not manage users.
    expect((await t.on('granja', { method: 'GET', url: '/api/v1/users', headers: bearer(created.key) })).statusCode).toBe(403);
    // Bound to its tenant.
    expect((await meWith('cliente2', created.key)).statusCode).toBe(404);

    const listed = await t.on('granja', '/api/v1/api-keys');
    expect(listed.body).not.toContain(created.key);
    expect(listed.json().items).toContainEqual({ ...created, key: undefined, last_used_at: expect.any(String) });
    const row = await t.store.platform.get('SELECT * FROM api_keys WHERE tenant_id = $1 AND id = $2::UUID', ['granja', created.id]);
    expect(row?.key_hash).toBe(sha256(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);

    expect(await auditRows('granja', 'apikey.created', created.id)).toEqual([
      { actor_type: 'apikey', actor: 'apikey:test owner', details: { name: 'POS caja 3', role: 'staff', prefix: created.prefix } },
    ]);
    expect((await list('cliente2')).total).toBe(4);
  });

  it('a key created from a session names its creator', async () => {
    const cookie = await t.login('granja', 'owner');
    const r = await t.on('granja', { method: 'POST', url: '/api/v1/api-keys', headers: { cookie }, payload: { name: 'ETL', role: 'viewer' } });
    expect(r.json().created_by).toBe('owner@granja.test');
    expect((await auditRows('granja', 'apikey.created', r.json().id))[0]).toMatchObject({ actor_type: 'user', actor: 'owner@granja.test' });
  });

  it('refuses bad input with 400 and creates nothing', async () => {
    const cases: Array<Record<string, unknown>> = [
      {},
      { name: 'x' },
      { role: 'staff' },
      { name: '', role: 'staff' },
      { name: '   ', role: 'staff' },
      { name: 'x'.repeat(101), role: 'staff' },
      { name: 'x', role: 'admin' },
      { name: 'x', role: 'staff', key: 'flx.granja.mine' },
      { name: 42, role: 'staff' },
    ];
    for (const payload of cases) {
      const r = await create('granja', payload);
      expect({ payload, status: r.statusCode, code: r.json().error }).toEqual({ payload, status: 400, code: 'validation_error' });
    }
    for (const qs of ['?status=expired', '?limit=0', '?nope=1']) expect((await t.on('granja', `/api/v1/api-keys${qs}`)).statusCode).toBe(400);
    for (const id of ['not-a-uuid', encodeURIComponent(`' OR 1=1 --`)]) expect((await revoke('granja', id)).statusCode).toBe(400);
    expect((await list('granja')).total).toBe(4);
  });

  it('stores names with SQL metacharacters as text', async () => {
    for (const name of METACHARS) {
      const r = await create('granja', { name, role: 'viewer' });
      expect({ name, status: r.statusCode, stored: r.json().name }).toEqual({ name, status: 201, stored: name });
    }
    expect((await list('granja')).total).toBe(4 + METACHARS.length);
    expect((await list('cliente2')).total).toBe(4);
  });

  it('a revoked key is refused on its next request; revoking twice changes nothing more', async () => {
    const created = (await create('granja', { name: 'old POS', role: 'staff' })).json();
    expect((await meWith('granja', created.key)).statusCode).toBe(200);
    t.clock.advance(5_000);
    expect((await revoke('granja', created.id)).statusCode).toBe(204);
    const after = await meWith('granja', created.key);
    expect({ status: after.statusCode, code: after.json().error }).toEqual({ status: 401, code: 'unauthenticated' });
    const sale = await t.on('granja', { method: 'GET', url: '/api/v1/inventory', headers: bearer(created.key) });
    expect(sale.statusCode).toBe(401);

    const listed = (await list('granja')).items.find((k) => k.id === created.id)!;
    expect(listed.revoked_at).toBe(new Date(t.clock()).toISOString());
    expect((await list('granja', '?status=active')).items.map((k) => k.id)).not.toContain(created.id);
    expect((await list('granja', '?status=revoked')).items.map((k) => k.id)).toEqual([created.id]);

    t.clock.advance(5_000);
    expect((await revoke('granja', created.id)).statusCode).toBe(204);
    expect((await list('granja')).items.find((k) => k.id === created.id)!.revoked_at).toBe(listed.revoked_at);
    expect(await auditRows('granja', 'apikey.revoked', created.id)).toEqual([
      { actor_type: 'apikey', actor: 'apikey:test owner', details: { name: 'old POS', role: 'staff', prefix: created.prefix } },
    ]);
  });

  it('a key can revoke itself, and is refused right after', async () => {
    const created = (await create('granja', { name: 'self', role: 'owner' })).json();
    const r = await t.on('granja', { method: 'DELETE', url: `/api/v1/api-keys/${created.id}`, headers: bearer(created.key) });
    expect(r.statusCode).toBe(204);
    expect((await meWith('granja', created.key)).statusCode).toBe(401);
  });

  it('another tenant\'s key is not found by id, and keeps working', async () => {
    const theirs = (await list('cliente2')).items.find((k) => k.name === 'test staff')!;
    for (const id of [theirs.id, UNKNOWN]) {
      const r = await revoke('granja', id);
      expect({ id, status: r.statusCode, code: r.json().error }).toEqual({ id, status: 404, code: 'not_found' });
    }
    expect((await list('cliente2')).items.find((k) => k.id === theirs.id)!.revoked_at).toBeNull();
    expect((await meWith('cliente2', t.keys.cliente2!.staff)).statusCode).toBe(200);
    expect(Number((await t.store.platform.get("SELECT count(*) AS n FROM audit_log WHERE action = 'apikey.revoked'"))?.n)).toBe(0);
    // And the other way round, through the api host: granja's owner key on cliente2 is not cliente2's business.
    const cross = await t.on('api.localhost', {
      method: 'DELETE',
      url: `/api/v1/api-keys/${theirs.id}`,
      headers: { 'x-tenant-id': 'cliente2', ...bearer(t.keys.granja!.owner) },
    });
    expect(cross.statusCode).toBe(404);
    expect((await meWith('cliente2', t.keys.cliente2!.staff)).statusCode).toBe(200);
  });

  it('records last use, at most once a minute', async () => {
    const created = (await create('granja', { name: 'meter', role: 'viewer' })).json();
    const lastUsed = async () => (await list('granja')).items.find((k) => k.id === created.id)!.last_used_at;
    expect(await lastUsed()).toBeNull();

    t.clock.advance(1_000);
    const first = new Date(t.clock()).toISOString();
    await meWith('granja', created.key);
    expect(await lastUsed()).toBe(first);

    t.clock.advance(30_000);
    await meWith('granja', created.key);
    expect(await lastUsed()).toBe(first);

    t.clock.advance(31_000);
    await meWith('granja', created.key);
    expect(await lastUsed()).toBe(new Date(t.clock()).toISOString());
  });
});
