/**
 * Intermittent demand (many slow movers sell on few days): Croston, SBA and TSB.
 *
 * Only known days exist for these models: an unknown day (NaN) is skipped entirely (no update,
 * no error, and it does not count in the intervals between demands). A demand day is a known
 * day with y > 0; k is the number of known days since the previous demand day (1 for
 * consecutive demand days), or since the start of the series for the first demand.
 *
 * Croston (1972), on a demand day:
 *   z ← z + α (y − z)      (demand size)
 *   q ← q + α (k − q)      (interval between demands)
 * and nothing changes on the other days; forecast z / q per day.
 * SBA (Syntetos–Boylan approximation): Croston × (1 − α/2), which removes Croston's bias.
 * TSB (Teunter–Syntetos–Babai): on every known day p ← p + β (1[y > 0] − p) (probability of a
 * demand day), on a demand day also z ← z + α (y − z); forecast p · z. Unlike Croston, the
 * forecast decays through a long run of zeros (an obsolete product fades out).
 *
 * Initialisation, from the first demand day alone (no look-ahead): z = its size, q = its k
 * (Croston/SBA), p = 1/k (TSB). One-step errors are counted on the known days after it; before it
 * there is no forecast. A series without demand forecasts 0.
 *
 * Fitting minimises the in-sample one-step SSE of each method's own forecast: α on the grid
 * 0.05, 0.10, …, 0.30 for Croston and SBA (6 passes, + 1 for the final state); (α, β) on the
 * 4 × 4 grid α ∈ {0.05, 0.1, 0.2, 0.3} × β ∈ {0.02, 0.05, 0.1, 0.2} for TSB (16 passes, + 1).
 */
import { flatForecast, sigmaOf } from './fit-helpers.js';
import { gridSearch } from './optimize.js';
import type { Fit, Fitter } from './types.js';

export interface CrostonRun {
  /** z: smoothed demand size (0 without demand). */
  size: number;
  /** q: smoothed interval between demand days, in known days (0 without demand). */
  interval: number;
  /** The per-day forecast after the last day: factor · z / q (0 without demand). */
  rate: number;
  /** fitted[t] = the one-step forecast of day t; NaN up to and including the first demand day. */
  fitted: Float64Array;
  /** Σ (y_t − ŷ_t)² over the known days after the first demand day. */
  sse: number;
  /** How many known days the SSE sums over. */
  n: number;
}

export interface TsbRun {
  /** p: smoothed probability that a known day has demand (0 without demand). */
  probability: number;
  /** z: smoothed demand size (0 without demand). */
  size: number;
  /** The per-day forecast after the last day: p · z. */
  rate: number;
  /** fitted[t] = the one-step forecast of day t; NaN up to and including the first demand day. */
  fitted: Float64Array;
  sse: number;
  n: number;
}

const CROSTON_ALPHAS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
const TSB_ALPHAS = [0.05, 0.1, 0.2, 0.3];
const TSB_BETAS = [0.02, 0.05, 0.1, 0.2];

/** Croston's recursion; every forecast is multiplied by `factor` (1 for Croston, 1 − α/2 for SBA). */
function crostonPass(y: readonly number[], alpha: number, factor: number, fitted: Float64Array | null): { size: number; interval: number; sse: number; n: number } {
  let z = 0;
  let q = 0;
  let k = 0;
  let forecast = NaN;
  let sse = 0;
  let n = 0;
  // q > 0 once the first demand day has initialised the state (q ≥ 1 from then on).
  for (let t = 0; t < y.length; t++) {
    if (fitted !== null) fitted[t] = forecast;
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    k++;
    if (q > 0) {
      const e = v - forecast;
      sse += e * e;
      n++;
    }
    if (v > 0) {
      if (q > 0) {
        z += alpha * (v - z);
        q += alpha * (k - q);
      } else {
        z = v;
        q = k;
      }
      forecast = (factor * z) / q;
      k = 0;
    }
  }
  return { size: z, interval: q, sse, n };
}

function tsbPass(y: readonly number[], alpha: number, beta: number, fitted: Float64Array | null): { probability: number; size: number; sse: number; n: number } {
  let z = 0;
  let p = 0;
  let k = 0;
  let started = false;
  let sse = 0;
  let n = 0;
  for (let t = 0; t < y.length; t++) {
    if (fitted !== null) fitted[t] = started ? p * z : NaN;
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    if (started) {
      const e = v - p * z;
      sse += e * e;
      n++;
      if (v > 0) {
        p += beta * (1 - p);
        z += alpha * (v - z);
      } else {
        p -= beta * p;
      }
    } else {
      k++;
      if (v > 0) {
        z = v;
        p = 1 / k;
        started = true;
      }
    }
  }
  return { probability: p, size: z, sse, n };
}

function crostonRate(size: number, interval: number, factor: number): number {
  return interval > 0 ? (factor * size) / interval : 0;
}

function crostonRun(y: readonly number[], alpha: number, factor: number): CrostonRun {
  const fitted = new Float64Array(y.length);
  const run = crostonPass(y, alpha, factor, fitted);
  return { ...run, rate: crostonRate(run.size, run.interval, factor), fitted };
}

/** Croston's recursion with a fixed α. */
export function crostonWith(y: readonly number[], alpha: number): CrostonRun {
  return crostonRun(y, alpha, 1);
}

/** SBA with a fixed α: Croston's recursion, every forecast × (1 − α/2). */
export function sbaWith(y: readonly number[], alpha: number): CrostonRun {
  return crostonRun(y, alpha, 1 - alpha / 2);
}

/** TSB's recursion with fixed α (size) and β (probability). */
export function tsbWith(y: readonly number[], alpha: number, beta: number): TsbRun {
  const fitted = new Float64Array(y.length);
  const run = tsbPass(y, alpha, beta, fitted);
  return { ...run, rate: run.probability * run.size, fitted };
}

function crostonFit(y: readonly number[], debiased: boolean): Fit {
  const best = gridSearch((x) => crostonPass(y, x[0]!, debiased ? 1 - x[0]! / 2 : 1, null).sse, [CROSTON_ALPHAS]);
  const alpha = best.x[0]!;
  const factor = debiased ? 1 - alpha / 2 : 1;
  const run = crostonPass(y, alpha, factor, null);
  const rate = crostonRate(run.size, run.interval, factor);
  return { model: debiased ? 'sba' : 'croston', params: { alpha }, forecast: flatForecast(rate), sigma: sigmaOf(run.sse, run.n), n: run.n };
}

export const croston: Fitter = (y) => crostonFit(y, false);

export const sba: Fitter = (y) => crostonFit(y, true);

export const tsb: Fitter = (y) => {
  const best = gridSearch((x) => tsbPass(y, x[0]!, x[1]!, null).sse, [TSB_ALPHAS, TSB_BETAS]);
  const alpha = best.x[0]!;
  const beta = best.x[1]!;
  const run = tsbPass(y, alpha, beta, null);
  return { model: 'tsb', params: { alpha, beta }, forecast: flatForecast(run.probability * run.size), sigma: sigmaOf(run.sse, run.n), n: run.n };
};
