/**
 * Tests of the forecasting engine (engine.ts): the demand class (ADI = known days ÷ demand days,
 * intermittent above 1.32), the calendar applied around each model (history ÷ factors, forecast ×
 * factors, 0 on closed days), the selection by rolling-origin MASE on synthetic series of each
 * kind, and censored (NaN) stock-out days.
 *
 * The synthetic series come from a seeded generator (mulberry32) and Poisson draws, so every run
 * sees the same numbers. Selection on one 28-day window is itself noisy, so the family tests count
 * choices over 30 seeds instead of trusting one.
 */
import { describe, expect, it } from 'vitest';
import { random } from './random.test-support.js';
import { dayFactors, epochDay, NEUTRAL_CALENDAR, type Calendar } from './calendar.js';
import { errors, maseScale } from './accuracy.js';
import { candidates, demandClassOf, fitAndForecast, forecastAt, HORIZON, INTERMITTENT_ADI, naiveAt, type OriginResult } from './engine.js';
import { MODELS, type ModelName } from './models/index.js';


/** A Poisson(λ) draw by multiplying uniforms until the product falls below e^−λ (Knuth). */
function poisson(u: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = u(); p > limit; p *= u()) k++;
  return k;
}

const START = epochDay('2024-01-01');
const DAYS = 364;
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

/** The models chosen at the end of 30 seeded series of one kind, counted by name. */
function choices(make: (u: () => number) => number[]): { counts: Partial<Record<ModelName, number>>; results: OriginResult[] } {
  const counts: Partial<Record<ModelName, number>> = {};
  const results = SEEDS.map((seed) => {
    const y = make(random(seed));
    const r = forecastAt(y, START, y.length, NEUTRAL_CALENDAR);
    counts[r.model] = (counts[r.model] ?? 0) + 1;
    return r;
  });
  return { counts, results };
}

const count = (counts: Partial<Record<ModelName, number>>, models: readonly ModelName[]) => models.reduce((s, m) => s + (counts[m] ?? 0), 0);

describe('demandClassOf', () => {
  const series = (demand: number, zeros: number, unknown = 0) => [...new Array<number>(demand).fill(2), ...new Array<number>(zeros).fill(0), ...new Array<number>(unknown).fill(NaN)];

  it('is smooth up to ADI 1.32 and intermittent above', () => {
    expect(INTERMITTENT_ADI).toBe(1.32);
    expect(demandClassOf(series(25, 8))).toBe('smooth'); // 33 / 25 = 1.32
    expect(demandClassOf(series(25, 9))).toBe('intermittent'); // 34 / 25 = 1.36
  });

  it('counts only known days', () => {
    expect(demandClassOf(series(25, 8, 10))).toBe('smooth'); // still 33 / 25
  });

  it('is intermittent without any demand', () => {
    expect(demandClassOf(series(0, 20))).toBe('intermittent');
    expect(demandClassOf([])).toBe('intermittent');
  });
});

describe('candidates', () => {
  it('smooth: seasonal naive, SES and both Holt-Winters; intermittent: SES and the Croston family', () => {
    expect(candidates('smooth')).toEqual(['seasonal_naive', 'ses', 'holt_winters', 'holt_winters_damped']);
    expect(candidates('intermittent')).toEqual(['ses', 'croston', 'sba', 'tsb']);
  });
});

