/**
 * Additive Holt-Winters with a weekly season (fpp3 §8.3 and §8.5), in two variants:
 * `holtWinters`, ETS(A,N,A): level + additive season (no trend; β = 0, φ = 1), and
 * `holtWintersDamped`, ETS(A,Ad,A): level + damped additive trend + additive season.
 *
 * With season m, position p(t) = t mod m, and on every known day t:
 *   ŷ_t = ℓ_{t−1} + φ b_{t−1} + s_{t−m}                                (one-step forecast)
 *   ℓ_t = α (y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + φ b_{t−1})
 *   b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) φ b_{t−1}
 *   s_t = γ (y_t − ℓ_{t−1} − φ b_{t−1}) + (1 − γ) s_{t−m}
 * On an unknown day (NaN) the state advances as if y_t were ŷ_t: ℓ_t = ℓ_{t−1} + φ b_{t−1},
 * b_t = φ b_{t−1}, s unchanged; no error is counted.
 * Forecast from the last day T: ŷ_{T+h} = ℓ_T + (φ + φ² + … + φ^h) b_T + s_{T+h−m(k+1)} (the latest
 * seasonal index of that position), floored at 0.
 *
 * Initial state, from the first 2m known days counted from the first known day t0 (calendar
 * blocks of m days from t0 up to the day of the 2m-th known value): ℓ = mean of the known values
 * of the first block; s_p = mean over the known days at position p of (y_t − mean of its block),
 * 0 for a position with none, then all centred to sum 0; b = 0. The recursion runs from day 0
 * (before t0 every day is unknown and b = 0, so the state does not move). With fewer than 2m known
 * days the fitters return the SES fit instead (its model name says 'ses').
 *
 * Parameters minimise the in-sample one-step SSE over the known days within
 * α ∈ [0.01, 0.5], γ = g(1 − α) with g ∈ [0.01, 0.5] (so 0 < γ < 1 − α), β ∈ [0, 0.2] (the
 * trend gain of the error-correction form is αβ ≤ 0.2α) and φ ∈ [0.8, 0.98]. Budget: a coarse
 * grid, then compass search, then one pass at the chosen point; 30 SSE passes in all for
 * holtWinters, 45 for holtWintersDamped.
 */
import { horizon, seasonLength, sigmaOf } from './fit-helpers.js';
import { gridSearch, patternSearch, type Objective } from './optimize.js';
import { ses } from './ses.js';
import type { Fit, Fitter, ModelName } from './types.js';

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface HoltWintersState {
  level: number;
  trend: number;
  /** seasonal[p]: the latest seasonal index of the days t ≡ p (mod m). */
  seasonal: Float64Array;
}

export interface HoltWintersRun extends HoltWintersState {
  /** fitted[t] = ŷ_t, the one-step forecast of day t (also on unknown days). */
  fitted: Float64Array;
  /** Σ (y_t − ŷ_t)² over the known days. */
  sse: number;
  /** How many known days the SSE sums over. */
  n: number;
}

/** The initial state (see the header), or null when the series has fewer than 2m known days. */
export function holtWintersInit(y: readonly number[], m: number): HoltWintersState | null {
  let start = 0;
  while (start < y.length && Number.isNaN(y[start]!)) start++;
  let end = start;
  for (let known = 0; end < y.length; end++) {
    if (!Number.isNaN(y[end]!) && ++known === 2 * m) break;
  }
  if (end === y.length) return null;
  const blocks = Math.floor((end - start) / m) + 1;
  const blockSum = new Float64Array(blocks);
  const blockCount = new Float64Array(blocks);
  for (let t = start; t <= end; t++) {
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    const b = Math.floor((t - start) / m);
    blockSum[b] = blockSum[b]! + v;
    blockCount[b] = blockCount[b]! + 1;
  }
  const seasonal = new Float64Array(m);
  const positionCount = new Float64Array(m);
  for (let t = start; t <= end; t++) {
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    const b = Math.floor((t - start) / m);
    const p = t % m;
    seasonal[p] = seasonal[p]! + v - blockSum[b]! / blockCount[b]!;
    positionCount[p] = positionCount[p]! + 1;
  }
  let total = 0;
  for (let p = 0; p < m; p++) {
    if (positionCount[p]! > 0) seasonal[p] = seasonal[p]! / positionCount[p]!;
    total += seasonal[p]!;
  }
  const mean = total / m;
  for (let p = 0; p < m; p++) seasonal[p] = seasonal[p]! - mean;
  return { level: blockSum[0]! / blockCount[0]!, trend: 0, seasonal };
}

