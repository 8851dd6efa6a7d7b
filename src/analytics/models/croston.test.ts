import { describe, expect, it } from 'vitest';
import { croston, crostonWith, sba, sbaWith, tsb, tsbWith } from './croston.js';

// Known days 0, 1, 3, 4, 5, 6; day 2 unknown; demand on days 1 (3 units) and 5 (6 units).
const Y = [0, 3, NaN, 0, 0, 6, 0];

describe('crostonWith', () => {
  it('smooths sizes and intervals on demand days only', () => {
    // day 1: first demand, k = 2 known days → z = 3, q = 2, forecast 3 / 2 = 1.5
    // day 2 unknown (skipped); days 3, 4: zeros, errors −1.5, −1.5
    // day 5: error 6 − 1.5 = 4.5; k = 3 (days 3, 4, 5) → z = 3 + 0.5(6 − 3) = 4.5, q = 2 + 0.5(3 − 2) = 2.5
    // day 6: forecast 4.5 / 2.5 = 1.8, error −1.8
    // SSE = 2.25 + 2.25 + 20.25 + 3.24 = 27.99 over n = 4
    const run = crostonWith(Y, 0.5);
    expect(Array.from(run.fitted)).toEqual([NaN, NaN, 1.5, 1.5, 1.5, 1.5, 1.8]);
    expect(run.size).toBe(4.5);
    expect(run.interval).toBe(2.5);
    expect(run.rate).toBeCloseTo(1.8, 12);
    expect(run.sse).toBeCloseTo(27.99, 12);
    expect(run.n).toBe(4);
  });

  it('does not count unknown days in the intervals', () => {
    // day 0: first demand, k = 1 → z = 2, q = 1; day 3: k = 2 (days 2, 3; day 1 unknown)
    // → z = 2 + 0.5(4 − 2) = 3, q = 1 + 0.5(2 − 1) = 1.5
    const run = crostonWith([2, NaN, 0, 4], 0.5);
    expect(run.size).toBe(3);
    expect(run.interval).toBe(1.5);
  });

  it('has no forecast without demand', () => {
    const run = crostonWith([0, NaN, 0], 0.1);
    expect(run.rate).toBe(0);
    expect(run.n).toBe(0);
  });
});

describe('sba', () => {
  it('is Croston × (1 − α/2)', () => {
    // α = 0.5: 1.8 × 0.75 = 1.35; one-step forecasts 1.5 × 0.75 = 1.125 and 1.8 × 0.75 = 1.35
    const run = sbaWith(Y, 0.5);
    expect(run.rate).toBeCloseTo(1.35, 12);
    expect(Array.from(run.fitted).slice(2)).toEqual([1.125, 1.125, 1.125, 1.125, 1.35]);
    // the fitted SBA forecast is Croston's at SBA's own α, × (1 − α/2)
    const y = [0, 2, 0, 0, 1, 0, 3, 0, 0, 0, 2, 0, 1, 0, 0, 4, 0, 0, 1, 0];
    const fit = sba(y);
    const alpha = fit.params.alpha!;
    expect(fit.forecast(1)[0]).toBeCloseTo(crostonWith(y, alpha).rate * (1 - alpha / 2), 12);
    expect(fit.model).toBe('sba');
  });
});

describe('tsbWith', () => {
  it('updates the demand probability every known day and the size on demand days', () => {
    // day 1: first demand, k = 2 → z = 3, p = 1/2; forecast 1.5 (carried over the unknown day 2)
    // day 3: ŷ = 1.5, e = −1.5; p = 0.5 + 0.2(0 − 0.5) = 0.4
    // day 4: ŷ = 0.4·3 = 1.2, e = −1.2; p = 0.4 − 0.2·0.4 = 0.32
    // day 5: ŷ = 0.32·3 = 0.96, e = 5.04; p = 0.32 + 0.2(1 − 0.32) = 0.456; z = 3 + 0.5(6 − 3) = 4.5
    // day 6: ŷ = 0.456·4.5 = 2.052, e = −2.052; p = 0.456 − 0.2·0.456 = 0.3648
    // forecast 0.3648·4.5 = 1.6416; SSE = 2.25 + 1.44 + 25.4016 + 4.210704 = 33.302304 over n = 4
    const run = tsbWith(Y, 0.5, 0.2);
    expect(Array.from(run.fitted.subarray(0, 2))).toEqual([NaN, NaN]);
    [1.5, 1.5, 1.2, 0.96, 2.052].forEach((v, i) => expect(run.fitted[i + 2]).toBeCloseTo(v, 12));
    expect(run.probability).toBeCloseTo(0.3648, 12);
    expect(run.size).toBe(4.5);
    expect(run.rate).toBeCloseTo(1.6416, 12);
    expect(run.sse).toBeCloseTo(33.302304, 12);
    expect(run.n).toBe(4);
  });
});

describe('croston, sba and tsb', () => {
  it('forecast 0 for a series without demand', () => {
    for (const fitter of [croston, sba, tsb]) expect(fitter([0, 0, NaN, 0]).forecast(2)).toEqual([0, 0]);
  });

  it('TSB fades out a product that stopped selling; Croston does not', () => {
    const y = [1, 0, 2, 0, 1, 1, 0, 2, 0, 1, ...new Array<number>(60).fill(0)];
    const c = croston(y).forecast(1)[0]!;
    const t = tsb(y).forecast(1)[0]!;
    // Croston keeps the rate of the last demand (≈ 1.3 units per 1.5 days); TSB's p has decayed
    expect(c).toBeGreaterThan(0.5);
    expect(t).toBeLessThan(c / 2);
  });

  it('fit α on the grid and report it', () => {
    const y = [0, 2, 0, 0, 1, 0, 3, 0, 0, 0, 2, 0, 1, 0, 0, 4, 0, 0, 1, 0];
    expect([0.05, 0.1, 0.15, 0.2, 0.25, 0.3]).toContain(croston(y).params.alpha);
    const p = tsb(y).params;
    expect([0.05, 0.1, 0.2, 0.3]).toContain(p.alpha);
    expect([0.02, 0.05, 0.1, 0.2]).toContain(p.beta);
    // the chosen α minimises the SSE among the grid
    const best = crostonWith(y, croston(y).params.alpha!).sse;
    for (const a of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3]) expect(best).toBeLessThanOrEqual(crostonWith(y, a).sse);
  });
});
