/**
 * SQL for the analytics: daily units of one product, stock on hand, the stock rows with their
 * recent sales (run-rate insights), and for the forecast-based insights the stock rows joined to
 * their stored forecast, lead time and next open order, the last sale date per stock row, and the
 * daily sales totals of the stock rows over a bounded window. Windowed sales are read by business
 * date through the (tenant_id, business_date) index, over 98 days at most.
 */
import type { SqlParam, TenantDb } from '../../../store/types.js';
import { money, toCents } from '../../../shared/money.js';
import type { DailySales } from './history.js';
import type { StockRow } from './run-rate.js';

const int = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function findProduct(tdb: TenantDb, id: string): Promise<{ id: string; sku: string; name: string } | undefined> {
  const row = await tdb.get('SELECT p.id, p.sku, p.name FROM productos p WHERE p.tenant_id = $1 AND p.id = $2::UUID', [id]);
  return row ? { id: String(row.id), sku: String(row.sku), name: String(row.name) } : undefined;
}

export async function findStore(tdb: TenantDb, id: string): Promise<{ id: string; name: string } | undefined> {
  const row = await tdb.get('SELECT s.id, s.name FROM stores s WHERE s.tenant_id = $1 AND s.id = $2::UUID', [id]);
  return row ? { id: String(row.id), name: String(row.name) } : undefined;
}

/** Units of the product sold per business date in [from, to], in one store or all; days with sales only. */
export async function dailyUnits(tdb: TenantDb, productId: string, storeId: string | null, from: string, to: string): Promise<Map<string, number>> {
  const params: SqlParam[] = storeId === null ? [productId, from, to] : [productId, from, to, storeId];
  const storeCondition = storeId === null ? 'TRUE' : 'v.store_id = $5::UUID';
  const rows = await tdb.all(
    `SELECT v.business_date AS date, sum(v.quantity) AS units
     FROM ventas v
     WHERE v.tenant_id = $1 AND v.product_id = $2::UUID AND v.business_date BETWEEN $3::DATE AND $4::DATE
       AND ${storeCondition}
     GROUP BY v.business_date`,
    params,
  );
  return new Map(rows.map((r) => [String(r.date), int(r.units)]));
}

/** Units of the product on hand now, in one store or all. */
export async function stockOnHand(tdb: TenantDb, productId: string, storeId: string | null): Promise<number> {
  const storeCondition = storeId === null ? 'TRUE' : 'i.store_id = $3::UUID';
  const row = await tdb.get(
    `SELECT COALESCE(sum(i.quantity), 0) AS quantity
     FROM inventory i
     WHERE i.tenant_id = $1 AND i.product_id = $2::UUID
       AND ${storeCondition}`,
    storeId === null ? [productId] : [productId, storeId],
  );
  return int(row?.quantity);
}

export interface InsightWindow {
  /** First and last day of the recent-sales window (the last 28 complete days). */
  recentFrom: string;
  recentTo: string;
  /** First day of the "sold lately" window; it ends today. */
  lateFrom: string;
  today: string;
}

/**
 * Every stock row of active products in active stores (or one store), with its units sold in the
 * recent window and whether it sold since `lateFrom`. Sales are aggregated by (store, product)
 * before the join, so the join touches one row per stock row.
 */
