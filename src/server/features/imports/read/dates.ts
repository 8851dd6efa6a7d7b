/**
 * Dates and date-times as POS and ERP exports write them: ISO ('2026-11-27', '2026-11-27T23:30Z'),
 * day first ('27/11/2026', '27-11-26', '27.11.2026 11:30 p. m.'), month first when the file says
 * so, or compact '20261127'. A date-time without an offset is a wall-clock time in the tenant's
 * zone and becomes a UTC instant plus the local calendar date the business reports it on. Zone
 * offsets come from zone.ts, cached per hour, so this stays fast on a million rows.
 */
import { DAY_MS, dayName, daysFromCivil, daysInMonth, isoInstant } from './calendar.js';
import { zoneOffsets } from './zone.js';

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const DATE = String.raw`(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})`;
const TIME = String.raw`(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([ap])\.?\s*m\.?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const DATE_TIME = new RegExp(`^\\s*${DATE}${TIME}\\s*$`, 'i');
const COMPACT = new RegExp(String.raw`^\s*(\d{4})(\d{2})(\d{2})${TIME}\s*$`, 'i');
const DATE_PARTS = new RegExp(`^\\s*${DATE}`);

interface Parsed {
  /** Days since 1970-01-01 of the calendar date. */
  day: number;
  /** Milliseconds of the wall-clock time of day, or null when there is none. */
  timeMs: number | null;
  /** Offset written in the text (ms ahead of UTC), or null for a wall-clock time. */
  offsetMs: number | null;
}

/** Days since 1970-01-01 from the three parts of a date in the given order; null when not a real date. */
function calendarDay(a: string, b: string, c: string, order: DateOrder): number | null {
  const yearFirst = a.length === 4 || (order === 'ymd' && c.length <= 2);
  const y = yearFirst ? a : c;
  const m = yearFirst || order !== 'mdy' ? b : a;
  const d = yearFirst ? c : order === 'mdy' ? b : a;
  if (d.length > 2 || m.length > 2 || (y.length !== 2 && y.length !== 4)) return null;
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const month = Number(m);
  const date = Number(d);
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, date);
}

/** Time of day in ms from the captured hour, minute, second, fraction and am/pm; null when out of range. */
function timeOfDay(h: string, mi: string, s = '0', frac = '', ampm = ''): number | null {
  let hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (minute > 59 || second > 59) return null;
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return ((hour * 60 + minute) * 60 + second) * 1000 + Number((frac + '00').slice(0, 3));
}

function offsetOf(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** The number written with exactly `len` digits at `i`, or -1. */
function digits(t: string, i: number, len: number): number {
  let n = 0;
  for (let k = i; k < i + len; k++) {
    const c = t.charCodeAt(k) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

const isDigitAt = (t: string, i: number) => {
  const c = t.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * Without regular expressions, the shapes nearly every big file uses: 'YYYY-MM-DD' or
 * 'D/M/YYYY' (any of / - . and the file's order), then optionally ' ' or 'T', 'H:MM', ':SS',
 * '.fff' and 'Z'. Undefined for anything else, including invalid values: the full rules decide.
 */
function parseCommon(t: string, order: DateOrder): Parsed | undefined {
  const n = t.length;
  let y: number;
  let m: number;
  let d: number;
  let i: number;
  if (t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45) {
    [y, m, d, i] = [digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2), 10];
  } else {
    const la = isDigitAt(t, 1) ? 2 : 1;
    const sep = t.charCodeAt(la);
    if (sep !== 47 && sep !== 45 && sep !== 46) return undefined;
    const a = digits(t, 0, la);
    const lb = isDigitAt(t, la + 2) ? 2 : 1;
    const b = digits(t, la + 1, lb);
    if (t.charCodeAt(la + 1 + lb) !== sep) return undefined;
    i = la + lb + 2;
    y = digits(t, i, 4);
    i += 4;
    [m, d] = order === 'mdy' ? [a, b] : [b, a];
  }
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  const day = daysFromCivil(y, m, d);
  if (i === n) return { day, timeMs: null, offsetMs: null };
  const sep = t.charCodeAt(i);
  if (sep !== 32 && sep !== 84) return undefined;
  const lh = isDigitAt(t, i + 2) ? 2 : 1;
  const hour = digits(t, i + 1, lh);
  i += 1 + lh;
  if (t.charCodeAt(i) !== 58) return undefined;
  const minute = digits(t, i + 1, 2);
  i += 3;
  let second = 0;
  let milli = 0;
  if (t.charCodeAt(i) === 58) {
    second = digits(t, i + 1, 2);
    i += 3;
    if (t.charCodeAt(i) === 46) {
      const from = ++i;
      while (isDigitAt(t, i)) i++;
      if (i === from) return undefined;
      milli = Number((t.slice(from, Math.min(i, from + 3)) + '00').slice(0, 3));
    }
  }
  const utc = t.charCodeAt(i) === 90;
  if (utc) i++;
  if (i !== n || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return { day, timeMs: ((hour * 60 + minute) * 60 + second) * 1000 + milli, offsetMs: utc ? 0 : null };
}

function parse(text: string, order: DateOrder): Parsed | null {
  const common = parseCommon(text, order);
  if (common) return common;
  let m = DATE_TIME.exec(text);
  let day: number | null;
  // Index of the first time group: DATE_TIME has 4 date groups (one the separator), COMPACT 3.
  let at: number;
  if (m) {
    day = calendarDay(m[1]!, m[3]!, m[4]!, order);
    at = 5;
  } else {
    m = COMPACT.exec(text);
    if (!m) return null;
    day = calendarDay(m[1]!, m[2]!, m[3]!, 'ymd');
    at = 4;
  }
  if (day === null) return null;
  const h = m[at];
  if (h === undefined) return { day, timeMs: null, offsetMs: null };
  const timeMs = timeOfDay(h, m[at + 1]!, m[at + 2], m[at + 3], m[at + 4]);
  if (timeMs === null) return null;
  const zone = m[at + 5];
  const offsetMs = zone === undefined ? null : offsetOf(zone);
  if (zone !== undefined && offsetMs === null) return null;
  return { day, timeMs, offsetMs };
}

export function detectDateOrder(samples: readonly string[]): DateOrder {
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  for (const s of samples) {
    const m = DATE_PARTS.exec(s);
    if (!m) continue;
    if (m[1]!.length === 4) {
      ymd++;
      continue;
    }
    if (Number(m[1]) > 12) dmy++;
    if (Number(m[3]) > 12) mdy++;
  }
  if (dmy > 0 || mdy > 0) return mdy > dmy ? 'mdy' : 'dmy';
  return ymd > 0 ? 'ymd' : 'dmy';
}

export function parseDate(text: string, order: DateOrder): string | null {
  const p = parse(text, order);
  return p ? dayName(p.day) : null;
}

export function parseDateTime(text: string, order: DateOrder, timeZone: string): { instant: string; date: string } | null {
  const p = parse(text, order);
  if (!p) return null;
  const wall = p.day * DAY_MS + (p.timeMs ?? 0);
  const zone = zoneOffsets(timeZone);
  let instant: number;
  let local: number;
  if (p.offsetMs !== null) {
    instant = wall - p.offsetMs;
    local = instant + zone.offsetAt(instant);
  } else {
    const [used, inForce] = zone.resolve(wall);
    instant = wall - used;
    local = instant + inForce;
  }
  return { instant: isoInstant(instant), date: dayName(Math.floor(local / DAY_MS)) };
}
