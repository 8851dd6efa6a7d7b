/**
 * Calendar dates ('YYYY-MM-DD') and the tenant's time zone.
 *
 * A sale happens at an instant; the business reports it on the calendar day of the store's time
 * zone (a sale at 22:30 in Caracas is that day's sale, though it is already tomorrow in UTC). The
 * conversion is done here, in TypeScript with the platform's time-zone database, so every backend
 * and the browser agree on it. Pure: no I/O; "now" is a parameter where it matters.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Gregorian calendar and Latin digits whatever the runtime's default locale is.
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone (or 'UTC') the runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date of `instant` in `timeZone`, as 'YYYY-MM-DD'. Throws RangeError on a bad zone or instant. */
export function localDate(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDate(now, timeZone);
}

/** True for a real calendar date written 'YYYY-MM-DD' (no '2026-02-30', no '2026-13-01'). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toUtcDay(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: '${date}'`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(0);
  // setUTCFullYear keeps years 0–99 literal (Date.UTC would read them as 1900–1999).
  dt.setUTCFullYear(y, m - 1, d);
  return dt.getTime();
}

function fromUtcDay(ms: number): string {
  const dt = new Date(ms);
  const y = String(dt.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(dt.getUTCMonth() + 1).padStart(2, '0')}-${String(dt.getUTCDate()).padStart(2, '0')}`;
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  return fromUtcDay(toUtcDay(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcDay(to) - toUtcDay(from)) / DAY_MS);
}

/** Every date from `from` to `to`, both included; empty when `from` is after `to`. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = toUtcDay(to);
  for (let t = toUtcDay(from); t <= end; t += DAY_MS) out.push(fromUtcDay(t));
  return out;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    clockFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ISO, UTC) at which `date` ('YYYY-MM-DD') plus `plusDays` begins in `timeZone`. A
 * filter "from 2026-11-02 to 2026-11-02" means that day as the tenant lives it, so list filters on
 * timestamps become plain `created_at >= $n::TIMESTAMPTZ` on every backend. A zone the runtime does
 * not know counts as UTC (settings are validated on write; reads must not fail).
 */
export function startOfDay(date: string, timeZone: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const wall = Date.UTC(y, m - 1, d + plusDays);
  // Two passes settle the offset when midnight sits near a DST change.
  let instant = wall - zoneOffsetMs(wall, zone);
  instant = wall - zoneOffsetMs(instant, zone);
  return new Date(instant).toISOString();
}
