import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { checkRange, reportPeriod, tenantTimeZone } from './period.js';
import { divideByRate, generateTicketId } from './service.js';
import { marginPct } from '../stats/service.js';
import { DEFAULT_SETTINGS, type TenantContext } from '../tenants/schema.js';

const NOW = new Date('2026-11-28T02:00:00Z'); // the 27th in Caracas, the 28th in UTC

describe('reportPeriod', () => {
  it.each([
    [undefined, undefined, 'America/Caracas', '2026-10-29', '2026-11-27'],
    [undefined, undefined, 'UTC', '2026-10-30', '2026-11-28'],
    ['2026-11-01', undefined, 'America/Caracas', '2026-11-01', '2026-11-27'],
    [undefined, '2026-03-01', 'UTC', '2026-01-31', '2026-03-01'],
    ['2026-11-02', '2026-11-02', 'UTC', '2026-11-02', '2026-11-02'],
  ])('from=%s to=%s in %s → %s … %s', (from, to, tz, start, end) => {
    expect(reportPeriod(from, to, tz, NOW)).toEqual({ from: start, to: end });
  });

  it('refuses reversed, overlong and impossible ranges with a 400', () => {
    for (const [from, to] of [
      ['2026-11-03', '2026-11-02'],
      ['2023-01-01', '2026-01-03'],
      ['2026-02-30', undefined],
      ['2026-11-28', undefined], // after today in Caracas
    ] as const) {
      const err = (() => {
        try {
          reportPeriod(from, to, 'America/Caracas', NOW);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
    }
    expect(() => checkRange('2023-01-01', '2026-01-01')).not.toThrow();
    expect(() => checkRange('2023-01-01', '2026-01-02')).toThrow(AppError);
  });

  it('falls back to UTC for a time zone the runtime does not know', () => {
    const tenant = (timezone: string) => ({ settings: { ...DEFAULT_SETTINGS, timezone } }) as TenantContext;
    expect(tenantTimeZone(tenant('America/Caracas'))).toBe('America/Caracas');
    expect(tenantTimeZone(tenant('Mars/Olympus'))).toBe('UTC');
  });
});

describe('sale arithmetic', () => {
  it.each([
    [4500n, '36.5', 123n], // 45.00 / 36.5 = 1.2329 → 1.23
    [3000n, '36.512300', 82n], // 0.8216 → 0.82
    [100n, '2', 50n],
    [1n, '2', 1n], // 0.005 → 0.01 (half away from zero)
    [0n, '36.5', 0n],
    [4500n, '1', 4500n],
    [4500n, '1.000000', 4500n],
  ])('%s cents ÷ %s = %s cents', (cents, rate, expected) => {
    expect(divideByRate(cents, rate)).toBe(expected);
  });

  it('refuses rates that are not positive decimals', () => {
    for (const bad of ['0', '0.000000', '-1', 'abc', '1e3']) expect(() => divideByRate(100n, bad)).toThrow(RangeError);
  });

  it('rounds the margin percentage to one decimal, null without revenue', () => {
    expect(marginPct(10180n, 32200n)).toBe(31.6);
    expect(marginPct(1049n, 1999n)).toBe(52.5);
    expect(marginPct(-500n, 1000n)).toBe(-50);
    expect(marginPct(1n, 1600n)).toBe(0.1); // 0.0625 % → 0.1 (half away from zero)
    expect(marginPct(0n, 0n)).toBeNull();
  });

  it('generates ticket ids the ticket grammar accepts, different each time', () => {
    const a = generateTicketId('2026-11-02');
    expect(a).toMatch(/^FX-20261102-[0-9A-F]{12}$/);
    expect(generateTicketId('2026-11-02')).not.toBe(a);
  });
});
