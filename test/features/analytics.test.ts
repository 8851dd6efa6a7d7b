/**
 * GET /api/v1/insights on the fixtures: the run-rate rules before any forecasting run, then the
 * forecast-based rules on a crafted history (a stock-out before the next delivery, a sales spike,
 * a cost rise the price did not follow, stock that never sold), with sentences, dates, ABC–XYZ
 * classes, ranking, store filter, feature gating and tenant isolation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { ORDERS, T } from '../support/fixtures.js';
import { addDays, datesBetween } from '../../src/shared/dates.js';
import { toCents } from '../../src/shared/money.js';

const G = T.granja;
const C = T.cliente2;
/** Friday 27 November 2026, 08:00 in Caracas. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const TODAY = '2026-11-27';

let ticketNo = 0;
/** A sales line written straight to the table (history for the forecast; stock is not touched). */
async function sold(t: TestApp, store: string, product: string, date: string, quantity: number, price: string, cost = '0.00') {
  ticketNo += 1;
  await t.store.platform.run(
    `INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity, unit_price, unit_cost, currency)
     VALUES ('granja', $1, 1, $2, $3, $4::TIMESTAMPTZ, $5::DATE, $6, $7::DECIMAL(18,2), $8::DECIMAL(18,2), 'VES')`,
    [`H-${ticketNo}`, store, product, `${date}T16:00:00Z`, date, quantity, price, cost],
  );
}

/** The crafted arroz history in Caracas: about 8 a day, 14 on Saturdays, 5 on Sundays, ± 2 of fixed noise (index i from 120 days ago). */
function arrozOn(date: string): number {
  const i = datesBetween(addDays(TODAY, -120), date).length - 1;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday === 6 ? 14 : weekday === 0 ? 5 : 8) + ((i * 7919) % 5) - 2;
}
/** Tuesday 24 November: arroz sold 60 in Caracas, a spike. */
const SPIKE_DAY = '2026-11-24';
const SPIKE_UNITS = 60;

/** 120 days of arroz in Caracas up to yesterday at 38.50 (no cost recorded), with the spike. */
async function history(t: TestApp) {
  for (const date of datesBetween(addDays(TODAY, -120), addDays(TODAY, -1))) {
    await sold(t, G.stores.caracas, G.products.arroz, date, date === SPIKE_DAY ? SPIKE_UNITS : arrozOn(date), '38.50');
  }
}

type Item = { kind: string; product_id: string; store_id: string; store_name: string; numbers: Record<string, number | string | null>; impact: string; text: string; date: string | null; abc: string; xyz: string | null };

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
      source: 'run_rate',
      total: 4,
      // Revenue over 13 weeks: harina 3 × 45.00 = 135.00, queso 120.00 − 10.00 = 110.00, arroz 0 (its sale was in Valencia, which
      // stocks no arroz); total 245.00: harina starts at 0 % → A, queso at 135/245 = 55 % → A, arroz sold nothing → C. One week of
      // sales in 13 → CV = √12 ≥ 1 → Z; no sales → Z.
      classes: { AZ: 2, CZ: 1 },
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
          text: 'Harina P.A.N. 1 kg tiene stock para 933 días en Caracas Centro: sobran unas 90 unidades (Bs.S\u00a02.700,00 inmovilizados)',
          date: null,
          abc: 'A',
          xyz: 'Z',
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
          text: 'Harina P.A.N. 1 kg no se ha vendido en los últimos 60 días en Valencia Norte: 40 unidades paradas (Bs.S\u00a01.200,00)',
          date: null,
          abc: 'A',
          xyz: 'Z',
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
          text: 'Arroz Mary 1 kg no se ha vendido en los últimos 60 días en Caracas Centro: 5 unidades paradas (Bs.S\u00a0125,50)',
          date: null,
          abc: 'C',
          xyz: 'Z',
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
          text: 'Queso blanco duro 500 g lleva 1 día agotado en Caracas Centro: se han dejado de vender unas 0,04 unidades (Bs.S\u00a04,44)',
          date: '2026-11-26',
          abc: 'A',
          xyz: 'Z',
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
    expect(r.items[2]).toMatchObject({
      date: '2026-12-03',
      text: 'Harina P.A.N. 1 kg se agotará en Valencia Norte el 3 dic., antes de la próxima entrega: faltarán unas 2 unidades (Bs.S\u00a090,00)',
    });
    expect(r.items[1].date).toBe('2026-11-24');
    expect(r.source).toBe('run_rate');
  });

  it('insights: limit 1–100, a foreign store is 404', async () => {
    for (const qs of ['?limit=0', '?limit=101', '?limit=x', '?kind=dead_stock']) expect((await insights('granja', qs)).statusCode).toBe(400);
    expect((await insights('granja', `?store_id=${C.stores.main}`)).statusCode).toBe(404);
  });
});

