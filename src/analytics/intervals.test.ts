/**
 * Tests of the pooled-error intervals (intervals.ts): type-7 quantiles
 *   Q(p) = s_⌊h⌋ + (h − ⌊h⌋)(s_⌊h⌋+1 − s_⌊h⌋),  h = (n − 1) p  over the sorted errors s,
 * the normal fallback under 50 errors, and bands = max(0, mean + q · sd).
 */
import { describe, expect, it } from 'vitest';
import { bands, NORMAL_QUANTILES, poolQuantiles, quantileSorted, type Quantiles } from './intervals.js';

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    const s = [1, 2, 4, 8];
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(8);
    expect(quantileSorted(s, 0.5)).toBe(3); // h = 1.5 → 2 + 0.5 × (4 − 2)
    expect(quantileSorted(s, 0.1)).toBeCloseTo(1.3, 12); // h = 0.3 → 1 + 0.3 × (2 − 1)
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('poolQuantiles', () => {
  it('takes the empirical quantiles of 50 errors or more, in any order', () => {
    // z_i = i²/100 − 5, i = 0 … 59, shuffled (i = 7k mod 60). n = 60, h = 59 p:
    //   q50:   h = 29.5   → (8.41 + 9.00)/2 − 5            = 3.705
    //   q10:   h = 5.9    → 0.25 + 0.9 × (0.36 − 0.25) − 5  = −4.651
    //   q90:   h = 53.1   → 28.09 + 0.1 × (29.16 − 28.09) − 5 = 23.197
    //   q2.5:  h = 1.475  → 0.01 + 0.475 × (0.04 − 0.01) − 5 = −4.97575
    //   q97.5: h = 57.525 → 32.49 + 0.525 × (33.64 − 32.49) − 5 = 28.09375
    const z = Array.from({ length: 60 }, (_, k) => {
      const i = (7 * k) % 60;
      return (i * i) / 100 - 5;
    });
    const q = poolQuantiles(z);
    expect(q.n).toBe(60);
    expect(q.q50).toBeCloseTo(3.705, 10);
    expect(q.lo80).toBeCloseTo(-4.651, 10);
    expect(q.hi80).toBeCloseTo(23.197, 10);
    expect(q.lo95).toBeCloseTo(-4.97575, 10);
    expect(q.hi95).toBeCloseTo(28.09375, 10);
  });

  it('falls back to the normal quantiles under 50 errors', () => {
    const z = Array.from({ length: 49 }, (_, i) => i);
    expect(poolQuantiles(z)).toEqual(NORMAL_QUANTILES);
    expect(NORMAL_QUANTILES).toEqual({ q50: 0, lo80: -1.2816, hi80: 1.2816, lo95: -1.96, hi95: 1.96, n: 0 });
    // 50 errors 0 … 49: the empirical median, h = 24.5 → 24.5
    expect(poolQuantiles([...z, 49])).toMatchObject({ n: 50, q50: 24.5 });
  });
});

describe('bands', () => {
  it('are mean + q · sd, floored at 0', () => {
    // Normal quantiles. Day 0: 10 ± 1.2816 × 2 = 7.4368 … 12.5632, 10 ± 1.96 × 2 = 6.08 … 13.92;
    // day 1: 1 − 1.2816 < 0 → 0, 1 + 1.2816 = 2.2816, 1 + 1.96 = 2.96; day 2 (sd 0): all 0.
    const b = bands([10, 1, 0], [2, 1, 0], NORMAL_QUANTILES);
    expect(b.median).toEqual([10, 1, 0]);
    expect(b.lo80[0]).toBeCloseTo(7.4368, 10);
    expect(b.hi80[0]).toBeCloseTo(12.5632, 10);
    expect(b.lo95[0]).toBeCloseTo(6.08, 10);
    expect(b.hi95[0]).toBeCloseTo(13.92, 10);
    expect(b.lo80.slice(1)).toEqual([0, 0]);
    expect(b.lo95.slice(1)).toEqual([0, 0]);
    expect(b.hi80[1]).toBeCloseTo(2.2816, 10);
    expect(b.hi95[1]).toBeCloseTo(2.96, 10);
    expect(b.hi95[2]).toBe(0);
  });

  it('the median moves by q50 · sd and is floored at 0 too', () => {
    const q: Quantiles = { q50: -0.5, lo80: -1, hi80: 2, lo95: -2, hi95: 3, n: 100 };
    // 4 − 0.5 × 2 = 3; 0.2 − 0.5 × 1 = −0.3 → 0
    expect(bands([4, 0.2], [2, 1], q).median).toEqual([3, 0]);
    expect(bands([4, 0.2], [2, 1], q).hi95).toEqual([10, 3.2]);
  });
});
