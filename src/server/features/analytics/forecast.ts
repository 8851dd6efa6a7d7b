/**
 * The demand forecast placeholder: a seasonal mean. Each future day's expected units are the mean of
 * the same weekday over the last 4 complete weeks of history, with an 80 % band of ± 1.28 standard
 * deviations of those 4 values (a normal approximation, floored at 0). It is a run rate that knows
 * about weekdays, nothing more: no trend, holidays, promotions or stock-outs in the history. A
 * later forecasting model replaces this file; the endpoint's shape stays. Pure: no I/O.
 */
import { addDays } from '../../../shared/dates.js';

export const HISTORY_DAYS = 56;
export const HORIZON_DAYS = 28;
/** Weeks of history each weekday's mean is taken over. */
export const SEASON_WEEKS = 4;
/** z of a two-sided 80 % normal interval. */
export const Z_80 = 1.28;

export interface DayUnits {
  date: string;
  units: number;
}

export interface ForecastDay {
  date: string;
  units: number;
  low: number;
  high: number;
}

const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** 0 = Sunday … 6 = Saturday of a 'YYYY-MM-DD' date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Mean and sample standard deviation (n − 1; 0 for fewer than 2 values). */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  if (values.length === 0) return { mean: 0, sd: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, sd: 0 };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/**
 * `horizon` days from `start`, from a zero-filled daily history (oldest first, ending the day
 * before `start`). Also returns the unrounded means, for the stock projection.
 */
export function seasonalForecast(history: readonly DayUnits[], start: string, horizon = HORIZON_DAYS): { days: ForecastDay[]; means: number[] } {
  const recent = history.slice(-SEASON_WEEKS * 7);
  const byWeekday = new Map<number, number[]>();
  for (const d of recent) {
    const wd = weekday(d.date);
    byWeekday.set(wd, [...(byWeekday.get(wd) ?? []), d.units]);
  }
  const days: ForecastDay[] = [];
  const means: number[] = [];
  for (let i = 0; i < horizon; i++) {
    const date = addDays(start, i);
    const { mean, sd } = meanAndSd(byWeekday.get(weekday(date)) ?? []);
    means.push(mean);
    days.push({ date, units: round(mean, 2), low: round(Math.max(0, mean - Z_80 * sd), 2), high: round(mean + Z_80 * sd, 2) });
  }
  return { days, means };
}

/**
 * When the expected demand from `start` on uses up `stock`: the first day the running total
 * reaches it, `start` itself when there is no stock, null beyond the horizon. Days of cover: stock
 * ÷ the mean expected units per day, one decimal; null when nothing is expected to sell.
 */
export function projectStock(stock: number, means: readonly number[], start: string): { stockoutDate: string | null; daysOfCover: number | null } {
  const perDay = means.length === 0 ? 0 : means.reduce((a, b) => a + b, 0) / means.length;
  const daysOfCover = perDay > 0 ? round(Math.max(0, stock) / perDay, 1) : null;
  if (stock <= 0) return { stockoutDate: start, daysOfCover };
  let used = 0;
  for (let i = 0; i < means.length; i++) {
    used += means[i]!;
    // A hair of tolerance: 0.1 + 0.2 must reach 0.3.
    if (used >= stock - 1e-9) return { stockoutDate: addDays(start, i), daysOfCover };
  }
  return { stockoutDate: null, daysOfCover };
}
