/** The analytics endpoints: a product's demand forecast and the ranked stock insights. */
import type { TenantDb } from '../../../store/types.js';
import { notFound } from '../../errors.js';
import type { TenantContext } from '../tenants/schema.js';
import { addDays, daysBetween, datesBetween, localDate, todayIn } from '../../../shared/dates.js';
import { tenantTimeZone } from '../sales/period.js';
import { HISTORY_DAYS, HORIZON_DAYS, projectStock, seasonalForecast } from './forecast.js';
import { DEAD_AFTER_DAYS, RECENT_DAYS, rankInsights } from './insights.js';
import * as repo from './repository.js';
import type { Forecast, ForecastQuery, Insights, InsightsQuery } from './schema.js';

export const DEFAULT_INSIGHTS = 20;

export async function getForecast(tdb: TenantDb, tenant: TenantContext, query: ForecastQuery, now: Date): Promise<Forecast> {
  const productId = query.product_id.toLowerCase();
  const storeId = query.store_id?.toLowerCase() ?? null;
  const product = await repo.findProduct(tdb, productId);
  if (!product) throw notFound('Product', query.product_id);
  const store = storeId === null ? null : await repo.findStore(tdb, storeId);
  if (storeId !== null && !store) throw notFound('Store', query.store_id);

  const today = todayIn(tenantTimeZone(tenant), now);
  const from = addDays(today, -HISTORY_DAYS);
  const to = addDays(today, -1);
  const [sold, stock] = await Promise.all([repo.dailyUnits(tdb, productId, storeId, from, to), repo.stockOnHand(tdb, productId, storeId)]);
  const history = datesBetween(from, to).map((date) => ({ date, units: sold.get(date) ?? 0 }));
  const { days, means } = seasonalForecast(history, today, HORIZON_DAYS);
  const { stockoutDate, daysOfCover } = projectStock(stock, means, today);
  return {
    product,
    store: store ?? null,
    method: 'seasonal_mean_4w',
    as_of: today,
    history_days: HISTORY_DAYS,
    horizon_days: HORIZON_DAYS,
    band: 0.8,
    history,
    forecast: days,
    stock,
    days_of_cover: daysOfCover,
    stockout_date: stockoutDate,
  };
}

export async function getInsights(tdb: TenantDb, tenant: TenantContext, query: InsightsQuery, now: Date): Promise<Insights> {
  const storeId = query.store_id?.toLowerCase() ?? null;
  if (storeId !== null && !(await repo.findStore(tdb, storeId))) throw notFound('Store', query.store_id);
  const timeZone = tenantTimeZone(tenant);
  const today = todayIn(timeZone, now);
  const window = { recentFrom: addDays(today, -RECENT_DAYS), recentTo: addDays(today, -1), lateFrom: addDays(today, -DEAD_AFTER_DAYS), today };
  const [rows, wentOut] = await Promise.all([repo.stockRows(tdb, window, storeId), repo.wentOutAt(tdb, storeId)]);
  const withDaysOut = rows.map((r) => {
    const at = wentOut.get(`${r.store_id}/${r.product_id}`);
    return { ...r, days_out: at === undefined ? null : daysBetween(localDate(new Date(at), timeZone), today) };
  });
  const all = rankInsights(withDaysOut, today);
  const limit = query.limit ?? DEFAULT_INSIGHTS;
  return { as_of: today, currency: tenant.settings.currency, total: all.length, items: all.slice(0, limit) };
}
