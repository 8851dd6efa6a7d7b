/**
 * Exchange rates: 1 unit of a foreign currency is worth `rate` units of the tenant's currency (the
 * official BCV rate: bolívares per dollar). Managers enter one per day; the rate of any day is the
 * latest entered on or before it, so weekends and holidays use the last business day's
 * (src/shared/exchange.ts states the same rule for the SPA, sales use it in SQL).
 */
import type { TenantDb } from '../../../store/types.js';
import type { PageOf } from '../../http/schemas.js';
import { AppError } from '../../errors.js';
import type { Auditor } from '../audit/writer.js';
import type { TenantContext } from '../tenants/schema.js';
import { addDays, isIsoDate, todayIn } from '../../../shared/dates.js';
import { isValidRate } from '../../../shared/exchange.js';
import { tenantTimeZone } from '../sales/period.js';
import * as repo from './repository.js';
import { RATE_INPUT_PATTERN, type CurrentRate, type CurrentRateQuery, type ExchangeRate, type PutRate, type PutRateResult, type RatesQuery } from './schema.js';

/** Rates before this day are a typo, not history (sales refuse earlier dates too). */
const EARLIEST_RATE_DATE = '2000-01-01';
const DEFAULT_SOURCE = 'BCV';

function checkDate(name: string, value: string): void {
  if (!isIsoDate(value)) throw new AppError('validation_error', `'${name}' must be a calendar date YYYY-MM-DD; got '${value.slice(0, 40)}'.`);
}

export async function listRates(tdb: TenantDb, query: RatesQuery): Promise<PageOf<ExchangeRate>> {
  if (query.from !== undefined) checkDate('from', query.from);
  if (query.to !== undefined) checkDate('to', query.to);
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new AppError('validation_error', `'from' (${query.from}) is after 'to' (${query.to}).`);
  }
  return repo.listRates(tdb, query);
}

function refuseOwnCurrency(tenant: TenantContext, currency: string): void {
  const own = tenant.settings.currency;
  if (currency === own) {
    throw new AppError('validation_error', `${currency} is the tenant's own currency: its rate is always 1. Exchange rates are for other currencies (e.g. USD for a ${own === 'USD' ? 'VES' : own} tenant).`);
  }
}

export async function currentRate(tdb: TenantDb, tenant: TenantContext, query: CurrentRateQuery, now: Date): Promise<CurrentRate> {
  refuseOwnCurrency(tenant, query.currency);
  const on = query.on ?? todayIn(tenantTimeZone(tenant), now);
  checkDate('on', on);
  const found = await repo.rateOnOrBefore(tdb, query.currency, on);
  if (!found) {
    throw new AppError(
      'not_found',
      `No ${query.currency} exchange rate on or before ${on}: a manager enters it with PUT /api/v1/exchange-rates (settings → exchange rates).`,
      { currency: query.currency, on },
    );
  }
  return { currency: found.currency, on, rate_date: found.rate_date, rate: found.rate, source: found.source };
}

/** A rate as sent (string or JSON number), checked and in canonical 6-decimal form. */
export function parseRateInput(raw: string | number): string {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (!new RegExp(RATE_INPUT_PATTERN).test(text)) {
    throw new AppError('validation_error', `'rate' must be a positive decimal with at most 12 integer digits and 6 decimals, e.g. "36.5123"; got '${text.slice(0, 40)}'.`);
  }
  if (!isValidRate(text)) throw new AppError('validation_error', `'rate' must be greater than 0; got '${text}'.`);
  return repo.rateText(text);
}

function cleanSource(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_SOURCE;
  const source = raw.trim();
  if (source.length === 0) throw new AppError('validation_error', `'source' must not be blank (default ${DEFAULT_SOURCE}).`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(source)) throw new AppError('validation_error', `'source' must not contain control characters.`);
  return source;
}

export interface PutContext {
  tenant: TenantContext;
  actor: string;
  /** Records 'exchange_rate.set' in the write's own transaction. */
  record: Auditor;
  now: Date;
}

/** Enter (or correct) the rate of one day, with the old and new rate in the audit trail. */
export async function putRate(tdb: TenantDb, input: PutRate, ctx: PutContext): Promise<PutRateResult> {
  refuseOwnCurrency(ctx.tenant, input.currency);
  checkDate('date', input.date);
  const tomorrow = addDays(todayIn(tenantTimeZone(ctx.tenant), ctx.now), 1);
  if (input.date > tomorrow) {
    throw new AppError('validation_error', `'date' (${input.date}) is too far ahead: rates are entered up to tomorrow (${tomorrow}), when the BCV publishes the next business day's rate.`);
  }
  if (input.date < EARLIEST_RATE_DATE) throw new AppError('validation_error', `'date' (${input.date}) is before ${EARLIEST_RATE_DATE}.`);
  const rate = parseRateInput(input.rate);
  const source = cleanSource(input.source);

  return tdb.tx(async (tx) => {
    await tx.lock(`exchange-rate:${input.currency}:${input.date}`);
    const before = await repo.rateOfDay(tx, input.currency, input.date);
    if (before && before.rate === rate && before.source === source) {
      return { ...before, outcome: 'unchanged' as const, previous_rate: before.rate };
    }
    await repo.upsertRate(tx, { currency: input.currency, date: input.date, rate, source, createdBy: ctx.actor, createdAt: ctx.now.toISOString() });
    await ctx.record(tx, {
      action: 'exchange_rate.set',
      targetType: 'exchange_rate',
      targetId: `${input.currency}:${input.date}`,
      details: {
        currency: input.currency,
        date: input.date,
        from: before ? { rate: before.rate, source: before.source } : null,
        to: { rate, source },
      },
    });
    const after = await repo.rateOfDay(tx, input.currency, input.date);
    if (!after) throw new Error('The exchange rate just written cannot be read back');
    return { ...after, outcome: before ? ('replaced' as const) : ('created' as const), previous_rate: before?.rate ?? null };
  });
}
