import { describe, expect, it } from 'vitest';
import { daysOfCover } from './cover.js';

describe('daysOfCover', () => {
  it('walks the daily means and counts the fraction of the last day', () => {
    // 116 units at 10/day: days 0–10 take 110, 6 left on day 11 → 11 + 6/10 = 11.6
    expect(daysOfCover(116, Array(14).fill(10))).toBe(11.6);
    // 17 units against [5, 20, 10]: day 0 takes 5 (12 left), day 1 needs 20 → 1 + 12/20 = 1.6
    expect(daysOfCover(17, [5, 20, 10])).toBe(1.6);
    // 7 units against [3, 3, 3]: 1 left on day 2 → 2 + 1/3 = 2.333… → 2.3 (one decimal)
    expect(daysOfCover(7, [3, 3, 3])).toBe(2.3);
  });

  it('steps over days without demand', () => {
    // [0, 4, 0, 4]: 6 units → day 1 takes 4 (2 left), day 2 nothing, day 3 needs 4 → 3 + 2/4 = 3.5
    expect(daysOfCover(6, [0, 4, 0, 4])).toBe(3.5);
  });

  it('extrapolates past the horizon at the average daily demand', () => {
    // [2, 4] (average 3/day): 12 units → 6 used in 2 days, 6 left / 3 per day = 2 → 4.0
    expect(daysOfCover(12, [2, 4])).toBe(4);
  });

  it('is 0 without stock and null without demand', () => {
    expect(daysOfCover(0, [3, 3])).toBe(0);
    expect(daysOfCover(50, [0, 0, 0])).toBeNull();
    expect(daysOfCover(50, [])).toBeNull();
  });
});
