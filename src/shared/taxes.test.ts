import { describe, expect, it } from 'vitest';
import { computeTicketTaxes, percentOf, VE_TAXES, type TaxRates } from './taxes.js';
import { fromForeign } from './exchange.js';

/** Bs per USD used in the examples (a BCV-style rate with 4 decimals). */
const BCV = '36.5123';

/*
 * The fixture basket of La Granja (prices net of IVA):
 *   Harina P.A.N.  3 × 45.00          = 135.00  exempt
 *   Arroz Mary     2 × 38.50          =  77.00  reduced (8 %)
 *   Queso blanco   1 × 120.00 − 10.00 = 110.00  general (16 %)
 */
const BASKET = [
  { amount: '135.00', taxCategory: 'exempt' as const },
  { amount: '77.00', taxCategory: 'reduced' as const },
  { amount: '110.00', taxCategory: 'general' as const },
];

describe('computeTicketTaxes', () => {
  it('IVA on a mixed basket, paid in bolívares', () => {
    // bases: general 110.00, reduced 77.00, exempt 135.00 → subtotal 322.00
    // IVA general 16 % × 110.00 = 17.60; reduced 8 % × 77.00 = 6.16 → IVA 23.76
    // no foreign payment → IGTF 0.00; total 322.00 + 23.76 = 345.76
    expect(computeTicketTaxes(BASKET, [{ amount: '345.76', foreign: false }])).toEqual({
      bases: { general: '110.00', reduced: '77.00', exempt: '135.00' },
      iva: { general: '17.60', reduced: '6.16' },
      ivaTotal: '23.76',
      subtotal: '322.00',
      igtfBase: '0.00',
      igtf: '0.00',
      total: '345.76',
    });
    // No payments given is the same as paying in bolívares.
    expect(computeTicketTaxes(BASKET).total).toBe('345.76');
  });

  it('sums several lines of a category before taxing them', () => {
    // general: 2 × 10.00 + 5.25 = 25.25 → 16 % = 4.04; reduced: 1.99 + 3.01 = 5.00 → 8 % = 0.40
    // subtotal 30.25, IVA 4.44, total 34.69
    const r = computeTicketTaxes([
      { amount: '20.00', taxCategory: 'general' },
      { amount: '1.99', taxCategory: 'reduced' },
      { amount: '5.25', taxCategory: 'general' },
      { amount: '3.01', taxCategory: 'reduced' },
    ]);
    expect(r).toMatchObject({ bases: { general: '25.25', reduced: '5.00', exempt: '0.00' }, iva: { general: '4.04', reduced: '0.40' }, ivaTotal: '4.44', total: '34.69' });
  });

  it('IGTF 3 % on a ticket paid wholly in dollars', () => {
    // One general item at 100.00 Bs net: IVA 16.00, total 116.00 Bs.
    // The customer pays $3.18 at 36.5123 Bs/$ = 116.109114 → 116.11 Bs; 0.11 Bs is change, so
    // IGTF applies to 116.00 (the total incl. IVA): 3 % × 116.00 = 3.48 → total 119.48.
    const paid = fromForeign('3.18', BCV);
    expect(paid).toBe('116.11');
    const r = computeTicketTaxes([{ amount: '100.00', taxCategory: 'general' }], [{ amount: paid, foreign: true }]);
    expect(r).toMatchObject({ subtotal: '100.00', ivaTotal: '16.00', igtfBase: '116.00', igtf: '3.48', total: '119.48' });
  });

  it('IGTF only on the part paid in foreign currency', () => {
    // The mixed basket (345.76 Bs with IVA): $5 cash at 36.5123 = 182.5615 → 182.56 Bs, the
    // remaining 163.20 Bs by debit card. IGTF 3 % × 182.56 = 5.4768 → 5.48; total 351.24.
    const dollars = fromForeign('5.00', BCV);
    expect(dollars).toBe('182.56');
    const r = computeTicketTaxes(BASKET, [
      { amount: dollars, foreign: true },
      { amount: '163.20', foreign: false },
    ]);
    expect(r).toMatchObject({ ivaTotal: '23.76', igtfBase: '182.56', igtf: '5.48', total: '351.24' });
  });

  it('an exempt-only basket carries no IVA', () => {
    // Harina 2 × 45.00 = 90.00 exempt: IVA 0.00, total 90.00.
    expect(computeTicketTaxes([{ amount: '90.00', taxCategory: 'exempt' }])).toEqual({
      bases: { general: '0.00', reduced: '0.00', exempt: '90.00' },
      iva: { general: '0.00', reduced: '0.00' },
      ivaTotal: '0.00',
      subtotal: '90.00',
      igtfBase: '0.00',
      igtf: '0.00',
      total: '90.00',
    });
  });

  it('rounds to the céntimo on the category base, half away from zero', () => {
    // Two general lines of 0.03: line by line 16 % is 0.0048 → 0.00 twice; on the category base
    // 0.06 × 16 % = 0.0096 → 0.01.
    const r = computeTicketTaxes([
      { amount: '0.03', taxCategory: 'general' },
      { amount: '0.03', taxCategory: 'general' },
    ]);
    expect(r.iva.general).toBe('0.01');
    // 10.07 × 16 % = 1.6112 → 1.61; 12.34 × 8 % = 0.9872 → 0.99
    expect(computeTicketTaxes([{ amount: '10.07', taxCategory: 'general' }, { amount: '12.34', taxCategory: 'reduced' }]).iva).toEqual({ general: '1.61', reduced: '0.99' });
    // IGTF on exactly half a céntimo: 3 % × 0.50 = 0.015 → 0.02 (half away from zero)
    expect(computeTicketTaxes([{ amount: '0.50', taxCategory: 'exempt' }], [{ amount: '0.50', foreign: true }]).igtf).toBe('0.02');
    // A refund rounds the same way, away from zero: −0.50 × 3 % = −0.015 → −0.02
    expect(percentOf(-50n, '3')).toBe(-2n);
    // 3 % × 0.49 = 0.0147 → 0.01
    expect(percentOf(49n, '3')).toBe(1n);
  });

  it('takes the rates as data', () => {
    // A table with IVA general 15 %, reduced 7.5 %, IGTF 2 %:
    // 110.00 × 15 % = 16.50; 77.00 × 7.5 % = 5.775 → 5.78; IVA 22.28; subtotal 322.00 → 344.28;
    // all paid in dollars: IGTF 2 % × 344.28 = 6.8856 → 6.89; total 351.17.
    const rates: TaxRates = { iva: { general: '15', reduced: '7.5', exempt: '0' }, igtf: '2' };
    const r = computeTicketTaxes(BASKET, [{ amount: '1000.00', foreign: true }], rates);
    expect(r).toMatchObject({ iva: { general: '16.50', reduced: '5.78' }, ivaTotal: '22.28', igtfBase: '344.28', igtf: '6.89', total: '351.17' });
    // The default table is Venezuela's.
    expect(VE_TAXES).toEqual({ iva: { general: '16', reduced: '8', exempt: '0' }, igtf: '3' });
    expect(Object.isFrozen(VE_TAXES.iva)).toBe(true);
  });

  it('refuses bad input instead of guessing', () => {
    expect(() => computeTicketTaxes([{ amount: '1,50', taxCategory: 'general' }])).toThrow(RangeError);
    expect(() => computeTicketTaxes([{ amount: '1.00', taxCategory: 'luxury' as 'general' }])).toThrow(/Unknown tax category/);
    expect(() => computeTicketTaxes(BASKET, [{ amount: '-1.00', foreign: true }])).toThrow(/negative/);
    expect(() => computeTicketTaxes(BASKET, [], { iva: { general: '16', reduced: '8', exempt: '1' }, igtf: '3' })).toThrow(/Exempt/);
    expect(() => computeTicketTaxes(BASKET, [], { iva: { general: 'sixteen', reduced: '8', exempt: '0' }, igtf: '3' })).toThrow(RangeError);
  });

  it('an empty ticket is all zeros', () => {
    expect(computeTicketTaxes([], [{ amount: '10.00', foreign: true }])).toMatchObject({ subtotal: '0.00', igtfBase: '0.00', igtf: '0.00', total: '0.00' });
  });
});
