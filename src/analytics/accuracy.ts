/**
 * Forecast accuracy measures. Unknown days (NaN actuals: stock-outs, closed days) are left out of
 * every sum: a censored day says nothing about the forecast.
 *
 * - MASE (Hyndman & Koehler 2006): MAE of the forecast ÷ the in-sample MAE of the weekly seasonal
 *   naive method, scale = mean |y_t − y_{t−7}| over the history's known pairs. Below 1 the
 *   forecast beats last week's same day in-sample; it compares across series of any size.
 * - Bias: Σ(forecast − actual) ÷ Σ actual (0.1 = forecasts 10 % too high; null when nothing sold).
 * - Coverage: the share of known days whose actual lies inside the interval (bounds included).
 */

export function maseScale(y: readonly number[], season = 7): number {
  let sum = 0;
  let n = 0;
  for (let t = season; t < y.length; t++) {
    const a = y[t]!;
    const b = y[t - season]!;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      sum += Math.abs(a - b);
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

export interface Errors {
  /** Known days scored. */
  n: number;
  absError: number;
  error: number;
  actual: number;
}

export function errors(actual: readonly number[], forecast: readonly number[]): Errors {
  const e: Errors = { n: 0, absError: 0, error: 0, actual: 0 };
  for (let t = 0; t < actual.length && t < forecast.length; t++) {
    const a = actual[t]!;
    if (!Number.isFinite(a)) continue;
    const d = forecast[t]! - a;
    e.n++;
    e.absError += Math.abs(d);
    e.error += d;
    e.actual += a;
  }
  return e;
}

/** MASE of a forecast, or null when there is nothing to score or no scale. */
export function mase(e: Errors, scale: number): number | null {
  return e.n > 0 && scale > 0 ? e.absError / e.n / scale : null;
}

export function bias(e: Errors): number | null {
  return e.actual > 0 ? e.error / e.actual : null;
}

/** How many known actuals lie within [low, high], and how many were known. */
export function covered(actual: readonly number[], low: readonly number[], high: readonly number[]): { inside: number; n: number } {
  let inside = 0;
  let n = 0;
  for (let t = 0; t < actual.length; t++) {
    const a = actual[t]!;
    if (!Number.isFinite(a)) continue;
    n++;
    if (a >= low[t]! - 1e-9 && a <= high[t]! + 1e-9) inside++;
  }
  return { inside, n };
}
