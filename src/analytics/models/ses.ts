/**
 * Simple exponential smoothing (fpp3 §8.1): a level that moves a fraction α of each error.
 *
 *   ŷ_t = ℓ_{t−1}            (one-step forecast)
 *   ℓ_t = ℓ_{t−1} + α (y_t − ℓ_{t−1})
 *   forecast for every future day: ℓ_T (floored at 0)
 *
 * ℓ_0 is the mean of the first (up to) 7 known values, 0 if there are none. An unknown day (NaN)
 * leaves the level as it is and adds no error. α ∈ [0.01, 0.99] minimises the in-sample one-step
 * SSE over the known days: 5 grid points, then golden section around the best one, 25 SSE passes
 * in all (the last one recomputes the state at the chosen α).
 */
import { flatForecast, sigmaOf } from './fit-helpers.js';
import { minimizeScalar } from './optimize.js';
import type { Fitter } from './types.js';

export interface SesRun {
  /** ℓ_T, the level after the last day. */
  level: number;
  /** fitted[t] = ŷ_t = ℓ_{t−1}, the one-step forecast of day t (also on unknown days). */
  fitted: Float64Array;
  /** Σ (y_t − ŷ_t)² over the known days. */
  sse: number;
  /** How many known days the SSE sums over. */
  n: number;
}

/** ℓ_0: the mean of the first (up to) 7 known values; 0 when no value is known. */
export function sesInitialLevel(y: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < y.length && count < 7; t++) {
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  return count > 0 ? sum / count : 0;
}

function sesPass(y: readonly number[], alpha: number, level0: number, fitted: Float64Array | null): { level: number; sse: number; n: number } {
  let level = level0;
  let sse = 0;
  let n = 0;
  for (let t = 0; t < y.length; t++) {
    if (fitted !== null) fitted[t] = level;
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    const e = v - level;
    sse += e * e;
    n++;
    level += alpha * e;
  }
  return { level, sse, n };
}

/** Runs the SES recursion with a fixed α from ℓ_0 = `sesInitialLevel(y)`. */
export function sesWith(y: readonly number[], alpha: number): SesRun {
  const fitted = new Float64Array(y.length);
  const run = sesPass(y, alpha, sesInitialLevel(y), fitted);
  return { ...run, fitted };
}

export const ses: Fitter = (y) => {
  const level0 = sesInitialLevel(y);
  const best = minimizeScalar((alpha) => sesPass(y, alpha, level0, null).sse, 0.01, 0.99, 5, 24);
  const run = sesPass(y, best.x, level0, null);
  return { model: 'ses', params: { alpha: best.x }, forecast: flatForecast(run.level), sigma: sigmaOf(run.sse, run.n), n: run.n };
};
