/**
 * Forecasting and replenishment through the API, on the fixtures plus a crafted history: runs,
 * stored forecasts with intervals and accuracy, censored stock-out days, the accuracy report,
 * suggestions and the draft orders made from them — and feature gating, roles and tenant
 * isolation for each route.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { addDays, datesBetween } from '../../src/shared/dates.js';

const G = T.granja;
const C = T.cliente2;
/** Friday 27 November 2026, 08:00 in Caracas. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const TODAY = '2026-11-27';

let ticketNo = 0;
/** A sales line written straight to the table (history; stock is not touched). */
async function sold(t: TestApp, store: string, product: string, date: string, quantity: number) {
  ticketNo += 1;
  await t.store.platform.run(
    `INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity, unit_price, currency)
     VALUES ('granja', $1, 1, $2, $3, $4::TIMESTAMPTZ, $5::DATE, $6, 38.50, 'VES')`,
    [`F-${ticketNo}`, store, product, `${date}T16:00:00Z`, date, quantity],
  );
}

/** 120 days of arroz in Caracas up to yesterday: about 8 a day, 14 on Saturdays, 5 on Sundays (± 2, fixed noise). */
async function history(t: TestApp) {
  let i = 0;
  for (const date of datesBetween(addDays(TODAY, -120), addDays(TODAY, -1))) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const noise = ((i++ * 7919) % 5) - 2;
    await sold(t, G.stores.caracas, G.products.arroz, date, (weekday === 6 ? 14 : weekday === 0 ? 5 : 8) + noise);
  }
}

