/**
 * overstock: far more stock than the replenishment policy needs, money tied up on the shelf.
 *
 *   mean daily demand = Σ μ_i / n over the whole forecast
 *   days of cover     = on hand ÷ mean daily demand   (∞ when the forecast has no demand)
 *   threshold         = max(90, 3 × (L + R)) days
 *   need              = Σ_{i<L+R} μ_i + safety stock  (the order-up-to level before clamping)
 *   excess units      = on hand − need
 *   impact            = excess units × unit cost      (money tied up beyond need)
 *
 * An insight when days of cover > threshold and excess units > 0. The threshold is "far beyond
 * need": a quarter of a year at least, and three protection intervals for slow suppliers or
 * long review periods, whose normal order-up-to level already holds weeks of stock. With no
 * forecast demand the cover is infinite (days_of_cover null) and every unit beyond the safety
 * stock is excess.
 */
import { demandOver } from '../replenishment/horizon.js';
import { DEFAULT_REVIEW_PERIOD_DAYS } from '../replenishment/suggest.js';
import { unitsTimesPrice } from './money.js';
import type { Insight } from './types.js';

export const OVERSTOCK_MIN_DAYS = 90;
export const OVERSTOCK_PROTECTION_MULTIPLE = 3;

export interface OverstockInput {
  product_id: string;
  store_id: string;
  on_hand: number;
  /** Forecast mean demand per day, day 0 = today; at least L + R days. */
  forecast: readonly number[];
  lead_time_days: number;
  /** Default 7. */
  review_period_days?: number;
  /** From the replenishment policy (z · σ_{L+R}). */
  safety_stock: number;
  /** Decimal string. */
  unit_cost: string;
}

export type OverstockNumbers = {
  on_hand: number;
  /** Null when the forecast has no demand (infinite cover). */
  days_of_cover: number | null;
  threshold_days: number;
  need_units: number;
  excess_units: number;
};

export type OverstockInsight = Insight<'overstock', OverstockNumbers>;

/** The insight when the stock covers more than the threshold, else null. Throws RangeError on an empty forecast. */
export function overstock(input: OverstockInput): OverstockInsight | null {
  if (input.forecast.length === 0) throw new RangeError('The forecast is empty');
  const protection = input.lead_time_days + (input.review_period_days ?? DEFAULT_REVIEW_PERIOD_DAYS);
  const threshold = Math.max(OVERSTOCK_MIN_DAYS, OVERSTOCK_PROTECTION_MULTIPLE * protection);
  const mean = demandOver(input.forecast, input.forecast.length) / input.forecast.length;
  const cover = mean > 0 ? input.on_hand / mean : Number.POSITIVE_INFINITY;
  const need = demandOver(input.forecast, protection) + input.safety_stock;
  const excess = input.on_hand - need;
  if (input.on_hand <= 0 || !(cover > threshold) || excess <= 0) return null;
  return {
    kind: 'overstock',
    product_id: input.product_id,
    store_id: input.store_id,
    numbers: {
      on_hand: input.on_hand,
      days_of_cover: Number.isFinite(cover) ? cover : null,
      threshold_days: threshold,
      need_units: need,
      excess_units: excess,
    },
    impact_cents: unitsTimesPrice(excess, input.unit_cost),
  };
}
