/**
 * dead_stock: units on the shelf that have not sold for a long time.
 *
 *   days since sale = today − last sale date   (null when the product never sold in the store)
 *   dead when on hand > 0 and (never sold or days since sale ≥ N), N = 60 by default
 *   impact = on hand × unit cost               (the money sitting on the shelf)
 *
 * "No sale in N days" means none on the N days before today: a last sale exactly N days ago
 * counts as dead. A product never sold counts as dead too; leave out products stocked less than
 * N days ago before calling, as the rule cannot tell them from forgotten ones.
 */
import { daysBetween } from '../../shared/dates.js';
import { unitsTimesPrice } from './money.js';
import type { Insight } from './types.js';

export const DEAD_STOCK_DAYS = 60;

export interface DeadStockInput {
  product_id: string;
  store_id: string;
  /** 'YYYY-MM-DD'. */
  today: string;
  on_hand: number;
  /** 'YYYY-MM-DD' of the last sale in the store, null when it never sold there. */
  last_sale_date: string | null;
  /** Decimal string. */
  unit_cost: string;
  /** N (default 60). */
  days?: number;
}

export type DeadStockNumbers = { on_hand: number; days_since_sale: number | null; threshold_days: number };

export type DeadStockInsight = Insight<'dead_stock', DeadStockNumbers>;

/** The insight when stock has had no sale for N days, else null. */
export function deadStock(input: DeadStockInput): DeadStockInsight | null {
  const threshold = input.days ?? DEAD_STOCK_DAYS;
  if (input.on_hand <= 0) return null;
  const daysSinceSale = input.last_sale_date === null ? null : daysBetween(input.last_sale_date, input.today);
  if (daysSinceSale !== null && daysSinceSale < threshold) return null;
  return {
    kind: 'dead_stock',
    product_id: input.product_id,
    store_id: input.store_id,
    numbers: { on_hand: input.on_hand, days_since_sale: daysSinceSale, threshold_days: threshold },
    impact_cents: unitsTimesPrice(input.on_hand, input.unit_cost),
    ...(input.last_sale_date === null ? {} : { date: input.last_sale_date }),
  };
}
