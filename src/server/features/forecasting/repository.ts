/**
 * SQL of forecasting runs and stored forecasts. A run replaces the tenant's forecasts whole, in
 * one transaction: readers see the previous run's forecasts or the new ones, never a mix.
 */
import type { SqlParam, TenantDb } from '../../../store/types.js';
import type { ForecastTrigger } from '../../../store/migrations/007_forecasts.js';
import type { SeriesForecast } from '../../../analytics/run.js';

export interface StoredRun {
  id: string;
  trigger: ForecastTrigger;
  status: 'running' | 'succeeded' | 'failed';
  as_of: string;
  series: number;
  summary: unknown;
  error: string | null;
  created_by: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
}

const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

export async function insertRun(tdb: TenantDb, r: { id: string; trigger: ForecastTrigger; asOf: string; createdBy: string; startedAt: string }): Promise<void> {
  await tdb.run(
    `INSERT INTO forecast_runs (tenant_id, id, trigger, status, as_of, created_by, started_at) VALUES ($1, $2::UUID, $3, 'running', $4::DATE, $5, $6::TIMESTAMPTZ)`,
    [r.id, r.trigger, r.asOf, r.createdBy, r.startedAt],
  );
}

export async function finishRun(tdb: TenantDb, id: string, f: { status: 'succeeded' | 'failed'; series: number; summary: unknown; error: string | null; finishedAt: string; durationMs: number }): Promise<void> {
  await tdb.run(
    `UPDATE forecast_runs SET status = $3, series = $4, summary = $5, error = $6, finished_at = $7::TIMESTAMPTZ, duration_ms = $8 WHERE tenant_id = $1 AND id = $2::UUID`,
    [id, f.status, f.series, f.summary === null ? null : JSON.stringify(f.summary), f.error, f.finishedAt, Math.round(f.durationMs)],
  );
}

function toRun(r: Record<string, unknown>): StoredRun {
  return {
    id: String(r.id),
    trigger: String(r.trigger) as ForecastTrigger,
    status: String(r.status) as StoredRun['status'],
    as_of: String(r.as_of),
    series: Number(r.series),
    summary: r.summary === null ? null : json(r.summary),
    error: r.error === null ? null : String(r.error),
    created_by: String(r.created_by),
    started_at: iso(r.started_at)!,
    finished_at: iso(r.finished_at),
    duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
  };
}

const RUN_COLUMNS = 'id, trigger, status, as_of, series, summary, error, created_by, started_at, finished_at, duration_ms';

/** The latest successful run, or undefined. */
export async function latestRun(tdb: TenantDb): Promise<StoredRun | undefined> {
  const r = await tdb.get(`SELECT ${RUN_COLUMNS} FROM forecast_runs WHERE tenant_id = $1 AND status = 'succeeded' ORDER BY started_at DESC LIMIT 1`);
  return r ? toRun(r) : undefined;
}

export async function listRuns(tdb: TenantDb, limit: number): Promise<StoredRun[]> {
  const rows = await tdb.all(`SELECT ${RUN_COLUMNS} FROM forecast_runs WHERE tenant_id = $1 ORDER BY started_at DESC LIMIT $2`, [limit]);
  return rows.map(toRun);
}

export interface ForecastRow {
  storeId: string;
  productId: string;
  abc: string | null;
  sigma: number;
  forecast: SeriesForecast;
}

const COLUMNS = [
  'store_id', 'product_id', 'run_id', 'as_of', 'model', 'params', 'demand_class', 'abc', 'median', 'mean', 'lo80', 'hi80', 'lo95', 'hi95',
  'sigma', 'mase', 'naive_mase', 'bias', 'coverage80', 'coverage95', 'days_scored',
] as const;
const CASTS: Partial<Record<(typeof COLUMNS)[number], string>> = { store_id: '::UUID', product_id: '::UUID', run_id: '::UUID', as_of: '::DATE' };
const BATCH = 200;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const arr = (xs: readonly number[]) => JSON.stringify(xs.map((x) => Math.round(x * 100) / 100));
const num = (x: number | null) => (x === null || !Number.isFinite(x) ? null : r4(x));

