import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type As } from '../support/app.js';
import { ledgerMismatches } from '../support/invariants.js';
import { T } from '../support/fixtures.js';

const G = T.granja;
const C = T.cliente2;
const UNKNOWN = '00000000-0000-4000-8999-000000000999';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];
/** The tests' "now": after every fixture sale, so sales dated in November 2026 are in the past. */
const NOW = Date.parse('2026-11-27T12:00:00Z');

interface Line {
  ticket: string;
  line: number;
  store: { id: string; name: string };
  product: { id: string; sku: string; name: string };
  fecha_venta: string;
  business_date: string;
  quantity: number;
  unit_price: string;
  discount: string;
  total: string;
  currency: string;
}

async function app(): Promise<TestApp> {
  const t = await createTestApp();
  t.clock.set(NOW);
  return t;
}

function sell(t: TestApp, host: string, body: Record<string, unknown>, as?: As) {
  return t.on(host, { method: 'POST', url: '/api/v1/sales', payload: body, ...(as ? { as } : {}) });
}

async function list(t: TestApp, host: string, qs = ''): Promise<{ items: Line[]; total: number; limit: number; offset: number }> {
  const r = await t.on(host, `/api/v1/sales${qs}`);
  expect({ qs, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ qs, status: 200, body: 'ok' });
  return r.json();
}

const keys = (items: Line[]) => items.map((l) => `${l.ticket}/${l.line}`);

async function stockOf(t: TestApp, tenant: string, storeId: string, productId: string): Promise<number | null> {
  const row = await t.store.platform.get('SELECT quantity FROM inventory WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3', [tenant, storeId, productId]);
  return row ? Number(row.quantity) : null;
}

/** Everything a sale could touch, to prove a refused one touched nothing. */
async function snapshot(t: TestApp) {
  const db = t.store.platform;
  return {
    ventas: await db.all('SELECT tenant_id, ticket, line, quantity FROM ventas ORDER BY tenant_id, ticket, line'),
    stock: await db.all('SELECT tenant_id, store_id, product_id, quantity FROM inventory ORDER BY tenant_id, store_id, product_id'),
    movements: Number((await db.get('SELECT count(*) AS n FROM inventory_movements'))?.n),
    audit: Number((await db.get(`SELECT count(*) AS n FROM audit_log WHERE action = 'sale.recorded'`))?.n),
  };
}

