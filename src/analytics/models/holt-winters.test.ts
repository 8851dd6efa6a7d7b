import { describe, expect, it } from 'vitest';
import { holtWinters, holtWintersDamped, holtWintersForecast, holtWintersInit, holtWintersWith } from './holt-winters.js';

// Season m = 2, days 0…6, day 5 unknown.
const Y = [1, 3, 3, 5, 4, NaN, 6];
const P = { alpha: 0.5, beta: 0.2, gamma: 0.25, phi: 0.9 };

/** A weekly pattern (Mon … Sun) with a little deterministic noise in [−0.5, 0.5]. */
const WEEK = [5, 5, 6, 7, 12, 20, 2];
const weekly = (weeks: number, slope = 0) => Array.from({ length: 7 * weeks }, (_, t) => WEEK[t % 7]! + slope * t + (((t * 7919) % 11) - 5) / 10);

describe('holtWintersInit', () => {
  it('takes the level from the first season and centred mean deviations per position', () => {
    // the first 2m = 4 known days: blocks [1, 3] (mean 2) and [3, 5] (mean 4)
    // position 0: (1 − 2 + 3 − 4) / 2 = −1; position 1: (3 − 2 + 5 − 4) / 2 = 1; sum 0 already
    const init = holtWintersInit(Y, 2)!;
    expect(init.level).toBe(2);
    expect(init.trend).toBe(0);
    expect(Array.from(init.seasonal)).toEqual([-1, 1]);
  });

  it('counts known days only and is null below two seasons of them', () => {
    // first known day 1; known days 1, 2, 4, 5 → window days 1…5, blocks [1, 2] and [3, 4] (from day 1), [5]
    // block means: (2 + 4) / 2 = 3, 8 / 1 = 8, 6 / 1 = 6
    // position 1 (days 1, 5): (2 − 3 + 6 − 6) / 2 = −0.5; position 0 (days 2, 4): (4 − 3 + 8 − 8) / 2 = 0.5
    const init = holtWintersInit([NaN, 2, 4, NaN, 8, 6], 2)!;
    expect(init.level).toBe(3);
    expect(Array.from(init.seasonal)).toEqual([0.5, -0.5]);
    expect(holtWintersInit([1, NaN, 2, 3], 2)).toBeNull();
    expect(holtWintersInit([], 7)).toBeNull();
  });
});

describe('holtWintersWith', () => {
  it('runs the damped additive recursion step by step', () => {
    // state before day 0: ℓ = 2, b = 0, s = [−1, 1]; α = 0.5, β = 0.2, γ = 0.25, φ = 0.9
    // t0 (p0): ŷ = 2 + 0 − 1 = 1, e = 0 → ℓ = 0.5(1 + 1) + 0.5·2 = 2, b = 0, s0 = 0.25(1 − 2) + 0.75(−1) = −1
    // t1 (p1): ŷ = 2 + 1 = 3, e = 0 → ℓ = 0.5(3 − 1) + 0.5·2 = 2, b = 0, s1 = 0.25(3 − 2) + 0.75·1 = 1
    // t2 (p0): ŷ = 1, e = 2 → ℓ = 0.5(3 + 1) + 0.5·2 = 3, b = 0.2(3 − 2) = 0.2, s0 = 0.25(3 − 2) + 0.75(−1) = −0.5
    // t3 (p1): φb = 0.18, base 3.18, ŷ = 4.18, e = 0.82 → ℓ = 0.5(5 − 1) + 0.5·3.18 = 3.59,
    //          b = 0.2(3.59 − 3) + 0.8·0.18 = 0.118 + 0.144 = 0.262, s1 = 0.25(5 − 3.18) + 0.75·1 = 1.205
    // t4 (p0): φb = 0.2358, base 3.8258, ŷ = 3.3258, e = 0.6742 → ℓ = 0.5(4 + 0.5) + 0.5·3.8258 = 4.1629,
    //          b = 0.2(0.5729) + 0.8·0.2358 = 0.30322, s0 = 0.25(4 − 3.8258) + 0.75(−0.5) = −0.33145
    // t5 (p1) unknown: φb = 0.272898, ℓ = 4.435798, b = 0.272898, ŷ = 4.435798 + 1.205 = 5.640798, s1 stays
    // t6 (p0): φb = 0.2456082, base 4.6814062, ŷ = 4.3499562, e = 1.6500438
    //          ℓ = 0.5(6 + 0.33145) + 0.5·4.6814062 = 5.5064281
    //          b = 0.2(5.5064281 − 4.435798) + 0.8·0.2456082 = 0.21412602 + 0.19648656 = 0.41061258
    //          s0 = 0.25(6 − 4.6814062) + 0.75(−0.33145) = 0.32964845 − 0.2485875 = 0.08106095
    // SSE = 0 + 0 + 4 + 0.6724 + 0.45454564 + 2.72264454 = 7.84959018 over n = 6 known days
    const run = holtWintersWith(Y, P, 2);
    const fitted = [1, 3, 1, 4.18, 3.3258, 5.640798, 4.3499562];
    fitted.forEach((v, t) => expect(run.fitted[t]).toBeCloseTo(v, 9));
    expect(run.level).toBeCloseTo(5.5064281, 9);
    expect(run.trend).toBeCloseTo(0.41061258, 9);
    expect(run.seasonal[0]).toBeCloseTo(0.08106095, 9);
    expect(run.seasonal[1]).toBeCloseTo(1.205, 9);
    expect(run.sse).toBeCloseTo(7.84959018, 8);
    expect(run.n).toBe(6);
  });

  it('throws below two seasons of known days', () => {
    expect(() => holtWintersWith([1, 2, 3], P, 2)).toThrow(RangeError);
  });
});