describe('forecasting', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  const run = async (as: As = 'manager') => {
    const r = await t.on('granja', { method: 'POST', url: '/api/v1/forecast/runs?wait=120', as });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const forecastOf = (product: string, store?: string, host = 'granja') =>
    t.on(host, `/api/v1/forecast?product_id=${product}${store ? `&store_id=${store}` : ''}`);

  it('cliente2 has no forecasting: 403 feature_disabled on every route, for every role', async () => {
    const routes: Array<{ method: 'GET' | 'POST'; url: string; payload?: object }> = [
      { method: 'GET', url: `/api/v1/forecast?product_id=${C.products.tornillo}` },
      { method: 'GET', url: '/api/v1/forecast/accuracy' },
      { method: 'GET', url: '/api/v1/forecast/runs' },
      { method: 'POST', url: '/api/v1/forecast/runs' },
      { method: 'GET', url: '/api/v1/replenishment/suggestions' },
      { method: 'POST', url: '/api/v1/replenishment/orders', payload: { items: [{ store_id: C.stores.main, product_id: C.products.tornillo }] } },
    ];
    for (const as of ['viewer', 'manager', 'owner'] as As[]) {
      for (const route of routes) {
        const r = await t.on('cliente2', { ...route, as });
        expect({ as, url: route.url, status: r.statusCode, error: r.json().error }).toEqual({ as, url: route.url, status: 403, error: 'feature_disabled' });
      }
    }
    expect(await t.store.platform.get("SELECT count(*) AS n FROM forecast_runs WHERE tenant_id = 'cliente2'")).toMatchObject({ n: expect.anything() });
    expect(Number((await t.store.platform.get("SELECT count(*) AS n FROM forecast_runs"))!.n)).toBe(0);
  });

  it('before the first run the reads answer 409 forecast_pending; only managers and owners start a run', async () => {
    for (const url of [`/api/v1/forecast?product_id=${G.products.arroz}`, '/api/v1/forecast/accuracy', '/api/v1/replenishment/suggestions']) {
      const r = await t.on('granja', { url, as: 'viewer' });
      expect({ url, status: r.statusCode, error: r.json().error }).toEqual({ url, status: 409, error: 'forecast_pending' });
      expect(r.json().message).toMatch(/No forecast/);
    }
    for (const as of ['viewer', 'staff'] as As[]) {
      expect((await t.on('granja', { method: 'POST', url: '/api/v1/forecast/runs', as })).statusCode).toBe(403);
    }
    expect((await t.on('granja', { url: '/api/v1/forecast/runs', as: 'viewer' })).json()).toEqual({ items: [], running: false });
  });

  it('a run forecasts every stock row, records itself, and serves a forecast with model, intervals and accuracy', async () => {
    await history(t);
    const runs = await run('manager');
    expect(runs.running).toBe(false);
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]).toMatchObject({ trigger: 'api', status: 'succeeded', as_of: TODAY, series: 4, error: null, created_by: expect.stringContaining('manager') });

    const r = await forecastOf(G.products.arroz, G.stores.caracas);
    expect(r.statusCode, r.body).toBe(200);
    const f = r.json();
    expect(f).toMatchObject({ product: { id: G.products.arroz, sku: 'P-002' }, store: { id: G.stores.caracas }, as_of: TODAY, run: { id: runs.items[0].id }, demand_class: 'smooth' });
    expect(['seasonal_naive', 'ses', 'holt_winters', 'holt_winters_damped']).toContain(f.model);
    expect(f.history.map((d: { date: string }) => d.date)).toEqual(datesBetween(addDays(TODAY, -56), addDays(TODAY, -1)));
    expect(f.forecast.map((d: { date: string }) => d.date)).toEqual(datesBetween(TODAY, addDays(TODAY, 27)));
    for (const d of f.forecast) {
      expect(d.low95).toBeLessThanOrEqual(d.low + 1e-9);
      expect(d.low).toBeLessThanOrEqual(d.units + 1e-9);
      expect(d.units).toBeLessThanOrEqual(d.high + 1e-9);
      expect(d.high).toBeLessThanOrEqual(d.high95 + 1e-9);
      expect(d.low95).toBeGreaterThanOrEqual(0);
    }
    // 8 a day, 14 on Saturdays, 5 on Sundays: about 61 a week.
    const week = f.forecast.slice(0, 7).reduce((s: number, d: { mean: number }) => s + d.mean, 0);
    expect(week).toBeGreaterThan(50);
    expect(week).toBeLessThan(72);
    const saturday = f.forecast.find((d: { date: string }) => new Date(`${d.date}T00:00:00Z`).getUTCDay() === 6);
    const tuesday = f.forecast.find((d: { date: string }) => new Date(`${d.date}T00:00:00Z`).getUTCDay() === 2);
    expect(saturday.mean).toBeGreaterThan(tuesday.mean);
    expect(f.accuracy.days_scored).toBeGreaterThan(100);
    expect(f.accuracy.mase).toBeGreaterThan(0);
    expect(f.accuracy.coverage95).toBeGreaterThanOrEqual(f.accuracy.coverage80);
    // Stock 5 against about 9 a day: out today.
    expect(f).toMatchObject({ stock: 5, stockout_date: TODAY });

    const all = (await forecastOf(G.products.harina)).json();
    expect(all).toMatchObject({ store: null, model: null, stock: 140 });
    const [caracas, valencia] = [(await forecastOf(G.products.harina, G.stores.caracas)).json(), (await forecastOf(G.products.harina, G.stores.valencia)).json()];
    expect(all.forecast[0].mean).toBeCloseTo(caracas.forecast[0].mean + valencia.forecast[0].mean, 1);
  });

  it('stock-out days are marked in the history and left out of the model (censored, not zero)', async () => {
    // Valencia's harina ran out on the 20th and was restocked on the 22nd.
    await t.store.platform.run(
      `INSERT INTO inventory_movements (tenant_id, store_id, product_id, delta, quantity_after, reason, actor, created_at) VALUES
       ('granja', $1, $2, -40, 0, 'sale', 'test', '2026-11-20T15:00:00Z'),
       ('granja', $1, $2, 40, 40, 'receipt', 'test', '2026-11-22T15:00:00Z')`,
      [G.stores.valencia, G.products.harina],
    );
    await run();
    const f = (await forecastOf(G.products.harina, G.stores.valencia)).json();
    const out = f.history.filter((d: { stockout: boolean }) => d.stockout).map((d: { date: string }) => d.date);
    expect(out).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect((await forecastOf(G.products.harina, G.stores.caracas)).json().history.some((d: { stockout: boolean }) => d.stockout)).toBe(false);
  });

  it('the accuracy report: overall, by model, ABC and demand class, and by store — granja\'s stores only', async () => {
    await history(t);
    await run();
    const r = await t.on('granja', { url: '/api/v1/forecast/accuracy', as: 'viewer' });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a.run).toMatchObject({ as_of: TODAY, series: 4 });
    expect(a.overall.n).toBeGreaterThan(0);
    expect(a.overall.ratio).toBeCloseTo(a.overall.mase / a.overall.naive_mase, 6);
    expect(Object.keys(a.by_abc).every((k) => ['A', 'B', 'C'].includes(k))).toBe(true);
    expect(a.by_store.map((s: { store_id: string }) => s.store_id).sort()).toEqual([G.stores.caracas, G.stores.valencia].sort());
    expect(Object.values(a.models_chosen as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(4);
  });

  it('forecasts stay inside their tenant: foreign ids are 404, and X-Tenant-ID is a selection, not access', async () => {
    await run();
    expect((await forecastOf(C.products.tornillo)).statusCode).toBe(404);
    expect((await forecastOf(G.products.harina, C.stores.main)).statusCode).toBe(404);
    const crossed = await t.on('cliente2', { url: `/api/v1/forecast?product_id=${G.products.harina}`, headers: { 'x-tenant-id': 'granja' } });
    expect(crossed.statusCode).toBeGreaterThanOrEqual(400);
    expect(crossed.body).not.toContain('Harina');
    const rows = await t.store.platform.all('SELECT DISTINCT tenant_id FROM forecasts');
    expect(rows.map((r) => r.tenant_id)).toEqual(['granja']);
    const suggestions = (await t.on('granja', '/api/v1/replenishment/suggestions?all=true')).json();
    expect(suggestions.items.every((s: { store_id: string }) => [G.stores.caracas, G.stores.valencia].includes(s.store_id))).toBe(true);
  });

  it('suggestions: safety stock, reorder point and order-up-to in whole packs, counting open orders', async () => {
    await history(t);
    await run();
    const r = await t.on('granja', { url: '/api/v1/replenishment/suggestions?all=true', as: 'viewer' });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({ as_of: TODAY, currency: 'VES' });
    const arroz = s.items.find((i: { product_id: string; store_id: string }) => i.product_id === G.products.arroz && i.store_id === G.stores.caracas);
    // Supplier lead time 5 days + review 7 = 12 days of about 9 a day; pack of 24; stock 5, max 200.
    expect(arroz).toMatchObject({ sku: 'P-002', supplier_id: G.suppliers.polar, on_hand: 5, on_order: 0, lead_time_days: 5, review_period_days: 7, service_level: 0.95, pack_size: 24 });
    expect(arroz.safety_stock).toBeGreaterThan(0);
    expect(arroz.reorder_point).toBeGreaterThan(arroz.demand_lead_time);
    expect(arroz.order_up_to).toBeGreaterThan(arroz.reorder_point);
    const need = arroz.order_up_to - 5;
    expect(arroz.quantity % 24).toBe(0);
    expect([Math.ceil(need / 24) * 24, Math.ceil(need / 24) * 24 - 24]).toContain(arroz.quantity);
    expect(arroz.order_cost).toBe((arroz.quantity * 25.1).toFixed(2));
    const harina = s.items.find((i: { product_id: string; store_id: string }) => i.product_id === G.products.harina && i.store_id === G.stores.caracas);
    expect(harina.on_order).toBe(20);
    // Without `all`, only rows with something to order; a higher service level asks for more safety stock.
    const needed = (await t.on('granja', '/api/v1/replenishment/suggestions')).json();
    expect(needed.items.every((i: { quantity: number }) => i.quantity > 0)).toBe(true);
    const higher = (await t.on('granja', '/api/v1/replenishment/suggestions?all=true&service_level=0.99')).json();
    const arroz99 = higher.items.find((i: { product_id: string; store_id: string }) => i.product_id === G.products.arroz && i.store_id === G.stores.caracas);
    expect(arroz99.safety_stock).toBeGreaterThan(arroz.safety_stock);
    for (const bad of ['service_level=1.5', 'review_period_days=0', `store_id=nope`, 'extra=1']) {
      const b = await t.on('granja', `/api/v1/replenishment/suggestions?${bad}`);
      expect({ bad, status: b.statusCode, error: b.json().error }).toEqual({ bad, status: 400, error: 'validation_error' });
    }
  });

  it('chosen suggestions become draft orders grouped by supplier and store, audited; then they count as on order', async () => {
    await history(t);
    await run();
    const before = Number((await t.store.platform.get("SELECT count(*) AS n FROM orders WHERE tenant_id = 'granja'"))!.n);
    const r = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/replenishment/orders',
      as: 'manager',
      payload: { items: [{ store_id: G.stores.caracas, product_id: G.products.arroz }, { store_id: G.stores.valencia, product_id: G.products.harina, quantity: 40 }] },
    });
    expect(r.statusCode, r.body).toBe(201);
    const { orders } = r.json();
    expect(orders).toHaveLength(2);
    expect(orders.map((o: { store_id: string }) => o.store_id).sort()).toEqual([G.stores.caracas, G.stores.valencia].sort());
    for (const o of orders) {
      const detail = (await t.on('granja', `/api/v1/orders/${o.id}`)).json();
      expect(detail).toMatchObject({ status: 'draft', supplier: { id: G.suppliers.polar } });
    }
    const valencia = orders.find((o: { store_id: string }) => o.store_id === G.stores.valencia);
    expect(valencia.total).toBe('1200.00');
    const audited = await t.store.platform.all("SELECT action FROM audit_log WHERE tenant_id = 'granja' AND action = 'order.created'");
    expect(audited.length).toBeGreaterThanOrEqual(2);
    const again = (await t.on('granja', '/api/v1/replenishment/suggestions?all=true')).json();
    const arroz = again.items.find((i: { product_id: string; store_id: string }) => i.product_id === G.products.arroz && i.store_id === G.stores.caracas);
    expect(arroz.on_order).toBeGreaterThan(0);
    expect(Number((await t.store.platform.get("SELECT count(*) AS n FROM orders WHERE tenant_id = 'granja'"))!.n)).toBe(before + 2);
  });

  it('refuses bad order requests with 4xx and creates no order', async () => {
    await history(t);
    await run();
    const count = async () => Number((await t.store.platform.get('SELECT count(*) AS n FROM orders'))!.n);
    const before = await count();
    const post = (payload: object, as: As = 'manager') => t.on('granja', { method: 'POST', url: '/api/v1/replenishment/orders', as, payload });
    const arroz = { store_id: G.stores.caracas, product_id: G.products.arroz };
    expect((await post({ items: [arroz] }, 'staff')).statusCode).toBe(403);
    const foreign = await post({ items: [arroz, { store_id: G.stores.caracas, product_id: C.products.tornillo }] });
    expect({ status: foreign.statusCode, error: foreign.json().error }).toEqual({ status: 404, error: 'not_found' });
    const twice = await post({ items: [arroz, arroz] });
    expect({ status: twice.statusCode, error: twice.json().error }).toEqual({ status: 400, error: 'validation_error' });
    for (const payload of [{ items: [] }, { items: [{ ...arroz, quantity: 0 }] }, { items: [{ store_id: 'x', product_id: G.products.arroz }] }, {}]) {
      expect((await post(payload)).statusCode).toBe(400);
    }
    // A product without a supplier, stocked in Caracas (forecast by a new run).
    const loose = '00000000-0000-4000-8130-000000000099';
    await t.store.platform.run(
      `INSERT INTO productos (tenant_id, id, sku, name, category, price, cost) VALUES ('granja', $1, 'P-099', 'Sin proveedor', 'varios', 10.00, 5.00)`,
      [loose],
    );
    await t.store.platform.run(`INSERT INTO inventory (tenant_id, store_id, product_id, quantity) VALUES ('granja', $1, $2, 0)`, [G.stores.caracas, loose]);
    await run();
    const orphan = await post({ items: [{ store_id: G.stores.caracas, product_id: loose, quantity: 10 }] });
    expect({ status: orphan.statusCode, error: orphan.json().error }).toEqual({ status: 422, error: 'unprocessable' });
    expect(orphan.json().message).toContain('no supplier');
    expect(await count()).toBe(before);
  });
});