describe('GET /api/v1/sales', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await app();
  });
  afterAll(() => t.close());

  it('lists each tenant\'s own lines, newest first, with names and line totals', async () => {
    const g = await list(t, 'granja');
    expect(g.total).toBe(3);
    expect(keys(g.items)).toEqual(['T-1002/1', 'T-1001/1', 'T-1001/2']);
    expect(g.items[2]).toEqual({
      ticket: 'T-1001',
      line: 2,
      store: { id: G.stores.caracas, name: 'Caracas Centro' },
      product: { id: G.products.queso, sku: 'P-003', name: 'Queso blanco duro 500 g' },
      fecha_venta: '2026-11-02T14:00:00.000Z',
      business_date: '2026-11-02',
      quantity: 1,
      unit_price: '120.00',
      discount: '10.00',
      total: '110.00',
      currency: 'VES',
      tax_category: 'general',
    });
    const c = await list(t, 'cliente2');
    expect(c.total).toBe(1);
    expect(c.items).toMatchObject([{ ticket: 'T-1001', line: 1, product: { id: C.products.martillo, sku: 'P-002' }, total: '19.99', currency: 'USD' }]);
  });

  it('filters by business date (both ends included), store, product and ticket', async () => {
    expect(keys((await list(t, 'granja', '?from=2026-11-02&to=2026-11-02')).items)).toEqual(['T-1001/1', 'T-1001/2']);
    expect(keys((await list(t, 'granja', '?from=2026-11-03')).items)).toEqual(['T-1002/1']);
    expect(keys((await list(t, 'granja', '?to=2026-11-02')).items)).toEqual(['T-1001/1', 'T-1001/2']);
    expect((await list(t, 'granja', '?from=2026-11-04&to=2026-11-30')).total).toBe(0);
    expect(keys((await list(t, 'granja', `?store_id=${G.stores.valencia}`)).items)).toEqual(['T-1002/1']);
    expect(keys((await list(t, 'granja', `?product_id=${G.products.queso}`)).items)).toEqual(['T-1001/2']);
    expect(keys((await list(t, 'granja', '?ticket=T-1001')).items)).toEqual(['T-1001/1', 'T-1001/2']);
    expect(keys((await list(t, 'granja', `?store_id=${G.stores.caracas}&product_id=${G.products.harina}&from=2026-11-01&to=2026-11-30`)).items)).toEqual(['T-1001/1']);
    // Upper-case UUIDs are the same ids.
    expect((await list(t, 'granja', `?store_id=${G.stores.valencia.toUpperCase()}`)).total).toBe(1);
  });

  it('pages with a stable order and the total of every page', async () => {
    const pages = [];
    for (let offset = 0; offset < 3; offset++) pages.push(await list(t, 'granja', `?limit=1&offset=${offset}`));
    expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
    expect(pages.flatMap((p) => keys(p.items))).toEqual(['T-1002/1', 'T-1001/1', 'T-1001/2']);
    const past = await list(t, 'granja', '?limit=10&offset=50');
    expect(past).toMatchObject({ items: [], total: 3, limit: 10, offset: 50 });
  });

  it('filters the other tenant\'s ids to nothing', async () => {
    for (const qs of [`?store_id=${C.stores.main}`, `?product_id=${C.products.martillo}`, `?store_id=${UNKNOWN}`]) {
      expect((await list(t, 'granja', qs)).total).toBe(0);
    }
    for (const qs of [`?store_id=${G.stores.caracas}`, `?product_id=${G.products.harina}`]) {
      expect((await list(t, 'cliente2', qs)).total).toBe(0);
    }
    // The same ticket id in the other tenant is that tenant's own ticket.
    expect(keys((await list(t, 'cliente2', '?ticket=T-1001')).items)).toEqual(['T-1001/1']);
    expect((await list(t, 'cliente2', '?ticket=T-1002')).total).toBe(0);
  });

  it('refuses bad dates, reversed and overlong ranges', async () => {
    const cases = [
      '?from=2026-13-45',
      '?to=yesterday',
      '?from=2026-02-30',
      '?from=2026-11-2',
      '?from=2026-11-02T00:00:00Z',
      '?from=2026-11-03&to=2026-11-02',
      '?from=2023-01-01&to=2026-01-03',
      '?from=0001-01-01&to=9999-12-31',
    ];
    for (const qs of cases) {
      const r = await t.on('granja', `/api/v1/sales${qs}`);
      expect({ qs, status: r.statusCode, error: r.json().error }).toEqual({ qs, status: 400, error: 'validation_error' });
    }
    const reversed = await t.on('granja', '/api/v1/sales?from=2026-11-03&to=2026-11-02');
    expect(reversed.json().message).toMatch(/'from' \(2026-11-03\) is after 'to' \(2026-11-02\)/);
    // Exactly three years is allowed.
    expect((await list(t, 'granja', '?from=2023-11-01&to=2026-11-01')).total).toBe(0);
  });

  it('refuses unknown parameters, bad ids and absurd paging', async () => {
    for (const qs of ['?foo=1', '?store_id=42', '?product_id=nope', '?limit=0', '?limit=501', '?offset=-1', '?limit=abc', '?ticket=']) {
      const r = await t.on('granja', `/api/v1/sales${qs}`);
      expect({ qs, status: r.statusCode }).toEqual({ qs, status: 400 });
    }
  });

  it('answers SQL metacharacters in every string parameter with a 4xx and leaves the data intact', async () => {
    const before = await snapshot(t);
    for (const m of METACHARS) {
      for (const param of ['ticket', 'store_id', 'product_id', 'from', 'to']) {
        const r = await t.on('granja', `/api/v1/sales?${param}=${encodeURIComponent(m)}`);
        // '_' is a legal ticket id: it must match that ticket exactly, not act as a wildcard.
        const expected = param === 'ticket' && m === '_' ? { status: 200, total: 0 } : { status: 400, total: undefined };
        expect({ param, m, status: r.statusCode, total: r.json().total }).toEqual({ param, m, ...expected });
      }
    }
    expect(await snapshot(t)).toEqual(before);
    expect((await list(t, 'granja')).total).toBe(3);
  });

  it('needs a signed-in principal with sales:read and the sales feature', async () => {
    expect((await t.on('granja', { url: '/api/v1/sales', as: 'anonymous' })).statusCode).toBe(401);
    expect((await t.on('granja', { url: '/api/v1/sales', as: 'viewer' })).statusCode).toBe(200);
    expect((await t.on('dormida', { url: '/api/v1/sales', as: 'anonymous' })).json().error).toBe('tenant_suspended');
  });
});

