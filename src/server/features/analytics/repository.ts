/**
 * SQL for the analytics: daily units of one product, stock on hand, and the stock rows with their
 * recent sales for the insights. Sales are read by business date through the (tenant_id,
 * business_date) index, over 60 days at most.
 */
import type { SqlParam, TenantDb } from '../../../store/types.js';
import { money } from '../../../shared/money.js';
import type { StockRow } from './insights.js';

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
