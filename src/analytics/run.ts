/**
 * A forecasting run over many series: each series is forecast at the run's origin (its last day
 * + 1) and at four backtest origins, 8, 7, 6 and 5 weeks before it, each scored on its full
 * 28-day horizon against what was then sold (rolling-origin evaluation over the last 8 weeks).
 * Every forecast — backtest ones included — chooses its model only from data before its origin,
 * so the accuracy reported is what the engine would have achieved, not a fit to known answers.
 *
 * Two passes: `runSeries` (per series, independent, the expensive part) and `summarise` (pools
 * the standardized selection errors per demand class into interval quantiles, then scores the
 * backtest: MASE against the plain weekly seasonal naive, bias and 80 %/95 % coverage, per
 * series and overall, by model, demand class and ABC class).
 */
import type { Calendar } from './calendar.js';
import { bias, covered, errors, mase } from './accuracy.js';
import { forecastAt, naiveAt, HORIZON, type DemandClass, type OriginResult } from './engine.js';
import { bands, poolQuantiles, type Bands, type Quantiles } from './intervals.js';
import type { ModelName } from './models/types.js';

/** Days before the end of the series where the backtest forecasts start. */
export const BACKTEST_ORIGINS = [56, 49, 42, 35] as const;

export interface SeriesData {
  key: string;
  /** Daily units, oldest first; NaN = unknown (stock-out or closed). */
  values: number[];
  /** Epoch day of values[0]. */
  start: number;
}

export interface BacktestOrigin {
  /** Index of the first forecast day. */
  origin: number;
  result: OriginResult;
  naive: number[];
  actual: number[];
}

export interface SeriesOutcome {
  key: string;
  final: OriginResult;
  backtest: BacktestOrigin[];
}

export function runSeries(s: SeriesData, calendar: Calendar): SeriesOutcome {
  const n = s.values.length;
  const final = forecastAt(s.values, s.start, n, calendar);
  const backtest: BacktestOrigin[] = [];
  for (const back of BACKTEST_ORIGINS) {
    const origin = n - back;
    if (origin < 28) continue;
    backtest.push({
      origin,
      result: forecastAt(s.values, s.start, origin, calendar),
      naive: naiveAt(s.values, s.start, origin),
      actual: s.values.slice(origin, origin + HORIZON),
    });
  }
  return { key: s.key, final, backtest };
}

export interface SeriesAccuracy {
  /** Mean MASE over the backtest origins (null: nothing to score, or no in-sample variation). */
  mase: number | null;
  naiveMase: number | null;
  bias: number | null;
  coverage80: number | null;
  coverage95: number | null;
  /** Known backtest days scored. */
  days: number;
}

export interface SeriesForecast extends Bands {
  key: string;
  model: ModelName;
  params: Record<string, number>;
  demandClass: DemandClass;
  mean: number[];
  accuracy: SeriesAccuracy;
}

export interface Aggregate {
  /** Series × origins with a MASE for both the engine and the naive benchmark. */
  n: number;
  mase: number | null;
  naiveMase: number | null;
  /** mase ÷ naiveMase: below 1 the engine beats the weekly seasonal naive. */
  ratio: number | null;
  coverage80: number | null;
  coverage95: number | null;
}

export interface Summary {
  series: SeriesForecast[];
  overall: Aggregate;
  byModel: Record<string, Aggregate>;
  byDemandClass: Record<string, Aggregate>;
  byGroup: Record<string, Aggregate>;
  quantiles: Record<DemandClass, Quantiles>;
}

class Tally {
  n = 0;
  mase = 0;
  naive = 0;
  in80 = 0;
  in95 = 0;
  days = 0;
  result(): Aggregate {
    return {
      n: this.n,
      mase: this.n ? this.mase / this.n : null,
      naiveMase: this.n ? this.naive / this.n : null,
      ratio: this.n && this.naive > 0 ? this.mase / this.naive : null,
      coverage80: this.days ? this.in80 / this.days : null,
      coverage95: this.days ? this.in95 / this.days : null,
    };
  }
}

function pool(results: OriginResult[]): Record<DemandClass, Quantiles> {
  const z: Record<DemandClass, number[]> = { smooth: [], intermittent: [] };
  for (const r of results) for (const v of r.z) z[r.demandClass].push(v);
  return { smooth: poolQuantiles(z.smooth), intermittent: poolQuantiles(z.intermittent) };
}

/**
 * Pools and scores a run. `groupOf` puts each series in a reporting group (the ABC class of its
 * product, a store…); series without one are counted only overall.
 */
export function summarise(outcomes: readonly SeriesOutcome[], groupOf: (key: string) => string | undefined = () => undefined): Summary {
  const quantiles = pool(outcomes.map((o) => o.final));
  const originQuantiles = BACKTEST_ORIGINS.map((_, k) => pool(outcomes.flatMap((o) => (o.backtest[k] ? [o.backtest[k]!.result] : []))));
  const overall = new Tally();
  const byModel = new Map<string, Tally>();
  const byDemand = new Map<string, Tally>();
  const byGroup = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, key: string) => map.get(key) ?? map.set(key, new Tally()).get(key)!;

  const series = outcomes.map((o): SeriesForecast => {
    const own = new Tally();
    let err = 0;
    let sold = 0;
    const group = groupOf(o.key);
    o.backtest.forEach((b, k) => {
      const e = errors(b.actual, b.result.mean);
      const m = mase(e, b.result.scale);
      const nm = mase(errors(b.actual, b.naive), b.result.scale);
      const q = originQuantiles[k]![b.result.demandClass];
      const band = bands(b.result.mean, b.result.sd, q);
      const c80 = covered(b.actual, band.lo80, band.hi80);
      const c95 = covered(b.actual, band.lo95, band.hi95);
      err += e.error;
      sold += e.actual;
      const targets = [own, overall, tally(byModel, b.result.model), tally(byDemand, b.result.demandClass), ...(group ? [tally(byGroup, group)] : [])];
      for (const t of targets) {
        if (m !== null && nm !== null) {
          t.n++;
          t.mase += m;
          t.naive += nm;
        }
        t.in80 += c80.inside;
        t.in95 += c95.inside;
        t.days += c80.n;
      }
    });
    const a = own.result();
    return {
      key: o.key,
      model: o.final.model,
      params: o.final.params,
      demandClass: o.final.demandClass,
      mean: o.final.mean,
      ...bands(o.final.mean, o.final.sd, quantiles[o.final.demandClass]),
      accuracy: {
        mase: a.mase,
        naiveMase: a.naiveMase,
        bias: bias({ n: own.days, absError: 0, error: err, actual: sold }),
        coverage80: a.coverage80,
        coverage95: a.coverage95,
        days: own.days,
      },
    };
  });
  const record = (map: Map<string, Tally>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, t.result()]));
  return { series, overall: overall.result(), byModel: record(byModel), byDemandClass: record(byDemand), byGroup: record(byGroup), quantiles };
}
