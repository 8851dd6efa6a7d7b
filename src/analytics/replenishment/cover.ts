/**
 * Days of cover: how many days of the forecast a stock lasts, walking the daily means from day 0.
 *
 *   remaining = stock; for day i: if remaining ≤ μ_i the stock ends during day i and
 *   cover = i + remaining / μ_i (the fraction of the last day); otherwise remaining −= μ_i.
 *
 * Stock left after the last forecast day keeps being consumed at the forecast's average daily
 * demand (Σμ / n), so a stock outlasting the horizon gets n + remaining / (Σμ / n). The result is
 * rounded to one decimal; null when the forecast has no demand at all (the stock never runs out).
 */

/** Days `stock` lasts against `forecast` (one decimal), or null when the forecast demand is 0. */
export function daysOfCover(stock: number, forecast: readonly number[]): number | null {
  let total = 0;
  for (const mean of forecast) total += mean;
  if (total <= 0) return null;
  if (stock <= 0) return 0;
  let remaining = stock;
  for (let i = 0; i < forecast.length; i++) {
    const mean = forecast[i]!;
    if (remaining <= mean) return oneDecimal(i + remaining / mean);
    remaining -= mean;
  }
  return oneDecimal(forecast.length + remaining / (total / forecast.length));
}

function oneDecimal(x: number): number {
  return Math.round(x * 10) / 10;
}
