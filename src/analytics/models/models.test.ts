import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODELS } from './index.js';

const ENTRIES = Object.entries(MODELS);

/** Steady demand around 6 with a weekly shape; days 40…42 are `hole` (0 or NaN). */
function steady(hole: number): number[] {
  const y = Array.from({ length: 49 }, (_, t) => [5, 6, 6, 7, 8, 9, 4][t % 7]! + ((t * 13) % 3) - 1);
  y[40] = hole;
  y[41] = hole;
  y[42] = hole;
  return y;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('every model', () => {
  it('is registered under its own name', () => {
    const y = Array.from({ length: 28 }, (_, t) => 3 + (t % 7));
    for (const [name, fitter] of ENTRIES) expect(fitter(y).model).toBe(name);
  });

  it('copes with empty, one-day, all-zero and all-unknown series', () => {
    const series = [[], [5], [0], [NaN], new Array<number>(30).fill(0), new Array<number>(30).fill(NaN)];
    for (const [, fitter] of ENTRIES) {
      for (const y of series) {
        const fit = fitter(y);
        const f = fit.forecast(7);
        expect(f).toHaveLength(7);
        for (const v of f) expect(Number.isFinite(v) && v >= 0).toBe(true);
        expect(Number.isFinite(fit.sigma) && fit.sigma >= 0).toBe(true);
        expect(fit.forecast(0)).toEqual([]);
      }
    }
  });

  it('forecasts 0 for an all-zero series and refuses a bad horizon', () => {
    for (const [, fitter] of ENTRIES) {
      const fit = fitter(new Array<number>(30).fill(0));
      expect(fit.forecast(3)).toEqual([0, 0, 0]);
      expect(() => fit.forecast(-1)).toThrow(RangeError);
      expect(() => fit.forecast(1.5)).toThrow(RangeError);
    }
  });

  it('skips unknown days: NaN where a 0 would drag the forecast down forecasts higher', () => {
    for (const [name, fitter] of ENTRIES) {
      const withZeros = sum(fitter(steady(0)).forecast(7));
      const withUnknown = sum(fitter(steady(NaN)).forecast(7));
      expect(withUnknown, name).toBeGreaterThan(withZeros);
    }
  });

  it('never forecasts below 0, even after a collapse', () => {
    const collapse = [...new Array<number>(35).fill(100), 60, 30, 10, 0, 0, 0, 0];
    for (const [, fitter] of ENTRIES) for (const v of fitter(collapse).forecast(30)) expect(v).toBeGreaterThanOrEqual(0);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(30), fc.constant(NaN)), { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (y, season) => {
        for (const [, fitter] of ENTRIES) {
          const fit = fitter(y, { season });
          for (const v of fit.forecast(10)) if (!(v >= 0 && Number.isFinite(v))) return false;
          if (!(fit.sigma >= 0 && Number.isFinite(fit.sigma))) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
