/**
 * Reading stored forecasts: a product's forecast (one store, or all stores summed) with its
 * history and stock, and the accuracy report of the latest run. Forecasts are made by runs
 * (runs.ts); before a tenant's first run has finished these answer 409 forecast_pending.
 */
import type { TenantDb } from '../../../store/types.js';
import { AppError, notFound } from '../../errors.js';
import type { TenantContext } from '../tenants/schema.js';
import { addDays, datesBetween } from '../../../shared/dates.js';
import { tenantTimeZone } from '../sales/period.js';
import * as analytics from '../analytics/repository.js';
import * as repo from './repository.js';
import { stockoutDays } from './series.js';
import type { AccuracyReport, AggregateView, Forecast, ForecastQuery } from './schema.js';
import type { Aggregate } from '../../../analytics/run.js';
import type { RunReport } from './runs.js';

export const HISTORY_SHOWN = 56;

export const pending = () =>
  new AppError('forecast_pending', 'No forecast has been computed for this company yet. Forecasts run every night, after each sales import, and on request (POST /api/v1/forecast/runs); the first takes about a minute.');

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const sumBy = (rows: readonly repo.StoredForecast[], pick: (f: repo.StoredForecast) => number[]) =>
  rows[0]!.mean.map((_, t) => rows.reduce((s, f) => s + (pick(f)[t] ?? 0), 0));
const meanOf = (values: Array<number | null>) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

export async function getForecast(tdb: TenantDb, tenant: TenantContext, query: ForecastQuery): Promise<Forecast> {
  const productId = query.product_id.toLowerCase();
  const storeId = query.store_id?.toLowerCase() ?? null;
  const product = await analytics.findProduct(tdb, productId);
  if (!product) throw notFound('Product', query.product_id);
  const store = storeId === null ? null : await analytics.findStore(tdb, storeId);
  if (storeId !== null && !store) throw notFound('Store', query.store_id);
  const run = await repo.latestRun(tdb);
  if (!run) throw pending();
  const rows = await repo.forecastsOf(tdb, productId, storeId);
  if (rows.length === 0) throw notFound('Forecast of the product in this store (it has no stock row, or is inactive)');

  const asOf = run.as_of;
  const from = addDays(asOf, -HISTORY_SHOWN);
  const to = addDays(asOf, -1);
  const [sold, stock, out] = await Promise.all([
    analytics.dailyUnits(tdb, productId, storeId, from, to),
    analytics.stockOnHand(tdb, productId, storeId),
    stockoutDays(tdb, productId, storeId, from, to, tenantTimeZone(tenant)),
  ]);
  const one = rows.length === 1 ? rows[0]! : null;
  const mean = sumBy(rows, (f) => f.mean);
  const series = {
    units: sumBy(rows, (f) => f.mean.map((_, t) => medianOf(f, t))),
    lo80: sumBy(rows, (f) => f.lo80),
    hi80: sumBy(rows, (f) => f.hi80),
    lo95: sumBy(rows, (f) => f.lo95),
    hi95: sumBy(rows, (f) => f.hi95),
  };
  const days = datesBetween(asOf, addDays(asOf, mean.length - 1));
  const { stockoutDate, daysOfCover } = project(stock, mean, asOf);
  return {
    product,
    store: store ?? null,
    as_of: asOf,
    run: { id: run.id, finished_at: run.finished_at ?? run.started_at },
    model: (one?.model ?? null) as Forecast['model'],
    params: one?.params ?? null,
    demand_class: (one?.demand_class ?? null) as Forecast['demand_class'],
    abc: (rows[0]!.abc ?? null) as Forecast['abc'],
    accuracy: {
      mase: meanOf(rows.map((f) => f.mase)),
      naive_mase: meanOf(rows.map((f) => f.naive_mase)),
      bias: meanOf(rows.map((f) => f.bias)),
      coverage80: meanOf(rows.map((f) => f.coverage80)),
      coverage95: meanOf(rows.map((f) => f.coverage95)),
      days_scored: rows.reduce((s, f) => s + f.days_scored, 0),
    },
    history: datesBetween(from, to).map((date) => ({ date, units: sold.get(date) ?? 0, stockout: out.has(date) })),
    forecast: days.map((date, t) => ({
      date,
      units: round(series.units[t]!),
      mean: round(mean[t]!),
      low: round(series.lo80[t]!),
      high: round(series.hi80[t]!),
      low95: round(series.lo95[t]!),
      high95: round(series.hi95[t]!),
    })),
    stock,
    days_of_cover: daysOfCover,
    stockout_date: stockoutDate,
  };
}

/** The stored point forecast of a day: the median, kept as `median` in the arrays written by runs. */
function medianOf(f: repo.StoredForecast, t: number): number {
  return f.median[t] ?? f.mean[t] ?? 0;
}

/** When the expected demand from `start` uses up `stock`, and the days of cover (stock ÷ mean per day). */
export function project(stock: number, means: readonly number[], start: string): { stockoutDate: string | null; daysOfCover: number | null } {
  const perDay = means.length === 0 ? 0 : means.reduce((a, b) => a + b, 0) / means.length;
  const daysOfCover = perDay > 0 ? round(Math.max(0, stock) / perDay, 1) : null;
  if (stock <= 0) return { stockoutDate: start, daysOfCover };
  let used = 0;
  for (let i = 0; i < means.length; i++) {
    used += means[i]!;
    if (used >= stock - 1e-9) return { stockoutDate: addDays(start, i), daysOfCover };
  }
  return { stockoutDate: null, daysOfCover };
}

const view = (a: Aggregate): AggregateView => ({
  n: a.n,
  mase: a.mase,
  mean_mase: a.meanMase,
  naive_mase: a.naiveMase,
  ratio: a.ratio,
  coverage80: a.coverage80,
  coverage95: a.coverage95,
});
const views = (r: Record<string, Aggregate>) => Object.fromEntries(Object.entries(r).map(([k, a]) => [k, view(a)]));

export async function getAccuracy(tdb: TenantDb): Promise<AccuracyReport> {
  const run = await repo.latestRun(tdb);
  if (!run) throw pending();
  const report = run.summary as RunReport;
  return {
    run: { id: run.id, as_of: run.as_of, finished_at: run.finished_at ?? run.started_at, series: run.series, seconds: report.seconds },
    overall: view(report.overall),
    by_model: views(report.by_model),
    by_abc: views(report.by_abc),
    by_demand_class: views(report.by_demand_class),
    by_store: await repo.accuracyByStore(tdb),
    models_chosen: report.models_chosen,
  };
}
