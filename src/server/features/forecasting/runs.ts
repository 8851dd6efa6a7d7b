/**
 * A forecasting run of one tenant: read its demand series (series.ts), learn its calendar, forecast
 * and backtest every series (src/analytics), then replace its stored forecasts and record the run
 * with its accuracy summary. Started by `fluxion forecast`, the nightly schedule, a finished sales
 * import, or an owner's request; one run per tenant at a time in a process (a second request
 * while one runs joins it).
 *
 * The engine is synchronous CPU work (about 2 ms per series on one core of this machine); it runs
 * on worker threads (src/analytics/parallel.ts), one per core, so a server's event loop keeps
 * answering requests meanwhile.
 */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../../../store/types.js';
import type { ForecastTrigger } from '../../../store/migrations/007_forecasts.js';
import { estimateCalendar, type Calendar } from '../../../analytics/calendar.js';
import { summarise, type Summary } from '../../../analytics/run.js';
import { runSeriesInParallel } from '../../../analytics/parallel.js';
import { abcClasses } from '../../../analytics/insights/abc-xyz.js';
import { todayIn } from '../../../shared/dates.js';
import { HISTORY_DAYS } from './constants.js';
import { loadSeries } from './series.js';
import * as repo from './repository.js';

export interface RunOptions {
  trigger: ForecastTrigger;
  actor: string;
  timeZone: string;
  now?: Date;
  onProgress?: (phase: 'reading' | 'forecasting' | 'writing', done: number, total: number) => void;
}

export interface RunReport {
  id: string;
  as_of: string;
  series: number;
  seconds: number;
  overall: Summary['overall'];
  by_abc: Summary['byGroup'];
  by_model: Summary['byModel'];
  by_demand_class: Summary['byDemandClass'];
  models_chosen: Record<string, number>;
  calendar: Calendar;
}

const running = new Map<string, Promise<RunReport>>();

/** Runs (or joins the run under way of) the tenant's forecasts. */
export function runForecasts(tdb: TenantDb, options: RunOptions): Promise<RunReport> {
  const current = running.get(tdb.tenantId);
  if (current) return current;
  const run = execute(tdb, options).finally(() => running.delete(tdb.tenantId));
  running.set(tdb.tenantId, run);
  return run;
}

export function isRunning(tenantId: string): boolean {
  return running.has(tenantId);
}

async function execute(tdb: TenantDb, o: RunOptions): Promise<RunReport> {
  const started = o.now ?? new Date();
  const t0 = performance.now();
  const asOf = todayIn(o.timeZone, started);
  const id = randomUUID();
  // On the caller's clock, like the start: the start plus the time the run took.
  const finishedAt = () => new Date(started.getTime() + (performance.now() - t0)).toISOString();
  await repo.insertRun(tdb, { id, trigger: o.trigger, asOf, createdBy: o.actor, startedAt: started.toISOString() });
  try {
    o.onProgress?.('reading', 0, 1);
    const data = await loadSeries(tdb, asOf, HISTORY_DAYS, o.timeZone);
    const calendar = estimateCalendar(data.total, data.totalStart);
    o.onProgress?.('forecasting', 0, data.series.length);
    const outcomes = await runSeriesInParallel(data.series, calendar, { onProgress: (done, total) => o.onProgress?.('forecasting', done, total) });
    const abc = abcClasses(data.revenue);
    const productOf = new Map(data.series.map((s) => [s.key, s.productId]));
    const summary = summarise(outcomes, (key) => abc.get(productOf.get(key) ?? ''));
    o.onProgress?.('writing', 0, 1);
    const rows = data.series.map((s, i) => {
      const forecast = summary.series[i]!;
      const sd = outcomes[i]!.final.sd;
      return { storeId: s.storeId, productId: s.productId, abc: abc.get(s.productId) ?? 'C', sigma: sd.reduce((a, b) => a + b, 0) / Math.max(1, sd.length), forecast };
    });
    const modelsChosen: Record<string, number> = {};
    for (const s of summary.series) modelsChosen[s.model] = (modelsChosen[s.model] ?? 0) + 1;
    const seconds = (performance.now() - t0) / 1000;
    const report: RunReport = {
      id,
      as_of: asOf,
      series: rows.length,
      seconds: Math.round(seconds * 10) / 10,
      overall: summary.overall,
      by_abc: summary.byGroup,
      by_model: summary.byModel,
      by_demand_class: summary.byDemandClass,
      models_chosen: modelsChosen,
      calendar,
    };
    await tdb.tx(async (tx) => {
      await repo.replaceForecasts(tx, id, asOf, rows);
      await repo.finishRun(tx, id, { status: 'succeeded', series: rows.length, summary: report, error: null, finishedAt: finishedAt(), durationMs: performance.now() - t0 });
    });
    o.onProgress?.('writing', 1, 1);
    return report;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await repo
      .finishRun(tdb, id, { status: 'failed', series: 0, summary: null, error: message.slice(0, 1000), finishedAt: finishedAt(), durationMs: performance.now() - t0 })
      .catch(() => undefined);
    throw err;
  }
}