describe('GET /api/v1/sales/tickets/:ticket', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await app();
  });
  afterAll(() => t.close());

  it('answers one ticket with its lines and totals, per tenant', async () => {
    const g = await t.on('granja', '/api/v1/sales/tickets/T-1001');
    expect(g.statusCode).toBe(200);
    const ticket = g.json();
    expect(ticket).toMatchObject({
      ticket: 'T-1001',
      store: { id: G.stores.caracas, name: 'Caracas Centro' },
      fecha_venta: '2026-11-02T14:00:00.000Z',
      business_date: '2026-11-02',
      currency: 'VES',
      totals: { lines: 2, units: 4, subtotal: '255.00', discount: '10.00', total: '245.00', base_currency: 'VES', total_base: '245.00' },
    });
    expect(Number(ticket.fx_rate)).toBe(1);
    expect(keys(ticket.lines)).toEqual(['T-1001/1', 'T-1001/2']);
    expect(ticket.lines.map((l: Line) => l.total)).toEqual(['135.00', '110.00']);

    // Same ticket id, other tenant: its own single line.
    const c = await t.on('cliente2', '/api/v1/sales/tickets/T-1001');
    expect(c.json()).toMatchObject({ ticket: 'T-1001', currency: 'USD', totals: { lines: 1, units: 1, total: '19.99', base_currency: 'USD' } });
    expect(c.json().lines[0].product.id).toBe(C.products.martillo);
  });

  it('answers 404 for a ticket of the other tenant or of nobody', async () => {
    for (const [host, ticket] of [['cliente2', 'T-1002'], ['granja', 'T-9999'], ['granja', 't-1001']]) {
      const r = await t.on(host!, `/api/v1/sales/tickets/${ticket}`);
      expect({ host, ticket, status: r.statusCode, error: r.json().error }).toEqual({ host, ticket, status: 404, error: 'not_found' });
    }
  });

  it('answers 4xx for SQL metacharacters and overlong ids', async () => {
    for (const m of [...METACHARS, 'x'.repeat(65)]) {
      const r = await t.on('granja', `/api/v1/sales/tickets/${encodeURIComponent(m)}`);
      expect({ m, status: r.statusCode >= 400 && r.statusCode < 500 }).toEqual({ m, status: true });
    }
    expect((await list(t, 'granja')).total).toBe(3);
  });
});

