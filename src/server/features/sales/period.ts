/** Date ranges of reports and lists, and the time zone that gives a sale its business date. */
import { addDays, daysBetween, isIsoDate, isValidTimeZone, todayIn } from '../../../shared/dates.js';
import { AppError } from '../../errors.js';
import type { TenantContext } from '../tenants/schema.js';

/** Three years, leap day included: wide enough for year-over-year views, small enough to stay fast. */
export const MAX_RANGE_DAYS = 3 * 365 + 1;
/** Report periods without dates cover the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

/**
 * The tenant's time zone. Settings are validated when written; should a bad one slip in, UTC keeps
 * the endpoints answering instead of failing every request.
 */
export function tenantTimeZone(tenant: TenantContext): string {
  const tz = tenant.settings.timezone;
  return isValidTimeZone(tz) ? tz : 'UTC';
}

function checkDate(name: string, value: string): void {
  if (!isIsoDate(value)) throw new AppError('validation_error', `'${name}' must be a calendar date YYYY-MM-DD; got '${value.slice(0, 40)}'.`);
}

/** Refuses a reversed or overlong range. Either end may be open. */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined) checkDate('from', from);
  if (to !== undefined) checkDate('to', to);
  if (from === undefined || to === undefined) return;
  const days = daysBetween(from, to);
  if (days < 0) throw new AppError('validation_error', `'from' (${from}) is after 'to' (${to}).`);
  if (days > MAX_RANGE_DAYS) {
    throw new AppError('validation_error', `The range ${from} … ${to} is longer than 3 years; ask for ${MAX_RANGE_DAYS + 1} days at most.`);
  }
}

/**
 * A closed report period. Missing ends default around today in the tenant's zone: no dates → the
 * last 30 days; only `from` → up to today; only `to` → the 30 days ending then.
 */
export function reportPeriod(from: string | undefined, to: string | undefined, timeZone: string, now = new Date()): { from: string; to: string } {
  checkRange(from, to);
  const end = to ?? todayIn(timeZone, now);
  const start = from ?? addDays(end, -(DEFAULT_PERIOD_DAYS - 1));
  checkRange(start, end);
  return { from: start, to: end };
}
