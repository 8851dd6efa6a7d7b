/**
 * Forecast-based insights of the stock rows: the rules of src/analytics/insights fed from the
 * stored forecasts and the recent sales. Pure: no I/O.
 *
 * Per stock row, with μ_i the forecast mean of day i counted from today (a forecast made on an
 * earlier day is shifted by the days since; beyond its 28 days the mean of its last 7 repeats),
 * L the lead time (the product's, else its supplier's) and R = 7 the review period:
 * - will_run_out: next delivery = the earlier of an open order's expected date and today + L.
 * - out_of_stock (on hand ≤ 0): days out from the ledger (at least 1; 1 when it does not say),
 *   daily mean = (μ_0 + … + μ_6) / 7. No insight when that mean is 0 (nothing is being lost).
 * - dead_stock: no sale for 60 days (or never) while in stock. A dead row gets no overstock
 *   insight too: the same money would count twice.
 * - overstock: safety stock = z · σ · √(L + R), z = Φ⁻¹(0.95) ≈ 1.645, σ the one-step sd.
 * - anomaly: actual = units per day over the last 70 days, fitted = the same-weekday mean of the 4
 *   weeks before each day (history.ts): the residual is taken against that expectation.
 * - margin_erosion: weekly average cost and price over the last 90 days and the units sold in them.
 */
import { addDays, daysBetween } from '../../../shared/dates.js';
import { fromCents } from '../../../shared/money.js';
import {
  deadStock,
  detectAnomaly,
  marginErosion,
  outOfStock,
  overstock,
  willRunOut,
  type DatedValue,
  type Insight as RuleInsight,
} from '../../../analytics/insights/index.js';
import { DEFAULT_REVIEW_PERIOD_DAYS, DEFAULT_SERVICE_LEVEL, forecastFrom, normalQuantile, sigmaOver } from '../../../analytics/replenishment/index.js';
import type { Finding } from './finding.js';
import { rowKey, sameWeekdayBaseline } from './history.js';
import type { SentenceFacts } from './sentences.js';
import type { ForecastStockRow } from './repository.js';

/** Days of daily units read for the anomalies: 70 scored days plus the 4 weeks of their baseline. */
export const ANOMALY_HISTORY_DAYS = 98;
export const MARGIN_WINDOW_DAYS = 90;
const FORECAST_DAYS = 28;

export interface ForecastInsightInputs {
  today: string;
  rows: readonly ForecastStockRow[];
  /** Days out per stock row at 0, from the ledger; key `store_id/product_id`. */
  daysOut: ReadonlyMap<string, number>;
  /** Last sale date per stock row. */
  lastSale: ReadonlyMap<string, string>;
  /** Units per day over [today − 98, today − 1] per stock row. */
  dailyUnits: ReadonlyMap<string, readonly number[]>;
  /** Weekly cost and price averages over [today − 90, today − 1], and units sold there. */
  margins: ReadonlyMap<string, { cost: readonly DatedValue[]; price: readonly DatedValue[]; units: number }>;
}

/** Omit applied to each member of a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The facts of a sentence besides the product, store and impact, which the finding adds. */
type Facts = OmitEach<SentenceFacts, 'name' | 'store' | 'impact'>;

function finding(row: ForecastStockRow, insight: RuleInsight, facts: Facts): Finding {
  return {
    kind: insight.kind,
    product_id: row.product_id,
    sku: row.sku,
    name: row.name,
    store_id: row.store_id,
    store_name: row.store_name,
    numbers: insight.numbers,
    impact_cents: insight.impact_cents,
    ...(insight.date === undefined ? {} : { date: insight.date }),
    facts: { ...facts, name: row.name, store: row.store_name, impact: fromCents(insight.impact_cents) },
  };
}

/** Every forecast-based finding of the stock rows, unranked. */
export function forecastFindings(input: ForecastInsightInputs): Finding[] {
  const { today } = input;
  const z = normalQuantile(DEFAULT_SERVICE_LEVEL);
  const out: Finding[] = [];
  for (const row of input.rows) {
    const key = rowKey(row.store_id, row.product_id);
    const ids = { product_id: row.product_id, store_id: row.store_id };
    const lead = row.lead_time_days;
    const protection = lead + DEFAULT_REVIEW_PERIOD_DAYS;
    const byLead = addDays(today, lead);
    const delivery = row.open_order_date !== null && row.open_order_date < byLead ? row.open_order_date : null;
    const horizon = Math.max(FORECAST_DAYS, protection, daysBetween(today, delivery ?? byLead));
    const forecast = forecastFrom(row.mean, Math.max(0, daysBetween(row.as_of, today)), horizon);

    const runOut = willRunOut({ ...ids, today, on_hand: row.on_hand, forecast, lead_time_days: lead, open_order_date: delivery, price: row.price });
    if (runOut) {
      const n = runOut.numbers;
      out.push(finding(row, runOut, { kind: 'will_run_out', date: runOut.date!, days_early: n.days_without_stock, units_short: n.units_short }));
    }

    if (row.on_hand <= 0) {
      const dailyMean = forecast.slice(0, 7).reduce((a, b) => a + b, 0) / 7;
      const out0 = dailyMean > 0 ? outOfStock({ ...ids, today, on_hand: row.on_hand, days_out: Math.max(1, input.daysOut.get(key) ?? 1), daily_mean: dailyMean, price: row.price }) : null;
      if (out0) out.push(finding(row, out0, { kind: 'out_of_stock', days_out: out0.numbers.days_out, lost_units: out0.numbers.lost_units }));
    }

    const dead = deadStock({ ...ids, today, on_hand: row.on_hand, last_sale_date: input.lastSale.get(key) ?? null, unit_cost: row.unit_cost });
    if (dead) {
      out.push(finding(row, dead, { kind: 'dead_stock', on_hand: dead.numbers.on_hand, last_sale: dead.date ?? null, days: dead.numbers.days_since_sale ?? dead.numbers.threshold_days }));
    } else {
      const safety = z * sigmaOver(row.sigma, protection);
      const over = overstock({ ...ids, on_hand: row.on_hand, forecast, lead_time_days: lead, safety_stock: safety, unit_cost: row.unit_cost });
      if (over) out.push(finding(row, over, { kind: 'overstock', days_of_cover: over.numbers.days_of_cover, excess_units: over.numbers.excess_units }));
    }

    const units = input.dailyUnits.get(key);
    if (units) {
      const fitted = sameWeekdayBaseline(units);
      const anomaly = detectAnomaly({ ...ids, first_date: addDays(today, -fitted.length), actual: units.slice(units.length - fitted.length), fitted, price: row.price });
      if (anomaly) {
        const n = anomaly.numbers;
        out.push(finding(row, anomaly, { kind: 'anomaly', date: anomaly.date!, direction: n.direction, actual: n.actual, expected: n.expected }));
      }
    }

    const margin = input.margins.get(key);
    if (margin) {
      const erosion = marginErosion({ ...ids, cost_history: margin.cost, price_history: margin.price, window_end: today, window_days: MARGIN_WINDOW_DAYS, units_sold: margin.units });
      if (erosion) {
        const n = erosion.numbers;
        out.push(finding(row, erosion, { kind: 'margin_erosion', cost_change_pct: n.cost_change_pct, price_change_pct: n.price_change_pct, old_margin_pct: n.old_margin_pct, new_margin_pct: n.new_margin_pct, window_days: MARGIN_WINDOW_DAYS }));
      }
    }
  }
  return out;
}