describe('fitAndForecast', () => {
  const calendar: Calendar = {
    factors: { ...NEUTRAL_CALENDAR.factors, after_payday: 1.1, december_mid: 1.2, december_peak: 1.8, december_holidays: 1.4, december_eve: 1.5 },
    // Sunday … Saturday
    weekday: [0.5, 0.8, 0.9, 1, 1.1, 1.2, 1.5],
    closed: ['12-25'],
  };
  // History 2024-12-01 … 2025-12-18 (383 days) of a steady 10 a day under the calendar; on the
  // closed 2024-12-25 a stray 999 that must be ignored. Forecast 2025-12-19 … 2026-01-01:
  //   Fri 19 mid 1.2 × 1.2 = 1.44   Sat 20 mid 1.2 × 1.5 = 1.8    Sun 21 peak 1.8 × 0.5 = 0.9
  //   Mon 22 peak 1.8 × 0.8 = 1.44  Tue 23 peak 1.8 × 0.9 = 1.62  Wed 24 peak 1.8 × 1 = 1.8
  //   Thu 25 closed 0                Fri 26 hol 1.4 × 1.2 = 1.68   Sat 27 hol 1.4 × 1.5 = 2.1
  //   Sun 28 hol 1.4 × 0.5 = 0.7     Mon 29 hol 1.4 × 0.8 = 1.12   Tue 30 eve 1.5 × 0.9 = 1.35
  //   Wed 31 eve 1.5 × 1 = 1.5       Thu 2026-01-01 after payday 1.1 × 1.1 = 1.21
  const expected = [14.4, 18, 9, 14.4, 16.2, 18, 0, 16.8, 21, 7, 11.2, 13.5, 15, 12.1];
  const start = epochDay('2024-12-01');
  // Paydays are 1 in this calendar (only the 1st and the 16th lift); its factors with the weekday
  // are checked in calendar.test.ts.
  const history = Array.from(dayFactors(calendar, start, 383, true), (f) => (f === 0 ? 999 : 10 * f));

  it.each(['ses', 'seasonal_naive', 'holt_winters', 'holt_winters_damped', 'croston', 'tsb'] as const)('%s: the steady demand times each future day\'s factor, 0 when closed', (model) => {
    const f = fitAndForecast(model, history, start, 14, calendar);
    expect(f.model).toBe(model);
    expect(f.mean).toHaveLength(14);
    f.mean.forEach((m, t) => expect(m).toBeCloseTo(expected[t]!, 8));
  });

  it('the error sd is the one-step sd × the day\'s factor (with the weekday only for models without a season)', () => {
    // ±20 % noise on the same history: sigma > 0.
    const u = random(3);
    const noisy = history.map((v) => v * (0.8 + 0.4 * u()));
    const ses = fitAndForecast('ses', noisy, start, 14, calendar);
    expect(ses.sd[0]).toBeGreaterThan(0);
    expect(ses.sd[1]! / ses.sd[0]!).toBeCloseTo(1.8 / 1.44, 10); // Sat 20 ÷ Fri 19, weekday included
    expect(ses.sd[6]).toBe(0); // closed
    const hw = fitAndForecast('holt_winters', noisy, start, 14, calendar);
    expect(hw.sd[1]! / hw.sd[0]!).toBeCloseTo(1, 10); // both december_mid 1.2: the season is the model's own
    expect(hw.sd[2]! / hw.sd[0]!).toBeCloseTo(1.8 / 1.2, 10); // Sun 21 peak ÷ Fri 19 mid
    expect(hw.sd[6]).toBe(0);
  });
});

