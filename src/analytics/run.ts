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
import { bands, poolQuantiles, NORMAL_QUANTILES, type Bands, type Quantiles } from './intervals.js';
import type { ModelName } from './models/types.js';

/** Days before the end of the series where the backtest forecasts start. */
export const BACKTEST_ORIGINS: readonly number[] = [56, 49, 42, 35];

export interface SeriesData {
  key: string;
  /** Daily units, oldest first; NaN = unknown (stock-out or closed). */
  values: number[];
  /** Epoch day of values[0]. */
  start: number;
}

export interface BacktestOrigin {
  /** Days before the end of the series (one of BACKTEST_ORIGINS). */
  back: number;
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
      back,
      origin,
      result: forecastAt(s.values, s.start, origin, calendar),
      naive: naiveAt(s.values, s.start, origin),
      actual: s.values.slice(origin, origin + HORIZON),
    });
  }
  return { key: s.key, final, backtest };
}

export interface SeriesAccuracy {
  /** Mean MASE of the point forecast over the backtest origins (null: nothing to score, or no in-sample variation). */
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
  /** MASE of the point forecast (the predictive median). */
  mase: number | null;
  /** MASE of the mean forecast, for comparison. */
  meanMase: number | null;
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
  /** Pooled error quantiles of the final forecasts, by `model/group`. */
  quantiles: Record<string, Quantiles>;
}

class Tally {
  n = 0;
  mase = 0;
  meanMase = 0;
  naive = 0;
  in80 = 0;
  in95 = 0;
  days = 0;
  result(): Aggregate {
    return {
      n: this.n,
      mase: this.n ? this.mase / this.n : null,
      meanMase: this.n ? this.meanMase / this.n : null,
      naiveMase: this.n ? this.naive / this.n : null,
      ratio: this.n && this.naive > 0 ? this.mase / this.naive : null,
      coverage80: this.days ? this.in80 / this.days : null,
      coverage95: this.days ? this.in95 / this.days : null,
    };
  }
}

/**
 * Errors are pooled per chosen model and reporting group: an A item's errors are not a C item's,
 * and each model's one-step sd relates differently to its 28-day errors.
 */
const poolKey = (model: string, group: string | undefined) => `${model}/${group ?? ''}`;

function pool(results: ReadonlyArray<{ result: OriginResult; group: string | undefined }>): Map<string, Quantiles> {
  const z = new Map<string, number[]>();
  for (const { result, group } of results) {
    for (const [model, errors] of Object.entries(result.z)) {
      const key = poolKey(model, group);
      const list = z.get(key) ?? z.set(key, []).get(key)!;
      for (const v of errors) list.push(v);
    }
  }
  return new Map([...z].map(([k, list]) => [k, poolQuantiles(list)]));
}

/**
 * Pools and scores a run. `groupOf` puts each series in a reporting group (the ABC class of its
 * product, a store…); series without one are counted only overall.
 */
export function summarise(outcomes: readonly SeriesOutcome[], groupOf: (key: string) => string | undefined = () => undefined): Summary {
  const groups = outcomes.map((o) => groupOf(o.key));
  const quantiles = pool(outcomes.map((o, i) => ({ result: o.final, group: groups[i] })));
  // Per origin (days back), so series of different lengths pool the errors of the same days.
  const originQuantiles = new Map(BACKTEST_ORIGINS.map((back) => [back, pool(outcomes.flatMap((o, i) => o.backtest.filter((b) => b.back === back).map((b) => ({ result: b.result, group: groups[i] }))))]));
  const quantilesOf = (map: Map<string, Quantiles>, r: OriginResult, group: string | undefined) => map.get(poolKey(r.model, group)) ?? NORMAL_QUANTILES;
  const overall = new Tally();
  const byModel = new Map<string, Tally>();
  const byDemand = new Map<string, Tally>();
  const byGroup = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, key: string) => map.get(key) ?? map.set(key, new Tally()).get(key)!;

  const series = outcomes.map((o, i): SeriesForecast => {
    const own = new Tally();
    let err = 0;
    let sold = 0;
    const group = groups[i];
    o.backtest.forEach((b) => {
      const band = bands(b.result.mean, b.result.sd, quantilesOf(originQuantiles.get(b.back)!, b.result, group));
      const e = errors(b.actual, band.median);
      const m = mase(e, b.result.scale);
      const meanMase = mase(errors(b.actual, b.result.mean), b.result.scale);
      const nm = mase(errors(b.actual, b.naive), b.result.scale);
      // Bias is of the mean forecast (expected demand), which a median is not meant to match.
      const eMean = errors(b.actual, b.result.mean);
      const c80 = covered(b.actual, band.lo80, band.hi80);
      const c95 = covered(b.actual, band.lo95, band.hi95);
      err += eMean.error;
      sold += eMean.actual;
      const targets = [own, overall, tally(byModel, b.result.model), tally(byDemand, b.result.demandClass), ...(group ? [tally(byGroup, group)] : [])];
      for (const t of targets) {
        if (m !== null && nm !== null && meanMase !== null) {
          t.n++;
          t.mase += m;
          t.meanMase += meanMase;
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
      ...bands(o.final.mean, o.final.sd, quantilesOf(quantiles, o.final, group)),
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
  return { series, overall: overall.result(), byModel: record(byModel), byDemandClass: record(byDemand), byGroup: record(byGroup), quantiles: Object.fromEntries(quantiles) };
}
