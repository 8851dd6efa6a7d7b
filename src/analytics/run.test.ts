/**
 * Tests of a forecasting run (run.ts): runSeries' backtest origins (n − 56, n − 49, n − 42, n − 35,
 * each kept when at least 28 days precede it) with the seasonal naive benchmark, and summarise's
 * scoring, hand-computed on outcomes built by hand with 2- and 4-day horizons:
 *   median = max(0, mean + q50 · sd), MASE = (Σ|median − actual| / n) ÷ scale over known days,
 *   coverage = known actuals inside [mean + q_lo · sd, mean + q_hi · sd] ÷ known days,
 *   bias = Σ(mean − actual) ÷ Σ actual over every origin of the series.
 */
import { describe, expect, it } from 'vitest';
import { random } from './random.test-support.js';
import { epochDay, NEUTRAL_CALENDAR } from './calendar.js';
import { forecastAt, HORIZON, type OriginResult } from './engine.js';
import { NORMAL_QUANTILES } from './intervals.js';
import { MODELS } from './models/index.js';
import { BACKTEST_ORIGINS, runSeries, summarise, type SeriesOutcome } from './run.js';


const START = epochDay('2024-01-01');

/** A weekly-seasonal demand series with ±2 of uniform noise, rounded to units. */
function weekly(length: number, seed: number): number[] {
  const u = random(seed);
  return Array.from({ length }, (_, t) => Math.round([4, 6, 6, 7, 8, 12, 14][t % 7]! + 4 * (u() - 0.5)));
}

describe('runSeries', () => {
  it('backtests at 8, 7, 6 and 5 weeks before the end of a long series, against the seasonal naive', () => {
    expect(BACKTEST_ORIGINS).toEqual([56, 49, 42, 35]);
    // 430 days: origins 374, 381, 388, 395; the naive sees the 364 days before each.
    const values = weekly(430, 1);
    const out = runSeries({ key: 'store/product', values, start: START }, NEUTRAL_CALENDAR);
    expect(out.key).toBe('store/product');
    expect(out.final).toEqual(forecastAt(values, START, 430, NEUTRAL_CALENDAR));
    expect(out.backtest.map((b) => b.origin)).toEqual([374, 381, 388, 395]);
    for (const b of out.backtest) {
      expect(b.actual).toEqual(values.slice(b.origin, b.origin + HORIZON));
      expect(b.result).toEqual(forecastAt(values, START, b.origin, NEUTRAL_CALENDAR));
      expect(b.naive).toEqual(MODELS.seasonal_naive(values.slice(b.origin - 364, b.origin)).forecast(HORIZON));
    }
  });

  it('keeps only the origins with 28 days of history before them', () => {
    // 70 days: 14 and 21 are dropped, 28 and 35 kept; 60 days: 4, 11, 18, 25 all dropped.
    expect(runSeries({ key: 'k', values: weekly(70, 2), start: START }, NEUTRAL_CALENDAR).backtest.map((b) => b.origin)).toEqual([28, 35]);
    const short = runSeries({ key: 'k', values: weekly(60, 3), start: START }, NEUTRAL_CALENDAR);
    expect(short.backtest).toEqual([]);
    expect(short.final.mean).toHaveLength(HORIZON);
  });
});

