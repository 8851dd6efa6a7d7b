/**
 * Calendar arithmetic on "epoch days" (days since 1970-01-01), which keeps the simulation in
 * plain integers. Local dates and times follow each tenant's IANA time zone.
 */

const DAY_MS = 86_400_000;

export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Days in this month. */
  monthDays: number;
}

export function civil(epochDay: number): CivilDate {
  const d = new Date(epochDay * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return {
    year,
    month,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    monthDays: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

/** 'YYYY-MM-DD' */
export function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone, as if it were UTC (milliseconds). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The calendar day an instant falls on in a time zone. */
export function localEpochDay(instant: Date, timeZone: string): number {
  return Math.floor(wallClockMs(instant.getTime(), timeZone) / DAY_MS);
}

/**
 * Seconds to add to local wall-clock time to get UTC on that date (Caracas: +14400). Taken at
 * local noon: the demo's business hours (07:00–22:00) never straddle a DST switch at 02:00.
 */
export function utcOffsetSeconds(epochDay: number, timeZone: string): number {
  const noonUtc = epochDay * DAY_MS + 12 * 3_600_000;
  const wall = wallClockMs(noonUtc, timeZone);
  return Math.round((noonUtc - wall) / 1000);
}

/** The UTC instant (epoch seconds) of a local time of day on a local date. */
export function utcSeconds(epochDay: number, secondOfDay: number, offsetSeconds: number): number {
  return epochDay * 86_400 + secondOfDay + offsetSeconds;
}

/** The n-th (1-based) given weekday of a month, as an epoch day (Thanksgiving: 4th Thursday of November). */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = epochDayOf(year, month, 1);
  const shift = (weekday - civil(first).weekday + 7) % 7;
  return first + shift + 7 * (n - 1);
}
