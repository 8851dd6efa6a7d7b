/**
 * The forecasting engine: one daily demand series in, the chosen model's forecast with its
 * selection evidence out. Pure and synchronous; the callers (runs.ts, the bench) pool what the
 * series leave behind into intervals and accuracy.
 *
 * For a forecast made at origin o (an index into the series: days [0, o) are history):
 *   1. The history is the last `window` days before o, from the first day anything sold.
 *   2. Demand class (Syntetos & Boylan): average demand interval ADI = known days ÷ days with
 *      demand. ADI > 1.32 is intermittent; candidates are then SES, Croston, SBA and TSB
 *      (a weekly naive copy of mostly zeros is noise); otherwise seasonal naive, SES, Holt-Winters
 *      and damped Holt-Winters.
 *   3. Calendar: each model sees the history divided by the tenant's calendar factors (paydays,
 *      December, January — calendar.ts) and, for models without a weekly season of their own
 *      (SES and the intermittent methods), by the tenant's weekday profile too; its forecast is
 *      multiplied back. Closed days are unknown in the history and 0 in the forecast.
 *   4. Selection by rolling origin: every candidate is fitted on the history up to o − h and
 *      forecasts the h days to o; the lowest MASE wins (ties: the simpler, earlier candidate).
 *   5. The winner is refitted on the whole history and forecasts h days from o. Its error sd on a
 *      day is the one-step sd × that day's factor; the selection backtest's errors divided by it
 *      are the standardized errors the intervals are calibrated from (intervals.ts).
 */
import { dayFactors, type Calendar } from './calendar.js';
import { errors, mase, maseScale } from './accuracy.js';
import { MODELS } from './models/index.js';
import type { ModelName } from './models/types.js';

export type DemandClass = 'smooth' | 'intermittent';

export const HORIZON = 28;
export const WINDOW = 364;
export const INTERMITTENT_ADI = 1.32;

const SMOOTH: ModelName[] = ['seasonal_naive', 'ses', 'holt_winters', 'holt_winters_damped'];
const INTERMITTENT: ModelName[] = ['ses', 'croston', 'sba', 'tsb'];
const WEEKLY: ReadonlySet<ModelName> = new Set(['seasonal_naive', 'holt_winters', 'holt_winters_damped']);

export function candidates(demandClass: DemandClass): readonly ModelName[] {
  return demandClass === 'smooth' ? SMOOTH : INTERMITTENT;
}

export function demandClassOf(y: readonly number[]): DemandClass {
  let known = 0;
  let demand = 0;
  for (const v of y) {
    if (!Number.isFinite(v)) continue;
    known++;
    if (v > 0) demand++;
  }
  return demand > 0 && known / demand <= INTERMITTENT_ADI ? 'smooth' : 'intermittent';
}

export interface ModelForecast {
  model: ModelName;
  params: Record<string, number>;
  mean: number[];
  /** Error sd of each forecast day (one-step sd × the day's calendar factor). */
  sd: number[];
}

/** Fits one model to history y (day 0 = epoch day `start`) and forecasts `horizon` days after it. */
export function fitAndForecast(model: ModelName, y: readonly number[], start: number, horizon: number, calendar: Calendar): ModelForecast {
  const weekly = WEEKLY.has(model);
  const past = dayFactors(calendar, start, y.length, !weekly);
  const adjusted = y.map((v, t) => (past[t]! > 0 && Number.isFinite(v) ? v / past[t]! : NaN));
  const fit = MODELS[model](adjusted);
  const future = dayFactors(calendar, start + y.length, horizon, !weekly);
  const raw = fit.forecast(horizon);
  return {
    model: fit.model,
    params: fit.params,
    mean: raw.map((m, t) => Math.max(0, m * future[t]!)),
    sd: Array.from(future, (f) => fit.sigma * f),
  };
}

export interface OriginResult extends ModelForecast {
  demandClass: DemandClass;
  /** In-sample MASE scale of the history (0: no variation, MASE undefined). */
  scale: number;
  /** MASE of each candidate over the selection window. */
  selection: Partial<Record<ModelName, number | null>>;
  /**
   * Standardized errors of every candidate over the selection window (for the intervals). Each
   * candidate's, not only the winner's: the winner's errors in the window it won are optimistic.
   */
  z: Partial<Record<ModelName, number[]>>;
}

/** (actual − mean) ÷ sd over the known days with a positive sd. */
function standardized(actual: readonly number[], f: ModelForecast): number[] {
  const z: number[] = [];
  for (let t = 0; t < actual.length; t++) {
    const a = actual[t]!;
    const sd = f.sd[t]!;
    if (Number.isFinite(a) && sd > 0) z.push((a - f.mean[t]!) / sd);
  }
  return z;
}

/** Index of the first day with demand, or y.length. */
function firstSale(y: readonly number[], from: number, to: number): number {
  for (let t = from; t < to; t++) if (y[t]! > 0) return t;
  return to;
}

/**
 * The forecast made at origin `o` of series `y` (day 0 = epoch day `start`): selection over the
 * h days before o, then the winner refitted on everything before o.
 */
export function forecastAt(y: readonly number[], start: number, o: number, calendar: Calendar, horizon = HORIZON, window = WINDOW): OriginResult {
  const from = firstSale(y, Math.max(0, o - window), o);
  const history = y.slice(from, o);
  const demandClass = demandClassOf(history);
  const scale = maseScale(history);
  const zero = { params: {}, mean: new Array<number>(horizon).fill(0), sd: new Array<number>(horizon).fill(0) };
  if (history.length === 0) return { model: 'seasonal_naive', ...zero, demandClass, scale, selection: {}, z: {} };

  const cut = history.length - horizon;
  const selection: Partial<Record<ModelName, number | null>> = {};
  let best: ModelName = 'seasonal_naive';
  let bestScore = Infinity;
  const z: Partial<Record<ModelName, number[]>> = {};
  const actual = cut > 0 ? history.slice(cut) : [];
  const innerScale = cut > 0 ? maseScale(history.slice(0, cut)) : 0;
  if (cut >= 14) {
    for (const model of candidates(demandClass)) {
      const inner = fitAndForecast(model, history.slice(0, cut), start + from, horizon, calendar);
      const e = errors(actual, inner.mean);
      // MASE when the scale exists; the plain MAE otherwise (a flat history still ranks models).
      const score = innerScale > 0 ? mase(e, innerScale) : e.n > 0 ? e.absError / e.n : null;
      selection[model] = score;
      z[model] = standardized(actual, inner);
      if (score !== null && score < bestScore - 1e-12) {
        bestScore = score;
        best = model;
      }
    }
  } else {
    best = demandClass === 'smooth' ? 'ses' : 'sba';
  }
  const final = fitAndForecast(best, history, start + from, horizon, calendar);
  return { ...final, demandClass, scale, selection, z };
}

/** The plain weekly seasonal naive forecast at origin o, without calendar effects: the benchmark. */
export function naiveAt(y: readonly number[], start: number, o: number, horizon = HORIZON, window = WINDOW): number[] {
  const history = y.slice(Math.max(0, o - window), o);
  return MODELS.seasonal_naive(history).forecast(horizon);
}
