/**
 * Small pieces every model's fit shares: the season length option, the error scale `sigma`, the
 * forecast horizon check and the flat (level-only) forecast.
 *
 * sigma = √(Σ e_t² / (n − 1)) over the n in-sample one-step errors e_t = y_t − ŷ_t of the known
 * days (0 when n < 2). The errors are taken about zero, not about their mean, so a biased model
 * gets a wider sigma, as it should for safety stock; n − 1 is the variance estimator of
 * fpp3 §5.5 (Σe²/(T − K)) with one parameter (K = 1).
 */
import type { FitOptions } from './types.js';

/** The season length in days (default 7). Throws a RangeError unless it is a positive integer. */
export function seasonLength(options?: FitOptions): number {
  const m = options?.season ?? 7;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`Season length must be a positive integer, got ${m}`);
  return m;
}

/** √(sse / (n − 1)), 0 when fewer than 2 errors. */
export function sigmaOf(sse: number, n: number): number {
  return n >= 2 ? Math.sqrt(sse / (n - 1)) : 0;
}

/** The number of forecast days; throws a RangeError unless `h` is a non-negative integer. */
export function horizon(h: number): number {
  if (!Number.isInteger(h) || h < 0) throw new RangeError(`Forecast horizon must be a non-negative integer, got ${h}`);
  return h;
}

/** A forecast that repeats max(0, value) for every day. */
export function flatForecast(value: number): (h: number) => number[] {
  const v = Math.max(0, value);
  return (h) => new Array<number>(horizon(h)).fill(v);
}
