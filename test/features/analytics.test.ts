import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { addDays, datesBetween } from '../../src/shared/dates.js';
import { meanAndSd, projectStock, seasonalForecast, weekday } from '../../src/server/features/analytics/forecast.js';

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

describe('forecast and insights', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  const forecast = (host: string, qs: string, as: As = 'viewer') => t.on(host, { url: `/api/v1/forecast${qs}`, as });
  const insights = (host: string, qs = '', as: As = 'viewer') => t.on(host, { url: `/api/v1/insights${qs}`, as });

  it('cliente2 has neither feature: 403 feature_disabled for every role; granja serves every role with stats:read', async () => {
    for (const as of ['viewer', 'staff', 'manager', 'owner', 'anonymous'] as As[]) {
      for (const r of [await forecast('cliente2', `?product_id=${C.products.tornillo}`, as), await insights('cliente2', '', as)]) {
        expect({ as, status: r.statusCode, error: r.json().error }).toEqual({ as, status: 403, error: 'feature_disabled' });
      }
    }
    for (const as of ['viewer', 'staff', 'manager', 'owner'] as As[]) {
      expect((await forecast('granja', `?product_id=${G.products.harina}`, as)).statusCode).toBe(200);
      expect((await insights('granja', '', as)).statusCode).toBe(200);
    }
    expect((await insights('granja', '', 'anonymous')).statusCode).toBe(401);
  });

  it('forecast: 56 zero-filled days of history and 28 days of same-weekday means with an 80 % band', async () => {
    // The fixtures: harina sold 3 in Caracas on Monday 2 November, nothing else.
    const r = await forecast('granja', `?product_id=${G.products.harina}&store_id=${G.stores.caracas}`);
    expect(r.statusCode, r.body).toBe(200);
    const f = r.json();
    expect(f).toMatchObject({
      product: { id: G.products.harina, sku: 'P-001', name: 'Harina P.A.N. 1 kg' },
      store: { id: G.stores.caracas, name: 'Caracas Centro' },
      method: 'seasonal_mean_4w',
      as_of: TODAY,
      history_days: 56,
      horizon_days: 28,
      band: 0.8,
      stock: 100,
      stockout_date: null,
    });
    expect(f.history).toHaveLength(56);
    expect(f.history[0]).toEqual({ date: '2026-10-02', units: 0 });
    expect(f.history.at(-1)).toEqual({ date: '2026-11-26', units: 0 });
    expect(f.history.filter((d: { units: number }) => d.units > 0)).toEqual([{ date: '2026-11-02', units: 3 }]);
    expect(f.forecast.map((d: { date: string }) => d.date)).toEqual(datesBetween(TODAY, addDays(TODAY, 27)));
    // Mondays of the last 4 weeks: 3, 0, 0, 0 → mean 0.75; sample sd √((2.25² + 3 × 0.75²) / 3) = √2.25 = 1.5
    // → band 0.75 ± 1.28 × 1.5 = 0.75 ± 1.92: low 0 (floored), high 2.67. Other weekdays: all zeros.
    const monday = { units: 0.75, low: 0, high: 2.67 };
    for (const d of f.forecast) expect(d).toEqual({ date: d.date, ...(weekday(d.date) === 1 ? monday : { units: 0, low: 0, high: 0 }) });
    // 3 units expected over 28 days → 3/28 a day; 100 in stock → 933.3 days of cover.
    expect(f.days_of_cover).toBe(933.3);
    // All stores: the same sales, the stock of both (100 + 40).
    expect((await forecast('granja', `?product_id=${G.products.harina}`)).json()).toMatchObject({ store: null, stock: 140, days_of_cover: 1306.7 });
  });

  it('forecast: weekday pattern and the day the stock runs out', async () => {
    // Valencia sells harina every day of the last 4 weeks: 2 a day, 5 on Saturdays. 40 in stock.
    for (const date of datesBetween(addDays(TODAY, -28), addDays(TODAY, -1))) await sold(t, G.stores.valencia, G.products.harina, date, weekday(date) === 6 ? 5 : 2, '45.00');
    const f = (await forecast('granja', `?product_id=${G.products.harina}&store_id=${G.stores.valencia}`)).json();
    expect(f.forecast.slice(0, 3)).toEqual([
      { date: '2026-11-27', units: 2, low: 2, high: 2 },
      { date: '2026-11-28', units: 5, low: 5, high: 5 },
      { date: '2026-11-29', units: 2, low: 2, high: 2 },
    ]);
    // Running total from Friday 27: 2, 7, 9, 11, 13, 15, 17, 19, 24, 26, 28, 30, 32, 34, 36, 41 → reaches 40 on Saturday 12 December.
    expect(f.stockout_date).toBe('2026-12-12');
    // 17 units a week = 2.4286 a day → 40 / 2.4286 = 16.5 days.
    expect(f.days_of_cover).toBe(16.5);
    // No stock left at all: out today.
    expect((await forecast('granja', `?product_id=${G.products.queso}&store_id=${G.stores.caracas}`)).json()).toMatchObject({ stock: 0, stockout_date: TODAY });
  });

  it('forecast: unknown or foreign product and store are 404; bad ids 400', async () => {
    expect((await forecast('granja', `?product_id=${C.products.tornillo}`)).statusCode).toBe(404);
    expect((await forecast('granja', `?product_id=${G.products.harina}&store_id=${C.stores.main}`)).statusCode).toBe(404);
    expect((await forecast('granja', '?product_id=harina')).statusCode).toBe(400);
    expect((await forecast('granja', '')).statusCode).toBe(400);
    expect((await forecast('granja', `?product_id=${G.products.harina}&days=90`)).statusCode).toBe(400);
  });

  /*
   * The fixtures on 27 November (last 28 complete days: 30 Oct – 26 Nov; "lately": since 28 Sep):
   *   Caracas harina: 100 in stock, 3 sold → 3/28 a day, 933 days of cover > 90: overstock.
   *     90 days need ⌈90 × 3 / 28⌉ = 10 units; excess 90 × cost 30.00 = 2700.00
   *   Valencia harina: 40, no sale → dead stock, 40 × 30.00 = 1200.00
   *   Caracas arroz: 5, no sale in Caracas → dead stock, 5 × 25.10 = 125.50
   *   Caracas queso: 0, 1 sold → out of stock; the ledger has no movement to 0, so 1 day out;
   *     rate over the 27 days in stock 1/27; lost 1/27 × 1 day × 120.00 = 4.44
   */
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

describe('the forecast arithmetic', () => {
  it('mean and sample standard deviation', () => {
    expect(meanAndSd([])).toEqual({ mean: 0, sd: 0 });
    expect(meanAndSd([4])).toEqual({ mean: 4, sd: 0 });
    const { mean, sd } = meanAndSd([2, 4, 4, 6]);
    expect(mean).toBe(4);
    expect(sd).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });

  it('each weekday from its own last 4 weeks; older history does not count', () => {
    const history = datesBetween('2026-10-02', '2026-11-26').map((date) => ({ date, units: date < '2026-10-30' ? 100 : weekday(date) === 0 ? 7 : 1 }));
    const { days } = seasonalForecast(history, TODAY, 7);
    expect(days.map((d) => d.units)).toEqual([1, 1, 7, 1, 1, 1, 1]);
  });

  it('stock projection', () => {
    expect(projectStock(10, [1, 2, 3, 4], TODAY)).toEqual({ stockoutDate: '2026-11-30', daysOfCover: 4 });
    expect(projectStock(0.3, [0.1, 0.2], TODAY).stockoutDate).toBe('2026-11-28');
    expect(projectStock(100, [1, 1], TODAY)).toEqual({ stockoutDate: null, daysOfCover: 100 });
    expect(projectStock(5, [0, 0], TODAY)).toEqual({ stockoutDate: null, daysOfCover: null });
    expect(projectStock(0, [0, 0], TODAY)).toEqual({ stockoutDate: TODAY, daysOfCover: null });
  });
});