/** One pass of the recursion from `init`; the final seasonal indices are left in `seasonal`. */
function holtWintersPass(
  y: readonly number[],
  init: HoltWintersState,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  seasonal: Float64Array,
  fitted: Float64Array | null,
): { level: number; trend: number; sse: number; n: number } {
  const m = seasonal.length;
  seasonal.set(init.seasonal);
  let level = init.level;
  let trend = init.trend;
  let sse = 0;
  let n = 0;
  let p = 0;
  for (let t = 0; t < y.length; t++) {
    const damped = phi * trend;
    const base = level + damped;
    const s = seasonal[p]!;
    const v = y[t]!;
    if (fitted !== null) fitted[t] = base + s;
    if (Number.isNaN(v)) {
      level = base;
      trend = damped;
    } else {
      const e = v - base - s;
      sse += e * e;
      n++;
      const next = alpha * (v - s) + (1 - alpha) * base;
      trend = beta * (next - level) + (1 - beta) * damped;
      seasonal[p] = gamma * (v - base) + (1 - gamma) * s;
      level = next;
    }
    if (++p === m) p = 0;
  }
  return { level, trend, sse, n };
}

/**
 * Runs the recursion with fixed parameters (season m, default 7) from `holtWintersInit`.
 * Throws a RangeError when the series has fewer than 2m known days.
 */
export function holtWintersWith(y: readonly number[], params: HoltWintersParams, season = 7): HoltWintersRun {
  const m = seasonLength({ season });
  const init = holtWintersInit(y, m);
  if (init === null) throw new RangeError(`Holt-Winters needs at least ${2 * m} known days`);
  const seasonal = new Float64Array(m);
  const fitted = new Float64Array(y.length);
  const run = holtWintersPass(y, init, params.alpha, params.beta, params.gamma, params.phi, seasonal, fitted);
  return { ...run, seasonal, fitted };
}

/** ŷ_{T+h} for h = 1 … `h` from the state after the last day of a series of `length` days, floored at 0. */
export function holtWintersForecast(state: HoltWintersState, phi: number, length: number, h: number): number[] {
  const m = state.seasonal.length;
  const out = new Array<number>(horizon(h));
  let damping = 0;
  let power = 1;
  for (let k = 0; k < out.length; k++) {
    power *= phi;
    damping += power;
    out[k] = Math.max(0, state.level + damping * state.trend + state.seasonal[(length + k) % m]!);
  }
  return out;
}

function holtWintersFit(model: ModelName, y: readonly number[], init: HoltWintersState, params: HoltWintersParams, shown: Record<string, number>): Fit {
  const seasonal = new Float64Array(init.seasonal.length);
  const run = holtWintersPass(y, init, params.alpha, params.beta, params.gamma, params.phi, seasonal, null);
  const state: HoltWintersState = { level: run.level, trend: run.trend, seasonal };
  return { model, params: shown, forecast: (h) => holtWintersForecast(state, params.phi, y.length, h), sigma: sigmaOf(run.sse, run.n), n: run.n };
}

/** ETS(A,N,A). Searches x = (α, g), γ = g(1 − α): a 3 × 3 grid (9 passes), compass search (20), the final pass (1). */
export const holtWinters: Fitter = (y, options) => {
  const m = seasonLength(options);
  const init = holtWintersInit(y, m);
  if (init === null) return ses(y);
  const scratch = new Float64Array(m);
  const sse: Objective = (x) => holtWintersPass(y, init, x[0]!, 0, x[1]! * (1 - x[0]!), 1, scratch, null).sse;
  const grid = gridSearch(sse, [
    [0.05, 0.2, 0.4],
    [0.05, 0.2, 0.4],
  ]);
  const best = patternSearch(sse, grid, [0.01, 0.01], [0.5, 0.5], [0.1, 0.1], 29 - grid.evaluations);
  const alpha = best.x[0]!;
  const gamma = best.x[1]! * (1 - alpha);
  return holtWintersFit('holt_winters', y, init, { alpha, beta: 0, gamma, phi: 1 }, { alpha, gamma });
};

/** ETS(A,Ad,A). Searches x = (α, β, g, φ): a 3 × 2 × 2 grid at φ = 0.9 (12 passes), compass search (32), the final pass (1). */
export const holtWintersDamped: Fitter = (y, options) => {
  const m = seasonLength(options);
  const init = holtWintersInit(y, m);
  if (init === null) return ses(y);
  const scratch = new Float64Array(m);
  const sse: Objective = (x) => holtWintersPass(y, init, x[0]!, x[1]!, x[2]! * (1 - x[0]!), x[3]!, scratch, null).sse;
  const grid = gridSearch(sse, [[0.05, 0.2, 0.4], [0.02, 0.1], [0.05, 0.3], [0.9]]);
  const best = patternSearch(sse, grid, [0.01, 0, 0.01, 0.8], [0.5, 0.2, 0.5, 0.98], [0.1, 0.05, 0.1, 0.04], 44 - grid.evaluations);
  const params = { alpha: best.x[0]!, beta: best.x[1]!, gamma: best.x[2]! * (1 - best.x[0]!), phi: best.x[3]! };
  return holtWintersFit('holt_winters_damped', y, init, params, { ...params });
};
