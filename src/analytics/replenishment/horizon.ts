/**
 * Demand and its uncertainty over the next `days` days of a daily forecast (day 0 = today).
 *
 * - Demand over a horizon of n days: D_n = Σ_{i<n} μ_i, the sum of the first n daily means.
 * - Its standard deviation, the forecast errors of different days being taken as independent:
 *     σ_n = √(Σ_{i<n} σ_i²)
 *   which, with one sd σ₁ for every day (the one-step error sd of the model), is σ₁·√n.
 *   Independence is an approximation: errors of a level-based model are positively correlated
 *   across days, so σ₁·√n understates the sd of a long sum; it is the standard textbook choice and
 *   per-day sds (growing with the horizon) can be passed instead to widen it.
 */

/** Σ_{i<days} forecast[i]. Throws RangeError when the forecast is shorter than `days`. */
export function demandOver(forecast: readonly number[], days: number): number {
  if (forecast.length < days) throw new RangeError(`The forecast covers ${forecast.length} days; ${days} are needed`);
  let sum = 0;
  for (let i = 0; i < days; i++) sum += forecast[i]!;
  return sum;
}

/** σ₁·√days for a single one-step sd, √(Σ_{i<days} σ_i²) for per-day sds. */
export function sigmaOver(sigma: number | readonly number[], days: number): number {
  if (typeof sigma === 'number') return sigma * Math.sqrt(days);
  if (sigma.length < days) throw new RangeError(`The per-day forecast sd covers ${sigma.length} days; ${days} are needed`);
  let variance = 0;
  for (let i = 0; i < days; i++) variance += sigma[i]! * sigma[i]!;
  return Math.sqrt(variance);
}

/**
 * `days` daily means from day `offset` of a stored forecast (a forecast made `offset` days ago,
 * read today); beyond its end, the mean of its last week repeats.
 */
export function forecastFrom(mean: readonly number[], offset: number, days: number): number[] {
  const tail = mean.slice(-7);
  const perDay = tail.length > 0 ? tail.reduce((a, b) => a + b, 0) / tail.length : 0;
  return Array.from({ length: days }, (_, i) => mean[offset + i] ?? perDay);
}
