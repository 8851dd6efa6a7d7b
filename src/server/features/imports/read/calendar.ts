/**
 * Calendar arithmetic on plain numbers for the date parsers: day numbers (days since 1970-01-01)
 * and ISO text for them, without a Date object per row — at a million rows, allocating Dates and
 * calling toISOString cost more than all the parsing.
 */

export const DAY_MS = 86_400_000;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayNames = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number, cached (a file spans few distinct days). */
export function dayName(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size >= 100_000) dayNames.clear();
    dayNames.set(day, name);
  }
  return name;
}

/** 'YYYY-MM-DDTHH:MM:SS.sssZ' of an instant in ms, as Date#toISOString writes it for years 0–9999. */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  return `${dayName(day)}T${TWO[(rest - (rest % 60)) / 60]}:${TWO[rest % 60]}:${TWO[second]}.${THREE[milli]}Z`;
}
