/**
 * GET /api/v1/forecast?product_id&store_id (feature forecasting; shapes of
 * src/server/features/analytics/schema.ts): daily units sold over the last weeks, the next days'
 * forecast with its band, the stock now, its days of cover and the projected stock-out date.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface Forecast {
  product: { id: string; sku: string; name: string };
  /** null: all stores together. */
  store: { id: string; name: string } | null;
  method: string;
  /** Today: history ends the day before, the forecast starts today. */
  as_of: string;
  history_days: number;
  horizon_days: number;
  /** Coverage of [low, high], e.g. 0.8. */
  band: number;
  history: Array<{ date: string; units: number }>;
  forecast: Array<{ date: string; units: number; low: number; high: number }>;
  stock: number;
  days_of_cover: number | null;
  /** null: the stock lasts beyond the horizon. */
  stockout_date: string | null;
}

/** '' = all stores. */
export function useForecast(productId: string, storeId: string) {
  return useQuery({
    queryKey: ['forecast', productId, storeId],
    enabled: productId !== '',
    queryFn: () => api<Forecast>('/forecast', { query: { product_id: productId, store_id: storeId || undefined } }),
  });
}

/** One row per day for the chart: history, forecast and band; the forecast line starts at the last actual day. */
export function chartRows(f: Forecast): Array<Record<string, string | number | null>> {
  const rows: Array<Record<string, string | number | null>> = f.history.map((h) => ({ date: h.date, actual: h.units, forecast: null, low: null, high: null }));
  const last = rows[rows.length - 1];
  if (last && f.forecast.length > 0) {
    const actual = last.actual ?? null;
    last.forecast = actual;
    last.low = actual;
    last.high = actual;
  }
  for (const p of f.forecast) rows.push({ date: p.date, actual: null, forecast: round(p.units), low: round(p.low), high: round(p.high) });
  return rows;
}

export interface WeekRow {
  from: string;
  to: string;
  units: number;
  /** Stock left at the end of the week if nothing is received (never below zero). */
  stockAfter: number;
}

/** The forecast summed by week from today, with the stock it leaves. */
export function weeklyRows(f: Forecast): WeekRow[] {
  const weeks: WeekRow[] = [];
  let stock = f.stock;
  for (let i = 0; i < f.forecast.length; i += 7) {
    const days = f.forecast.slice(i, i + 7);
    const units = days.reduce((s, d) => s + d.units, 0);
    stock = Math.max(0, stock - units);
    weeks.push({ from: days[0]!.date, to: days[days.length - 1]!.date, units, stockAfter: stock });
  }
  return weeks;
}

const round = (n: number) => Math.round(n * 100) / 100;
