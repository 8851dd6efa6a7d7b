/**
 * will_run_out: the stock on hand will be gone before the next delivery.
 *
 * - Next delivery: the expected date of an open purchase order when there is one, otherwise
 *   today + lead time (an order placed today). It is D = days from today; a delivery on day D is
 *   taken to arrive in time for that day's sales, so the stock must last days 0 … D − 1.
 * - Stock-out day: the first day d with cumulative forecast demand Σ_{i≤d} μ_i ≥ on hand.
 * - An insight when d < D, i.e. the stock-out date comes before the delivery date.
 * - Units short: the forecast demand the stock cannot serve before the delivery,
 *     Σ_{i<D} μ_i − on hand
 *   (the rest of day d after the shelf empties plus days d + 1 … D − 1).
 * - impact = units short × price.
 *
 * Forecast days beyond the array count as unknown and add nothing (the units short is then a
 * lower bound). Stock already at 0 is out_of_stock's business, not this rule's.
 */
import { addDays, daysBetween } from '../../shared/dates.js';
import { unitsTimesPrice } from './money.js';
import type { Insight } from './types.js';

export interface RunOutInput {
  product_id: string;
  store_id: string;
  /** 'YYYY-MM-DD', day 0 of the forecast. */
  today: string;
  on_hand: number;
  /** Forecast mean demand per day, day 0 = today. */
  forecast: readonly number[];
  lead_time_days: number;
  /** Expected date of the next open purchase order, or null/absent when none is open. */
  open_order_date?: string | null;
  /** Sale price, decimal string. */
  price: string;
}

export type RunOutNumbers = {
  on_hand: number;
  days_to_stockout: number;
  delivery_in_days: number;
  delivery_date: string;
  days_without_stock: number;
  units_short: number;
};

export type RunOutInsight = Insight<'will_run_out', RunOutNumbers>;

/** The insight when the forecast empties the shelf before the next delivery, else null. */
export function willRunOut(input: RunOutInput): RunOutInsight | null {
  if (input.on_hand <= 0) return null;
  const delivery = input.open_order_date ?? addDays(input.today, input.lead_time_days);
  const deliveryDay = daysBetween(input.today, delivery);
  const days = Math.min(deliveryDay, input.forecast.length);
  let demand = 0;
  let stockoutDay = -1;
  for (let i = 0; i < days; i++) {
    demand += input.forecast[i]!;
    if (stockoutDay < 0 && demand >= input.on_hand) stockoutDay = i;
  }
  if (stockoutDay < 0) return null;
  const unitsShort = demand - input.on_hand;
  return {
    kind: 'will_run_out',
    product_id: input.product_id,
    store_id: input.store_id,
    numbers: {
      on_hand: input.on_hand,
      days_to_stockout: stockoutDay,
      delivery_in_days: deliveryDay,
      delivery_date: delivery,
      days_without_stock: deliveryDay - stockoutDay,
      units_short: unitsShort,
    },
    impact_cents: unitsTimesPrice(unitsShort, input.price),
    date: addDays(input.today, stockoutDay),
  };
}
