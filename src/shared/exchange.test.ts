import { describe, expect, it } from 'vitest';
import { fromForeign, isValidRate, rateOn, toForeign } from './exchange.js';

describe('exchange rates', () => {
  const rates = [
    { rate_date: '2026-11-20', rate: '240.100000' }, // Friday
    { rate_date: '2026-11-23', rate: '241.500000' }, // Monday
    { rate_date: '2026-11-18', rate: '239.000000' },
  ];

  it('applies the latest rate on or before the date: a weekend uses Friday', () => {
    expect(rateOn(rates, '2026-11-20')?.rate).toBe('240.100000');
    expect(rateOn(rates, '2026-11-21')?.rate).toBe('240.100000'); // Saturday
    expect(rateOn(rates, '2026-11-22')?.rate).toBe('240.100000'); // Sunday
    expect(rateOn(rates, '2026-11-23')?.rate).toBe('241.500000');
    expect(rateOn(rates, '2026-11-19')?.rate).toBe('239.000000');
    expect(rateOn(rates, '2026-11-17')).toBeNull();
    expect(rateOn([], '2026-11-17')).toBeNull();
  });

  it('converts both ways exactly, rounding half away from zero to the cent', () => {
    expect(toForeign('2401.00', '240.100000')).toBe('10.00');
    expect(toForeign('100.00', '36.5123')).toBe('2.74'); // 2.73876…
    expect(toForeign('0.01', '3')).toBe('0.00');
    expect(toForeign('0.02', '4')).toBe('0.01'); // 0.005 rounds up
    expect(fromForeign('10.00', '240.100000')).toBe('2401.00');
    expect(fromForeign('1.50', '36.512345')).toBe('54.77'); // 54.7685…
    expect(fromForeign('-1.50', '36.512345')).toBe('-54.77');
  });

  it('refuses rates that are not positive decimals', () => {
    for (const bad of ['0', '0.000000', '-1', 'abc', '1.1234567', '', '1e3']) expect(isValidRate(bad)).toBe(false);
    expect(isValidRate('36.5')).toBe(true);
    expect(() => toForeign('1.00', '0')).toThrow(RangeError);
  });
});
