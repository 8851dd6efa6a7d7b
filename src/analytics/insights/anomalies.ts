/**
 * anomaly: a recent day whose sales were far off the model's one-step forecast.
 *
 * For each day t: residual r_t = actual_t − fitted_t (fitted = the model's one-step forecast).
 * - Recent window: the last K days (default 14). Reference window: the M days before them
 *   (default 56), kept apart so that the anomalies being looked for do not widen the scale.
 * - Robust scale over the reference residuals: s = 1.4826 × MAD, MAD = median |r − median r|
 *   (1.4826 makes it the sd for normal errors). When MAD is 0 (over half the residuals equal, as
 *   for a slow mover with a flat forecast: every day without a sale has r = −forecast), s is the
 *   plain standard deviation of the reference residuals, √(Σ(r − r̄)² / n): less robust, but a
 *   sale size that recurs in the reference then rarely scores as unusual. When that is 0 too, nothing
 *   can be called unusual and no insight is made.
 * - Score z_t = r_t / s. A spike when z_t > 3.5 and r_t ≥ 2 units, a drop when z_t < −3.5 and
 *   r_t ≤ −2 (the 2-unit floor ignores 1-unit blips of tiny counts).
 * - One insight per series: its worst day (largest |z|; the latest on a tie), with
 *   impact = |r_t| × price.
 *
 * Days whose actual or fitted value is NaN (unknown: store closed, stock-out) are skipped in
 * both windows. Fewer than 14 known reference residuals: no insight (the scale would be noise).
 */
import { addDays } from '../../shared/dates.js';
import { unitsTimesPrice } from './money.js';
import type { Insight } from './types.js';

export const ANOMALY_RECENT_DAYS = 14;
export const ANOMALY_REFERENCE_DAYS = 56;
export const ANOMALY_THRESHOLD = 3.5;
export const ANOMALY_MIN_UNITS = 2;
export const ANOMALY_MIN_REFERENCE = 14;
const MAD_TO_SD = 1.4826;

export interface AnomalyInput {
  product_id: string;
  store_id: string;
  /** 'YYYY-MM-DD' of actual[0] and fitted[0]; one entry per day after that. */
  first_date: string;
  /** Units sold per day (NaN = unknown day). */
  actual: readonly number[];
  /** One-step fitted values, aligned with `actual`. */
  fitted: readonly number[];
  /** Sale price, decimal string. */
  price: string;
  /** K (default 14). */
  recent_days?: number;
  /** M (default 56). */
  reference_days?: number;
}

export type AnomalyNumbers = {
  direction: 'spike' | 'drop';
  actual: number;
  expected: number;
  residual: number;
  score: number;
  scale: number;
};

export type AnomalyInsight = Insight<'anomaly', AnomalyNumbers>;

/** The worst anomalous day of the last K days, or null. Throws RangeError when the arrays differ in length. */
export function detectAnomaly(input: AnomalyInput): AnomalyInsight | null {
  const { actual, fitted } = input;
  if (actual.length !== fitted.length) throw new RangeError(`actual has ${actual.length} days, fitted ${fitted.length}`);
  const recentStart = Math.max(0, actual.length - (input.recent_days ?? ANOMALY_RECENT_DAYS));
  const referenceStart = Math.max(0, recentStart - (input.reference_days ?? ANOMALY_REFERENCE_DAYS));
  const reference: number[] = [];
  for (let t = referenceStart; t < recentStart; t++) {
    const r = actual[t]! - fitted[t]!;
    if (!Number.isNaN(r)) reference.push(r);
  }
  if (reference.length < ANOMALY_MIN_REFERENCE) return null;
  const scale = robustScale(reference);
  if (scale === 0) return null;

  let worst = -1;
  let worstScore = 0;
  for (let t = recentStart; t < actual.length; t++) {
    const r = actual[t]! - fitted[t]!;
    const score = r / scale;
    const unusual = (score > ANOMALY_THRESHOLD && r >= ANOMALY_MIN_UNITS) || (score < -ANOMALY_THRESHOLD && r <= -ANOMALY_MIN_UNITS);
    if (unusual && Math.abs(score) >= Math.abs(worstScore)) {
      worst = t;
      worstScore = score;
    }
  }
  if (worst < 0) return null;
  const residual = actual[worst]! - fitted[worst]!;
  return {
    kind: 'anomaly',
    product_id: input.product_id,
    store_id: input.store_id,
    numbers: { direction: residual > 0 ? 'spike' : 'drop', actual: actual[worst]!, expected: fitted[worst]!, residual, score: worstScore, scale },
    impact_cents: unitsTimesPrice(Math.abs(residual), input.price),
    date: addDays(input.first_date, worst),
  };
}

/** 1.4826 × MAD, or the standard deviation when the MAD is 0. */
export function robustScale(values: readonly number[]): number {
  const center = median(values);
  const mad = median(values.map((v) => Math.abs(v - center)));
  if (mad > 0) return MAD_TO_SD * mad;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