export async function stockRows(tdb: TenantDb, w: InsightWindow, storeId: string | null): Promise<Array<Omit<StockRow, 'days_out'>>> {
  const storeCondition = storeId === null ? 'TRUE' : 'i.store_id = $6::UUID';
  const params: SqlParam[] = [w.recentFrom, w.recentTo, w.lateFrom, w.today];
  if (storeId !== null) params.push(storeId);
  const rows = await tdb.all(
    `WITH sold AS (
       SELECT v.store_id, v.product_id,
              COALESCE(sum(v.quantity) FILTER (WHERE v.business_date BETWEEN $2::DATE AND $3::DATE), 0) AS units_recent
       FROM ventas v
       WHERE v.tenant_id = $1 AND v.business_date BETWEEN $4::DATE AND $5::DATE
       GROUP BY v.store_id, v.product_id
     )
     SELECT i.store_id, s.name AS store_name, i.product_id, p.sku, p.name, i.quantity, p.price,
            COALESCE(i.unit_cost, p.cost) AS unit_cost,
            COALESCE(x.units_recent, 0) AS units_recent,
            (x.product_id IS NOT NULL) AS sold_lately
     FROM inventory i
     JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id
     JOIN stores s ON s.tenant_id = i.tenant_id AND s.id = i.store_id
     LEFT JOIN sold x ON x.store_id = i.store_id AND x.product_id = i.product_id
     WHERE i.tenant_id = $1 AND p.active AND s.active
       AND ${storeCondition}`,
    params,
  );
  return rows.map((r) => ({
    store_id: String(r.store_id),
    store_name: String(r.store_name),
    product_id: String(r.product_id),
    sku: String(r.sku),
    name: String(r.name),
    quantity: int(r.quantity),
    price: money(r.price),
    unit_cost: money(r.unit_cost),
    units_recent: int(r.units_recent),
    sold_lately: r.sold_lately === true,
  }));
}

/**
 * For the stock rows at 0 (of one store or all): when the ledger last left them at 0, as an
 * instant. Keyed `store_id/product_id`.
 */
export async function wentOutAt(tdb: TenantDb, storeId: string | null): Promise<Map<string, string>> {
  const storeCondition = storeId === null ? 'TRUE' : 'i.store_id = $2::UUID';
  const rows = await tdb.all(
    `SELECT m.store_id, m.product_id, max(m.created_at) AS went_out
     FROM inventory i
     JOIN inventory_movements m
       ON m.tenant_id = i.tenant_id AND m.store_id = i.store_id AND m.product_id = i.product_id AND m.quantity_after = 0
     WHERE i.tenant_id = $1 AND i.quantity = 0
       AND ${storeCondition}
     GROUP BY m.store_id, m.product_id`,
    storeId === null ? [] : [storeId],
  );
  return new Map(rows.map((r) => [`${String(r.store_id)}/${String(r.product_id)}`, String(r.went_out)]));
}

/** A stock row with its stored forecast, for the forecast-based insights. */
export interface ForecastStockRow {
  store_id: string;
  store_name: string;
  product_id: string;
  sku: string;
  name: string;
  on_hand: number;
  price: string;
  unit_cost: string;
  /** The product's lead time, else its supplier's, else 7 days. */
  lead_time_days: number;
  /** Earliest expected date (today or later) of an open (draft or submitted) order of the product for the store. */
  open_order_date: string | null;
  /** Day 0 of `mean`. */
  as_of: string;
  mean: number[];
  sigma: number;
}

const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as number[]) : (v as number[]));

