/**
 * Recent sales history shaped for the insight rules, from daily totals per store × product.
 * Pure: no I/O.
 *
 * - Daily units: a zero-filled array over [from, to] (no line on a day = nothing sold).
 * - Same-weekday baseline, the expected value an anomaly's residual is taken against:
 *     fitted_t = (u_{t−7} + u_{t−14} + u_{t−21} + u_{t−28}) / 4
 *   the mean of the same weekday over the 4 preceding weeks (the stored forecasts keep no fitted
 *   values, so this model-free expectation stands in for the one-step forecast).
 * - Weekly average unit cost and unit price (margin erosion): weeks of 7 days from the window's
 *   first day; in each week with sales, Σ(q × value) / Σ q in cents, rounded half away from zero,
 *   dated on the week's first day. Lines recorded without a cost (unit_cost 0) are left out of
 *   the cost average.
 * - ABC–XYZ input: per product, revenue = Σ(q × price − discount) and units per week, over the
 *   13 weeks before today, summed over stores.
 */
import { addDays, daysBetween } from '../../../shared/dates.js';
import { fromCents } from '../../../shared/money.js';
import type { AbcXyzInput, DatedValue } from '../../../analytics/insights/index.js';

export const BASELINE_WEEKS = 4;
export const CLASS_WEEKS = 13;

export interface DailySales {
  store_id: string;
  product_id: string;
  date: string;
  units: number;
  /** Σ(q × unit price − discount) in cents. */
  revenue_cents: bigint;
  /** Σ(q × unit price) in cents. */
  price_cents: bigint;
  /** Units and Σ(q × unit cost) in cents of the lines that carry a cost. */
  cost_units: number;
  cost_cents: bigint;
}

/** `store_id/product_id`. */
export const rowKey = (storeId: string, productId: string) => `${storeId}/${productId}`;

/** Units per day over [from, to] of every store × product, zero-filled; index 0 = `from`. */
export function dailyUnitsByRow(sales: readonly DailySales[], from: string, to: string): Map<string, number[]> {
  const length = daysBetween(from, to) + 1;
  const out = new Map<string, number[]>();
  for (const s of sales) {
    const t = daysBetween(from, s.date);
    if (t < 0 || t >= length) continue;
    const key = rowKey(s.store_id, s.product_id);
    let units = out.get(key);
    if (!units) out.set(key, (units = new Array<number>(length).fill(0)));
    units[t]! += s.units;
  }
  return out;
}

/** fitted_t for t ≥ 28: the mean of the same weekday in the 4 weeks before; the array starts at index 28 of `units`. */
export function sameWeekdayBaseline(units: readonly number[]): number[] {
  const out: number[] = [];
  for (let t = 7 * BASELINE_WEEKS; t < units.length; t++) {
    let sum = 0;
    for (let w = 1; w <= BASELINE_WEEKS; w++) sum += units[t - 7 * w]!;
    out.push(sum / BASELINE_WEEKS);
  }
  return out;
}

/** n ÷ d rounded half away from zero (n ≥ 0, d > 0). */
const divRound = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

/** Weekly average cost and price per store × product over [from, to], and the units sold. */
export function costPriceHistories(
  sales: readonly DailySales[],
  from: string,
  to: string,
): Map<string, { cost: DatedValue[]; price: DatedValue[]; units: number }> {
  type Week = { units: number; price: bigint; costUnits: number; cost: bigint };
  const weeks = new Map<string, Map<number, Week>>();
  for (const s of sales) {
    if (s.date < from || s.date > to) continue;
    const key = rowKey(s.store_id, s.product_id);
    let byWeek = weeks.get(key);
    if (!byWeek) weeks.set(key, (byWeek = new Map()));
    const k = Math.floor(daysBetween(from, s.date) / 7);
    const w = byWeek.get(k) ?? { units: 0, price: 0n, costUnits: 0, cost: 0n };
    byWeek.set(k, { units: w.units + s.units, price: w.price + s.price_cents, costUnits: w.costUnits + s.cost_units, cost: w.cost + s.cost_cents });
  }
  const out = new Map<string, { cost: DatedValue[]; price: DatedValue[]; units: number }>();
  for (const [key, byWeek] of weeks) {
    const sorted = [...byWeek.entries()].sort((a, b) => a[0] - b[0]);
    const cost: DatedValue[] = [];
    const price: DatedValue[] = [];
    let units = 0;
    for (const [k, w] of sorted) {
      const date = addDays(from, 7 * k);
      units += w.units;
      if (w.units > 0) price.push({ date, value: fromCents(divRound(w.price, BigInt(w.units))) });
      if (w.costUnits > 0) cost.push({ date, value: fromCents(divRound(w.cost, BigInt(w.costUnits))) });
    }
    out.set(key, { cost, price, units });
  }
  return out;
}

/** Revenue and weekly units per product over the 13 weeks before `today`, for every product in `products` or sold. */
export function classInputs(sales: readonly DailySales[], products: Iterable<string>, today: string): AbcXyzInput[] {
  const from = addDays(today, -7 * CLASS_WEEKS);
  const byProduct = new Map<string, { revenue: bigint; weekly: number[] }>();
  const entry = (id: string) => {
    let e = byProduct.get(id);
    if (!e) byProduct.set(id, (e = { revenue: 0n, weekly: new Array<number>(CLASS_WEEKS).fill(0) }));
    return e;
  };
  for (const id of products) entry(id);
  for (const s of sales) {
    const t = daysBetween(from, s.date);
    if (t < 0 || t >= 7 * CLASS_WEEKS) continue;
    const e = entry(s.product_id);
    e.revenue += s.revenue_cents;
    e.weekly[Math.floor(t / 7)]! += s.units;
  }
  return [...byProduct.entries()].map(([product_id, e]) => ({ product_id, revenue: fromCents(e.revenue), weekly_units: e.weekly }));
}