describe('forecastAt', () => {
  it('forecasts 0 without any sale', () => {
    const r = forecastAt(new Array<number>(100).fill(0), START, 100, NEUTRAL_CALENDAR);
    expect(r).toMatchObject({ model: 'seasonal_naive', selection: {}, z: {}, scale: 0, demandClass: 'intermittent' });
    expect(r.mean).toEqual(new Array<number>(HORIZON).fill(0));
  });

  it('skips selection under 42 days of history: SES when smooth, SBA when intermittent', () => {
    // 41 days: the selection would be fitted on 41 − 28 = 13 < 14 days.
    const smooth = forecastAt(new Array<number>(41).fill(5), START, 41, NEUTRAL_CALENDAR);
    expect(smooth).toMatchObject({ model: 'ses', demandClass: 'smooth', selection: {} });
    expect(smooth.mean[0]).toBeCloseTo(5, 10);
    const sparse = Array.from({ length: 41 }, (_, t) => (t % 4 === 0 ? 3 : 0));
    expect(forecastAt(sparse, START, 41, NEUTRAL_CALENDAR)).toMatchObject({ model: 'sba', demandClass: 'intermittent', selection: {} });
  });

  it('ranks a flat history by plain MAE and breaks ties for the earlier, simpler candidate', () => {
    // 5 every day: scale 0, so the scores are MAEs, all 0 (every candidate forecasts 5).
    const r = forecastAt(new Array<number>(100).fill(5), START, 100, NEUTRAL_CALENDAR);
    expect(r.scale).toBe(0);
    expect(r.selection).toEqual({ seasonal_naive: 0, ses: 0, holt_winters: 0, holt_winters_damped: 0 });
    expect(r.model).toBe('seasonal_naive');
    expect(r.mean).toEqual(new Array<number>(HORIZON).fill(5));
  });

  it('starts the history at the first sale, scores every candidate of the class and refits the winner', () => {
    // 300 days before the product existed, then 100 days of 1 + Poisson(4): with the zeros the
    // ADI of the 364-day window would be 364 / 100 = 3.64 (intermittent); from the first sale it is 1.
    const u = random(11);
    const y = [...new Array<number>(300).fill(0), ...Array.from({ length: 100 }, () => 1 + poisson(u, 4))];
    const r = forecastAt(y, START, 400, NEUTRAL_CALENDAR);
    expect(r.demandClass).toBe('smooth');
    expect(r.scale).toBeCloseTo(maseScale(y.slice(300)), 12);
    expect(Object.keys(r.selection)).toEqual(candidates('smooth'));
    expect(Object.keys(r.z)).toEqual(candidates('smooth'));
    for (const z of Object.values(r.z)) expect(z).toHaveLength(HORIZON);
    const scores = Object.values(r.selection) as number[];
    expect(r.selection[r.model]).toBe(Math.min(...scores));
    const refit = fitAndForecast(r.model, y.slice(300), START + 300, HORIZON, NEUTRAL_CALENDAR);
    expect(r.mean).toEqual(refit.mean);
  });
});

describe('selection picks the family that fits the series', () => {
  // Sunday-first positions of a strong weekly pattern.
  const WEEKLY = [0.3, 0.7, 0.8, 0.9, 1.1, 1.6, 2.6];
  const HOLT_WINTERS: ModelName[] = ['holt_winters', 'holt_winters_damped'];
  const INTERMITTENT_FAMILY: ModelName[] = ['ses', 'croston', 'sba', 'tsb'];

  it('smooth, strongly weekly series: Holt-Winters in at least 27 of 30', () => {
    const { counts, results } = choices((u) => Array.from({ length: DAYS }, (_, t) => poisson(u, 30 * WEEKLY[t % 7]!)));
    expect(results.every((r) => r.demandClass === 'smooth')).toBe(true);
    expect(count(counts, HOLT_WINTERS)).toBeGreaterThanOrEqual(27);
  });

  it('trending weekly series: a Holt-Winters variant every time', () => {
    // Level 20 + 0.2 t (20 → 93 over the year), additive weekly pattern ±14.
    const season = [-12, -6, -4, -2, 2, 8, 14];
    const { counts } = choices((u) => Array.from({ length: DAYS }, (_, t) => poisson(u, 20 + 0.2 * t + season[t % 7]!)));
    expect(count(counts, HOLT_WINTERS)).toBe(30);
  });

  it('intermittent series (demand on ~20 % of days): the intermittent class and its candidates', () => {
    // Demand 1 + Poisson(1) with probability 0.2: 0.2 × 2 = 0.4 a day.
    const { counts, results } = choices((u) => Array.from({ length: DAYS }, () => (u() < 0.2 ? 1 + poisson(u, 1) : 0)));
    expect(results.every((r) => r.demandClass === 'intermittent')).toBe(true);
    expect(count(counts, INTERMITTENT_FAMILY)).toBe(30);
    expect(count(counts, ['croston', 'sba', 'tsb'])).toBeGreaterThanOrEqual(15);
    const level = results.reduce((s, r) => s + r.mean[0]!, 0) / results.length;
    expect(level).toBeGreaterThan(0.3);
    expect(level).toBeLessThan(0.5);
  });

  it('lumpy series (rare demand, now and then very large): the intermittent family', () => {
    // Demand on 10 % of days; a quarter of those 20 + Poisson(10), the rest 1.
    const { counts, results } = choices((u) => Array.from({ length: DAYS }, () => (u() < 0.1 ? (u() < 0.25 ? 20 + poisson(u, 10) : 1) : 0)));
    expect(results.every((r) => r.demandClass === 'intermittent')).toBe(true);
    expect(count(counts, INTERMITTENT_FAMILY)).toBe(30);
  });

  it('flat noise without a weekly pattern: SES most of the time, seasonal naive rarely', () => {
    // Poisson(5) every day. A single 28-day window sometimes favours a (near-flat) Holt-Winters.
    const { counts, results } = choices((u) => Array.from({ length: DAYS }, () => poisson(u, 5)));
    expect(results.every((r) => r.demandClass === 'smooth')).toBe(true);
    expect(counts.ses ?? 0).toBeGreaterThanOrEqual(15);
    expect(counts.seasonal_naive ?? 0).toBeLessThanOrEqual(3);
    // Averaged over the seeds, the weekly copy of noise scores worst.
    const mean = (m: ModelName) => results.reduce((s, r) => s + r.selection[m]!, 0) / results.length;
    expect(mean('ses')).toBeLessThan(mean('seasonal_naive'));
  });
});

