/**
 * margin_erosion: the cost of a product rose faster than its price over a window (90 days by
 * default), eating the margin.
 *
 * Values in force: the last history entry dated on or before a day. Old = in force at the window
 * start (end − window days), or the first entry inside the window when the history starts later;
 * new = in force at the window end.
 *   cost change %  = (new cost − old cost) / old cost × 100
 *   price change % = (new price − old price) / old price × 100
 *   margin %       = (price − cost) / price × 100
 * An insight when the cost rose (cost change > 0) and cost change % − price change % ≥ 5
 * percentage points, compared exactly in cents: 100 · (ΔC · P₀ − ΔP · C₀) ≥ 5 · C₀ · P₀.
 * A price cut with a steady cost is a pricing decision, not erosion, and is not reported.
 *   impact = (ΔC − ΔP) × units sold over the window, floored at 0
 * (the margin lost per unit, in money). When the price rose by more money than the cost but by a
 * smaller percentage, the margin % still erodes while the per-unit margin in money grows: the
 * insight is made with impact 0. Old cost or old price ≤ 0, or a history with nothing in force,
 * gives no insight.
 */
import { addDays } from '../../shared/dates.js';
import { fromCents, toCents } from '../../shared/money.js';
import { unitsTimesCents } from './money.js';
import type { Insight } from './types.js';

export const MARGIN_EROSION_WINDOW_DAYS = 90;
export const MARGIN_EROSION_POINTS = 5n;

export interface DatedValue {
  /** 'YYYY-MM-DD' the value took effect. */
  date: string;
  /** Decimal string. */
  value: string;
}

export interface MarginErosionInput {
  product_id: string;
  store_id: string;
  cost_history: readonly DatedValue[];
  price_history: readonly DatedValue[];
  /** Last day of the window, 'YYYY-MM-DD'. */
  window_end: string;
  /** Default 90. */
  window_days?: number;
  /** Units sold over the window. */
  units_sold: number;
}

export type MarginErosionNumbers = {
  old_cost: string;
  new_cost: string;
  old_price: string;
  new_price: string;
  cost_change_pct: number;
  price_change_pct: number;
  old_margin_pct: number;
  /** Null when the new price is 0. */
  new_margin_pct: number | null;
  units_sold: number;
};

export type MarginErosionInsight = Insight<'margin_erosion', MarginErosionNumbers>;

/** The insight when cost outran price by ≥ 5 points over the window, else null. */
export function marginErosion(input: MarginErosionInput): MarginErosionInsight | null {
  const start = addDays(input.window_end, -(input.window_days ?? MARGIN_EROSION_WINDOW_DAYS));
  const cost = windowValues(input.cost_history, start, input.window_end);
  const price = windowValues(input.price_history, start, input.window_end);
  if (!cost || !price || cost.old <= 0n || price.old <= 0n) return null;
  const costRise = cost.new - cost.old;
  const priceRise = price.new - price.old;
  if (costRise <= 0n || 100n * (costRise * price.old - priceRise * cost.old) < MARGIN_EROSION_POINTS * cost.old * price.old) return null;
  const lostPerUnit = costRise - priceRise;
  return {
    kind: 'margin_erosion',
    product_id: input.product_id,
    store_id: input.store_id,
    numbers: {
      old_cost: fromCents(cost.old),
      new_cost: fromCents(cost.new),
      old_price: fromCents(price.old),
      new_price: fromCents(price.new),
      cost_change_pct: percent(costRise, cost.old),
      price_change_pct: percent(priceRise, price.old),
      old_margin_pct: percent(price.old - cost.old, price.old),
      new_margin_pct: price.new > 0n ? percent(price.new - cost.new, price.new) : null,
      units_sold: input.units_sold,
    },
    impact_cents: lostPerUnit > 0n ? unitsTimesCents(input.units_sold, lostPerUnit) : 0n,
  };
}

/** The values in force at the window start (or the first inside it) and at its end, in cents; null when none is. */
function windowValues(history: readonly DatedValue[], start: string, end: string): { old: bigint; new: bigint } | null {
  const sorted = history.filter((h) => h.date <= end).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const last = sorted.at(-1);
  if (!last) return null;
  const atStart = sorted.filter((h) => h.date <= start).at(-1) ?? sorted[0]!;
  return { old: toCents(atStart.value), new: toCents(last.value) };
}

function percent(part: bigint, whole: bigint): number {
  return (Number(part) / Number(whole)) * 100;
}
