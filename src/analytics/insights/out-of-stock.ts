/**
 * out_of_stock: the product is already out (on hand ≤ 0) in the store.
 *
 *   lost units = forecast mean per day × days out
 *   impact     = lost units × price
 *
 * The daily mean comes from the demand model (sales recorded while out are censored at 0, so
 * they cannot estimate it). The insight's date is the day the shelf went empty: today − days out.
 */
import { addDays } from '../../shared/dates.js';
import { unitsTimesPrice } from './money.js';
import type { Insight } from './types.js';

export interface OutOfStockInput {
  product_id: string;
  store_id: string;
  /** 'YYYY-MM-DD'. */
  today: string;
  on_hand: number;
  /** Whole days the product has been out. */
  days_out: number;
  /** Forecast mean demand per day. */
  daily_mean: number;
  /** Sale price, decimal string. */
  price: string;
}

export type OutOfStockNumbers = { days_out: number; daily_mean: number; lost_units: number };

export type OutOfStockInsight = Insight<'out_of_stock', OutOfStockNumbers>;

/** The insight when nothing is on hand, else null. Throws RangeError on negative days out or mean. */
export function outOfStock(input: OutOfStockInput): OutOfStockInsight | null {
  if (!Number.isInteger(input.days_out) || input.days_out < 0) throw new RangeError(`Days out must be a whole number ≥ 0, got ${input.days_out}`);
  if (!(input.daily_mean >= 0)) throw new RangeError(`Daily mean must be ≥ 0, got ${input.daily_mean}`);
  if (input.on_hand > 0) return null;
  const lostUnits = input.daily_mean * input.days_out;
  return {
    kind: 'out_of_stock',
    product_id: input.product_id,
    store_id: input.store_id,
    numbers: { days_out: input.days_out, daily_mean: input.daily_mean, lost_units: lostUnits },
    impact_cents: unitsTimesPrice(lostUnits, input.price),
    date: addDays(input.today, -input.days_out),
  };
}
