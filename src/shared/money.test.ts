import { describe, expect, it } from 'vitest';
import { convertCents, fromCents, lineTotalCents, money, toCents } from './money.js';

describe('money', () => {
  it.each([
    ['12.3', 1230n],
    ['12.30', 1230n],
    ['0.005', 1n],
    ['0.004', 0n],
    ['-1.005', -101n],
    ['1000000', 100000000n],
  ])('toCents(%s) = %s', (input, cents) => expect(toCents(input)).toBe(cents));

  it('refuses what is not a decimal', () => {
    for (const bad of ['', 'abc', '1e3', '1,5', '--1', 'NaN']) expect(() => toCents(bad)).toThrow(RangeError);
    expect(() => toCents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('formats cents exactly', () => {
    expect(fromCents(5n)).toBe('0.05');
    expect(fromCents(-1230n)).toBe('-12.30');
    expect(money('3.3')).toBe('3.30');
    expect(money(null)).toBe('0.00');
  });

  it('computes line totals and conversions without floats', () => {
    // 3 × 0.10 is 0.30 exactly (as a float sum it would be 0.30000000000000004)
    expect(fromCents(lineTotalCents(3, '0.10'))).toBe('0.30');
    expect(fromCents(lineTotalCents(2, '38.50', '1.25'))).toBe('75.75');
    // 10.00 USD at 36.5123 VES/USD = 365.123 → 365.12
    expect(fromCents(convertCents(1000n, '36.5123'))).toBe('365.12');
    expect(fromCents(convertCents(1n, '0.5'))).toBe('0.01');
    expect(fromCents(convertCents(1000n, '2'))).toBe('20.00');
  });
});
