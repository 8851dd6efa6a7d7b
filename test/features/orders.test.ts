import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ORDERS, T } from '../support/fixtures.js';
import { fromCents, money, toCents } from '../../src/shared/money.js';

const G = T.granja;
const C = T.cliente2;
const UNKNOWN = '00000000-0000-4000-8999-000000000999';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`, `Robert'); DELETE FROM orders; --`];

type Host = 'granja' | 'cliente2';
interface Line {
  line: number;
  product: { id: string; sku: string; name: string };
  quantity: number;
  unit_cost: string;
  line_total: string;
  received_quantity: number | null;
}
interface Order {
  id: string;
  number: number;
  reference: string;
  status: string;
  total: string;
  line_count: number;
  notes: string | null;
  lines: Line[];
  [key: string]: unknown;
}

const post = (t: TestApp, host: Host, url: string, payload?: unknown) =>
  t.on(host, payload === undefined ? { method: 'POST', url } : { method: 'POST', url, payload: payload as Record<string, unknown> });

async function create(t: TestApp, host: Host, payload: Record<string, unknown>): Promise<Order> {
  const r = await post(t, host, '/api/v1/orders', payload);
  expect({ status: r.statusCode, body: r.statusCode === 201 ? 'created' : r.body }).toEqual({ status: 201, body: 'created' });
  return r.json();
}

async function act(t: TestApp, host: Host, id: string, action: 'submit' | 'receive' | 'cancel', payload?: unknown): Promise<Order> {
  const r = await post(t, host, `/api/v1/orders/${id}/${action}`, payload);
  expect({ action, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ action, status: 200, body: 'ok' });
  return r.json();
}

async function get(t: TestApp, host: Host, url: string) {
  const r = await t.on(host, url);
  expect({ url, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ url, status: 200, body: 'ok' });
  return r.json();
}

/** Everything the orders endpoints could write, across all tenants. */
async function snapshot(t: TestApp) {
  const db = t.store.platform;
  return {
    orders: await db.all(
      `SELECT tenant_id, id, number, status, total, notes, expected_date, submitted_at, received_at, cancelled_at, updated_at
       FROM orders ORDER BY tenant_id, number`,
    ),
    lines: await db.all('SELECT tenant_id, order_id, line, product_id, quantity, unit_cost, received_quantity FROM order_lines ORDER BY tenant_id, order_id, line'),
    inventory: await db.all('SELECT tenant_id, store_id, product_id, quantity, unit_cost, updated_at FROM inventory ORDER BY tenant_id, store_id, product_id'),
    movements: await db.all('SELECT tenant_id, id, delta FROM inventory_movements ORDER BY tenant_id, id'),
    ventas: await db.all('SELECT count(*) AS n FROM ventas'),
  };
}

async function stock(t: TestApp, tenant: string, store: string, product: string) {
  const row = await t.store.platform.get(
    'SELECT quantity, unit_cost FROM inventory WHERE tenant_id = $1 AND store_id = $2::UUID AND product_id = $3::UUID',
    [tenant, store, product],
  );
  return row ? { quantity: Number(row.quantity), unit_cost: String(row.unit_cost) } : undefined;
}

async function receipts(t: TestApp, tenant: string, orderId: string) {
  return t.store.platform.all(
    `SELECT store_id, product_id, delta, quantity_after, reason, ref_type, ref_id, actor
     FROM inventory_movements WHERE tenant_id = $1 AND ref_id = $2 ORDER BY product_id`,
    [tenant, orderId],
  );
}

const granjaOrder = (lines: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) => ({
  supplier_id: G.suppliers.polar,
  store_id: G.stores.valencia,
  lines,
  ...extra,
});
const cliente2Order = (lines: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) => ({
  supplier_id: C.suppliers.acme,
  store_id: C.stores.main,
  lines,
  ...extra,
});

