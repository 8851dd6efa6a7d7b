/**
 * SQL for the dashboard. Each section is one pass over the period's sales lines, filtered on
 * `tenant_id = $1 AND business_date BETWEEN …` so the (tenant_id, business_date) index and the
 * column store's zone maps skip everything outside the period; aggregates by product or store
 * are computed before joining names, so joins touch hundreds of rows, not millions.
 *
 * A line's amount in the tenant's currency is (quantity × unit_price − discount) × fx_rate,
 * rounded to the cent per line; its cost is quantity × unit_cost × fx_rate, likewise.
 */
import type { SqlParam, TenantDb } from '../../../store/types.js';
import { money } from '../../../shared/money.js';

// Most lines are in the tenant's currency (rate 1) and take the cheap 64-bit path. Converted
// lines are multiplied in DECIMAL(38, …), so a large amount at a large rate stays exact, then
// brought back to DECIMAL(18, 2) like every stored amount: keeping the whole expression 64-bit
// makes the sums several times faster on DuckDB than 128-bit arithmetic on every line.
const LINE_REVENUE =
  'CASE WHEN v.fx_rate = 1 THEN v.unit_price * v.quantity - v.discount ' +
  'ELSE CAST(ROUND(CAST(v.unit_price * v.quantity - v.discount AS DECIMAL(38, 2)) * v.fx_rate, 2) AS DECIMAL(18, 2)) END';
const LINE_COST =
  'CASE WHEN v.fx_rate = 1 THEN v.unit_cost * v.quantity ' +
  'ELSE CAST(ROUND(CAST(v.unit_cost * v.quantity AS DECIMAL(38, 2)) * v.fx_rate, 2) AS DECIMAL(18, 2)) END';
// Lines are numbered from 1, so each ticket has exactly one line 1: counting those counts the
// tickets without hashing millions of ticket ids (count(DISTINCT ticket) is ~10× slower).
const TICKETS = 'count(*) FILTER (WHERE v.line = 1)';

export interface StatsScope {
  from: string;
  to: string;
  storeId: string | null;
}

/**
 * The sales filter and its parameters. Fixed fragments with fixed placeholders: the store
 * condition is left out, not neutralised, when no store is asked for.
 */
function salesScope(s: StatsScope): { sql: string; params: SqlParam[] } {
  return s.storeId === null
    ? { sql: 'v.business_date BETWEEN $2::DATE AND $3::DATE', params: [s.from, s.to] }
    : { sql: 'v.business_date BETWEEN $2::DATE AND $3::DATE AND v.store_id = $4::UUID', params: [s.from, s.to, s.storeId] };
}

const int = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export interface DayRow {
  date: string;
  revenue: string;
  cost: string;
  units: number;
  tickets: number;
}

/**
 * Days with sales only; the service fills the others with zeros. Every figure here adds up
 * across days (a ticket has one line 1, on one day), so the period's totals are these sums.
 */
export async function daily(tdb: TenantDb, scope: StatsScope): Promise<DayRow[]> {
  const f = salesScope(scope);
  const rows = await tdb.all(
    `SELECT
       v.business_date AS date,
       sum(${LINE_REVENUE}) AS revenue,
       sum(${LINE_COST}) AS cost,
       sum(v.quantity) AS units,
       ${TICKETS} AS tickets
     FROM ventas v
     WHERE v.tenant_id = $1
       AND ${f.sql}
     GROUP BY v.business_date
     ORDER BY v.business_date`,
    f.params,
  );
  return rows.map((r) => ({ date: String(r.date), revenue: money(r.revenue), cost: money(r.cost), units: int(r.units), tickets: int(r.tickets) }));
}

export interface StoreRow {
  store_id: string;
  store_name: string;
  revenue: string;
  units: number;
  tickets: number;
}

/** Every active store (or the one asked for), with zeros where nothing sold; inactive ones only if they sold. */
export async function byStore(tdb: TenantDb, scope: StatsScope): Promise<StoreRow[]> {
  const f = salesScope(scope);
  const storeCondition = scope.storeId === null ? 'TRUE' : 's.id = $4::UUID';
  const rows = await tdb.all(
    `WITH agg AS (
       SELECT
         v.store_id,
         sum(${LINE_REVENUE}) AS revenue,
         sum(v.quantity) AS units,
         ${TICKETS} AS tickets
       FROM ventas v
       WHERE v.tenant_id = $1
         AND ${f.sql}
       GROUP BY v.store_id
     )
     SELECT s.id AS store_id, s.name AS store_name,
            COALESCE(a.revenue, 0) AS revenue, COALESCE(a.units, 0) AS units, COALESCE(a.tickets, 0) AS tickets
     FROM stores s
     LEFT JOIN agg a ON a.store_id = s.id
     WHERE s.tenant_id = $1
       AND (s.active OR a.store_id IS NOT NULL)
       AND ${storeCondition}
     ORDER BY COALESCE(a.revenue, 0) DESC, s.name, s.id`,
    f.params,
  );
  return rows.map((r) => ({
    store_id: String(r.store_id),
    store_name: String(r.store_name),
    revenue: money(r.revenue),
    units: int(r.units),
    tickets: int(r.tickets),
  }));
}