describe('insights from forecasts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  const insights = (host: string, qs = '', as: As = 'viewer') => t.on(host, { url: `/api/v1/insights${qs}`, as });
  const run = async () => {
    const r = await t.on('granja', { method: 'POST', url: '/api/v1/forecast/runs?wait=120', as: 'manager' });
    expect(r.statusCode, r.body).toBe(200);
  };
  /** The crafted history, harina's cost rise in Caracas, and a finished run. */
  const craft = async () => {
    await history(t);
    // Harina in Caracas: cost 30.00 85 days ago, 36.00 ten days ago, price 45.00 throughout (the fixtures sold 3 at cost 30.00 on 2 Nov).
    await sold(t, G.stores.caracas, G.products.harina, addDays(TODAY, -85), 2, '45.00', '30.00');
    await sold(t, G.stores.caracas, G.products.harina, addDays(TODAY, -10), 2, '45.00', '36.00');
    await run();
  };
  const find = (items: Item[], kind: string, product: string, store: string) => items.find((i) => i.kind === kind && i.product_id === product && i.store_id === store);

  it('come from the forecasts after a run: run-out before the delivery, spike, margin erosion, dead stock, classes, ranked by impact', async () => {
    await craft();
    const r = await insights('granja', '?limit=100');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { source: string; as_of: string; total: number; items: Item[]; classes: Record<string, number> };
    expect(body).toMatchObject({ source: 'forecast', as_of: TODAY, currency: 'VES' });
    expect(body.total).toBe(body.items.length);

    // Arroz in Caracas: 5 on hand against about 8 a day; supplier lead time 5 days, no open order → delivery 2 Dec.
    // The stock is gone today (day 0), 5 days before the delivery; units short = Σ μ_0..4 − 5, at 38.50.
    const runOut = find(body.items, 'will_run_out', G.products.arroz, G.stores.caracas)!;
    expect(runOut).toMatchObject({ date: TODAY, numbers: { on_hand: 5, days_to_stockout: 0, delivery_in_days: 5, delivery_date: '2026-12-02', days_without_stock: 5 } });
    const short = runOut.numbers.units_short as number;
    expect(short).toBeGreaterThan(25);
    expect(short).toBeLessThan(55);
    expect(Math.abs(Number(toCents(runOut.impact)) - short * 3850)).toBeLessThan(100);
    expect(runOut.text).toMatch(/^Arroz Mary 1 kg se agotará en Caracas Centro el 27 nov\., 5 días antes de la próxima entrega: faltarán unas \d+ unidades \(Bs\.S\u00a0[\d.]+,\d\d\)$/);
    expect(runOut.text).toContain(`unas ${Math.round(short)} unidades`);

    // The spike: 60 sold on Tuesday 24 Nov against the mean of the 4 Tuesdays before, (6 + 8 + 10 + 7) / 4 = 7.75
    // (17, 10 and 3 Nov, 27 Oct: 8 + noise −2, 0, +2, −1). Residual 60 − 7.75 = 52.25; impact 52.25 × 38.50 = 2011.625 → 2011.63.
    expect([-7, -14, -21, -28].map((d) => arrozOn(addDays(SPIKE_DAY, d)))).toEqual([6, 8, 10, 7]);
    const anomaly = find(body.items, 'anomaly', G.products.arroz, G.stores.caracas)!;
    expect(anomaly).toMatchObject({
      date: SPIKE_DAY,
      impact: '2011.63',
      numbers: { direction: 'spike', actual: 60, expected: 7.75, residual: 52.25 },
      text: 'Arroz Mary 1 kg vendió 60 unidades en Caracas Centro el 24 nov., frente a unas 7,8 esperadas: pico de Bs.S\u00a02.011,63',
    });
    expect(anomaly.numbers.score as number).toBeGreaterThan(3.5);

    // Harina in Caracas: weekly cost 30.00 → 36.00 (+20 %), price 45.00 → 45.00; margin 33.3 % → 20 %.
    // Units sold in the 90 days: 2 + 3 + 2 = 7; impact = (6.00 − 0.00) × 7 = 42.00.
    const erosion = find(body.items, 'margin_erosion', G.products.harina, G.stores.caracas)!;
    expect(erosion).toMatchObject({
      impact: '42.00',
      date: null,
      numbers: { old_cost: '30.00', new_cost: '36.00', old_price: '45.00', new_price: '45.00', cost_change_pct: 20, price_change_pct: 0, old_margin_pct: 33.33, new_margin_pct: 20, units_sold: 7 },
      text: 'El costo de Harina P.A.N. 1 kg en Caracas Centro subió un 20% en 90 días y su precio cambió un 0%: el margen pasó del 33,3% al 20% (Bs.S\u00a042,00 de margen perdido)',
    });

    // Harina in Valencia never sold: 40 units at 30.00 = 1200.00 dead on the shelf.
    expect(find(body.items, 'dead_stock', G.products.harina, G.stores.valencia)).toMatchObject({
      impact: '1200.00',
      date: null,
      numbers: { on_hand: 40, days_since_sale: null, threshold_days: 60 },
      text: 'Harina P.A.N. 1 kg no se ha vendido en los últimos 60 días en Valencia Norte: 40 unidades paradas (Bs.S\u00a01.200,00)',
    });
    // A dead row is not overstock as well.
    expect(find(body.items, 'overstock', G.products.harina, G.stores.valencia)).toBeUndefined();

    // Classes over 13 weeks: arroz has nearly all the revenue (A) and steady weeks (X); harina and queso share the last 5 % (C),
    // selling in 3 and 1 of the 13 weeks (Z).
    expect(body.classes).toEqual({ AX: 1, CZ: 2 });
    for (const i of body.items) expect([i.abc, i.xyz]).toEqual(i.product_id === G.products.arroz ? ['A', 'X'] : ['C', 'Z']);

    const cents = body.items.map((i) => toCents(i.impact));
    expect(cents.every((c, k) => k === 0 || cents[k - 1]! >= c)).toBe(true);

    const valencia = (await insights('granja', `?store_id=${G.stores.valencia}`)).json() as { items: Item[]; classes: Record<string, number> };
    expect(valencia.items.length).toBeGreaterThan(0);
    expect(valencia.items.every((i) => i.store_id === G.stores.valencia)).toBe(true);
    expect(valencia.classes).toEqual({ AX: 1, CZ: 2 });
    expect((await insights('granja', '?limit=1')).json().items).toHaveLength(1);
  });

  it('an open order expected before the lead time brings the delivery forward', async () => {
    await history(t);
    // A draft order of arroz for Caracas expected in 2 days (29 Nov) instead of the supplier's 5.
    await t.store.platform.run(`UPDATE orders SET expected_date = '2026-11-29' WHERE tenant_id = 'granja' AND id = $1`, [ORDERS.granja]);
    await t.store.platform.run(`INSERT INTO order_lines (tenant_id, order_id, line, product_id, quantity, unit_cost) VALUES ('granja', $1, 2, $2, 24, 25.10)`, [ORDERS.granja, G.products.arroz]);
    await run();
    const items = (await insights('granja', '?limit=100')).json().items as Item[];
    expect(find(items, 'will_run_out', G.products.arroz, G.stores.caracas)).toMatchObject({
      numbers: { delivery_in_days: 2, delivery_date: '2026-11-29', days_to_stockout: 0, days_without_stock: 2 },
    });
  });

  it('sentences follow the tenant\'s locale: English after the owner switches granja to en-US', async () => {
    await craft();
    const patch = await t.on('granja', { method: 'PATCH', url: '/api/v1/tenant/settings', as: 'owner', payload: { locale: 'en-US' } });
    expect(patch.statusCode, patch.body).toBe(200);
    const items = (await insights('granja', '?limit=100')).json().items as Item[];
    expect(find(items, 'dead_stock', G.products.harina, G.stores.valencia)!.text).toBe(
      'Harina P.A.N. 1 kg has not sold in the last 60 days in Valencia Norte: 40 units idle (VES\u00a01,200.00)',
    );
    expect(find(items, 'will_run_out', G.products.arroz, G.stores.caracas)!.text).toMatch(/^Arroz Mary 1 kg will run out in Caracas Centro on Nov 27, 5 days before the next delivery: about \d+ units short \(VES\u00a0[\d,]+\.\d\d\)$/);
  });

  it('stays inside its tenant: cliente2 has no ai-insights, and another tenant\'s store is 404', async () => {
    await craft();
    for (const as of ['viewer', 'owner'] as As[]) {
      const r = await insights('cliente2', '', as);
      expect({ status: r.statusCode, error: r.json().error }).toEqual({ status: 403, error: 'feature_disabled' });
    }
    const foreign = await insights('granja', `?store_id=${C.stores.main}`);
    expect({ status: foreign.statusCode, error: foreign.json().error }).toEqual({ status: 404, error: 'not_found' });
    const items = (await insights('granja', '?limit=100')).json().items as Item[];
    expect(items.every((i) => [G.stores.caracas, G.stores.valencia].includes(i.store_id))).toBe(true);
  });
});