describe('summarise, on hand-built outcomes', () => {
  const origin = (o: Partial<OriginResult>): OriginResult => ({ model: 'ses', params: {}, mean: [], sd: [], demandClass: 'smooth', scale: 1, selection: {}, z: {}, ...o });
  // 51 standardized errors z_i = i/5 − 1, i = 0 … 50: type-7 quantiles with h = 50 p are
  // q(p) = 10 p − 1: q50 = 4, q10 = 0, q90 = 8, q2.5 = −0.75, q97.5 = 8.75.
  const Z51 = Array.from({ length: 51 }, (_, i) => i / 5 - 1);

  // Series a (group A): one backtest origin. mean 10, sd 1 with the pooled 'ses/A' quantiles →
  // median 14, 80 % [10, 18], 95 % [9.25, 18.75]. Actual 14, 18.5, 9.5, unknown; scale 2.
  //   median errors 0, 4.5, 4.5 → MAE 3 → MASE 1.5;  mean errors 4, 8.5, 0.5 → 13/3 → 13/6
  //   naive 12: errors 2, 6.5, 2.5 → 11/3 → 11/6
  //   80 %: 14 in, 18.5 out, 9.5 out → 1/3;  95 %: all 3 in
  //   bias: (−4 − 8.5 + 0.5) / 42 = −12/42 = −2/7
  const a: SeriesOutcome = {
    key: 'a',
    // Final: mean [5, 0.1], sd 1, pooled 'ses/A' → median [9, 4.1], 80 % [5, 0.1]…[13, 8.1],
    // 95 % [4.25, 0.1 − 0.75 < 0 → 0]…[13.75, 8.85].
    final: origin({ params: { alpha: 0.2 }, mean: [5, 0.1], sd: [1, 1], z: { ses: Z51 } }),
    backtest: [{ back: 56, origin: 100, result: origin({ mean: [10, 10, 10, 10], sd: [1, 1, 1, 1], scale: 2, z: { ses: Z51 } }), naive: [12, 12, 12, 12], actual: [14, 18.5, 9.5, NaN] }],
  };
  // Series b (no group): two origins, normal quantiles (2 errors pooled, then none).
  //   Origin 1: mean 1, sd 1 → median 1, 80 % [0, 2.2816], 95 % [0, 2.96]; actual 0, 3, 1, 0; scale 1
  //     median = mean errors 1, 2, 0, 1 → 1 → MASE 1; naive 0: 0, 3, 1, 0 → 1
  //     80 %: 0 in, 3 out, 1 in, 0 in → 3/4; 95 %: 3/4;  Σ(mean − actual) = 0 of 4 sold
  //   Origin 2: scale 0 → no MASE (not counted in n), but its days count for coverage and bias:
  //     actual 1, 3 with mean 1: 80 % and 95 % 1/2; Σ(mean − actual) = −2 of 4 sold
  const b: SeriesOutcome = {
    key: 'b',
    final: origin({ model: 'croston', demandClass: 'intermittent', mean: [2], sd: [0], z: { croston: [0.5] } }),
    backtest: [
      { back: 56, origin: 100, result: origin({ model: 'croston', demandClass: 'intermittent', mean: [1, 1, 1, 1], sd: [1, 1, 1, 1], z: { croston: [1, 2] } }), naive: [0, 0, 0, 0], actual: [0, 3, 1, 0] },
      { back: 49, origin: 107, result: origin({ model: 'croston', demandClass: 'intermittent', mean: [1, 1], sd: [1, 1], scale: 0 }), naive: [1, 1], actual: [1, 3] },
    ],
  };
  const summary = summarise([a, b], (key) => (key === 'a' ? 'A' : undefined));

  it('scores the median point forecast of each origin and the series\' bias of the mean', () => {
    const [sa, sb] = summary.series;
    expect(sa!.accuracy.mase).toBeCloseTo(1.5, 12);
    expect(sa!.accuracy.naiveMase).toBeCloseTo(11 / 6, 12);
    expect(sa!.accuracy.bias).toBeCloseTo(-2 / 7, 12);
    expect(sa!.accuracy.coverage80).toBeCloseTo(1 / 3, 12);
    expect(sa!.accuracy.coverage95).toBe(1);
    expect(sa!.accuracy.days).toBe(3);
    // b: only origin 1 has a MASE; coverage (3 + 1)/(4 + 2); bias (0 − 2)/(4 + 4)
    expect(sb!.accuracy).toEqual({ mase: 1, naiveMase: 1, bias: -0.25, coverage80: 4 / 6, coverage95: 4 / 6, days: 6 });
  });

  it('gives each series its final forecast with bands from the pooled final errors', () => {
    const [sa, sb] = summary.series;
    expect(sa).toMatchObject({ key: 'a', model: 'ses', params: { alpha: 0.2 }, demandClass: 'smooth', mean: [5, 0.1] });
    expect(sa!.median[0]).toBeCloseTo(9, 12);
    expect(sa!.median[1]).toBeCloseTo(4.1, 12);
    expect(sa!.lo80).toEqual([5, 0.1]);
    expect(sa!.hi80[1]).toBeCloseTo(8.1, 12);
    expect(sa!.lo95).toEqual([4.25, 0]);
    expect(sa!.hi95[0]).toBeCloseTo(13.75, 12);
    expect(sb).toMatchObject({ key: 'b', model: 'croston', demandClass: 'intermittent', median: [2], lo95: [2], hi95: [2] });
    expect(summary.quantiles['ses/A']).toMatchObject({ n: 51, q50: 4, lo80: 0 });
    expect(summary.quantiles['croston/']).toEqual(NORMAL_QUANTILES);
  });

  it('aggregates overall: n counts the origins with a MASE, coverage every known day', () => {
    // n 2; MASE (1.5 + 1)/2; mean-forecast MASE (13/6 + 1)/2 = 19/12; naive (11/6 + 1)/2 = 17/12;
    // ratio 2.5 / (17/6) = 15/17; 80 % (1 + 3 + 1)/9 = 5/9; 95 % (3 + 3 + 1)/9 = 7/9
    const o = summary.overall;
    expect(o.n).toBe(2);
    expect(o.mase).toBeCloseTo(1.25, 12);
    expect(o.meanMase).toBeCloseTo(19 / 12, 12);
    expect(o.naiveMase).toBeCloseTo(17 / 12, 12);
    expect(o.ratio).toBeCloseTo(15 / 17, 12);
    expect(o.coverage80).toBeCloseTo(5 / 9, 12);
    expect(o.coverage95).toBeCloseTo(7 / 9, 12);
  });

  it('by model, by demand class, and by group for the series that have one', () => {
    // ses (a): ratio 1.5 / (11/6) = 9/11. croston (b): 80 % and 95 % (3 + 1)/6.
    const ses = { n: 1, mase: 1.5, meanMase: 13 / 6, naiveMase: 11 / 6, ratio: 9 / 11, coverage80: 1 / 3, coverage95: 1 };
    const croston = { n: 1, mase: 1, meanMase: 1, naiveMase: 1, ratio: 1, coverage80: 2 / 3, coverage95: 2 / 3 };
    expect(Object.keys(summary.byModel)).toEqual(['croston', 'ses']);
    for (const [k, v] of Object.entries(ses)) expect(summary.byModel.ses![k as keyof typeof ses]).toBeCloseTo(v, 12);
    for (const [k, v] of Object.entries(croston)) expect(summary.byModel.croston![k as keyof typeof croston]).toBeCloseTo(v, 12);
    expect(summary.byDemandClass).toEqual({ intermittent: summary.byModel.croston, smooth: summary.byModel.ses });
    expect(summary.byGroup).toEqual({ A: summary.byModel.ses });
  });
});

