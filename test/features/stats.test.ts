import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { addDays } from '../../src/shared/dates.js';

const G = T.granja;
const C = T.cliente2;
const UNKNOWN = '00000000-0000-4000-8999-000000000999';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];
/** 08:00 in Caracas, 07:00 in New York: the same calendar day for both tenants. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const NOV = '?from=2026-11-01&to=2026-11-05';

async function app(): Promise<TestApp> {
  const t = await createTestApp();
  t.clock.set(NOW);
  return t;
}

async function stats(t: TestApp, host: string, qs = '') {
  const r = await t.on(host, `/api/v1/stats${qs}`);
  expect({ qs, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ qs, status: 200, body: 'ok' });
  return r.json();
}

const zero = (date: string) => ({ date, revenue: '0.00', units: 0, tickets: 0 });

/*
 * The fixtures by hand (test/support/fixtures.ts).
 * granja, VES, all at rate 1:
 *   T-1001 (2026-11-02, Caracas): harina 3 × 45.00 = 135.00 (cost 3 × 30.00 = 90.00)
 *                                 queso  1 × 120.00 − 10.00 = 110.00 (cost 80.00)
 *   T-1002 (2026-11-03, Valencia): arroz 2 × 38.50 = 77.00 (cost 2 × 25.10 = 50.20)
 *   revenue 322.00, cost 220.20, margin 101.80 (31.61 % → 31.6), units 6, tickets 2, average 161.00
 *   stock now: Caracas harina 100 × 30.00 + arroz 5 × 25.10 + queso 0 = 3125.50; Valencia harina 40 × 30.00 = 1200.00
 *   low (quantity ≤ min): arroz 5 ≤ 10, queso 0 ≤ 5 → 2; out: queso → 1
 * cliente2, USD: T-1001 (2026-11-02): martillo 1 × 19.99 (cost 9.50) → margin 10.49 (52.48 % → 52.5)
 *   stock: tornillo 70 × 3.10 + martillo 3 × 9.50 = 245.50; low: martillo 3 ≤ 5 → 1; out: 0
 */