export interface CategoryRow {
  category: string;
  revenue: string;
  units: number;
  margin: string;
}

export async function byCategory(tdb: TenantDb, scope: StatsScope): Promise<CategoryRow[]> {
  const f = salesScope(scope);
  const rows = await tdb.all(
    `WITH agg AS (
       SELECT
         v.product_id,
         sum(${LINE_REVENUE}) AS revenue,
         sum(${LINE_COST}) AS cost,
         sum(v.quantity) AS units
       FROM ventas v
       WHERE v.tenant_id = $1
         AND ${f.sql}
       GROUP BY v.product_id
     )
     SELECT p.category, sum(a.revenue) AS revenue, sum(a.units) AS units, sum(a.revenue - a.cost) AS margin
     FROM agg a
     JOIN productos p ON p.tenant_id = $1 AND p.id = a.product_id
     GROUP BY p.category
     ORDER BY sum(a.revenue) DESC, p.category`,
    f.params,
  );
  return rows.map((r) => ({ category: String(r.category), revenue: money(r.revenue), units: int(r.units), margin: money(r.margin) }));
}

export interface ProductRow {
  product_id: string;
  sku: string;
  name: string;
  revenue: string;
  units: number;
}

export async function topProducts(tdb: TenantDb, scope: StatsScope, limit: number): Promise<ProductRow[]> {
  const f = salesScope(scope);
  const limitParam = `$${f.params.length + 2}::INTEGER`;
  const rows = await tdb.all(
    `WITH agg AS (
       SELECT
         v.product_id,
         sum(${LINE_REVENUE}) AS revenue,
         sum(v.quantity) AS units
       FROM ventas v
       WHERE v.tenant_id = $1
         AND ${f.sql}
       GROUP BY v.product_id
     )
     SELECT a.product_id, p.sku, p.name, a.revenue, a.units
     FROM agg a
     JOIN productos p ON p.tenant_id = $1 AND p.id = a.product_id
     ORDER BY a.revenue DESC, a.units DESC, p.sku
     LIMIT ${limitParam}`,
    [...f.params, limit],
  );
  return rows.map((r) => ({ product_id: String(r.product_id), sku: String(r.sku), name: String(r.name), revenue: money(r.revenue), units: int(r.units) }));
}

export interface StockSummary {
  inventory_value: string;
  low_stock_count: number;
  out_of_stock_count: number;
}

/** The stock as it is now (not as of the period's end): value at unit cost, low and empty rows. */
export async function stockSummary(tdb: TenantDb, storeId: string | null): Promise<StockSummary> {
  const storeCondition = storeId === null ? 'TRUE' : 'i.store_id = $2::UUID';
  const row = await tdb.get(
    `SELECT
       COALESCE(sum(CAST(i.quantity AS DECIMAL(38, 2)) * COALESCE(i.unit_cost, p.cost)), 0) AS inventory_value,
       count(*) FILTER (WHERE i.quantity <= i.min_stock) AS low_stock_count,
       count(*) FILTER (WHERE i.quantity = 0) AS out_of_stock_count
     FROM inventory i
     JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id
     WHERE i.tenant_id = $1
       AND ${storeCondition}`,
    storeId === null ? [] : [storeId],
  );
  return {
    inventory_value: money(row?.inventory_value),
    low_stock_count: int(row?.low_stock_count),
    out_of_stock_count: int(row?.out_of_stock_count),
  };
}

export interface TaxBaseRow {
  tax_category: string;
  /** Lines sold in a currency other than the tenant's. */
  foreign: boolean;
  revenue: string;
}

/**
 * Net sales of the period by the products' (current) tax category, split by whether the lines were
 * sold in the tenant's currency: the bases of the IVA summary and of IGTF.
 */
export async function taxBases(tdb: TenantDb, scope: StatsScope, baseCurrency: string): Promise<TaxBaseRow[]> {
  const f = salesScope(scope);
  const currencyParam = `$${f.params.length + 2}::VARCHAR`;
  const rows = await tdb.all(
    `WITH agg AS (
       SELECT
         v.product_id,
         v.currency <> ${currencyParam} AS is_foreign,
         sum(${LINE_REVENUE}) AS revenue
       FROM ventas v
       WHERE v.tenant_id = $1
         AND ${f.sql}
       GROUP BY v.product_id, v.currency <> ${currencyParam}
     )
     SELECT p.tax_category, a.is_foreign, sum(a.revenue) AS revenue
     FROM agg a
     JOIN productos p ON p.tenant_id = $1 AND p.id = a.product_id
     GROUP BY p.tax_category, a.is_foreign
     ORDER BY p.tax_category, a.is_foreign`,
    [...f.params, baseCurrency],
  );
  return rows.map((r) => ({ tax_category: String(r.tax_category), foreign: r.is_foreign === true, revenue: money(r.revenue) }));
}

export async function storeExists(tdb: TenantDb, id: string): Promise<boolean> {
  return (await tdb.get('SELECT 1 AS found FROM stores s WHERE s.tenant_id = $1 AND s.id = $2::UUID', [id])) !== undefined;
}
