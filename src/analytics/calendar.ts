/**
 * Calendar effects of the market, learnt from the tenant's own total demand. Venezuelan retail
 * (and most payroll economies) sells more on paydays — the 15th and the last day of the month —
 * and the day after; December lifts the whole basket in steps up to Christmas Eve and New Year's
 * Eve (aguinaldos, the Christmas bonuses), and early January is quiet. Stores close on some fixed
 * dates. Each day belongs to one calendar class; each class gets one multiplicative factor for
 * the tenant, pooled over every series (a single product's history is far too noisy to learn a
 * December from).
 *
 * Estimation, over the tenant's daily total T_t (NaN = no data):
 *   1. level_t = mean of T_s / c(s) over s ∈ [t − 28, t + 28) (known days), with c the class
 *      factors so far (1 at first): the local level without calendar lifts;
 *   2. r_t = T_t / level_t;  w_d = median r_t over ordinary days of weekday d;
 *   3. c_k = median of r_t / w_{weekday(t)} over the days of class k (1 with fewer than 2 days);
 *   4. repeat from 1 (8 rounds), so December's lift leaves the level it is measured against
 *      (3 rounds left the December factors ~6 % low; 8 leave them within ~1 %).
 * Days before the tenant's first sale are unknown, not zero. A day whose total is under 5 % of its
 * level is a closed day; its month-day (MM-DD) counts as closed every year when it was closed in
 * every one of at least two years the history covers (a single closure is an event, not a rule).
 *
 * Days are epoch days (days since 1970-01-01, UTC calendar) throughout: plain integers.
 */

export const CALENDAR_CLASSES = [
  'ordinary',
  'payday',
  'after_payday',
  'january_lull',
  'december_early',
  'december_mid',
  'december_peak',
  'december_holidays',
  'december_eve',
] as const;
export type CalendarClass = (typeof CALENDAR_CLASSES)[number];

export interface Calendar {
  /** Multiplicative factor per class ('ordinary' is 1). */
  factors: Record<CalendarClass, number>;
  /** Weekday factors of the tenant's total (0 = Sunday … 6 = Saturday), mean 1. */
  weekday: number[];
  /** Month-days ('MM-DD') the stores are closed every year. */
  closed: string[];
}

const DAY_MS = 86_400_000;

export function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function calendarClass(day: number): CalendarClass {
  const d = new Date(day * DAY_MS);
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  if (month === 12) {
    if (date <= 10) return 'december_early';
    if (date <= 20) return 'december_mid';
    if (date <= 24) return 'december_peak';
    if (date <= 29) return 'december_holidays';
    return 'december_eve';
  }
  const monthDays = new Date(Date.UTC(d.getUTCFullYear(), month, 0)).getUTCDate();
  if (date === 15 || date === monthDays) return 'payday';
  if (date === 16 || date === 1) return 'after_payday';
  if (month === 1 && date <= 15) return 'january_lull';
  return 'ordinary';
}

const monthDay = (day: number) => isoDay(day).slice(5);
const ROUNDS = 8;