describe('GET /api/v1/stats', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await app();
  });
  afterAll(() => t.close());

  it('matches the fixtures summed by hand (granja)', async () => {
    expect(await stats(t, 'granja', NOV)).toEqual({
      currency: 'VES',
      from: '2026-11-01',
      to: '2026-11-05',
      store_id: null,
      revenue: '322.00',
      units: 6,
      tickets: 2,
      average_ticket: '161.00',
      cost: '220.20',
      gross_margin: '101.80',
      gross_margin_pct: 31.6,
      inventory_value: '4325.50',
      low_stock_count: 2,
      out_of_stock_count: 1,
      daily: [
        zero('2026-11-01'),
        { date: '2026-11-02', revenue: '245.00', units: 4, tickets: 1 },
        { date: '2026-11-03', revenue: '77.00', units: 2, tickets: 1 },
        zero('2026-11-04'),
        zero('2026-11-05'),
      ],
      by_store: [
        { store_id: G.stores.caracas, store_name: 'Caracas Centro', revenue: '245.00', units: 4, tickets: 1 },
        { store_id: G.stores.valencia, store_name: 'Valencia Norte', revenue: '77.00', units: 2, tickets: 1 },
      ],
      by_category: [
        { category: 'víveres', revenue: '212.00', units: 5, margin: '71.80' },
        { category: 'lácteos', revenue: '110.00', units: 1, margin: '30.00' },
      ],
      top_products: [
        { product_id: G.products.harina, sku: 'P-001', name: 'Harina P.A.N. 1 kg', revenue: '135.00', units: 3 },
        { product_id: G.products.queso, sku: 'P-003', name: 'Queso blanco duro 500 g', revenue: '110.00', units: 1 },
        { product_id: G.products.arroz, sku: 'P-002', name: 'Arroz Mary 1 kg', revenue: '77.00', units: 2 },
      ],
      // granja shows Venezuelan taxes: harina exempt, arroz reduced (8 % × 77.00 = 6.16), queso general (16 % × 110.00 = 17.60)
      taxes: {
        currency: 'VES',
        rates: { iva_general: '16', iva_reduced: '8', igtf: '3' },
        bases: { general: '110.00', reduced: '77.00', exempt: '135.00' },
        iva: { general: '17.60', reduced: '6.16' },
        iva_total: '23.76',
        subtotal: '322.00',
        igtf_base: '0.00',
        igtf: '0.00',
        total: '345.76',
      },
    });
  });

  it('matches the fixtures summed by hand (cliente2), with none of granja\'s sales', async () => {
    const c = await stats(t, 'cliente2', NOV);
    expect(c).toMatchObject({
      currency: 'USD',
      revenue: '19.99',
      units: 1,
      tickets: 1,
      average_ticket: '19.99',
      cost: '9.50',
      gross_margin: '10.49',
      gross_margin_pct: 52.5,
      inventory_value: '245.50',
      low_stock_count: 1,
      out_of_stock_count: 0,
      by_store: [{ store_id: C.stores.main, store_name: 'Main Street', revenue: '19.99', units: 1, tickets: 1 }],
      by_category: [{ category: 'tools', revenue: '19.99', units: 1, margin: '10.49' }],
      top_products: [{ product_id: C.products.martillo, sku: 'P-002', revenue: '19.99', units: 1 }],
    });
    expect(c.daily[1]).toEqual({ date: '2026-11-02', revenue: '19.99', units: 1, tickets: 1 });
  });

  it('narrows every section to one store', async () => {
    const caracas = await stats(t, 'granja', `${NOV}&store_id=${G.stores.caracas}`);
    expect(caracas).toMatchObject({
      store_id: G.stores.caracas,
      revenue: '245.00',
      units: 4,
      tickets: 1,
      cost: '170.00',
      gross_margin: '75.00',
      gross_margin_pct: 30.6,
      inventory_value: '3125.50',
      low_stock_count: 2,
      out_of_stock_count: 1,
      by_store: [{ store_id: G.stores.caracas, revenue: '245.00' }],
      by_category: [
        { category: 'víveres', revenue: '135.00', units: 3, margin: '45.00' },
        { category: 'lácteos', revenue: '110.00', units: 1, margin: '30.00' },
      ],
    });
    expect(caracas.top_products.map((p: { sku: string }) => p.sku)).toEqual(['P-001', 'P-003']);
    expect(caracas.daily.map((d: { revenue: string }) => d.revenue)).toEqual(['0.00', '245.00', '0.00', '0.00', '0.00']);

    const valencia = await stats(t, 'granja', `${NOV}&store_id=${G.stores.valencia.toUpperCase()}`);
    expect(valencia).toMatchObject({ store_id: G.stores.valencia, revenue: '77.00', tickets: 1, inventory_value: '1200.00', low_stock_count: 0, out_of_stock_count: 0 });
    expect(valencia.by_store).toHaveLength(1);
  });

  it('answers zeros (and a null margin %) for a period without sales, every day listed', async () => {
    const empty = await stats(t, 'granja', '?from=2025-01-01&to=2025-03-31');
    expect(empty).toMatchObject({ revenue: '0.00', units: 0, tickets: 0, average_ticket: '0.00', cost: '0.00', gross_margin: '0.00', gross_margin_pct: null });
    expect(empty.daily).toHaveLength(90);
    expect(empty.daily[0]).toEqual(zero('2025-01-01'));
    expect(empty.daily[89]).toEqual(zero('2025-03-31'));
    expect(empty.by_category).toEqual([]);
    expect(empty.top_products).toEqual([]);
    // Active stores are listed even without sales; the stock figures are today's.
    expect(empty.by_store.map((s: { store_name: string; revenue: string }) => [s.store_name, s.revenue])).toEqual([
      ['Caracas Centro', '0.00'],
      ['Valencia Norte', '0.00'],
    ]);
    expect(empty.inventory_value).toBe('4325.50');
  });

  it('defaults to the 30 days ending today in the tenant\'s time zone', async () => {
    const d = await stats(t, 'granja');
    expect({ from: d.from, to: d.to, days: d.daily.length }).toEqual({ from: '2026-10-29', to: '2026-11-27', days: 30 });
    expect(d.revenue).toBe('322.00');
    // 02:00 UTC on the 28th is still the 27th in Caracas (UTC−4).
    t.clock.set(Date.parse('2026-11-28T02:00:00Z'));
    try {
      expect((await stats(t, 'granja')).to).toBe('2026-11-27');
      expect((await stats(t, 'granja', '?from=2026-11-01')).to).toBe('2026-11-27');
      t.clock.set(Date.parse('2026-11-28T05:00:00Z'));
      expect((await stats(t, 'granja')).to).toBe('2026-11-28');
      // New York (UTC−5 in November) is still on the 28th's eve at 04:30 UTC.
      t.clock.set(Date.parse('2026-11-28T04:30:00Z'));
      expect((await stats(t, 'cliente2')).to).toBe('2026-11-27');
    } finally {
      t.clock.set(NOW);
    }
    const onlyTo = await stats(t, 'granja', '?to=2026-11-02');
    expect({ from: onlyTo.from, to: onlyTo.to, revenue: onlyTo.revenue }).toEqual({ from: addDays('2026-11-02', -29), to: '2026-11-02', revenue: '245.00' });
  });

  it('refuses bad dates, reversed and overlong ranges, unknown parameters', async () => {
    const cases = [
      '?from=2026-13-45',
      '?to=yesterday',
      '?from=2026-02-30&to=2026-03-01',
      '?from=2026-11-05&to=2026-11-01',
      '?from=2026-11-28', // after today: reversed against the default end
      '?from=2023-01-01&to=2026-01-03',
      '?to=2026-11-02&from=1999-01-01',
      '?store_id=caracas',
      '?foo=bar',
      '?from=2026-11-01&from=2026-11-02',
    ];
    for (const qs of cases) {
      const r = await t.on('granja', `/api/v1/stats${qs}`);
      expect({ qs, status: r.statusCode, error: r.json().error }).toEqual({ qs, status: 400, error: 'validation_error' });
    }
    // Exactly three years is allowed, and lists every day.
    const long = await stats(t, 'granja', '?from=2023-11-27&to=2026-11-27');
    expect(long.daily).toHaveLength(1097);
    expect(long.revenue).toBe('322.00');
  });

  it('answers 404 for the other tenant\'s store, and never mixes tenants', async () => {
    for (const [host, store] of [['granja', C.stores.main], ['cliente2', G.stores.caracas], ['granja', UNKNOWN]]) {
      const r = await t.on(host!, `/api/v1/stats${NOV}&store_id=${store}`);
      expect({ host, store, status: r.statusCode, error: r.json().error }).toEqual({ host, store, status: 404, error: 'not_found' });
    }
    const g = await stats(t, 'granja', NOV);
    const c = await stats(t, 'cliente2', NOV);
    const granjaProducts = new Set<string>(Object.values(G.products));
    expect(g.top_products.every((p: { product_id: string }) => granjaProducts.has(p.product_id))).toBe(true);
    expect(c.top_products.some((p: { product_id: string }) => granjaProducts.has(p.product_id))).toBe(false);
    expect(g.by_store.map((s: { store_id: string }) => s.store_id).sort()).toEqual([G.stores.caracas, G.stores.valencia].sort());
  });

  it('answers SQL metacharacters with 400 and leaves the data intact', async () => {
    const count = async () => Number((await t.store.platform.get('SELECT count(*) AS n FROM ventas'))?.n);
    const before = await count();
    for (const m of METACHARS) {
      for (const param of ['from', 'to', 'store_id']) {
        const r = await t.on('granja', `/api/v1/stats?${param}=${encodeURIComponent(m)}`);
        expect({ param, m, status: r.statusCode }).toEqual({ param, m, status: 400 });
      }
    }
    expect(await count()).toBe(before);
    expect((await stats(t, 'granja', NOV)).revenue).toBe('322.00');
  });

  it('needs stats:read', async () => {
    expect((await t.on('granja', { url: `/api/v1/stats${NOV}`, as: 'anonymous' })).statusCode).toBe(401);
    expect((await t.on('granja', { url: `/api/v1/stats${NOV}`, as: 'viewer' })).statusCode).toBe(200);
  });
});

