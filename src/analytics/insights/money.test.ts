import { describe, expect, it } from 'vitest';
import { unitsTimesCents, unitsTimesPrice } from './money.js';

describe('unitsTimesPrice', () => {
  it('multiplies fractional units by a price exactly, to the cent', () => {
    // 12.4 × 3.50 = 43.40
    expect(unitsTimesPrice(12.4, '3.50')).toBe(4340n);
    // 0.333333 × 1.00 = 0.333333 → 0.33; 2.5 × 0.01 = 0.025 → 0.03 (half away from zero)
    expect(unitsTimesPrice(0.333333, '1.00')).toBe(33n);
    expect(unitsTimesPrice(2.5, '0.01')).toBe(3n);
    expect(unitsTimesPrice(-2.5, '0.01')).toBe(-3n);
    // 1 000 000 units × 1 234 567.89 = 1 234 567 890 000.00, beyond float-exact cents
    expect(unitsTimesPrice(1_000_000, '1234567.89')).toBe(123456789000000n);
  });

  it('multiplies by cents directly', () => {
    // 1.5 × 0.07 = 0.105 → 0.11 (half away from zero)
    expect(unitsTimesCents(1.5, 7n)).toBe(11n);
  });

  it('rejects non-finite units', () => {
    expect(() => unitsTimesPrice(Number.POSITIVE_INFINITY, '1.00')).toThrow(RangeError);
    expect(() => unitsTimesCents(Number.NaN, 1n)).toThrow(/finite/);
  });
});