describe('holtWintersForecast', () => {
  it('adds the damped trend sum and the latest seasonal index of each position', () => {
    // after day 6 (length 7): ℓ = 5.5064281, b = 0.41061258, s = [0.08106095, 1.205], φ = 0.9
    // day 7 (p1): 5.5064281 + 0.9·0.41061258 + 1.205 = 7.08097942
    // day 8 (p0): 5.5064281 + (0.9 + 0.81)·0.41061258 + 0.08106095 = 6.28963656
    const f = holtWintersForecast(holtWintersWith(Y, P, 2), 0.9, 7, 2);
    expect(f[0]).toBeCloseTo(7.08097942, 7);
    expect(f[1]).toBeCloseTo(6.28963656, 7);
  });

  it('floors negative forecasts at 0', () => {
    // ℓ = 1, b = −2, φ = 1: day 0 → 1 − 2 + 0 = −1 → 0
    expect(holtWintersForecast({ level: 1, trend: -2, seasonal: new Float64Array(1) }, 1, 0, 2)).toEqual([0, 0]);
  });
});

describe('holtWinters and holtWintersDamped', () => {
  it('reproduce a strong weekly pattern', () => {
    const y = weekly(10);
    for (const fitter of [holtWinters, holtWintersDamped]) {
      // 70 days: day 70 is position 0 (Monday) again
      fitter(y)
        .forecast(14)
        .forEach((v, k) => expect(Math.abs(v - WEEK[k % 7]!)).toBeLessThan(1));
    }
  });

  it('keep the parameters in their admissible ranges', () => {
    const y = weekly(12, 0.1);
    const a = holtWinters(y).params;
    expect(Object.keys(a).sort()).toEqual(['alpha', 'gamma']);
    expect(a.alpha).toBeGreaterThanOrEqual(0.01);
    expect(a.alpha).toBeLessThanOrEqual(0.5);
    expect(a.gamma).toBeGreaterThan(0);
    expect(a.gamma).toBeLessThanOrEqual(0.5 * (1 - a.alpha!));
    const d = holtWintersDamped(y).params;
    expect(d.alpha).toBeLessThanOrEqual(0.5);
    expect(d.beta).toBeGreaterThanOrEqual(0);
    expect(d.beta).toBeLessThanOrEqual(0.2);
    expect(d.gamma).toBeLessThanOrEqual(0.5 * (1 - d.alpha!));
    expect(d.phi).toBeGreaterThanOrEqual(0.8);
    expect(d.phi).toBeLessThanOrEqual(0.98);
  });

  it('damped: a rising series forecasts higher week after week, by less each week', () => {
    const f = holtWintersDamped(weekly(12, 0.3)).forecast(21);
    for (let k = 0; k < 7; k++) {
      expect(f[k + 7]!).toBeGreaterThan(f[k]!);
      expect(f[k + 14]! - f[k + 7]!).toBeLessThan(f[k + 7]! - f[k]!);
    }
  });

  it('fall back to SES below two seasons of known days', () => {
    const y = [4, 5, NaN, 6, 5, 4, 5, 6, 5, NaN, 4, 5, 6, 5, 4];
    expect(holtWinters(y).model).toBe('ses');
    expect(holtWintersDamped(y).model).toBe('ses');
    expect(holtWinters(y.slice(0, 9).concat(5, 5, 5, 5, 5, 5, 5)).model).toBe('holt_winters');
  });
});
