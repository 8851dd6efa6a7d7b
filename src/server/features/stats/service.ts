/**
 * The dashboard: sales of a period (by day, store, category, product) and the stock as it is now.
 * The period's totals are the sums of its days, so they cost no pass of their own.
 */
import type { TenantDb } from '../../../store/types.js';
import { notFound } from '../../errors.js';
import type { TenantContext } from '../tenants/schema.js';
import { fromCents, toCents } from '../../../shared/money.js';
import { datesBetween } from '../../../shared/dates.js';
import { reportPeriod, tenantTimeZone } from '../sales/period.js';
import { showsTaxes, taxesOf, type Taxes } from '../sales/taxes.js';
import type { TaxCategory } from '../../../shared/taxes.js';
import * as repo from './repository.js';
import type { Stats, StatsQuery } from './schema.js';

export const TOP_PRODUCTS = 10;

/** a ÷ b rounded half away from zero (b > 0). */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  const twice = 2n * (r < 0n ? -r : r);
  return twice >= b ? q + (a < 0n ? -1n : 1n) : q;
}

/** margin ÷ revenue as a percentage with one decimal; null without revenue. */
export function marginPct(marginCents: bigint, revenueCents: bigint): number | null {
  if (revenueCents <= 0n) return null;
  return Number(divRound(marginCents * 1000n, revenueCents)) / 10;
}

export async function getStats(tdb: TenantDb, tenant: TenantContext, query: StatsQuery, now: Date): Promise<Stats> {
  const period = reportPeriod(query.from, query.to, tenantTimeZone(tenant), now);
  const storeId = query.store_id?.toLowerCase() ?? null;
  if (storeId !== null && !(await repo.storeExists(tdb, storeId))) throw notFound('Store', query.store_id);

  const scope = { ...period, storeId };
  const [days, byStore, byCategory, topProducts, stock, taxes] = await Promise.all([
    repo.daily(tdb, scope),
    repo.byStore(tdb, scope),
    repo.byCategory(tdb, scope),
    repo.topProducts(tdb, scope, TOP_PRODUCTS),
    repo.stockSummary(tdb, storeId),
    showsTaxes(tenant) ? periodTaxes(tdb, tenant, scope) : Promise.resolve(null),
  ]);

  let revenue = 0n;
  let cost = 0n;
  let units = 0;
  let tickets = 0;
  const sold = new Map<string, { date: string; revenue: string; units: number; tickets: number }>();
  for (const d of days) {
    revenue += toCents(d.revenue);
    cost += toCents(d.cost);
    units += d.units;
    tickets += d.tickets;
    sold.set(d.date, { date: d.date, revenue: d.revenue, units: d.units, tickets: d.tickets });
  }
  const margin = revenue - cost;

  return {
    currency: tenant.settings.currency,
    from: period.from,
    to: period.to,
    store_id: storeId,
    revenue: fromCents(revenue),
    units,
    tickets,
    average_ticket: tickets === 0 ? '0.00' : fromCents(divRound(revenue, BigInt(tickets))),
    cost: fromCents(cost),
    gross_margin: fromCents(margin),
    gross_margin_pct: marginPct(margin, revenue),
    ...stock,
    daily: datesBetween(period.from, period.to).map((date) => sold.get(date) ?? { date, revenue: '0.00', units: 0, tickets: 0 }),
    by_store: byStore,
    by_category: byCategory,
    top_products: topProducts,
    taxes,
  };
}

/** IVA per category and IGTF of the period, from its net sales per tax category. */
async function periodTaxes(tdb: TenantDb, tenant: TenantContext, scope: repo.StatsScope): Promise<Taxes> {
  const rows = await repo.taxBases(tdb, scope, tenant.settings.currency);
  const line = (r: repo.TaxBaseRow) => ({ amount: r.revenue, taxCategory: r.tax_category as TaxCategory });
  return taxesOf(tenant, rows.map(line), rows.filter((r) => r.foreign).map(line));
}
