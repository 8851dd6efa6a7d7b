/** The ranked stock insights. */
import type { TenantDb } from '../../../store/types.js';
import { notFound } from '../../errors.js';
import type { TenantContext } from '../tenants/schema.js';
import { addDays, daysBetween, datesBetween, localDate, todayIn } from '../../../shared/dates.js';
import { tenantTimeZone } from '../sales/period.js';
import { DEAD_AFTER_DAYS, RECENT_DAYS, rankInsights } from './insights.js';
import * as repo from './repository.js';
import type { Insights, InsightsQuery } from './schema.js';

export const DEFAULT_INSIGHTS = 20;

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
