import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';

const G = T.granja;
/** Friday 27 November 2026, 08:00 in Caracas. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const RATES = { iva_general: '16', iva_reduced: '8', igtf: '3' };

/*
 * The fixtures by hand (test/support/fixtures.ts); granja shows Venezuelan taxes, cliente2 does not.
 * Prices are net of IVA. harina is exempt, arroz reduced (8 %), queso general (16 %).
 *   T-1001: harina 3 × 45.00 = 135.00 (exempt) + queso 120.00 − 10.00 = 110.00 (general)
 *           IVA 16 % × 110.00 = 17.60 → total 262.60
 *   T-1002: arroz 2 × 38.50 = 77.00 (reduced) → IVA 8 % × 77.00 = 6.16 → total 83.16
 *   1–5 November: general 110.00, reduced 77.00, exempt 135.00 → IVA 17.60 + 6.16 = 23.76,
 *   subtotal 322.00, total 345.76
 */
describe('Venezuelan taxes on tickets and in the sales report', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  const ticket = (host: string, id: string) => t.on(host, { url: `/api/v1/sales/tickets/${id}`, as: 'viewer' });
  const stats = (host: string, qs: string) => t.on(host, { url: `/api/v1/stats${qs}`, as: 'viewer' });

  it('a ticket in bolívares: IVA per category on the net lines, no IGTF', async () => {
    const r = await ticket('granja', 'T-1001');
    expect(r.statusCode).toBe(200);
    expect(r.json().taxes).toEqual({
      currency: 'VES',
      rates: RATES,
      bases: { general: '110.00', reduced: '0.00', exempt: '135.00' },
      iva: { general: '17.60', reduced: '0.00' },
      iva_total: '17.60',
      subtotal: '245.00',
      igtf_base: '0.00',
      igtf: '0.00',
      total: '262.60',
    });
    expect(r.json().lines.map((l: { tax_category: string }) => l.tax_category)).toEqual(['exempt', 'general']);
    expect((await ticket('granja', 'T-1002')).json().taxes).toMatchObject({ bases: { reduced: '77.00' }, iva: { reduced: '6.16' }, total: '83.16' });
  });

  it('a ticket sold in dollars counts as paid in dollars: IGTF 3 % on its total with IVA', async () => {
    await t.on('granja', { method: 'PUT', url: '/api/v1/exchange-rates', as: 'manager', payload: { currency: 'USD', date: '2026-11-20', rate: '36' } });
    // arroz 1 × $1.00 → 36.00 Bs (reduced); harina 2 × $1.25 = $2.50 → 90.00 Bs (exempt)
    // IVA 8 % × 36.00 = 2.88 → 128.88 Bs with IVA, all paid in dollars → IGTF 3 % = 3.8664 → 3.87
    // total 132.75 Bs
    const sale = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/sales',
      as: 'staff',
      payload: {
        store_id: G.stores.caracas,
        ticket: 'USD-7',
        currency: 'USD',
        fecha_venta: '2026-11-22T15:00:00Z',
        lines: [
          { product_id: G.products.arroz, quantity: 1, unit_price: '1.00' },
          { product_id: G.products.harina, quantity: 2, unit_price: '1.25' },
        ],
      },
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const want = {
      currency: 'VES',
      rates: RATES,
      bases: { general: '0.00', reduced: '36.00', exempt: '90.00' },
      iva: { general: '0.00', reduced: '2.88' },
      iva_total: '2.88',
      subtotal: '126.00',
      igtf_base: '128.88',
      igtf: '3.87',
      total: '132.75',
    };
    expect(sale.json().taxes).toEqual(want);
    expect(sale.json().totals).toMatchObject({ total: '3.50', total_base: '126.00' });
    expect((await ticket('granja', 'USD-7')).json().taxes).toEqual(want);

    // The month's report: the VES lines of the fixtures plus these two.
    // general 110.00; reduced 77.00 + 36.00 = 113.00; exempt 135.00 + 90.00 = 225.00
    // IVA 17.60 + 8 % × 113.00 = 9.04 → 26.64; subtotal 448.00; with IVA 474.64
    // IGTF on the dollar lines with their IVA (128.88): 3.87 → total 478.51
    const month = await stats('granja', '?from=2026-11-01&to=2026-11-27');
    expect(month.json().taxes).toEqual({
      currency: 'VES',
      rates: RATES,
      bases: { general: '110.00', reduced: '113.00', exempt: '225.00' },
      iva: { general: '17.60', reduced: '9.04' },
      iva_total: '26.64',
      subtotal: '448.00',
      igtf_base: '128.88',
      igtf: '3.87',
      total: '478.51',
    });
    // The bases add up to the report's revenue.
    expect(month.json().revenue).toBe('448.00');
  });

  it('the sales report carries the IVA summary of the period, per store too', async () => {
    const r = await stats('granja', '?from=2026-11-01&to=2026-11-05');
    expect(r.statusCode).toBe(200);
    expect(r.json().taxes).toEqual({
      currency: 'VES',
      rates: RATES,
      bases: { general: '110.00', reduced: '77.00', exempt: '135.00' },
      iva: { general: '17.60', reduced: '6.16' },
      iva_total: '23.76',
      subtotal: '322.00',
      igtf_base: '0.00',
      igtf: '0.00',
      total: '345.76',
    });
    // Valencia sold only the arroz.
    expect((await stats('granja', `?from=2026-11-01&to=2026-11-05&store_id=${G.stores.valencia}`)).json().taxes).toMatchObject({
      bases: { general: '0.00', reduced: '77.00', exempt: '0.00' },
      total: '83.16',
    });
    // A period without sales: zeros, not null.
    expect((await stats('granja', '?from=2026-10-01&to=2026-10-05')).json().taxes).toMatchObject({ subtotal: '0.00', iva_total: '0.00', total: '0.00' });
  });

  it('is null where the setting is off: cliente2, and granja once its owner turns it off', async () => {
    expect((await ticket('cliente2', 'T-1001')).json()).toMatchObject({ ticket: 'T-1001', taxes: null });
    expect((await stats('cliente2', '?from=2026-11-01&to=2026-11-05')).json()).toMatchObject({ revenue: '19.99', taxes: null });
    // Lines still say their category.
    expect((await ticket('cliente2', 'T-1001')).json().lines[0].tax_category).toBe('general');

    const off = await t.on('granja', { method: 'PATCH', url: '/api/v1/tenant/settings', payload: { showVenezuelanTaxes: false } });
    expect(off.statusCode).toBe(200);
    expect((await ticket('granja', 'T-1001')).json().taxes).toBeNull();
    expect((await stats('granja', '?from=2026-11-01&to=2026-11-05')).json().taxes).toBeNull();

    // cliente2's owner may turn it on: its amounts are then in dollars, its own currency.
    await t.on('cliente2', { method: 'PATCH', url: '/api/v1/tenant/settings', payload: { showVenezuelanTaxes: true } });
    // martillo 19.99 general → IVA 16 % = 3.1984 → 3.20; total 23.19
    expect((await ticket('cliente2', 'T-1001')).json().taxes).toMatchObject({ currency: 'USD', iva: { general: '3.20' }, total: '23.19' });
  });
});