describe('summarise, on real runs', () => {
  const outcomes = [1, 2, 3, 4].map((seed) => runSeries({ key: `s${seed}`, values: weekly(200, seed), start: START }, NEUTRAL_CALENDAR));
  const summary = summarise(outcomes, (key) => (key === 's1' || key === 's2' ? 'A' : 'B'));

  it('counts every origin, keeps coverage within [0, 1] and groups by the groupOf key', () => {
    expect(summary.series.map((s) => s.key)).toEqual(['s1', 's2', 's3', 's4']);
    // 4 series × 4 origins, every one with in-sample variation.
    expect(summary.overall.n).toBe(16);
    expect(summary.byGroup.A!.n).toBe(8);
    expect(summary.byGroup.B!.n).toBe(8);
    for (const agg of [summary.overall, ...Object.values(summary.byModel), ...Object.values(summary.byGroup)]) {
      for (const c of [agg.coverage80!, agg.coverage95!]) {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
      expect(agg.coverage95!).toBeGreaterThanOrEqual(agg.coverage80!);
    }
    for (const s of summary.series) expect(s.accuracy.days).toBe(4 * HORIZON);
  });

  it('beats the seasonal naive benchmark on weekly series with noise', () => {
    // The naive copies last week's noise; the chosen models smooth it.
    expect(summary.overall.ratio!).toBeLessThan(1);
  });
});