/** Today's date where the tenant lives. */
const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('purchase orders', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  describe('GET /api/v1/orders', () => {
    it('lists each tenant only its own orders, in full', async () => {
      const g = await get(t, 'granja', '/api/v1/orders');
      expect(g).toEqual({
        items: [
          {
            id: ORDERS.granja,
            number: 1,
            reference: 'PO-000001',
            status: 'draft',
            supplier: { id: G.suppliers.polar, name: 'Alimentos Polar' },
            store: { id: G.stores.caracas, name: 'Caracas Centro' },
            currency: 'VES',
            total: '600.00',
            line_count: 1,
            expected_date: null,
            notes: null,
            created_by: 'fixtures',
            created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
            submitted_at: null,
            received_at: null,
            cancelled_at: null,
          },
        ],
        total: 1,
        limit: 50,
        offset: 0,
      });
      const c = await get(t, 'cliente2', '/api/v1/orders');
      expect(c).toMatchObject({ total: 1, items: [{ id: ORDERS.cliente2, reference: 'PO-000001', currency: 'USD', total: '31.00', store: { name: 'Main Street' } }] });
    });

    it('filters by status, supplier and store, newest first, with stable pages', async () => {
      const a = await create(t, 'granja', granjaOrder([{ product_id: G.products.arroz, quantity: 1 }]));
      const b = await create(t, 'granja', granjaOrder([{ product_id: G.products.arroz, quantity: 2 }], { store_id: G.stores.caracas }));
      await act(t, 'granja', b.id, 'submit');

      const all = await get(t, 'granja', '/api/v1/orders');
      expect(all.items.map((o: Order) => o.number)).toEqual([3, 2, 1]);
      expect((await get(t, 'granja', '/api/v1/orders?status=submitted')).items.map((o: Order) => o.id)).toEqual([b.id]);
      expect((await get(t, 'granja', '/api/v1/orders?status=draft')).items.map((o: Order) => o.id)).toEqual([a.id, ORDERS.granja]);
      expect((await get(t, 'granja', '/api/v1/orders?status=received')).total).toBe(0);
      expect((await get(t, 'granja', `/api/v1/orders?store_id=${G.stores.valencia}`)).items.map((o: Order) => o.id)).toEqual([a.id]);
      expect((await get(t, 'granja', `/api/v1/orders?supplier_id=${G.suppliers.polar}&store_id=${G.stores.caracas}`)).total).toBe(2);

      const pages = [];
      for (let offset = 0; offset < 3; offset++) pages.push(await get(t, 'granja', `/api/v1/orders?limit=1&offset=${offset}`));
      expect(pages.map((p) => p.items[0].number)).toEqual([3, 2, 1]);
      expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
      expect(await get(t, 'granja', '/api/v1/orders?offset=10')).toEqual({ items: [], total: 3, limit: 50, offset: 10 });

      // The other tenant's ids filter to nothing, and its own list is untouched.
      expect((await get(t, 'granja', `/api/v1/orders?supplier_id=${C.suppliers.acme}`)).total).toBe(0);
      expect((await get(t, 'cliente2', `/api/v1/orders?store_id=${G.stores.caracas}`)).total).toBe(0);
      expect((await get(t, 'cliente2', '/api/v1/orders')).total).toBe(1);
    });

    it('filters by creation day in the tenant\'s time zone', async () => {
      // 02:30 UTC on Nov 3 is still Nov 2 in Caracas (UTC−4) and in New York (UTC−5).
      const late = '00000000-0000-4000-8150-000000000001';
      const late2 = '00000000-0000-4000-8250-000000000001';
      await t.store.platform.run(
        `INSERT INTO orders (tenant_id, id, number, supplier_id, store_id, currency, total, created_by, created_at)
         VALUES ('granja', $1, 50, $2, $3, 'VES', 0, 'test', '2026-11-03T02:30:00Z'::TIMESTAMPTZ),
                ('cliente2', $4, 50, $5, $6, 'USD', 0, 'test', '2026-11-03T02:30:00Z'::TIMESTAMPTZ)`,
        [late, G.suppliers.polar, G.stores.caracas, late2, C.suppliers.acme, C.stores.main],
      );
      const ids = async (host: Host, query: string) => (await get(t, host, `/api/v1/orders?${query}`)).items.map((o: Order) => o.id);
      expect(await ids('granja', 'from=2026-11-02&to=2026-11-02')).toEqual([late]);
      expect(await ids('granja', 'from=2026-11-03&to=2026-11-03')).toEqual([]);
      expect(await ids('cliente2', 'to=2026-11-02')).toEqual([late2]);
      expect(await ids('cliente2', 'from=2026-11-01&to=2026-11-01')).toEqual([]);
      expect(await ids('granja', `from=${today('America/Caracas')}`)).toEqual([ORDERS.granja]);
      expect(await ids('cliente2', `to=${today('America/New_York')}`)).toEqual([ORDERS.cliente2, late2]);
    });

    it('refuses bad filters with a 400 naming them', async () => {
      const bad = [
        'status=shipped',
        'supplier_id=not-a-uuid',
        'store_id=123',
        'from=2026-02-30',
        'to=26-11-02',
        'from=2026-11-05&to=2026-11-01',
        'from=0001-01-01',
        'to=9999-12-31',
        'limit=0',
        'limit=501',
        'offset=-1',
        'sort=number',
        'unknown=1',
        ...METACHARS.map((m) => `status=${encodeURIComponent(m)}`),
        ...METACHARS.map((m) => `supplier_id=${encodeURIComponent(m)}`),
        ...METACHARS.map((m) => `from=${encodeURIComponent(m)}`),
      ];
      for (const query of bad) {
        const r = await t.on('granja', `/api/v1/orders?${query}`);
        expect({ query, status: r.statusCode, error: r.json().error }).toEqual({ query, status: 400, error: 'validation_error' });
      }
      const named = await t.on('granja', '/api/v1/orders?from=2026-11-05&to=2026-11-01');
      expect(named.json().message).toMatch(/from .*after.*to/);
      expect((await get(t, 'granja', '/api/v1/orders')).total).toBe(1);
    });
  });

  describe('GET /api/v1/orders/:id', () => {
    it('answers each tenant its own order with its lines', async () => {
      expect(await get(t, 'granja', `/api/v1/orders/${ORDERS.granja}`)).toMatchObject({
        id: ORDERS.granja,
        reference: 'PO-000001',
        total: '600.00',
        lines: [{ line: 1, product: { id: G.products.harina, sku: 'P-001', name: 'Harina P.A.N. 1 kg' }, quantity: 20, unit_cost: '30.00', line_total: '600.00', received_quantity: null }],
      });
      expect(await get(t, 'cliente2', `/api/v1/orders/${ORDERS.cliente2}`)).toMatchObject({
        id: ORDERS.cliente2,
        currency: 'USD',
        lines: [{ line: 1, product: { id: C.products.tornillo, name: 'Wood screw 3in (box of 50)' }, quantity: 10, unit_cost: '3.10', line_total: '31.00' }],
      });
    });

    it('is not found from the other tenant, and rejects malformed ids', async () => {
      for (const [host, id] of [['granja', ORDERS.cliente2], ['cliente2', ORDERS.granja], ['granja', UNKNOWN]] as const) {
        const r = await t.on(host, `/api/v1/orders/${id}`);
        expect({ host, id, status: r.statusCode, error: r.json().error }).toEqual({ host, id, status: 404, error: 'not_found' });
      }
      for (const id of ['abc', ...METACHARS]) {
        const r = await t.on('granja', `/api/v1/orders/${encodeURIComponent(id)}`);
        expect({ id, status: r.statusCode }).toEqual({ id, status: 400 });
      }
      expect((await t.on('granja', `/api/v1/orders/${ORDERS.granja}?expand=lines`)).statusCode).toBe(400);
    });
  });

  describe('POST /api/v1/orders', () => {
    it('creates a draft with the next number of the tenant, the tenant\'s currency and exact totals', async () => {
      const g = await create(
        t,
        'granja',
        granjaOrder(
          [
            { product_id: G.products.queso, quantity: 3 },
            { product_id: G.products.arroz, quantity: 3, unit_cost: '0.10' },
            { product_id: G.products.harina, quantity: 1_000_000, unit_cost: '99999999.99' },
          ],
          { expected_date: '2026-12-01', notes: 'Entregar por la mañana' },
        ),
      );
      expect(g).toMatchObject({
        number: 2,
        reference: 'PO-000002',
        status: 'draft',
        supplier: { id: G.suppliers.polar, name: 'Alimentos Polar' },
        store: { id: G.stores.valencia, name: 'Valencia Norte' },
        currency: 'VES',
        expected_date: '2026-12-01',
        notes: 'Entregar por la mañana',
        line_count: 3,
        submitted_at: null,
        received_at: null,
        cancelled_at: null,
      });
      // The product's cost when none is given; 3 × 0.10 is 0.30 exactly, not 0.30000000000000004.
      expect(g.lines.map((l) => [l.line, l.product.id, l.quantity, l.unit_cost, l.line_total, l.received_quantity])).toEqual([
        [1, G.products.queso, 3, '80.00', '240.00', null],
        [2, G.products.arroz, 3, '0.10', '0.30', null],
        [3, G.products.harina, 1_000_000, '99999999.99', '99999999990000.00', null],
      ]);
      const sum = g.lines.reduce((acc, l) => acc + toCents(l.line_total), 0n);
      expect(g.total).toBe(fromCents(sum));
      expect(g.total).toBe('99999999990240.30');
      expect(await get(t, 'granja', `/api/v1/orders/${g.id}`)).toEqual(g);
      const stored = await t.store.platform.get('SELECT total FROM orders WHERE tenant_id = $1 AND id = $2::UUID', ['granja', g.id]);
      expect(money(stored?.total)).toBe('99999999990240.30');

      // Each tenant has its own sequence.
      const c = await create(t, 'cliente2', cliente2Order([{ product_id: C.products.martillo, quantity: 2 }]));
      expect(c).toMatchObject({ number: 2, reference: 'PO-000002', currency: 'USD', total: '19.00', notes: null, expected_date: null });
      expect((await create(t, 'granja', granjaOrder([{ product_id: G.products.queso, quantity: 1 }]))).number).toBe(3);
    });

    it('answers 404 naming the supplier, store or product of another tenant, and writes nothing', async () => {
      const before = await snapshot(t);
      const cases: Array<[Host, Record<string, unknown>, RegExp]> = [
        ['granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }], { supplier_id: C.suppliers.acme }), /^Supplier /],
        ['granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }], { store_id: C.stores.main }), /^Store /],
        ['granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }, { product_id: C.products.tornillo, quantity: 1 }]), /^Product '.*8230-000000000001/],
        ['granja', granjaOrder([{ product_id: UNKNOWN, quantity: 1 }]), /^Product /],
        ['cliente2', cliente2Order([{ product_id: C.products.tornillo, quantity: 1 }], { supplier_id: G.suppliers.polar }), /^Supplier /],
        ['cliente2', cliente2Order([{ product_id: C.products.tornillo, quantity: 1 }], { store_id: G.stores.caracas }), /^Store /],
        ['cliente2', cliente2Order([{ product_id: G.products.harina, quantity: 1 }]), /^Product /],
      ];
      for (const [host, payload, message] of cases) {
        const r = await post(t, host, '/api/v1/orders', payload);
        expect({ host, status: r.statusCode, error: r.json().error }).toEqual({ host, status: 404, error: 'not_found' });
        expect(r.json().message).toMatch(message);
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('refuses bad input with a 400 and writes nothing', async () => {
      const before = await snapshot(t);
      const line = { product_id: G.products.harina, quantity: 1 };
      const bad: Array<[string, unknown]> = [
        ['same product twice', granjaOrder([line, { ...line, quantity: 2 }])],
        ['same product twice, other case', granjaOrder([line, { product_id: G.products.harina.toUpperCase(), quantity: 2 }])],
        ['no lines', granjaOrder([])],
        ['too many lines', granjaOrder(Array.from({ length: 501 }, () => line))],
        ['quantity 0', granjaOrder([{ ...line, quantity: 0 }])],
        ['negative quantity', granjaOrder([{ ...line, quantity: -5 }])],
        ['absurd quantity', granjaOrder([{ ...line, quantity: 1_000_001 }])],
        ['fractional quantity', granjaOrder([{ ...line, quantity: 1.5 }])],
        ['negative cost', granjaOrder([{ ...line, unit_cost: '-1.00' }])],
        ['three decimals', granjaOrder([{ ...line, unit_cost: '1.234' }])],
        ['exponent', granjaOrder([{ ...line, unit_cost: '1e5' }])],
        ['cost too large', granjaOrder([{ ...line, unit_cost: '100000000.00' }])],
        ['not a number', granjaOrder([{ ...line, unit_cost: 'abc' }])],
        ['bad date', granjaOrder([line], { expected_date: '2026-02-30' })],
        ['date with time', granjaOrder([line], { expected_date: '2026-12-01T10:00:00Z' })],
        ['notes too long', granjaOrder([line], { notes: 'x'.repeat(1001) })],
        ['NUL in notes', granjaOrder([line], { notes: 'a\u0000b' })],
        ['unknown field', granjaOrder([line], { status: 'received' })],
        ['unknown line field', granjaOrder([{ ...line, discount: '1.00' }])],
        ['missing supplier', { store_id: G.stores.caracas, lines: [line] }],
        ['malformed supplier id', granjaOrder([line], { supplier_id: `' OR 1=1 --` })],
        ['lines not an array', granjaOrder([line], { lines: 'x' })],
      ];
      for (const [name, payload] of bad) {
        const r = await post(t, 'granja', '/api/v1/orders', payload);
        expect({ name, status: r.statusCode, error: r.json().error }).toEqual({ name, status: 400, error: 'validation_error' });
      }
      const dup = await post(t, 'granja', '/api/v1/orders', granjaOrder([line, line]));
      expect(dup.json().message).toContain(G.products.harina);
      const notJson = await t.on('granja', { method: 'POST', url: '/api/v1/orders', headers: { 'content-type': 'application/json' }, payload: '{"supplier_id":' });
      expect([notJson.statusCode, notJson.json().error]).toEqual([400, 'invalid_json']);
      expect(await snapshot(t)).toEqual(before);
    });

    it('answers 422 for amounts the columns cannot hold, and writes nothing', async () => {
      // A catalogue cost above what inventory.unit_cost (DECIMAL(10,2)) holds, and 101 products whose lines overflow the total.
      const dear = '00000000-0000-4000-8130-000000000900';
      await t.store.platform.run(
        `INSERT INTO productos (tenant_id, id, sku, name, category, price, cost) VALUES ('granja', $1, 'DEAR', 'Tractor', 'maquinaria', 200000000, 123456789.00)`,
        [dear],
      );
      const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8130-${String(1000 + i).padStart(12, '0')}`);
      for (const [i, pid] of many.entries()) {
        await t.store.platform.run(
          `INSERT INTO productos (tenant_id, id, sku, name, category, price, cost) VALUES ('granja', $1, $2, 'Bulk', 'bulk', 1, 1)`,
          [pid, `BULK-${i}`],
        );
      }
      const before = await snapshot(t);
      const cases: Array<[string, unknown, RegExp]> = [
        ['catalogue cost too large', granjaOrder([{ product_id: dear, quantity: 1 }]), /123456789\.00/],
        ['total too large', granjaOrder(many.map((pid) => ({ product_id: pid, quantity: 1_000_000, unit_cost: '99999999.99' }))), /total/],
      ];
      for (const [name, payload, message] of cases) {
        const r = await post(t, 'granja', '/api/v1/orders', payload);
        expect({ name, status: r.statusCode, error: r.json().error }).toEqual({ name, status: 422, error: 'unprocessable' });
        expect(r.json().message).toMatch(message);
      }
      expect(await snapshot(t)).toEqual(before);
      // With a unit cost given, the dear product can be ordered.
      expect((await create(t, 'granja', granjaOrder([{ product_id: dear, quantity: 1, unit_cost: '99999999.99' }]))).total).toBe('99999999.99');
    });

    it('stores SQL metacharacters in notes verbatim and leaves the tables intact', async () => {
      const before = await snapshot(t);
      for (const notes of METACHARS) {
        const o = await create(t, 'granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }], { notes }));
        expect(o.notes).toBe(notes);
        expect((await get(t, 'granja', `/api/v1/orders/${o.id}`)).notes).toBe(notes);
      }
      const after = await snapshot(t);
      expect(after.ventas).toEqual(before.ventas);
      expect(after.orders).toHaveLength(before.orders.length + METACHARS.length);
      expect(after.inventory).toEqual(before.inventory);
      expect((await get(t, 'cliente2', '/api/v1/orders')).total).toBe(1);
      expect((await get(t, 'granja', '/api/v1/orders')).total).toBe(1 + METACHARS.length);
    });
  });

  describe('lifecycle', () => {
    it('draft → submitted → received raises the store\'s stock and writes the ledger (granja)', async () => {
      // Harina is stocked in Valencia (40); arroz never was.
      const o = await create(
        t,
        'granja',
        granjaOrder([
          { product_id: G.products.harina, quantity: 12, unit_cost: '31.50' },
          { product_id: G.products.arroz, quantity: 30 },
        ]),
      );
      const submitted = await act(t, 'granja', o.id, 'submit');
      expect(submitted).toMatchObject({ status: 'submitted', submitted_at: expect.any(String), received_at: null });
      expect(await stock(t, 'granja', G.stores.valencia, G.products.harina)).toEqual({ quantity: 40, unit_cost: '30.00' });

      const received = await act(t, 'granja', o.id, 'receive');
      expect(received).toMatchObject({ status: 'received', submitted_at: submitted.submitted_at, received_at: expect.any(String), cancelled_at: null });
      expect(received.lines.map((l) => l.received_quantity)).toEqual([12, 30]);
      expect(await stock(t, 'granja', G.stores.valencia, G.products.harina)).toEqual({ quantity: 52, unit_cost: '31.50' });
      expect(await stock(t, 'granja', G.stores.valencia, G.products.arroz)).toEqual({ quantity: 30, unit_cost: '25.10' });
      // Caracas is another store: untouched.
      expect(await stock(t, 'granja', G.stores.caracas, G.products.harina)).toEqual({ quantity: 100, unit_cost: '30.00' });

      const ledger = await receipts(t, 'granja', o.id);
      expect(ledger).toEqual([
        { store_id: G.stores.valencia, product_id: G.products.harina, delta: 12, quantity_after: 52, reason: 'receipt', ref_type: 'order', ref_id: o.id, actor: expect.any(String) },
        { store_id: G.stores.valencia, product_id: G.products.arroz, delta: 30, quantity_after: 30, reason: 'receipt', ref_type: 'order', ref_id: o.id, actor: expect.any(String) },
      ]);
      expect(await get(t, 'granja', `/api/v1/orders/${o.id}`)).toEqual(received);
      expect((await get(t, 'granja', '/api/v1/orders?status=received')).items.map((x: Order) => x.id)).toEqual([o.id]);
    });

    it('receives the fixture order of cliente2 and nothing of granja moves', async () => {
      const before = await stock(t, 'granja', G.stores.caracas, G.products.harina);
      await act(t, 'cliente2', ORDERS.cliente2, 'submit');
      const r = await act(t, 'cliente2', ORDERS.cliente2, 'receive', {});
      expect(r.lines[0]).toMatchObject({ quantity: 10, received_quantity: 10 });
      expect(await stock(t, 'cliente2', C.stores.main, C.products.tornillo)).toEqual({ quantity: 80, unit_cost: '3.10' });
      expect(await receipts(t, 'cliente2', ORDERS.cliente2)).toHaveLength(1);
      expect(await stock(t, 'granja', G.stores.caracas, G.products.harina)).toEqual(before);
      expect((await get(t, 'granja', `/api/v1/orders/${ORDERS.granja}`)).status).toBe('draft');
    });

    it('records a partial receipt: listed lines as given, the others as ordered', async () => {
      const o = await create(
        t,
        'granja',
        granjaOrder(
          [
            { product_id: G.products.harina, quantity: 10 },
            { product_id: G.products.arroz, quantity: 8 },
            { product_id: G.products.queso, quantity: 5 },
          ],
          { store_id: G.stores.caracas },
        ),
      );
      await act(t, 'granja', o.id, 'submit');
      const r = await act(t, 'granja', o.id, 'receive', { lines: [{ line: 1, quantity: 4 }, { line: 2, quantity: 0 }, { line: 3, quantity: 50 }] });
      expect(r.lines.map((l) => [l.line, l.quantity, l.received_quantity])).toEqual([
        [1, 10, 4],
        [2, 8, 0],
        [3, 5, 50],
      ]);
      expect(await stock(t, 'granja', G.stores.caracas, G.products.harina)).toMatchObject({ quantity: 104 });
      expect(await stock(t, 'granja', G.stores.caracas, G.products.arroz)).toEqual({ quantity: 5, unit_cost: '25.10' });
      expect(await stock(t, 'granja', G.stores.caracas, G.products.queso)).toMatchObject({ quantity: 50 });
      // Nothing arrived of line 2: no movement for it.
      expect((await receipts(t, 'granja', o.id)).map((m) => [m.product_id, m.delta])).toEqual([
        [G.products.harina, 4],
        [G.products.queso, 50],
      ]);
      expect(r.total).toBe(o.total);

      const o2 = await create(t, 'granja', granjaOrder([{ product_id: G.products.arroz, quantity: 2 }, { product_id: G.products.queso, quantity: 1 }]));
      await act(t, 'granja', o2.id, 'submit');
      await act(t, 'granja', o2.id, 'receive', { lines: [{ line: 1, quantity: 1 }] });
      // Line 2 was not listed, so it arrived as ordered; arroz had no row in Valencia, and now has one.
      expect(await stock(t, 'granja', G.stores.valencia, G.products.arroz)).toMatchObject({ quantity: 1 });
      expect(await stock(t, 'granja', G.stores.valencia, G.products.queso)).toMatchObject({ quantity: 1 });
    });

    it('refuses a bad receipt with a 400 and leaves the order submitted', async () => {
      const o = await create(t, 'granja', granjaOrder([{ product_id: G.products.harina, quantity: 10 }]));
      await act(t, 'granja', o.id, 'submit');
      const before = await snapshot(t);
      const bad: Array<[string, unknown]> = [
        ['more than 10× ordered', { lines: [{ line: 1, quantity: 101 }] }],
        ['unknown line', { lines: [{ line: 2, quantity: 1 }] }],
        ['line listed twice', { lines: [{ line: 1, quantity: 1 }, { line: 1, quantity: 2 }] }],
        ['negative', { lines: [{ line: 1, quantity: -1 }] }],
        ['fractional', { lines: [{ line: 1, quantity: 0.5 }] }],
        ['line 0', { lines: [{ line: 0, quantity: 1 }] }],
        ['unknown field', { lines: [{ line: 1, quantity: 1 }], force: true }],
        ['unknown line field', { lines: [{ line: 1, quantity: 1, unit_cost: '1.00' }] }],
        ['lines not an array', { lines: { line: 1 } }],
      ];
      for (const [name, payload] of bad) {
        const r = await post(t, 'granja', `/api/v1/orders/${o.id}/receive`, payload);
        expect({ name, status: r.statusCode, error: r.json().error }).toEqual({ name, status: 400, error: 'validation_error' });
      }
      expect(await snapshot(t)).toEqual(before);
      // Exactly 10× is an over-delivery worth recording.
      const r = await act(t, 'granja', o.id, 'receive', { lines: [{ line: 1, quantity: 100 }] });
      expect(r.lines[0]!.received_quantity).toBe(100);
    });

    it('cancels drafts and submitted orders without touching stock', async () => {
      const before = await snapshot(t);
      const draft = await act(t, 'granja', ORDERS.granja, 'cancel');
      expect(draft).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(String), submitted_at: null });
      await act(t, 'cliente2', ORDERS.cliente2, 'submit');
      const sub = await act(t, 'cliente2', ORDERS.cliente2, 'cancel');
      expect(sub).toMatchObject({ status: 'cancelled', submitted_at: expect.any(String), cancelled_at: expect.any(String) });
      const after = await snapshot(t);
      expect(after.inventory).toEqual(before.inventory);
      expect(after.movements).toEqual(before.movements);
    });

    it('answers every invalid transition with 409 invalid_state and changes nothing', async () => {
      const draft = await create(t, 'granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }]));
      const submitted = await create(t, 'granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }]));
      await act(t, 'granja', submitted.id, 'submit');
      const received = await create(t, 'granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }]));
      await act(t, 'granja', received.id, 'submit');
      await act(t, 'granja', received.id, 'receive');
      const cancelled = await create(t, 'granja', granjaOrder([{ product_id: G.products.harina, quantity: 1 }]));
      await act(t, 'granja', cancelled.id, 'cancel');

      const before = await snapshot(t);
      const invalid: Array<[Order, 'submit' | 'receive' | 'cancel', string]> = [
        [draft, 'receive', 'is draft; only submitted orders can be received.'],
        [submitted, 'submit', 'is submitted; only draft orders can be submitted.'],
        [received, 'submit', 'is received; only draft orders can be submitted.'],
        [received, 'receive', 'is received; only submitted orders can be received.'],
        [received, 'cancel', 'is received; only draft or submitted orders can be cancelled.'],
        [cancelled, 'submit', 'is cancelled; only draft orders can be submitted.'],
        [cancelled, 'receive', 'is cancelled; only submitted orders can be received.'],
        [cancelled, 'cancel', 'is cancelled; only draft or submitted orders can be cancelled.'],
      ];
      for (const [order, action, message] of invalid) {
        const r = await post(t, 'granja', `/api/v1/orders/${order.id}/${action}`);
        expect({ action, status: r.statusCode, error: r.json().error, message: r.json().message }).toEqual({
          action,
          status: 409,
          error: 'invalid_state',
          message: `Order ${order.reference} ${message}`,
        });
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('answers 404 for another tenant\'s or an unknown order on every transition, changing nothing', async () => {
      await act(t, 'cliente2', ORDERS.cliente2, 'submit');
      const before = await snapshot(t);
      for (const action of ['submit', 'receive', 'cancel'] as const) {
        for (const [host, id] of [['granja', ORDERS.cliente2], ['cliente2', ORDERS.granja], ['granja', UNKNOWN]] as const) {
          const r = await post(t, host, `/api/v1/orders/${id}/${action}`);
          expect({ action, host, status: r.statusCode, error: r.json().error }).toEqual({ action, host, status: 404, error: 'not_found' });
        }
        const malformed = await post(t, 'granja', `/api/v1/orders/${encodeURIComponent(`' OR 1=1 --`)}/${action}`);
        expect(malformed.statusCode).toBe(400);
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('refuses unknown fields in the transition bodies', async () => {
      const before = await snapshot(t);
      for (const action of ['submit', 'cancel'] as const) {
        const r = await post(t, 'granja', `/api/v1/orders/${ORDERS.granja}/${action}`, { reason: 'x' });
        expect({ action, status: r.statusCode, error: r.json().error }).toEqual({ action, status: 400, error: 'validation_error' });
      }
      expect(await snapshot(t)).toEqual(before);
      expect((await act(t, 'granja', ORDERS.granja, 'submit', {})).status).toBe('submitted');
    });
  });

  describe('concurrency', () => {
    it('ten concurrent receipts of one order: exactly one succeeds and stock rises once', async () => {
      const o = await create(t, 'granja', granjaOrder([{ product_id: G.products.harina, quantity: 7 }, { product_id: G.products.queso, quantity: 3 }]));
      await act(t, 'granja', o.id, 'submit');
      const results = await Promise.all(Array.from({ length: 10 }, () => post(t, 'granja', `/api/v1/orders/${o.id}/receive`)));
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error).toBe('invalid_state');
      expect(await stock(t, 'granja', G.stores.valencia, G.products.harina)).toMatchObject({ quantity: 47 });
      expect(await stock(t, 'granja', G.stores.valencia, G.products.queso)).toMatchObject({ quantity: 3 });
      expect(await receipts(t, 'granja', o.id)).toHaveLength(2);
    });

    it('a receipt racing cancellations: one wins, and stock moves only if the receipt did', async () => {
      await act(t, 'granja', ORDERS.granja, 'submit');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post(t, 'granja', `/api/v1/orders/${ORDERS.granja}/${i % 2 === 0 ? 'cancel' : 'receive'}`)),
      );
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(results.filter((r) => r.statusCode === 409)).toHaveLength(9);
      const final = await get(t, 'granja', `/api/v1/orders/${ORDERS.granja}`);
      const harina = await stock(t, 'granja', G.stores.caracas, G.products.harina);
      expect(harina?.quantity).toBe(final.status === 'received' ? 120 : 100);
      expect(await receipts(t, 'granja', ORDERS.granja)).toHaveLength(final.status === 'received' ? 1 : 0);
    });

    it('concurrent creates take distinct consecutive numbers', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => post(t, 'granja', '/api/v1/orders', granjaOrder([{ product_id: G.products.harina, quantity: 1 }]))),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
      expect(results.map((r) => r.json().number).sort((a: number, b: number) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });
  });
});