export const NEUTRAL_CALENDAR: Calendar = {
  factors: Object.fromEntries(CALENDAR_CLASSES.map((k) => [k, 1])) as Record<CalendarClass, number>,
  weekday: [1, 1, 1, 1, 1, 1, 1],
  closed: [],
};

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Learns the calendar from a daily total starting on epoch day `start`. */
export function estimateCalendar(totals: readonly number[], start: number): Calendar {
  const n = totals.length;
  const firstSale = totals.findIndex((v) => v > 0);
  const total = totals.map((v, t) => (firstSale < 0 || t < firstSale ? NaN : v));
  const classes = Array.from({ length: n }, (_, t) => calendarClass(start + t));
  const factors = { ...NEUTRAL_CALENDAR.factors };
  let weekday = [...NEUTRAL_CALENDAR.weekday];
  const level = new Float64Array(n);
  const closedDay = new Uint8Array(n);
  for (let round = 0; round < ROUNDS; round++) {
    // 1. The local level, calendar lifts divided out, by a running sum over ±28 days.
    const adjusted = total.map((v, t) => (Number.isFinite(v) && !closedDay[t] ? v / factors[classes[t]!] : NaN));
    const sum = new Float64Array(n + 1);
    const count = new Float64Array(n + 1);
    for (let t = 0; t < n; t++) {
      const ok = Number.isFinite(adjusted[t]!);
      sum[t + 1] = sum[t]! + (ok ? adjusted[t]! : 0);
      count[t + 1] = count[t]! + (ok ? 1 : 0);
    }
    for (let t = 0; t < n; t++) {
      const a = Math.max(0, t - 28);
      const b = Math.min(n, t + 28);
      const c = count[b]! - count[a]!;
      level[t] = c > 0 ? (sum[b]! - sum[a]!) / c : NaN;
    }
    // 2. Weekday factors over ordinary open days.
    const ratios: number[][] = [[], [], [], [], [], [], []];
    for (let t = 0; t < n; t++) {
      const v = total[t]!;
      const l = level[t]!;
      if (!Number.isFinite(v) || !(l > 0)) continue;
      closedDay[t] = v < 0.05 * l ? 1 : 0;
      if (!closedDay[t] && classes[t] === 'ordinary') ratios[weekdayOf(start + t)]!.push(v / l);
    }
    const w = ratios.map((r) => (r.length ? median(r) : 1));
    const meanW = w.reduce((a, b) => a + b, 0) / 7;
    weekday = w.map((x) => x / meanW);
    // 3. Class factors.
    const byClass = new Map<CalendarClass, number[]>();
    for (let t = 0; t < n; t++) {
      const v = total[t]!;
      const l = level[t]!;
      if (!Number.isFinite(v) || !(l > 0) || closedDay[t] || classes[t] === 'ordinary') continue;
      const list = byClass.get(classes[t]!) ?? [];
      list.push(v / l / weekday[weekdayOf(start + t)]!);
      byClass.set(classes[t]!, list);
    }
    for (const k of CALENDAR_CLASSES) {
      const r = byClass.get(k) ?? [];
      factors[k] = k === 'ordinary' || r.length < 2 ? 1 : median(r);
    }
  }
  // Closed month-days: closed in every year of history that holds that day.
  const seen = new Map<string, { closed: number; open: number }>();
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(total[t]!) || !(level[t]! > 0)) continue;
    const md = monthDay(start + t);
    const s = seen.get(md) ?? { closed: 0, open: 0 };
    if (closedDay[t]) s.closed++;
    else s.open++;
    seen.set(md, s);
  }
  const closed = [...seen].filter(([, s]) => s.closed >= 2 && s.open === 0).map(([md]) => md).sort();
  return { factors, weekday, closed };
}

/**
 * The calendar factor of each day from `start` for `length` days: the class factor, 0 on closed
 * days, and with `withWeekday` also the weekday factor (for models without a season of their own).
 * Factors are computed once per calendar into a table by epoch day (a run asks for the same days
 * thousands of times).
 */
export function dayFactors(calendar: Calendar, start: number, length: number, withWeekday: boolean): Float64Array {
  const t = table(calendar, start, start + length);
  const from = start - t.first;
  return (withWeekday ? t.weekly : t.plain).slice(from, from + length);
}

interface Table {
  key: string;
  first: number;
  plain: Float64Array;
  weekly: Float64Array;
}
let cached: Table | null = null;

function table(calendar: Calendar, from: number, to: number): Table {
  const key = JSON.stringify(calendar);
  if (cached && cached.key === key && from >= cached.first && to <= cached.first + cached.plain.length) return cached;
  const first = Math.min(from, cached?.key === key ? cached.first : from) - 400;
  const last = Math.max(to, cached?.key === key ? cached.first + cached.plain.length : to) + 400;
  const closed = new Set(calendar.closed);
  const plain = new Float64Array(last - first);
  const weekly = new Float64Array(last - first);
  for (let t = 0; t < plain.length; t++) {
    const day = first + t;
    if (closed.has(monthDay(day))) continue;
    plain[t] = calendar.factors[calendarClass(day)];
    weekly[t] = plain[t]! * calendar.weekday[weekdayOf(day)]!;
  }
  cached = { key, first, plain, weekly };
  return cached;
}
