/**
 * GET /api/v1/forecast?product_id&store_id (feature forecasting; shapes of
 * src/server/features/forecasting/schema.ts): a product's daily units over the last 56 days with
 * its stock-out days, the next 28 days' forecast — median point forecast, mean, 80 % and 95 %
 * intervals — the model chosen by backtest and its measured accuracy, the stock, its days of
 * cover and the projected stock-out date. Before the first forecasting run the API answers 409
 * forecast_pending.
 *
 * Accuracy in words: MASE = mean |error| ÷ in-sample mean |y_t − y_{t−7}|, for the model and for
 * the weekly seasonal naive over the same backtest days; ratio r = MASE ÷ naive MASE, and the
 * model is (1 − r) × 100 % better than "last week's same day" (worse when r > 1).
 */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';

export const MODEL_NAMES = ['seasonal_naive', 'ses', 'holt_winters', 'holt_winters_damped', 'croston', 'sba', 'tsb'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface Accuracy {
  /** MASE of the point forecast over the backtest; null when no day could be scored. */
  mase: number | null;
  /** MASE of the weekly seasonal naive over the same days (the benchmark). */
  naive_mase: number | null;
  /** Σ(mean forecast − actual) ÷ Σ actual: 0.1 = 10 % too high. */
  bias: number | null;
  /** Share of backtest days inside the 80 % interval. */
  coverage80: number | null;
  coverage95: number | null;
  days_scored: number;
}

export interface Forecast {
  product: { id: string; sku: string; name: string };
  /** null: all stores together. */
  store: { id: string; name: string } | null;
  /** The run's day: history ends the day before, the forecast starts on it. */
  as_of: string;
  run: { id: string; finished_at: string };
  /** null for all stores together (each store has its own). */
  model: ModelName | null;
  params: Record<string, number> | null;
  demand_class: 'smooth' | 'intermittent' | null;
  abc: 'A' | 'B' | 'C' | null;
  accuracy: Accuracy;
  history: Array<{ date: string; units: number; stockout: boolean }>;
  forecast: Array<{ date: string; units: number; mean: number; low: number; high: number; low95: number; high95: number }>;
  stock: number;
  days_of_cover: number | null;
  /** null: the stock lasts beyond the horizon. */
  stockout_date: string | null;
}

/** The API's "no forecasting run has finished yet" answer. */
export function isForecastPending(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'forecast_pending';
}

/** '' = all stores. */
export function useForecast(productId: string, storeId: string) {
  return useQuery({
    queryKey: ['forecast', productId, storeId],
    enabled: productId !== '',
    queryFn: () => api<Forecast>('/forecast', { query: { product_id: productId, store_id: storeId || undefined } }),
  });
}

/**
 * MASE ÷ naive MASE (below 1 beats last week's same day), or null when either is unknown or the
 * naive one is 0 (nothing to compare with).
 */
export function maseRatio(mase: number | null, naive: number | null): number | null {
  return mase === null || naive === null || naive <= 0 ? null : mase / naive;
}

/** One day of the chart; null where a series has no value that day. */
export interface ChartRow {
  date: string;
  actual: number | null;
  /** The day's units again, on stock-out days only (drawn as a marker). */
  stockout: number | null;
  forecast: number | null;
  low: number | null;
  high: number | null;
  low95: number | null;
  high95: number | null;
}

/**
 * One row per day: history (with its stock-out markers), then the forecast with both intervals.
 * The forecast line and both bands start at the last actual day (width 0 there) so they join the
 * history without a gap.
 */
export function chartRows(f: Forecast): ChartRow[] {
  const rows: ChartRow[] = f.history.map((h) => ({
    date: h.date,
    actual: h.units,
    stockout: h.stockout ? h.units : null,
    forecast: null,
    low: null,
    high: null,
    low95: null,
    high95: null,
  }));
  const last = rows[rows.length - 1];
  if (last && f.forecast.length > 0) {
    last.forecast = last.low = last.high = last.low95 = last.high95 = last.actual;
  }
  for (const p of f.forecast) {
    rows.push({ date: p.date, actual: null, stockout: null, forecast: round(p.units), low: round(p.low), high: round(p.high), low95: round(p.low95), high95: round(p.high95) });
  }
  return rows;
}

export interface WeekRow {
  from: string;
  to: string;
  /** Expected units: Σ of the daily means (medians do not add up). */
  units: number;
  /** Stock left at the end of the week if nothing is received: max(0, stock − Σ means so far). */
  stockAfter: number;
}

/** The forecast summed by week from the run's day, with the stock it leaves. */
export function weeklyRows(f: Forecast): WeekRow[] {
  const weeks: WeekRow[] = [];
  let stock = f.stock;
  for (let i = 0; i < f.forecast.length; i += 7) {
    const days = f.forecast.slice(i, i + 7);
    const units = days.reduce((s, d) => s + d.mean, 0);
    stock = Math.max(0, stock - units);
    weeks.push({ from: days[0]!.date, to: days[days.length - 1]!.date, units, stockAfter: stock });
  }
  return weeks;
}

const round = (n: number) => Math.round(n * 100) / 100;
