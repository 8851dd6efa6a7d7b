/** SQL for exchange_rates. Rows leave as domain types, rates as 6-decimal strings. */
import type { Row, TenantDb } from '../../../store/types.js';
import { fetchPage, mapPage, SqlFilter } from '../../http/sql.js';
import type { PageOf } from '../../http/schemas.js';
import type { ExchangeRate, RatesQuery } from './schema.js';

const COLUMNS = 'r.currency, r.rate_date, r.rate, r.source, r.created_by, r.created_at';

/** "36.5123" or 36.5123 → "36.512300". The value has at most 6 decimals (checked before, or DECIMAL(18, 6)). */
export function rateText(value: unknown): string {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(String(value).trim());
  if (!m) throw new RangeError(`Not a rate: '${String(value)}'`);
  return `${BigInt(m[1]!).toString()}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}`;
}

function toRate(r: Row): ExchangeRate {
  return {
    currency: String(r.currency),
    rate_date: String(r.rate_date),
    rate: rateText(r.rate),
    source: String(r.source),
    created_by: r.created_by === null || r.created_by === undefined ? null : String(r.created_by),
    created_at: String(r.created_at),
  };
}

export async function listRates(tdb: TenantDb, query: RatesQuery): Promise<PageOf<ExchangeRate>> {
  const f = new SqlFilter();
  f.when(query.currency, (p) => `r.currency = ${p}::VARCHAR`);
  f.when(query.from, (p) => `r.rate_date >= ${p}::DATE`);
  f.when(query.to, (p) => `r.rate_date <= ${p}::DATE`);
  const page = await fetchPage(f, query, (paging, params) =>
    tdb.all(
      `SELECT
         ${COLUMNS},
         count(*) OVER () AS total_count
       FROM exchange_rates r
       WHERE r.tenant_id = $1
         AND ${f.sql}
       ORDER BY r.rate_date DESC, r.currency ASC
       ${paging}`,
      params,
    ),
  );
  return mapPage(page, toRate);
}

/** The latest rate of `currency` on or before `date`, or undefined. */
export async function rateOnOrBefore(tdb: TenantDb, currency: string, date: string): Promise<ExchangeRate | undefined> {
  const row = await tdb.get(
    `SELECT
       ${COLUMNS}
     FROM exchange_rates r
     WHERE r.tenant_id = $1 AND r.currency = $2::VARCHAR AND r.rate_date <= $3::DATE
     ORDER BY r.rate_date DESC
     LIMIT 1`,
    [currency, date],
  );
  return row ? toRate(row) : undefined;
}

/** The rate entered for exactly that day, or undefined. */
export async function rateOfDay(tdb: TenantDb, currency: string, date: string): Promise<ExchangeRate | undefined> {
  const row = await tdb.get(
    `SELECT
       ${COLUMNS}
     FROM exchange_rates r
     WHERE r.tenant_id = $1 AND r.currency = $2::VARCHAR AND r.rate_date = $3::DATE`,
    [currency, date],
  );
  return row ? toRate(row) : undefined;
}

export interface RateWrite {
  currency: string;
  date: string;
  rate: string;
  source: string;
  createdBy: string;
  createdAt: string;
}

/** Insert the day's rate, or replace the one there (INSERT … ON CONFLICT works alike on DuckDB and PostgreSQL). */
export async function upsertRate(tdb: TenantDb, w: RateWrite): Promise<void> {
  await tdb.run(
    `INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate, source, created_by, created_at)
     VALUES ($1, $2::VARCHAR, $3::DATE, $4::DECIMAL(18,6), $5::VARCHAR, $6::VARCHAR, $7::TIMESTAMPTZ)
     ON CONFLICT (tenant_id, currency, rate_date)
     DO UPDATE SET rate = EXCLUDED.rate, source = EXCLUDED.source, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at`,
    [w.currency, w.date, w.rate, w.source, w.createdBy, w.createdAt],
  );
}
