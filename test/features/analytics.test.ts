import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';

const G = T.granja;
const C = T.cliente2;
/** Friday 27 November 2026, 08:00 in Caracas. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const TODAY = '2026-11-27';

let ticketNo = 0;
/** A sales line written straight to the table (history for the forecast; stock is not touched). */
async function sold(t: TestApp, store: string, product: string, date: string, quantity: number, price: string) {
  ticketNo += 1;
  await t.store.platform.run(
    `INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity, unit_price, currency)
     VALUES ('granja', $1, 1, $2, $3, $4::TIMESTAMPTZ, $5::DATE, $6, $7::DECIMAL(18,2), 'VES')`,
    [`H-${ticketNo}`, store, product, `${date}T16:00:00Z`, date, quantity, price],
  );
}

describe('insights', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  const insights = (host: string, qs = '', as: As = 'viewer') => t.on(host, { url: `/api/v1/insights${qs}`, as });

  it('cliente2 has no ai-insights: 403 feature_disabled for every role; granja serves every role with stats:read', async () => {
    for (const as of ['viewer', 'staff', 'manager', 'owner', 'anonymous'] as As[]) {
      for (const r of [await insights('cliente2', '', as)]) {
        expect({ as, status: r.statusCode, error: r.json().error }).toEqual({ as, status: 403, error: 'feature_disabled' });
      }
    }
    for (const as of ['viewer', 'staff', 'manager', 'owner'] as As[]) {
      expect((await insights('granja', '', as)).statusCode).toBe(200);
    }
    expect((await insights('granja', '', 'anonymous')).statusCode).toBe(401);
  });

  it('insights: ranked by impact, each with its numbers', async () => {
    const r = await insights('granja');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      as_of: TODAY,
      currency: 'VES',
      total: 4,
      items: [
        {
          kind: 'overstock',
          product_id: G.products.harina,
          sku: 'P-001',
          name: 'Harina P.A.N. 1 kg',
          store_id: G.stores.caracas,
          store_name: 'Caracas Centro',
          numbers: { stock: 100, avg_daily_units: 0.11, days_of_cover: 933.3, excess_units: 90, unit_cost: '30.00' },
          impact: '2700.00',
        },
        {
          kind: 'dead_stock',
          product_id: G.products.harina,
          sku: 'P-001',
          name: 'Harina P.A.N. 1 kg',
          store_id: G.stores.valencia,
          store_name: 'Valencia Norte',
          numbers: { stock: 40, unit_cost: '30.00', days_without_sales: 60 },
          impact: '1200.00',
        },
        {
          kind: 'dead_stock',
          product_id: G.products.arroz,
          sku: 'P-002',
          name: 'Arroz Mary 1 kg',
          store_id: G.stores.caracas,
          store_name: 'Caracas Centro',
          numbers: { stock: 5, unit_cost: '25.10', days_without_sales: 60 },
          impact: '125.50',
        },
        {
          kind: 'out_of_stock',
          product_id: G.products.queso,
          sku: 'P-003',
          name: 'Queso blanco duro 500 g',
          store_id: G.stores.caracas,
          store_name: 'Caracas Centro',
          numbers: { stock: 0, avg_daily_units: 0.04, days_out: 1, price: '120.00', lost_units: 0.04 },
          impact: '4.44',
        },
      ],
    });
    expect((await insights('granja', '?limit=2')).json()).toMatchObject({ total: 4, items: [{ impact: '2700.00' }, { impact: '1200.00' }] });
    expect((await insights('granja', `?store_id=${G.stores.valencia}`)).json()).toMatchObject({ total: 1, items: [{ kind: 'dead_stock', store_name: 'Valencia Norte' }] });
  });

  it('insights: about to run out, and out of stock for days by the ledger', async () => {
    // Valencia harina: 168 sold on 20 Nov → 6 a day; 40 in stock → 6.7 days of cover (< 7).
    // Sales it cannot serve in 7 days: 7 × 6 − 40 = 2 units × 45.00 = 90.00; out on 27 Nov + 6 = 3 Dec.
    await sold(t, G.stores.valencia, G.products.harina, '2026-11-20', 168, '45.00');
    // Caracas arroz: 27 sold on 10 Nov, then its last 5 written off as damaged on 24 Nov (3 days ago).
    // Rate over the 25 days in stock: 27/25 = 1.08 a day; lost 1.08 × 3 = 3.24 units × 38.50 = 124.74.
    await sold(t, G.stores.caracas, G.products.arroz, '2026-11-10', 27, '38.50');
    const adjust = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      payload: { store_id: G.stores.caracas, product_id: G.products.arroz, delta: -5, reason: 'damage' },
    });
    expect(adjust.statusCode, adjust.body).toBe(201);
    // The ledger stamps movements with the database's clock: move this one to when it happened.
    await t.store.platform.run(
      `UPDATE inventory_movements SET created_at = '2026-11-24T12:00:00Z' WHERE tenant_id = 'granja' AND reason = 'damage' AND quantity_after = 0`,
    );

    const r = (await insights('granja')).json();
    expect(r.items.map((i: { kind: string; store_name: string; sku: string; impact: string }) => [i.kind, i.store_name, i.sku, i.impact])).toEqual([
      ['overstock', 'Caracas Centro', 'P-001', '2700.00'],
      ['out_of_stock', 'Caracas Centro', 'P-002', '124.74'],
      ['will_run_out', 'Valencia Norte', 'P-001', '90.00'],
      ['out_of_stock', 'Caracas Centro', 'P-003', '4.44'],
    ]);
    expect(r.items[1].numbers).toEqual({ stock: 0, avg_daily_units: 1.08, days_out: 3, price: '38.50', lost_units: 3.24 });
    expect(r.items[2].numbers).toEqual({ stock: 40, avg_daily_units: 6, days_of_cover: 6.7, stockout_date: '2026-12-03', price: '45.00' });
  });

  it('insights: limit 1–100, a foreign store is 404', async () => {
    for (const qs of ['?limit=0', '?limit=101', '?limit=x', '?kind=dead_stock']) expect((await insights('granja', qs)).statusCode).toBe(400);
    expect((await insights('granja', `?store_id=${C.stores.main}`)).statusCode).toBe(404);
  });
});
