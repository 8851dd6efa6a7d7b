/**
 * Tests of the accuracy measures (accuracy.ts), hand-computed on small arrays:
 *   scale = mean |y_t − y_{t−m}| over known pairs,  MASE = (Σ|f − a| / n) ÷ scale,
 *   bias = Σ(f − a) ÷ Σa,  coverage = #{low ≤ a ≤ high} over known days; NaN actuals are skipped.
 */
import { describe, expect, it } from 'vitest';
import { bias, covered, errors, mase, maseScale } from './accuracy.js';

describe('maseScale', () => {
  it('is the mean absolute weekly difference over the known pairs', () => {
    // t = 7 … 14 against t − 7: |3−1| = 2, |2−2| = 0, NaN (skipped), |4−4| = 0, |5−5| = 0,
    // |6−6| = 0, |9−7| = 2, and t = 14: |5−3| = 2 → 6 over 7 pairs.
    const y = [1, 2, 3, 4, 5, 6, 7, 3, 2, NaN, 4, 5, 6, 9, 5];
    expect(maseScale(y)).toBeCloseTo(6 / 7, 12);
  });

  it('takes the season length', () => {
    // Season 1: |4−1| = 3, |2−4| = 2, the pairs with the NaN skipped → 5 / 2
    expect(maseScale([1, 4, 2, NaN, 5], 1)).toBe(2.5);
  });

  it('is 0 without a known pair or without variation', () => {
    expect(maseScale([1, 2, 3])).toBe(0);
    expect(maseScale(new Array<number>(20).fill(4))).toBe(0);
    expect(maseScale([1, NaN, 3], 1)).toBe(0);
  });
});

describe('errors, mase and bias', () => {
  // Known days t = 0, 2, 3: f − a = 4−3 = 1, 1−0 = 1, 2−5 = −3; the NaN day's forecast 9 is ignored.
  const e = errors([3, NaN, 0, 5], [4, 9, 1, 2]);

  it('sums the known days only', () => {
    expect(e).toEqual({ n: 3, absError: 5, error: -1, actual: 8 });
  });

  it('MASE = MAE ÷ scale', () => {
    // MAE 5/3, scale 2 → 5/6
    expect(mase(e, 2)).toBeCloseTo(5 / 6, 12);
  });

  it('bias = Σ(f − a) ÷ Σ a', () => {
    expect(bias(e)).toBe(-1 / 8);
  });

  it('stops at the shorter of actual and forecast', () => {
    // Only t = 0, 1: |5−3| + |1−1| = 2
    expect(errors([3, 1, 7], [5, 1])).toEqual({ n: 2, absError: 2, error: 2, actual: 4 });
  });

  it('null when nothing is known, the scale is 0 or nothing sold', () => {
    const none = errors([NaN, NaN], [1, 2]);
    expect(none.n).toBe(0);
    expect(mase(none, 1)).toBeNull();
    expect(mase(e, 0)).toBeNull();
    expect(bias(errors([0, 0], [1, 1]))).toBeNull();
  });
});

describe('covered', () => {
  it('counts known actuals within the bounds, bounds included', () => {
    // t0: 1 ∈ [1, 2] yes (on the bound); t1 unknown; t2: 5 > 4 no; t3: 3 < 3.5 no; t4: 0 ∈ [0, 0] yes
    expect(covered([1, NaN, 5, 3, 0], [1, 0, 2, 3.5, 0], [2, 0, 4, 4, 0])).toEqual({ inside: 2, n: 4 });
  });
});