/** Replaces the tenant's forecasts by `rows` (inside the caller's transaction). */
export async function replaceForecasts(tx: TenantDb, runId: string, asOf: string, rows: readonly ForecastRow[]): Promise<void> {
  await tx.run('DELETE FROM forecasts WHERE tenant_id = $1');
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const params: SqlParam[] = [];
    const tuples = batch.map((row) => {
      const f = row.forecast;
      const a = f.accuracy;
      const values: SqlParam[] = [
        row.storeId, row.productId, runId, asOf, f.model, JSON.stringify(f.params), f.demandClass, row.abc,
        arr(f.median), arr(f.mean), arr(f.lo80), arr(f.hi80), arr(f.lo95), arr(f.hi95),
        r4(row.sigma), num(a.mase), num(a.naiveMase), num(a.bias), num(a.coverage80), num(a.coverage95), a.days,
      ];
      const placeholders = values.map((v, k) => `$${params.push(v) + 1}${CASTS[COLUMNS[k]!] ?? ''}`);
      return `($1, ${placeholders.join(', ')})`;
    });
    await tx.run(`INSERT INTO forecasts (tenant_id, ${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

export interface StoredForecast {
  store_id: string;
  product_id: string;
  run_id: string;
  as_of: string;
  model: string;
  params: Record<string, number>;
  demand_class: string;
  abc: string | null;
  /** The point forecast (predictive median) per day. */
  median: number[];
  mean: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
  sigma: number;
  mase: number | null;
  naive_mase: number | null;
  bias: number | null;
  coverage80: number | null;
  coverage95: number | null;
  days_scored: number;
}

const nul = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toForecast(r: Record<string, unknown>): StoredForecast {
  return {
    store_id: String(r.store_id),
    product_id: String(r.product_id),
    run_id: String(r.run_id),
    as_of: String(r.as_of),
    model: String(r.model),
    params: json(r.params) as Record<string, number>,
    demand_class: String(r.demand_class),
    abc: r.abc === null ? null : String(r.abc),
    median: json(r.median) as number[],
    mean: json(r.mean) as number[],
    lo80: json(r.lo80) as number[],
    hi80: json(r.hi80) as number[],
    lo95: json(r.lo95) as number[],
    hi95: json(r.hi95) as number[],
    sigma: Number(r.sigma),
    mase: nul(r.mase),
    naive_mase: nul(r.naive_mase),
    bias: nul(r.bias),
    coverage80: nul(r.coverage80),
    coverage95: nul(r.coverage95),
    days_scored: Number(r.days_scored),
  };
}

/** Stored forecasts of one product (in one store, or every store). */
export async function forecastsOf(tdb: TenantDb, productId: string, storeId: string | null): Promise<StoredForecast[]> {
  const rows = await tdb.all(
    `SELECT ${COLUMNS.join(', ')} FROM forecasts WHERE tenant_id = $1 AND product_id = $2::UUID AND ${storeId === null ? 'TRUE' : 'store_id = $3::UUID'} ORDER BY store_id`,
    storeId === null ? [productId] : [productId, storeId],
  );
  return rows.map(toForecast);
}

/** Every stored forecast of the tenant (or one store). */
export async function allForecasts(tdb: TenantDb, storeId: string | null): Promise<StoredForecast[]> {
  const rows = await tdb.all(
    `SELECT ${COLUMNS.join(', ')} FROM forecasts WHERE tenant_id = $1 AND ${storeId === null ? 'TRUE' : 'store_id = $2::UUID'}`,
    storeId === null ? [] : [storeId],
  );
  return rows.map(toForecast);
}

/** Mean MASE of each store's series in the stored forecasts, with the naive benchmark's. */
export async function accuracyByStore(tdb: TenantDb): Promise<Array<{ store_id: string; store_name: string; series: number; mase: number | null; naive_mase: number | null }>> {
  const rows = await tdb.all(
    `SELECT f.store_id, s.name AS store_name, count(*) AS series, avg(f.mase) AS mase, avg(f.naive_mase) AS naive_mase
     FROM forecasts f JOIN stores s ON s.tenant_id = f.tenant_id AND s.id = f.store_id
     WHERE f.tenant_id = $1
     GROUP BY f.store_id, s.name
     ORDER BY s.name`,
  );
  return rows.map((r) => ({ store_id: String(r.store_id), store_name: String(r.store_name), series: Number(r.series), mase: nul(r.mase), naive_mase: nul(r.naive_mase) }));
}