describe('censored stock-out days', () => {
  // Poisson(6) for a year; from day 280, the first 5 days of every fortnight out of stock. Literal
  // zeros there pull the level down; NaN (unknown) leaves it to the days that could sell.
  const stockOut = (t: number) => t >= 280 && t % 14 < 5;
  const series = (seed: number) => {
    const u = random(seed);
    const base = Array.from({ length: DAYS }, () => poisson(u, 6));
    return { zeros: base.map((v, t) => (stockOut(t) ? 0 : v)), censored: base.map((v, t) => (stockOut(t) ? NaN : v)) };
  };
  const average = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;

  it('forecast higher when the stock-out days are unknown than when they are zeros', () => {
    let zerosLevel = 0;
    let censoredLevel = 0;
    for (const seed of SEEDS.slice(0, 10)) {
      const { zeros, censored } = series(seed);
      const a = forecastAt(zeros, START, DAYS, NEUTRAL_CALENDAR);
      const b = forecastAt(censored, START, DAYS, NEUTRAL_CALENDAR);
      expect(average(b.mean)).toBeGreaterThan(average(a.mean));
      zerosLevel += average(a.mean) / 10;
      censoredLevel += average(b.mean) / 10;
    }
    // True demand 6 a day; a third of the recent days read as 0 drag the zeros' forecast down.
    expect(censoredLevel).toBeGreaterThan(5.4);
    expect(censoredLevel).toBeLessThan(6.6);
    expect(zerosLevel).toBeLessThan(5);
  });

  it('unknown days are not scored in the selection', () => {
    // Selection window: days 336 … 363; unknown 336–340 and 350–354 → 18 known days.
    const { censored } = series(1);
    const r = forecastAt(censored, START, DAYS, NEUTRAL_CALENDAR);
    const cut = DAYS - HORIZON;
    const actual = censored.slice(cut);
    for (const model of candidates('smooth')) {
      expect(r.z[model]).toHaveLength(18);
      const inner = fitAndForecast(model, censored.slice(0, cut), START, HORIZON, NEUTRAL_CALENDAR);
      let abs = 0;
      let known = 0;
      actual.forEach((a, t) => {
        if (Number.isNaN(a)) return;
        abs += Math.abs(inner.mean[t]! - a);
        known++;
      });
      expect(known).toBe(18);
      expect(r.selection[model]).toBeCloseTo(abs / known / maseScale(censored.slice(0, cut)), 12);
      expect(errors(actual, inner.mean).n).toBe(18);
    }
  });
});

describe('naiveAt', () => {
  it('is the plain weekly seasonal naive of the last `window` days', () => {
    const u = random(5);
    const y = Array.from({ length: 400 }, () => poisson(u, 4));
    expect(naiveAt(y, START, 390)).toEqual(MODELS.seasonal_naive(y.slice(390 - 364, 390)).forecast(HORIZON));
    // With a 14-day window the forecast repeats days 376 … 389 by weekday.
    expect(naiveAt(y, START, 390, 7, 14)).toEqual(y.slice(383, 390));
  });
});
