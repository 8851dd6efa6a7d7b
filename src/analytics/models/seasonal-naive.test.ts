import { describe, expect, it } from 'vitest';
import { seasonalNaive } from './seasonal-naive.js';

describe('seasonalNaive', () => {
  // Two weeks, days 0…13; day 8 (position 1) and day 13 (position 6) unknown.
  const y = [1, 2, 3, 4, 5, 6, 7, 8, NaN, 10, 11, 12, 13, NaN];

  it('forecasts the last known value of the same weekday, walking back past unknown days', () => {
    // day 14 ≡ 0 → y_7 = 8; day 15 ≡ 1 → y_8 unknown → y_1 = 2; days 16…19 → y_9…y_12;
    // day 20 ≡ 6 → y_13 unknown → y_6 = 7; days 21, 22 wrap to positions 0, 1 again.
    expect(seasonalNaive(y).forecast(9)).toEqual([8, 2, 10, 11, 12, 13, 7, 8, 2]);
  });

  it('takes sigma from the seasonal differences over known pairs', () => {
    // pairs (t, t−7) with both known: t = 7, 9, 10, 11, 12 → each difference is 7
    // (t = 8 and t = 13 are unknown). Σe² = 5 × 49 = 245, n = 5 → sigma = √(245 / 4) = 7.8262…
    const fit = seasonalNaive(y);
    expect(fit.n).toBe(5);
    expect(fit.sigma).toBeCloseTo(Math.sqrt(245 / 4), 12);
    expect(fit.model).toBe('seasonal_naive');
  });

  it('honours the season length and forecasts 0 for a position never seen', () => {
    // m = 3, days 0…3 = [4, 5, 6, 7]: day 4 ≡ 1 → y_1 = 5, day 5 ≡ 2 → y_2 = 6, day 6 ≡ 0 → y_3 = 7
    expect(seasonalNaive([4, 5, 6, 7], { season: 3 }).forecast(3)).toEqual([5, 6, 7]);
    // m = 7, 3 days: days 3…6 have no earlier same weekday → 0; days 7, 8, 9 ≡ 0, 1, 2 → y_0…y_2
    expect(seasonalNaive([1, 2, 3]).forecast(7)).toEqual([0, 0, 0, 0, 1, 2, 3]);
  });

  it('rejects a season that is not a positive integer', () => {
    expect(() => seasonalNaive([1, 2], { season: 0 })).toThrow(RangeError);
    expect(() => seasonalNaive([1, 2], { season: 2.5 })).toThrow(RangeError);
  });
});
