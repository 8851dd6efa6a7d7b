/**
 * Prediction intervals by pooled, calibrated errors (split conformal prediction). Each series'
 * selection backtest leaves standardized errors z = (actual − forecast) ÷ sd, sd being the
 * model's one-step error scaled to the day (see engine.ts). The tenant's z's of one demand class
 * are pooled and their empirical quantiles give the bounds: an 80 % interval is
 * [forecast + q₁₀·sd, forecast + q₉₀·sd], 95 % uses q₂.₅ and q₉₇.₅, floored at 0. Pooling gives
 * thousands of errors where one series has 28, and the quantiles come from errors the forecast
 * never saw, so the coverage measured later is honest. Demand is skewed (no sales below 0, spikes
 * above), so the lower and upper quantiles are taken separately.
 *
 * The same pooled distribution gives the point forecast: the median, mean + q₅₀·sd. Accuracy is
 * judged by absolute error (MASE), and the forecast that minimises expected absolute error is the
 * median of the demand's distribution, not its mean (Kolassa 2016, "Evaluating predictive count
 * data distributions in retail sales forecasting"): for a product selling 0.5 a day, mostly zeros,
 * the median is 0 and the mean 0.5. The mean stays the forecast of expected demand, which
 * replenishment sums over lead times.
 */

export interface Quantiles {
  /** The median error: mean + q50·sd is the point forecast (the predictive median). */
  q50: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  /** How many errors they were taken from. */
  n: number;
}

/** Normal quantiles: the fallback when fewer than 50 errors are pooled. */
export const NORMAL_QUANTILES: Quantiles = { q50: 0, lo80: -1.2816, hi80: 1.2816, lo95: -1.96, hi95: 1.96, n: 0 };

/** The p-quantile of sorted values, linearly interpolated (type 7, as R's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function poolQuantiles(z: ArrayLike<number>): Quantiles {
  if (z.length < 50) return NORMAL_QUANTILES;
  const s = Float64Array.from(z).sort();
  return { q50: quantileSorted(s, 0.5), lo80: quantileSorted(s, 0.1), hi80: quantileSorted(s, 0.9), lo95: quantileSorted(s, 0.025), hi95: quantileSorted(s, 0.975), n: s.length };
}

export interface Bands {
  /** The point forecast: the predictive median, floored at 0. */
  median: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
}

export function bands(mean: readonly number[], sd: readonly number[], q: Quantiles): Bands {
  const at = (k: number) => mean.map((m, t) => Math.max(0, m + k * sd[t]!));
  return { median: at(q.q50), lo80: at(q.lo80), hi80: at(q.hi80), lo95: at(q.lo95), hi95: at(q.hi95) };
}
