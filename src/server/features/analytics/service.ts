/**
 * The ranked stock insights. With a finished forecasting run they come from the stored forecasts
 * and the rules of src/analytics/insights (forecast-insights.ts, source 'forecast'); before the
 * tenant's first run, from 28-day run rates (run-rate.ts, source 'run_rate'). Either way each
 * insight gets its sentence and the product's ABC–XYZ classes (revenue and weekly units of the
 * last 13 weeks, all stores), and they are ranked by impact (src/analytics/insights/rank.ts).
 */
import type { TenantDb } from '../../../store/types.js';
import { notFound } from '../../errors.js';
import type { TenantContext } from '../tenants/schema.js';
import { addDays, daysBetween, localDate, todayIn } from '../../../shared/dates.js';
import { classifyAbcXyz, rankInsights } from '../../../analytics/insights/index.js';
import { latestRun } from '../forecasting/repository.js';
import { tenantTimeZone } from '../sales/period.js';
import { toItem, type Finding } from './finding.js';
import { ANOMALY_HISTORY_DAYS, MARGIN_WINDOW_DAYS, forecastFindings } from './forecast-insights.js';
import { CLASS_WEEKS, classInputs, costPriceHistories, dailyUnitsByRow, type DailySales } from './history.js';
import * as repo from './repository.js';
import { DEAD_AFTER_DAYS, RECENT_DAYS, insightOf } from './run-rate.js';
import type { Insight, Insights, InsightsQuery } from './schema.js';

export const DEFAULT_INSIGHTS = 20;

type Classes = { abc: Insight['abc']; xyz: Insight['xyz'] };

/** Days out of every stock row at 0 (of one store or all), from the ledger. */
async function daysOutByRow(tdb: TenantDb, storeId: string | null, timeZone: string, today: string): Promise<Map<string, number>> {
  const wentOut = await repo.wentOutAt(tdb, storeId);
  return new Map([...wentOut].map(([key, at]) => [key, daysBetween(localDate(new Date(at), timeZone), today)]));
}

async function runRateFindings(tdb: TenantDb, storeId: string | null, today: string, daysOut: Map<string, number>): Promise<Finding[]> {
  const window = { recentFrom: addDays(today, -RECENT_DAYS), recentTo: addDays(today, -1), lateFrom: addDays(today, -DEAD_AFTER_DAYS), today };
  const rows = await repo.stockRows(tdb, window, storeId);
  return rows.map((r) => insightOf({ ...r, days_out: daysOut.get(`${r.store_id}/${r.product_id}`) ?? null }, today)).filter((x): x is Finding => x !== null);
}

async function forecastBasedFindings(tdb: TenantDb, storeId: string | null, today: string, daysOut: Map<string, number>, sales: readonly DailySales[]): Promise<Finding[]> {
  const [rows, lastSale] = await Promise.all([repo.forecastRows(tdb, today, storeId), repo.lastSales(tdb, storeId)]);
  const yesterday = addDays(today, -1);
  return forecastFindings({
    today,
    rows,
    daysOut,
    lastSale,
    dailyUnits: dailyUnitsByRow(sales, addDays(today, -ANOMALY_HISTORY_DAYS), yesterday),
    margins: costPriceHistories(sales, addDays(today, -MARGIN_WINDOW_DAYS), yesterday),
  });
}

export async function getInsights(tdb: TenantDb, tenant: TenantContext, query: InsightsQuery, now: Date): Promise<Insights> {
  const storeId = query.store_id?.toLowerCase() ?? null;
  if (storeId !== null && !(await repo.findStore(tdb, storeId))) throw notFound('Store', query.store_id);
  const timeZone = tenantTimeZone(tenant);
  const today = todayIn(timeZone, now);
  const historyDays = Math.max(ANOMALY_HISTORY_DAYS, MARGIN_WINDOW_DAYS, 7 * CLASS_WEEKS);
  const [run, daysOut, sales, stocked] = await Promise.all([
    latestRun(tdb),
    daysOutByRow(tdb, storeId, timeZone, today),
    repo.dailySales(tdb, addDays(today, -historyDays), addDays(today, -1)),
    repo.stockedProducts(tdb),
  ]);
  const findings = run ? await forecastBasedFindings(tdb, storeId, today, daysOut, sales) : await runRateFindings(tdb, storeId, today, daysOut);

  const classified = classifyAbcXyz(classInputs(sales, stocked, today));
  const classOf = new Map<string, Classes>(classified.map((c) => [c.product_id, { abc: c.abc, xyz: c.xyz }]));
  const classes: Record<string, number> = {};
  for (const c of classified) classes[`${c.abc}${c.xyz}`] = (classes[`${c.abc}${c.xyz}`] ?? 0) + 1;

  const where = { locale: tenant.settings.locale, currency: tenant.settings.currency };
  const ranked = rankInsights(findings);
  const limit = query.limit ?? DEFAULT_INSIGHTS;
  return {
    as_of: today,
    source: run ? 'forecast' : 'run_rate',
    currency: tenant.settings.currency,
    total: ranked.length,
    items: ranked.slice(0, limit).map((f) => toItem(f, classOf.get(f.product_id) ?? { abc: 'C', xyz: null }, where)),
    classes,
  };
}