describe('POST /api/v1/sales', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await app();
  });
  afterAll(() => t.close());

  it('records a ticket, takes its stock through the ledger and audits it, in one transaction', async () => {
    const harina = (await stockOf(t, 'granja', G.stores.caracas, G.products.harina))!;
    const arroz = (await stockOf(t, 'granja', G.stores.caracas, G.products.arroz))!;
    const r = await sell(t, 'granja', {
      store_id: G.stores.caracas,
      ticket: 'POS1-000123',
      fecha_venta: '2026-11-20T15:00:00Z',
      lines: [
        { product_id: G.products.harina, quantity: 4 },
        { product_id: G.products.arroz, quantity: 2, unit_price: '40', discount: '1.50' },
      ],
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({
      ticket: 'POS1-000123',
      store: { id: G.stores.caracas, name: 'Caracas Centro' },
      fecha_venta: '2026-11-20T15:00:00.000Z',
      business_date: '2026-11-20',
      currency: 'VES',
      totals: { lines: 2, units: 6, subtotal: '260.00', discount: '1.50', total: '258.50', base_currency: 'VES', total_base: '258.50' },
    });
    expect(body.lines).toMatchObject([
      { line: 1, product: { id: G.products.harina, sku: 'P-001' }, quantity: 4, unit_price: '45.00', discount: '0.00', total: '180.00' },
      { line: 2, product: { id: G.products.arroz, sku: 'P-002' }, quantity: 2, unit_price: '40.00', discount: '1.50', total: '78.50' },
    ]);

    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.harina)).toBe(harina - 4);
    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.arroz)).toBe(arroz - 2);
    const moves = await t.store.platform.all(
      `SELECT product_id, delta, quantity_after, reason, ref_type, ref_id, actor FROM inventory_movements
       WHERE tenant_id = 'granja' AND ref_id = 'POS1-000123' ORDER BY product_id`,
    );
    expect(moves).toEqual([
      { product_id: G.products.harina, delta: -4, quantity_after: harina - 4, reason: 'sale', ref_type: 'sale', ref_id: 'POS1-000123', actor: expect.any(String) },
      { product_id: G.products.arroz, delta: -2, quantity_after: arroz - 2, reason: 'sale', ref_type: 'sale', ref_id: 'POS1-000123', actor: expect.any(String) },
    ]);
    const stored = await t.store.platform.all(
      `SELECT line, unit_cost, fx_rate, currency, business_date, created_by FROM ventas WHERE tenant_id = 'granja' AND ticket = 'POS1-000123' ORDER BY line`,
    );
    expect(stored.map((s) => [s.line, s.unit_cost, Number(s.fx_rate), s.currency, s.business_date])).toEqual([
      [1, '30.00', 1, 'VES', '2026-11-20'],
      [2, '25.10', 1, 'VES', '2026-11-20'],
    ]);
    expect(String(stored[0]!.created_by)).toBe(String(moves[0]!.actor));
    expect(await t.store.platform.get(`SELECT action, target_id FROM audit_log WHERE tenant_id = 'granja' AND target_id = 'POS1-000123'`)).toEqual({
      action: 'sale.recorded',
      target_id: 'POS1-000123',
    });
    expect(await ledgerMismatches(t)).toEqual([]);

    // The ticket reads back the same, and shows in the list.
    const again = await t.on('granja', '/api/v1/sales/tickets/POS1-000123');
    expect(again.json()).toEqual(body);
    expect(keys((await list(t, 'granja', '?ticket=POS1-000123')).items)).toEqual(['POS1-000123/1', 'POS1-000123/2']);
  });

  it('generates a ticket id when none is given and dates the sale now by default', async () => {
    const r = await sell(t, 'cliente2', { store_id: C.stores.main, lines: [{ product_id: C.products.tornillo, quantity: 1 }] });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.ticket).toMatch(/^FX-20261127-[0-9A-F]{12}$/);
    expect(body.fecha_venta).toBe(new Date(NOW).toISOString());
    expect(body.business_date).toBe('2026-11-27');
    expect(body.totals).toMatchObject({ total: '6.99', base_currency: 'USD' });
    expect(body.currency).toBe('USD');
  });

  it('dates a sale on the tenant\'s calendar day, not UTC\'s', async () => {
    // 02:30 UTC is 22:30 of the previous day in Caracas (UTC−4); 04:30 UTC is 23:30 in New York (EST, UTC−5).
    const g = await sell(t, 'granja', { store_id: G.stores.caracas, ticket: 'NIGHT-1', fecha_venta: '2026-11-03T02:30:00Z', lines: [{ product_id: G.products.harina, quantity: 1 }] });
    expect(g.json()).toMatchObject({ fecha_venta: '2026-11-03T02:30:00.000Z', business_date: '2026-11-02' });
    const g2 = await sell(t, 'granja', { store_id: G.stores.caracas, ticket: 'MORNING-1', fecha_venta: '2026-11-03T04:00:00Z', lines: [{ product_id: G.products.harina, quantity: 1 }] });
    expect(g2.json().business_date).toBe('2026-11-03');
    const c = await sell(t, 'cliente2', { store_id: C.stores.main, ticket: 'NIGHT-1', fecha_venta: '2026-11-03T04:30:00Z', lines: [{ product_id: C.products.tornillo, quantity: 1 }] });
    expect(c.json().business_date).toBe('2026-11-02');
    // The list's date filter follows the business date.
    expect(keys((await list(t, 'granja', '?from=2026-11-02&to=2026-11-02')).items)).toContain('NIGHT-1/1');
    expect(keys((await list(t, 'granja', '?from=2026-11-03&to=2026-11-03')).items)).toEqual(['T-1002/1', 'MORNING-1/1']);
  });

  it('counts every line of a product sold twice in one ticket against its stock', async () => {
    const before = (await stockOf(t, 'granja', G.stores.valencia, G.products.harina))!;
    const tooMuch = await sell(t, 'granja', {
      store_id: G.stores.valencia,
      ticket: 'TWICE-1',
      lines: [
        { product_id: G.products.harina, quantity: before - 1 },
        { product_id: G.products.harina, quantity: 2 },
      ],
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ error: 'insufficient_stock', details: { product_id: G.products.harina, available: before, requested: before + 1 } });
    expect(await stockOf(t, 'granja', G.stores.valencia, G.products.harina)).toBe(before);

    const exact = await sell(t, 'granja', {
      store_id: G.stores.valencia,
      ticket: 'TWICE-2',
      lines: [
        { product_id: G.products.harina, quantity: before - 2 },
        { product_id: G.products.harina, quantity: 2, unit_price: '0' },
      ],
    });
    expect(exact.statusCode).toBe(201);
    expect(exact.json().totals).toMatchObject({ lines: 2, units: before });
    expect(await stockOf(t, 'granja', G.stores.valencia, G.products.harina)).toBe(0);
    const moves = await t.store.platform.all(`SELECT delta, quantity_after FROM inventory_movements WHERE tenant_id = 'granja' AND ref_id = 'TWICE-2' ORDER BY quantity_after DESC`);
    expect(moves).toEqual([
      { delta: -(before - 2), quantity_after: 2 },
      { delta: -2, quantity_after: 0 },
    ]);
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('writes nothing when a later line lacks stock, and names the product', async () => {
    const before = await snapshot(t);
    const r = await sell(t, 'granja', {
      store_id: G.stores.caracas,
      ticket: 'SHORT-1',
      lines: [
        { product_id: G.products.harina, quantity: 1 },
        { product_id: G.products.arroz, quantity: 1000 },
      ],
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toBe('insufficient_stock');
    expect(r.json().message).toContain('Arroz Mary 1 kg');
    expect(r.json().message).toContain('P-002');
    expect(r.json().details).toMatchObject({ product_id: G.products.arroz, sku: 'P-002', store_id: G.stores.caracas, requested: 1000 });
    expect(await snapshot(t)).toEqual(before);

    // Queso is out of stock in Caracas and never stocked in Valencia: both are short, not missing.
    for (const store of [G.stores.caracas, G.stores.valencia]) {
      const q = await sell(t, 'granja', { store_id: store, ticket: 'SHORT-2', lines: [{ product_id: G.products.queso, quantity: 1 }] });
      expect({ store, status: q.statusCode, error: q.json().error }).toEqual({ store, status: 409, error: 'insufficient_stock' });
    }
    expect(await snapshot(t)).toEqual(before);
    expect((await t.on('granja', '/api/v1/sales/tickets/SHORT-1')).statusCode).toBe(404);
  });

  it('refuses a ticket id that already exists in the tenant (409) and writes nothing', async () => {
    const before = await snapshot(t);
    const dup = await sell(t, 'granja', { store_id: G.stores.caracas, ticket: 'T-1001', lines: [{ product_id: G.products.harina, quantity: 1 }] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'already_exists', details: { ticket: 'T-1001' } });
    expect(await snapshot(t)).toEqual(before);
    // The other tenant's ticket ids are no obstacle: T-1002 exists only in granja.
    const other = await sell(t, 'cliente2', { store_id: C.stores.main, ticket: 'T-1002', lines: [{ product_id: C.products.tornillo, quantity: 1 }] });
    expect(other.statusCode).toBe(201);
    // Recording it twice is refused the second time.
    const again = await sell(t, 'cliente2', { store_id: C.stores.main, ticket: 'T-1002', lines: [{ product_id: C.products.tornillo, quantity: 1 }] });
    expect(again.statusCode).toBe(409);
  });

  it('answers 404 for a store or product of the other tenant and writes nothing', async () => {
    const before = await snapshot(t);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['granja', { store_id: C.stores.main, lines: [{ product_id: G.products.harina, quantity: 1 }] }, 'Store'],
      ['granja', { store_id: G.stores.caracas, lines: [{ product_id: C.products.tornillo, quantity: 1 }] }, 'Product'],
      ['granja', { store_id: G.stores.caracas, lines: [{ product_id: G.products.harina, quantity: 1 }, { product_id: C.products.martillo, quantity: 1 }] }, 'Product'],
      ['cliente2', { store_id: G.stores.caracas, lines: [{ product_id: C.products.tornillo, quantity: 1 }] }, 'Store'],
      ['cliente2', { store_id: C.stores.main, lines: [{ product_id: G.products.harina, quantity: 1 }] }, 'Product'],
      ['cliente2', { store_id: UNKNOWN, lines: [{ product_id: C.products.tornillo, quantity: 1 }] }, 'Store'],
    ];
    for (const [host, body, what] of cases) {
      const r = await sell(t, host, { ticket: 'XT-1', ...body });
      expect({ host, body, status: r.statusCode, error: r.json().error, what: r.json().message.startsWith(what) }).toEqual({ host, body, status: 404, error: 'not_found', what: true });
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('sells in another currency at the latest rate on or before the sale\'s date, or refuses with 422', async () => {
    const before = await snapshot(t);
    const body = { store_id: G.stores.caracas, ticket: 'USD-1', currency: 'USD', fecha_venta: '2026-11-10T15:00:00Z', lines: [{ product_id: G.products.harina, quantity: 2, unit_price: '10.00' }] };
    const missing = await sell(t, 'granja', body);
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ error: 'unprocessable', details: { currency: 'USD', base_currency: 'VES', date: '2026-11-10' } });
    expect(missing.json().message).toContain('USD');
    expect(await snapshot(t)).toEqual(before);

    const rate = `INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate) VALUES ('granja', 'USD', $1::DATE, $2::DECIMAL(18,6))`;
    await t.store.platform.run(rate, ['2026-11-09', '36.500000']);
    await t.store.platform.run(rate, ['2026-11-11', '40.000000']); // after the sale: not used
    const r = await sell(t, 'granja', { ...body, lines: [...body.lines, { product_id: G.products.harina, quantity: 1 }] });
    expect(r.statusCode).toBe(201);
    expect(Number(r.json().fx_rate)).toBe(36.5);
    // Default price and the cost are the product's (VES) converted: 45.00 / 36.5 = 1.2329 → 1.23; 30.00 / 36.5 → 0.82.
    expect(r.json().lines.map((l: Line) => [l.unit_price, l.total, l.currency])).toEqual([
      ['10.00', '20.00', 'USD'],
      ['1.23', '1.23', 'USD'],
    ]);
    // 20.00 × 36.5 = 730.00 and 1.23 × 36.5 = 44.895 → 44.90, line by line.
    expect(r.json().totals).toMatchObject({ total: '21.23', base_currency: 'VES', total_base: '774.90' });
    const costs = await t.store.platform.all(`SELECT unit_cost FROM ventas WHERE tenant_id = 'granja' AND ticket = 'USD-1' ORDER BY line`);
    expect(costs.map((c) => c.unit_cost)).toEqual(['0.82', '0.82']);

    // The tenant's own currency needs no rate, even spelled out.
    const ves = await sell(t, 'granja', { store_id: G.stores.caracas, ticket: 'VES-1', currency: 'VES', lines: [{ product_id: G.products.harina, quantity: 1 }] });
    expect(ves.statusCode).toBe(201);
    // A rate of one tenant never serves the other: cliente2 has no VES rate.
    const c = await sell(t, 'cliente2', { store_id: C.stores.main, ticket: 'VES-2', currency: 'EUR', lines: [{ product_id: C.products.tornillo, quantity: 1, unit_price: '1' }] });
    expect(c.statusCode).toBe(422);
  });

  it('refuses a sale dated more than 5 minutes ahead or before 2000, and a discount above the line', async () => {
    const before = await snapshot(t);
    const line = [{ product_id: G.products.harina, quantity: 1 }];
    const ahead = new Date(NOW + 6 * 60_000).toISOString();
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ fecha_venta: ahead, lines: line }, /future/],
      [{ fecha_venta: '1999-12-31T23:59:59Z', lines: line }, /2000/],
      [{ lines: [{ product_id: G.products.harina, quantity: 2, discount: '90.01' }] }, /discount/],
      [{ lines: [{ product_id: G.products.harina, quantity: 2, unit_price: '1.00', discount: '2.01' }] }, /discount/],
    ];
    for (const [body, message] of bad) {
      const r = await sell(t, 'granja', { store_id: G.stores.caracas, ...body });
      expect({ body, status: r.statusCode, error: r.json().error, message: message.test(r.json().message) }).toEqual({ body, status: 400, error: 'validation_error', message: true });
    }
    expect(await snapshot(t)).toEqual(before);
    // A till a little ahead of the server is fine, and a discount equal to the line is too.
    const skewed = await sell(t, 'granja', { store_id: G.stores.caracas, fecha_venta: new Date(NOW + 4 * 60_000).toISOString(), lines: [{ product_id: G.products.harina, quantity: 2, discount: '90.00' }] });
    expect(skewed.statusCode).toBe(201);
    expect(skewed.json().totals.total).toBe('0.00');
  });

  it('validates the body strictly', async () => {
    const before = await snapshot(t);
    const ok = { store_id: G.stores.caracas, lines: [{ product_id: G.products.harina, quantity: 1 }] };
    const line = (extra: Record<string, unknown>) => ({ ...ok, lines: [{ product_id: G.products.harina, quantity: 1, ...extra }] });
    const cases: Array<[string, unknown]> = [
      ['no lines', { store_id: G.stores.caracas, lines: [] }],
      ['501 lines', { store_id: G.stores.caracas, lines: Array.from({ length: 501 }, () => ({ product_id: G.products.harina, quantity: 1 })) }],
      ['no store', { lines: ok.lines }],
      ['bad store id', { ...ok, store_id: 'caracas' }],
      ['unknown field', { ...ok, total: '1.00' }],
      ['unknown line field', line({ cost: '1' })],
      ['quantity 0', line({ quantity: 0 })],
      ['negative quantity', line({ quantity: -1 })],
      ['fractional quantity', line({ quantity: 1.5 })],
      ['huge quantity', line({ quantity: 100_001 })],
      ['negative price', line({ unit_price: '-1.00' })],
      ['float-ish price', line({ unit_price: '1e3' })],
      ['three decimals', line({ unit_price: '1.005' })],
      ['absurd price', line({ unit_price: '12345678901.00' })],
      ['negative discount', line({ discount: '-5' })],
      ['bad currency', { ...ok, currency: 'usd' }],
      ['bad instant', { ...ok, fecha_venta: 'yesterday' }],
      ['bad calendar instant', { ...ok, fecha_venta: '2026-13-45T10:00:00Z' }],
      ['instant without zone', { ...ok, fecha_venta: '2026-11-03T02:30:00' }],
      ['empty ticket', { ...ok, ticket: '' }],
      ['long ticket', { ...ok, ticket: 'x'.repeat(65) }],
      ['ticket with spaces', { ...ok, ticket: 'A B' }],
      ['array body', [ok]],
    ];
    for (const [name, body] of cases) {
      const r = await t.on('granja', { method: 'POST', url: '/api/v1/sales', payload: body as Record<string, unknown> });
      expect({ name, status: r.statusCode, error: r.json().error }).toEqual({ name, status: 400, error: 'validation_error' });
    }
    const malformed = await t.on('granja', { method: 'POST', url: '/api/v1/sales', headers: { 'content-type': 'application/json' }, payload: '{"store_id": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('invalid_json');
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers SQL metacharacters in the ticket id with 400 and leaves the data intact', async () => {
    const before = await snapshot(t);
    for (const m of METACHARS.filter((x) => x !== '_')) {
      const r = await sell(t, 'granja', { store_id: G.stores.caracas, ticket: m, lines: [{ product_id: G.products.harina, quantity: 1 }] });
      expect({ m, status: r.statusCode }).toEqual({ m, status: 400 });
    }
    for (const m of METACHARS) {
      const c = await sell(t, 'granja', { store_id: G.stores.caracas, currency: m, lines: [{ product_id: G.products.harina, quantity: 1 }] });
      expect({ m, status: c.statusCode }).toEqual({ m, status: 400 });
    }
    expect(await snapshot(t)).toEqual(before);
    // '_' is a legal ticket id, stored and found literally: no LIKE anywhere near it.
    expect((await sell(t, 'granja', { store_id: G.stores.caracas, ticket: '_', lines: [{ product_id: G.products.harina, quantity: 1 }] })).statusCode).toBe(201);
    expect(keys((await list(t, 'granja', '?ticket=_')).items)).toEqual(['_/1']);
    expect((await t.on('granja', '/api/v1/sales/tickets/_')).json().totals.lines).toBe(1);
    expect((await snapshot(t)).ventas).toHaveLength(before.ventas.length + 1);
    // Every character the ticket grammar allows round-trips.
    const r = await sell(t, 'granja', { store_id: G.stores.caracas, ticket: 'a.B_c-9', lines: [{ product_id: G.products.harina, quantity: 1 }] });
    expect(r.statusCode).toBe(201);
    expect((await t.on('granja', '/api/v1/sales/tickets/a.B_c-9')).json().ticket).toBe('a.B_c-9');
  });

  it('needs sales:write: a viewer may read but not sell', async () => {
    const before = await snapshot(t);
    const body = { store_id: G.stores.caracas, lines: [{ product_id: G.products.harina, quantity: 1 }] };
    expect((await sell(t, 'granja', body, 'viewer')).statusCode).toBe(403);
    expect((await sell(t, 'granja', body, 'anonymous')).statusCode).toBe(401);
    expect(await snapshot(t)).toEqual(before);
    expect((await sell(t, 'granja', body, 'staff')).statusCode).toBe(201);
  });
});

describe('concurrent sales', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await app();
  });
  afterAll(() => t.close());

  it('never drive stock below zero: 40 sales of 1 against 25 in stock → exactly 25 succeed', async () => {
    // Bring Caracas' harina from 100 down to 25 through a sale, so the ledger stays complete.
    const start = (await stockOf(t, 'granja', G.stores.caracas, G.products.harina))!;
    expect((await sell(t, 'granja', { store_id: G.stores.caracas, ticket: 'BULK', lines: [{ product_id: G.products.harina, quantity: start - 25 }] })).statusCode).toBe(201);
    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.harina)).toBe(25);

    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sell(t, 'granja', { store_id: G.stores.caracas, ticket: `RUSH-${i}`, lines: [{ product_id: G.products.harina, quantity: 1 }] }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(25);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error).toBe('insufficient_stock');

    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.harina)).toBe(0);
    const sold = await t.store.platform.all(`SELECT ticket FROM ventas WHERE tenant_id = 'granja' AND ticket LIKE 'RUSH-%'`);
    expect(sold).toHaveLength(25);
    const moves = await t.store.platform.all(
      `SELECT quantity_after FROM inventory_movements WHERE tenant_id = 'granja' AND ref_type = 'sale' AND ref_id LIKE 'RUSH-%' ORDER BY quantity_after`,
    );
    // Each success took exactly one unit from the balance the previous one left.
    expect(moves.map((m) => m.quantity_after)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(await ledgerMismatches(t)).toEqual([]);
    // Valencia's harina was never touched.
    expect(await stockOf(t, 'granja', G.stores.valencia, G.products.harina)).toBe(40);
  });
});