describe('GET /api/v1/stats after sales', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await app();
  });
  afterAll(() => t.close());

  const sell = (host: string, body: Record<string, unknown>) => t.on(host, { method: 'POST', url: '/api/v1/sales', payload: body });

  it('counts new sales on their business date, converts foreign currency line by line, and leaves the other tenant alone', async () => {
    const cliente2Before = await stats(t, 'cliente2', NOV);
    // 22:30 in Caracas on the 4th (02:30 UTC on the 5th): the 4th's sale.
    const night = await sell('granja', {
      store_id: G.stores.valencia,
      ticket: 'N-1',
      fecha_venta: '2026-11-05T02:30:00Z',
      lines: [{ product_id: G.products.harina, quantity: 2, discount: '0.50' }],
    });
    expect(night.statusCode).toBe(201);

    await t.store.platform.run(
      `INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate) VALUES ('granja', 'USD', DATE '2026-11-01', 36.512300)`,
    );
    // Three lines of 0.01 USD: each is 0.365123 VES → 0.37, so 1.11 in all (the sum converted at once would be 1.10).
    const usd = await sell('granja', {
      store_id: G.stores.caracas,
      ticket: 'U-1',
      currency: 'USD',
      fecha_venta: '2026-11-05T15:00:00Z',
      lines: [0, 1, 2].map(() => ({ product_id: G.products.harina, quantity: 1, unit_price: '0.01' })),
    });
    expect(usd.statusCode).toBe(201);
    expect(usd.json().totals.total_base).toBe('1.11');

    const g = await stats(t, 'granja', NOV);
    expect(g.daily[3]).toEqual({ date: '2026-11-04', revenue: '89.50', units: 2, tickets: 1 });
    expect(g.daily[4]).toEqual({ date: '2026-11-05', revenue: '1.11', units: 3, tickets: 1 });
    // 322.00 + 89.50 + 1.11; cost 220.20 + 60.00 + 3 × (0.82 USD × 36.5123 = 29.940086 → 29.94) = 370.02
    expect(g).toMatchObject({ revenue: '412.61', units: 11, tickets: 4, average_ticket: '103.15', cost: '370.02', gross_margin: '42.59', gross_margin_pct: 10.3 });
    expect(g.by_store).toEqual([
      { store_id: G.stores.caracas, store_name: 'Caracas Centro', revenue: '246.11', units: 7, tickets: 2 },
      { store_id: G.stores.valencia, store_name: 'Valencia Norte', revenue: '166.50', units: 4, tickets: 2 },
    ]);
    expect(g.top_products[0]).toMatchObject({ sku: 'P-001', revenue: '225.61', units: 8 });
    expect(g.by_category[0]).toEqual({ category: 'víveres', revenue: '302.61', units: 10, margin: '12.59' });
    // Stock fell by the 5 units sold.
    expect(g.inventory_value).toBe('4175.50');

    expect(await stats(t, 'cliente2', NOV)).toEqual(cliente2Before);
  });
});