/** Stock rows of active products in active stores (or one store) that have a stored forecast. */
export async function forecastRows(tdb: TenantDb, today: string, storeId: string | null): Promise<ForecastStockRow[]> {
  const storeCondition = storeId === null ? 'TRUE' : 'f.store_id = $3::UUID';
  const rows = await tdb.all(
    `WITH next_order AS (
       SELECT o.store_id, l.product_id, min(o.expected_date) AS expected_date
       FROM orders o JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
       WHERE o.tenant_id = $1 AND o.status IN ('draft', 'submitted') AND o.expected_date >= $2::DATE
       GROUP BY o.store_id, l.product_id
     )
     SELECT f.store_id, s.name AS store_name, f.product_id, p.sku, p.name, i.quantity AS on_hand, p.price,
            COALESCE(i.unit_cost, p.cost) AS unit_cost, COALESCE(p.lead_time_days, sp.lead_time_days, 7) AS lead_time_days,
            nx.expected_date AS open_order_date, f.as_of, f.mean, f.sigma
     FROM forecasts f
     JOIN inventory i ON i.tenant_id = f.tenant_id AND i.store_id = f.store_id AND i.product_id = f.product_id
     JOIN productos p ON p.tenant_id = f.tenant_id AND p.id = f.product_id
     JOIN stores s ON s.tenant_id = f.tenant_id AND s.id = f.store_id
     LEFT JOIN suppliers sp ON sp.tenant_id = p.tenant_id AND sp.id = p.supplier_id
     LEFT JOIN next_order nx ON nx.store_id = f.store_id AND nx.product_id = f.product_id
     WHERE f.tenant_id = $1 AND p.active AND s.active
       AND ${storeCondition}`,
    storeId === null ? [today] : [today, storeId],
  );
  return rows.map((r) => ({
    store_id: String(r.store_id),
    store_name: String(r.store_name),
    product_id: String(r.product_id),
    sku: String(r.sku),
    name: String(r.name),
    on_hand: int(r.on_hand),
    price: money(r.price),
    unit_cost: money(r.unit_cost),
    lead_time_days: int(r.lead_time_days),
    open_order_date: r.open_order_date === null || r.open_order_date === undefined ? null : String(r.open_order_date),
    as_of: String(r.as_of),
    mean: json(r.mean),
    sigma: Number(r.sigma),
  }));
}

/** The last business date with a sale, per store × product (of one store or all). Keyed `store_id/product_id`. */
export async function lastSales(tdb: TenantDb, storeId: string | null): Promise<Map<string, string>> {
  const rows = await tdb.all(
    `SELECT v.store_id, v.product_id, max(v.business_date) AS last_sale
     FROM ventas v
     WHERE v.tenant_id = $1 AND ${storeId === null ? 'TRUE' : 'v.store_id = $2::UUID'}
     GROUP BY v.store_id, v.product_id`,
    storeId === null ? [] : [storeId],
  );
  return new Map(rows.map((r) => [`${String(r.store_id)}/${String(r.product_id)}`, String(r.last_sale)]));
}

/** Daily sales totals in [from, to] of every store × product that has a stock row (all stores: the classes are tenant-wide). */
export async function dailySales(tdb: TenantDb, from: string, to: string): Promise<DailySales[]> {
  const rows = await tdb.all(
    `SELECT v.store_id, v.product_id, v.business_date AS date, sum(v.quantity) AS units,
            sum(v.quantity * v.unit_price - v.discount) AS revenue,
            sum(v.quantity * v.unit_price) AS price_total,
            COALESCE(sum(v.quantity) FILTER (WHERE v.unit_cost > 0), 0) AS cost_units,
            COALESCE(sum(v.quantity * v.unit_cost) FILTER (WHERE v.unit_cost > 0), 0) AS cost_total
     FROM ventas v
     WHERE v.tenant_id = $1 AND v.business_date BETWEEN $2::DATE AND $3::DATE
       AND EXISTS (SELECT 1 FROM inventory i WHERE i.tenant_id = v.tenant_id AND i.store_id = v.store_id AND i.product_id = v.product_id)
     GROUP BY v.store_id, v.product_id, v.business_date`,
    [from, to],
  );
  return rows.map((r) => ({
    store_id: String(r.store_id),
    product_id: String(r.product_id),
    date: String(r.date),
    units: int(r.units),
    revenue_cents: toCents(money(r.revenue)),
    price_cents: toCents(money(r.price_total)),
    cost_units: int(r.cost_units),
    cost_cents: toCents(money(r.cost_total)),
  }));
}

/** Ids of the active products with a stock row in an active store: the products the classes cover, sold or not. */
export async function stockedProducts(tdb: TenantDb): Promise<string[]> {
  const rows = await tdb.all(
    `SELECT DISTINCT i.product_id
     FROM inventory i
     JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id
     JOIN stores s ON s.tenant_id = i.tenant_id AND s.id = i.store_id
     WHERE i.tenant_id = $1 AND p.active AND s.active`,
  );
  return rows.map((r) => String(r.product_id));
}
