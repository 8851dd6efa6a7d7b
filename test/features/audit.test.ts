import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { ORDERS, T } from '../support/fixtures.js';

const G = T.granja;
const C = T.cliente2;
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];

type Host = 'granja' | 'cliente2';
interface Entry {
  id: string;
  occurred_at: string;
  actor_type: string;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

async function trail(t: TestApp, host: Host, qs = '', as: As = 'owner'): Promise<{ items: Entry[]; total: number; limit: number; offset: number }> {
  const r = await t.on(host, { method: 'GET', url: `/api/v1/audit${qs}`, as });
  expect({ qs, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ qs, status: 200, body: 'ok' });
  return r.json();
}

const actions = (page: { items: Entry[] }) => page.items.map((e) => e.action);

async function auditCount(t: TestApp): Promise<number> {
  return Number((await t.store.platform.get('SELECT count(*) AS n FROM audit_log'))?.n);
}

describe('GET /api/v1/audit', () => {
  let t: TestApp;
  let managerCookie: string;
  const at = (iso: string) => t.clock.set(Date.parse(iso));

  beforeAll(async () => {
    t = await createTestApp();
    // Caracas is UTC−4: the first event is on 26 November there, the last still on the 27th.
    at('2026-11-27T02:00:00Z');
    const failed = await t.on('granja', { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: 'ghost@granja.test', password: 'wrong-password-1' } });
    expect(failed.statusCode).toBe(401);
    at('2026-11-27T12:00:00Z');
    managerCookie = await t.login('granja', 'manager');
    at('2026-11-27T12:05:00Z');
    expect((await t.on('granja', { method: 'PATCH', url: `/api/v1/users/${t.users.granja!.viewer.id}`, payload: { name: 'Mirón' } })).statusCode).toBe(200);
    at('2026-11-28T03:30:00Z');
    expect((await t.on('granja', { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'nightly ETL', role: 'viewer' } })).statusCode).toBe(201);
    at('2026-11-27T12:10:00Z');
    await t.on('cliente2', { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: 'ghost@cliente2.test', password: 'wrong-password-1' } });
  });
  afterAll(() => t.close());

  it('shows each tenant its own trail, newest first, with who, what, where and details', async () => {
    const g = await trail(t, 'granja');
    expect(g).toMatchObject({ total: 4, limit: 50, offset: 0 });
    expect(actions(g)).toEqual(['apikey.created', 'user.updated', 'auth.login', 'auth.login_failed']);
    expect(g.items.map((e) => e.occurred_at)).toEqual(['2026-11-28T03:30:00.000Z', '2026-11-27T12:05:00.000Z', '2026-11-27T12:00:00.000Z', '2026-11-27T02:00:00.000Z']);
    const updated = g.items[1]!;
    expect(updated).toEqual({
      id: expect.any(String),
      occurred_at: '2026-11-27T12:05:00.000Z',
      actor_type: 'apikey',
      actor: 'apikey:test owner',
      action: 'user.updated',
      target_type: 'user',
      target_id: t.users.granja!.viewer.id,
      ip: '127.0.0.1',
      user_agent: 'lightMyRequest',
      request_id: expect.any(String),
      details: { email: 'viewer@granja.test', name: { from: 'viewer of granja', to: 'Mirón' } },
    });
    expect(g.items[2]).toMatchObject({ actor_type: 'user', actor: 'manager@granja.test', target_id: t.users.granja!.manager.id, details: null });
    expect(g.items[3]).toMatchObject({ actor_type: 'anonymous', actor: 'ghost@granja.test' });

    const c = await trail(t, 'cliente2');
    expect(actions(c)).toEqual(['auth.login_failed']);
    expect(JSON.stringify(c)).not.toContain('granja');
  });

  it('lets owners and managers read it; refuses staff, viewers, strangers and other tenants\' keys', async () => {
    for (const host of ['granja', 'cliente2'] as const) {
      for (const [as, status] of [['owner', 200], ['manager', 200], ['staff', 403], ['viewer', 403], ['anonymous', 401]] as const) {
        const r = await t.on(host, { method: 'GET', url: '/api/v1/audit', as });
        expect({ host, as, status: r.statusCode }).toEqual({ host, as, status });
      }
    }
    const cookie = managerCookie;
    expect((await t.on('granja', { method: 'GET', url: '/api/v1/audit', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.on('cliente2', { method: 'GET', url: '/api/v1/audit', headers: { cookie } })).statusCode).toBe(404);
    const foreign = await t.on('api.localhost', { method: 'GET', url: '/api/v1/audit', headers: { 'x-tenant-id': 'cliente2', authorization: `Bearer ${t.keys.granja!.owner}` } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('ghost@cliente2.test');
  });

  it('filters by exact action or a family prefix', async () => {
    expect(actions(await trail(t, 'granja', '?action=auth.'))).toEqual(['auth.login', 'auth.login_failed']);
    expect(actions(await trail(t, 'granja', '?action=auth.login'))).toEqual(['auth.login']);
    expect(actions(await trail(t, 'granja', '?action=user.updated'))).toEqual(['user.updated']);
    expect((await trail(t, 'granja', '?action=auth')).total).toBe(0);
    expect((await trail(t, 'granja', '?action=apikey.')).total).toBe(1);
  });

  it('filters by actor (contains, any case), target type and target id', async () => {
    expect(actions(await trail(t, 'granja', '?actor=GHOST'))).toEqual(['auth.login_failed']);
    expect(actions(await trail(t, 'granja', '?actor=apikey%3A'))).toEqual(['apikey.created', 'user.updated']);
    expect(actions(await trail(t, 'granja', '?target_type=user'))).toEqual(['user.updated', 'auth.login', 'auth.login_failed']);
    expect(actions(await trail(t, 'granja', '?target_type=apikey'))).toEqual(['apikey.created']);
    expect(actions(await trail(t, 'granja', `?target_id=${t.users.granja!.viewer.id}`))).toEqual(['user.updated']);
    expect(actions(await trail(t, 'granja', '?target_type=user&actor=manager'))).toEqual(['auth.login']);
    // cliente2's actors are not found from granja.
    expect((await trail(t, 'granja', '?actor=cliente2')).total).toBe(0);
  });

  it('filters by days in the tenant\'s time zone, both included', async () => {
    expect(actions(await trail(t, 'granja', '?from=2026-11-26&to=2026-11-26'))).toEqual(['auth.login_failed']);
    expect(actions(await trail(t, 'granja', '?from=2026-11-27&to=2026-11-27'))).toEqual(['apikey.created', 'user.updated', 'auth.login']);
    expect(actions(await trail(t, 'granja', '?from=2026-11-27'))).toEqual(['apikey.created', 'user.updated', 'auth.login']);
    expect(actions(await trail(t, 'granja', '?to=2026-11-26'))).toEqual(['auth.login_failed']);
    expect((await trail(t, 'granja', '?from=2026-11-28')).total).toBe(0);
  });

  it('pages newest first with a stable total', async () => {
    const first = await trail(t, 'granja', '?limit=3');
    const second = await trail(t, 'granja', '?limit=3&offset=3');
    expect([first.total, second.total]).toEqual([4, 4]);
    expect([...actions(first), ...actions(second)]).toEqual(['apikey.created', 'user.updated', 'auth.login', 'auth.login_failed']);
    expect(await trail(t, 'granja', '?offset=100')).toMatchObject({ total: 4, items: [] });
  });

  it('treats SQL metacharacters as text, or refuses them where the format is fixed', async () => {
    const before = await auditCount(t);
    for (const m of METACHARS) {
      const q = encodeURIComponent(m);
      for (const param of ['actor', 'target_type', 'target_id']) {
        expect({ m, param, total: (await trail(t, 'granja', `?${param}=${q}`)).total }).toEqual({ m, param, total: 0 });
      }
      const r = await t.on('granja', `/api/v1/audit?action=${q}`);
      expect({ m, outcome: r.statusCode === 200 ? `total ${r.json().total}` : r.statusCode }).toEqual({ m, outcome: m === '_' ? 'total 0' : 400 });
    }
    // In a prefix, LIKE's wildcard is a plain character: 'aut_.' is not 'auth.'.
    expect((await trail(t, 'granja', '?action=aut_.')).total).toBe(0);
    expect(await auditCount(t)).toBe(before);
  });

  it('refuses bad filters with 400', async () => {
    for (const qs of [
      '?from=2026-13-01',
      '?from=yesterday',
      '?to=2026-02-30T00:00:00Z',
      '?from=2026-11-28&to=2026-11-27',
      '?from=0001-01-01',
      '?action=AUTH.LOGIN',
      '?action=auth..login',
      `?action=${'a'.repeat(65)}`,
      `?actor=${'a'.repeat(255)}`,
      '?target_type=',
      '?limit=0',
      '?limit=501',
      '?tenant_id=cliente2',
    ]) {
      const r = await t.on('granja', `/api/v1/audit${qs}`);
      expect({ qs, status: r.statusCode, code: r.json().error }).toEqual({ qs, status: 400, code: 'validation_error' });
    }
  });
});

describe('the existing write paths leave exactly one audit row each', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  async function rows(tenant: string, action: string) {
    return t.store.platform.all(
      'SELECT actor_type, actor, target_type, target_id, details FROM audit_log WHERE tenant_id = $1 AND action = $2',
      [tenant, action],
    );
  }

  it('inventory adjustments, and none for a refused one', async () => {
    const r = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      as: 'staff',
      payload: { store_id: G.stores.caracas, product_id: G.products.harina, delta: -3, reason: 'damage' },
    });
    expect(r.statusCode).toBe(201);
    expect(await rows('granja', 'inventory.adjusted')).toEqual([
      {
        actor_type: 'apikey',
        actor: 'apikey:test staff',
        target_type: 'inventory_movement',
        target_id: r.json().movement.id,
        details: { store_id: G.stores.caracas, product_id: G.products.harina, delta: -3, reason: 'damage', quantity_after: 97 },
      },
    ]);
    const refused = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      as: 'staff',
      payload: { store_id: G.stores.caracas, product_id: G.products.queso, delta: -1, reason: 'theft' },
    });
    expect(refused.statusCode).toBe(409);
    expect(await rows('granja', 'inventory.adjusted')).toHaveLength(1);
    expect(await rows('cliente2', 'inventory.adjusted')).toHaveLength(0);
  });

  it('sales, named by the signed-in user, and none for a refused one', async () => {
    const cookie = await t.login('granja', 'staff');
    const sale = (quantity: number) =>
      t.on('granja', {
        method: 'POST',
        url: '/api/v1/sales',
        headers: { cookie },
        payload: { store_id: G.stores.caracas, ticket: `AUD-${quantity}`, lines: [{ product_id: G.products.harina, quantity }] },
      });
    const ok = await sale(2);
    expect(ok.statusCode).toBe(201);
    expect(await rows('granja', 'sale.recorded')).toEqual([
      {
        actor_type: 'user',
        actor: 'staff@granja.test',
        target_type: 'sale',
        target_id: 'AUD-2',
        details: expect.objectContaining({ store_id: G.stores.caracas, lines: 1, units: 2, total: '90.00', currency: 'VES' }),
      },
    ]);
    expect((await sale(10_000)).statusCode).toBe(409);
    expect(await rows('granja', 'sale.recorded')).toHaveLength(1);
  });

  it('purchase orders: created, submitted, received, cancelled — and none for a refused transition', async () => {
    const cookie = await t.login('cliente2', 'manager');
    const post = (url: string, payload: Record<string, unknown> = {}) => t.on('cliente2', { method: 'POST', url, headers: { cookie }, payload });
    const created = await post('/api/v1/orders', { supplier_id: C.suppliers.acme, store_id: C.stores.main, lines: [{ product_id: C.products.martillo, quantity: 4 }] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await post(`/api/v1/orders/${id}/submit`)).statusCode).toBe(200);
    expect((await post(`/api/v1/orders/${id}/receive`)).statusCode).toBe(200);
    expect((await post(`/api/v1/orders/${id}/cancel`)).statusCode).toBe(409);
    expect((await post(`/api/v1/orders/${id}/submit`)).statusCode).toBe(409);

    const other = (await post('/api/v1/orders', { supplier_id: C.suppliers.acme, store_id: C.stores.main, lines: [{ product_id: C.products.tornillo, quantity: 1 }] })).json().id;
    expect((await post(`/api/v1/orders/${other}/cancel`)).statusCode).toBe(200);

    const by = { actor_type: 'user', actor: 'manager@cliente2.test', target_type: 'order' };
    expect(await rows('cliente2', 'order.created')).toEqual([
      { ...by, target_id: id, details: expect.objectContaining({ number: created.json().number, supplier_id: C.suppliers.acme, store_id: C.stores.main, lines: 1 }) },
      { ...by, target_id: other, details: expect.any(Object) },
    ]);
    expect(await rows('cliente2', 'order.submitted')).toEqual([{ ...by, target_id: id, details: { number: created.json().number, from: 'draft', to: 'submitted' } }]);
    expect(await rows('cliente2', 'order.received')).toEqual([{ ...by, target_id: id, details: { number: created.json().number, from: 'submitted', to: 'received' } }]);
    expect(await rows('cliente2', 'order.cancelled')).toEqual([{ ...by, target_id: other, details: expect.objectContaining({ from: 'draft', to: 'cancelled' }) }]);
    expect(Number((await t.store.platform.get("SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'granja' AND action LIKE 'order.%'"))?.n)).toBe(0);
  });

  it('another tenant\'s order id answers 404 and leaves no audit row', async () => {
    const before = await auditCount(t);
    for (const action of ['submit', 'cancel', 'receive']) {
      const r = await t.on('cliente2', { method: 'POST', url: `/api/v1/orders/${ORDERS.granja}/${action}`, as: 'manager', payload: {} });
      expect(r.statusCode).toBe(404);
    }
    expect(await auditCount(t)).toBe(before);
    const order = await t.store.platform.get("SELECT status FROM orders WHERE tenant_id = 'granja' AND id = $1::UUID", [ORDERS.granja]);
    expect(order?.status).toBe('draft');
  });
});
