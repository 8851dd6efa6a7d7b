/**
 * Run-rate stock insights, one (store, product) stock row at a time: the insights of a tenant
 * that has no finished forecasting run. Pure: no I/O.
 *
 * With `avg` = units sold in the last 28 complete days ÷ 28:
 * - out_of_stock: nothing on hand but sales in those 28 days. Days out come from the ledger (the
 *   last movement that left the row at 0, to today; at least 1, and 1 when the ledger does not
 *   say). The daily rate is taken over the days it was in stock (28 − days out), and the lost
 *   sales are rate × days out × price: the impact.
 * - will_run_out: days of cover (stock ÷ avg) under 7. Impact: the sales the stock cannot serve
 *   in the next 7 days, (7 × avg − stock) × price.
 * - dead_stock: stock on hand and no sale in the last 60 days. Impact: stock × unit cost.
 * - overstock: it sells, but the stock covers more than 90 days. Impact: the cost of the units
 *   beyond 90 days of cover.
 * Money is computed in cents (bigint) and rounded half away from zero; units and days are numbers.
 * Dates: will_run_out's stock-out date, out_of_stock's today − days out; none for the others.
 */
import { addDays } from '../../../shared/dates.js';
import { fromCents, toCents } from '../../../shared/money.js';
import type { Finding } from './finding.js';

export const RECENT_DAYS = 28;
export const DEAD_AFTER_DAYS = 60;
export const RUN_OUT_WITHIN_DAYS = 7;
export const OVERSTOCK_COVER_DAYS = 90;

export interface StockRow {
  store_id: string;
  store_name: string;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  price: string;
  unit_cost: string;
  /** Units sold in the last 28 complete days. */
  units_recent: number;
  /** Whether anything sold in the last 60 days (today included). */
  sold_lately: boolean;
  /** Days since the row reached 0 according to the ledger; null when it does not say. */
  days_out: number | null;
}

/** n ÷ d rounded half away from zero (d > 0). */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  return 2n * (r < 0n ? -r : r) >= d ? q + (n < 0n ? -1n : 1n) : q;
}

const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

function base(row: StockRow) {
  return { product_id: row.product_id, sku: row.sku, name: row.name, store_id: row.store_id, store_name: row.store_name };
}

/** The insight a stock row gives, if any (a row matches one rule at most). */
export function insightOf(row: StockRow, today: string): Finding | null {
  const units = BigInt(row.units_recent);
  const days = BigInt(RECENT_DAYS);
  const avg = row.units_recent / RECENT_DAYS;
  if (row.quantity <= 0) {
    if (row.units_recent <= 0) return null;
    const daysOut = Math.max(1, row.days_out ?? 1);
    const inStock = daysOut < RECENT_DAYS ? RECENT_DAYS - daysOut : RECENT_DAYS;
    const rate = row.units_recent / inStock;
    const impact = divRound(units * BigInt(daysOut) * toCents(row.price), BigInt(inStock));
    return {
      kind: 'out_of_stock',
      ...base(row),
      numbers: { stock: 0, avg_daily_units: round(rate, 2), days_out: daysOut, price: row.price, lost_units: round(rate * daysOut, 2) },
      impact_cents: impact,
      date: addDays(today, -daysOut),
      facts: { kind: 'out_of_stock', name: row.name, store: row.store_name, impact: fromCents(impact), days_out: daysOut, lost_units: rate * daysOut },
    };
  }
  if (!row.sold_lately) {
    const impact = BigInt(row.quantity) * toCents(row.unit_cost);
    return {
      kind: 'dead_stock',
      ...base(row),
      numbers: { stock: row.quantity, unit_cost: row.unit_cost, days_without_sales: DEAD_AFTER_DAYS },
      impact_cents: impact,
      facts: { kind: 'dead_stock', name: row.name, store: row.store_name, impact: fromCents(impact), on_hand: row.quantity, last_sale: null, days: DEAD_AFTER_DAYS },
    };
  }
  if (row.units_recent <= 0) return null;
  const cover = (row.quantity * RECENT_DAYS) / row.units_recent;
  const quantity = BigInt(row.quantity);
  if (cover < RUN_OUT_WITHIN_DAYS) {
    const stockoutDate = addDays(today, Math.floor(cover));
    // (7 × units/28 − stock) × price = (7 × units − 28 × stock) × price / 28
    const impact = divRound((BigInt(RUN_OUT_WITHIN_DAYS) * units - days * quantity) * toCents(row.price), days);
    return {
      kind: 'will_run_out',
      ...base(row),
      numbers: {
        stock: row.quantity,
        avg_daily_units: round(avg, 2),
        days_of_cover: round(cover, 1),
        stockout_date: stockoutDate,
        price: row.price,
      },
      impact_cents: impact,
      date: stockoutDate,
      facts: {
        kind: 'will_run_out',
        name: row.name,
        store: row.store_name,
        impact: fromCents(impact),
        date: stockoutDate,
        days_early: null,
        units_short: RUN_OUT_WITHIN_DAYS * avg - row.quantity,
      },
    };
  }
  if (cover > OVERSTOCK_COVER_DAYS) {
    // Units that 90 days of sales at the average rate would use, rounded up: the rest is excess.
    const needed = (BigInt(OVERSTOCK_COVER_DAYS) * units + days - 1n) / days;
    const excess = quantity - needed;
    if (excess <= 0n) return null;
    const impact = excess * toCents(row.unit_cost);
    return {
      kind: 'overstock',
      ...base(row),
      numbers: { stock: row.quantity, avg_daily_units: round(avg, 2), days_of_cover: round(cover, 1), excess_units: Number(excess), unit_cost: row.unit_cost },
      impact_cents: impact,
      facts: { kind: 'overstock', name: row.name, store: row.store_name, impact: fromCents(impact), days_of_cover: cover, excess_units: Number(excess) },
    };
  }
  return null;
}
