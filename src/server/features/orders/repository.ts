/** SQL for purchase orders and their lines. Rows leave this file as domain types. */
import type { Row, SqlParam, TenantDb } from '../../../store/types.js';
import { fromCents, lineTotalCents, money } from '../../../shared/money.js';
import { SqlFilter, fetchPage } from '../../http/sql.js';
import { afterKey, keyColumns, keysetPages, orderByKeys, type SortKey } from '../../http/pages.js';
import type { PageOf } from '../../http/schemas.js';
import { orderReference, type OrderLine, type OrderStatus, type OrderSummary } from './schema.js';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toSummary(r: Row): OrderSummary {
  const number = Number(r.number);
  return {
    id: String(r.id),
    number,
    reference: orderReference(number),
    status: r.status as OrderStatus,
    supplier: { id: String(r.supplier_id), name: String(r.supplier_name) },
    store: { id: String(r.store_id), name: String(r.store_name) },
    currency: String(r.currency),
    total: money(r.total),
    line_count: Number(r.line_count),
    expected_date: str(r.expected_date),
    notes: str(r.notes),
    created_by: String(r.created_by),
    created_at: String(r.created_at),
    submitted_at: str(r.submitted_at),
    received_at: str(r.received_at),
    cancelled_at: str(r.cancelled_at),
  };
}

export interface OrderFilter {
  /** One order (the single read goes through the list query too). */
  id?: string;
  status?: OrderStatus;
  supplierId?: string;
  storeId?: string;
  /** Inclusive lower bound on created_at (ISO instant). */
  createdFrom?: string;
  /** Exclusive upper bound on created_at (ISO instant). */
  createdBefore?: string;
  limit?: number;
  offset?: number;
}

/** Newest first; the number breaks ties between orders created in the same instant. */
const ORDER_ORDER: SortKey[] = [
  { sql: 'o.created_at', type: 'TIMESTAMPTZ', desc: true },
  { sql: 'o.number', type: 'INTEGER', desc: true },
];
const ORDER = orderByKeys(ORDER_ORDER);

function orderWhere(q: OrderFilter): SqlFilter {
  return new SqlFilter()
    .when(q.id, (p) => `o.id = ${p}::UUID`)
    .when(q.status, (p) => `o.status = ${p}::VARCHAR`)
    .when(q.supplierId, (p) => `o.supplier_id = ${p}::UUID`)
    .when(q.storeId, (p) => `o.store_id = ${p}::UUID`)
    .when(q.createdFrom, (p) => `o.created_at >= ${p}::TIMESTAMPTZ`)
    .when(q.createdBefore, (p) => `o.created_at < ${p}::TIMESTAMPTZ`);
}

/** Page the bare orders first, then dress only that page with names, line counts and page keys. */
function selectOrders(db: TenantDb, f: SqlFilter, paging: string, params: SqlParam[]): Promise<Row[]> {
  return db.all(
    `WITH page AS (
       SELECT o.id, o.created_at, o.number, count(*) OVER () AS total_count
       FROM orders o
       WHERE o.tenant_id = $1
         AND ${f.sql}
       ORDER BY ${ORDER}
       ${paging}
     )
     SELECT p.total_count, o.id, o.number, o.status, o.supplier_id, s.name AS supplier_name, o.store_id, st.name AS store_name,
            o.currency, o.total, o.expected_date, o.notes, o.created_by, o.created_at, o.submitted_at, o.received_at, o.cancelled_at,
            (SELECT count(*) FROM order_lines l WHERE l.tenant_id = $1 AND l.order_id = o.id) AS line_count,
            ${keyColumns(ORDER_ORDER)}
     FROM page p
     JOIN orders o ON o.tenant_id = $1 AND o.id = p.id
     JOIN suppliers s ON s.tenant_id = $1 AND s.id = o.supplier_id
     JOIN stores st ON st.tenant_id = $1 AND st.id = o.store_id
     ORDER BY ${ORDER}`,
    params,
  );
}

export async function listOrders(db: TenantDb, q: OrderFilter): Promise<PageOf<OrderSummary>> {
  const f = orderWhere(q);
  const { rows, total, limit, offset } = await fetchPage(f, q, (paging, params) => selectOrders(db, f, paging, params));
  return { items: rows.map(toSummary), total, limit, offset };
}

/** Every order the list shows for `q`, in its order, `pageSize` at a time (keyset): the export. */
export function orderPages(db: TenantDb, q: Omit<OrderFilter, 'limit' | 'offset'>, pageSize: number): AsyncGenerator<OrderSummary[]> {
  return keysetPages(
    ORDER_ORDER,
    pageSize,
    (after, limit) => {
      const f = orderWhere(q);
      if (after) afterKey(f, ORDER_ORDER, after);
      const page = f.page(limit, 0);
      return selectOrders(db, f, page.sql, page.params);
    },
    toSummary,
  );
}

export async function findOrder(db: TenantDb, id: string): Promise<OrderSummary | undefined> {
  return (await listOrders(db, { id, limit: 1 })).items[0];
}

export async function findOrderLines(db: TenantDb, orderId: string): Promise<OrderLine[]> {
  const rows = await db.all(
    `SELECT l.line, l.product_id, p.sku, p.name, l.quantity, l.unit_cost, l.received_quantity
     FROM order_lines l
     JOIN productos p ON p.tenant_id = $1 AND p.id = l.product_id
     WHERE l.tenant_id = $1 AND l.order_id = $2::UUID
     ORDER BY l.line`,
    [orderId],
  );
  return rows.map((r) => {
    const quantity = Number(r.quantity);
    const unitCost = money(r.unit_cost);
    return {
      line: Number(r.line),
      product: { id: String(r.product_id), sku: String(r.sku), name: String(r.name) },
      quantity,
      unit_cost: unitCost,
      line_total: fromCents(lineTotalCents(quantity, unitCost)),
      received_quantity: r.received_quantity === null || r.received_quantity === undefined ? null : Number(r.received_quantity),
    };
  });
}

export async function supplierExists(db: TenantDb, id: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS found FROM suppliers WHERE tenant_id = $1 AND id = $2::UUID', [id])) !== undefined;
}

export async function storeExists(db: TenantDb, id: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS found FROM stores WHERE tenant_id = $1 AND id = $2::UUID', [id])) !== undefined;
}

/** The catalogue cost of each product that exists in the tenant, by id. */
export async function productCosts(db: TenantDb, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // Placeholders only ($2, $3, …): the ids themselves travel as parameters.
  const list = ids.map((_, i) => `$${i + 2}::UUID`).join(', ');
  const rows = await db.all(
    `SELECT id, cost FROM productos
     WHERE tenant_id = $1
       AND id IN (${list})`,
    ids,
  );
  return new Map(rows.map((r) => [String(r.id), money(r.cost)]));
}

/** Max + 1 of the tenant's numbers; call inside the transaction that inserts the order. */
export async function nextOrderNumber(tx: TenantDb): Promise<number> {
  const row = await tx.get('SELECT COALESCE(max(number), 0) + 1 AS next FROM orders WHERE tenant_id = $1');
  return Number(row?.next ?? 1);
}

export interface NewOrder {
  number: number;
  supplierId: string;
  storeId: string;
  currency: string;
  total: string;
  expectedDate: string | null;
  notes: string | null;
  createdBy: string;
  lines: Array<{ line: number; productId: string; quantity: number; unitCost: string }>;
}

/** Insert a draft order and its lines; returns the new id. */
export async function insertOrder(tx: TenantDb, o: NewOrder): Promise<string> {
  const row = await tx.get(
    `INSERT INTO orders (tenant_id, number, supplier_id, store_id, status, currency, total, expected_date, notes, created_by)
     VALUES ($1, $2::INTEGER, $3::UUID, $4::UUID, 'draft', $5::VARCHAR, $6::DECIMAL(18,2), $7::DATE, $8::VARCHAR, $9::VARCHAR)
     RETURNING id`,
    [o.number, o.supplierId, o.storeId, o.currency, o.total, o.expectedDate, o.notes, o.createdBy],
  );
  const orderId = String(row?.id);
  // One statement for all lines; each row's placeholders are numbered after $1 (tenant) and $2 (order).
  const values = o.lines.map((_, i) => {
    const p = 3 + i * 4;
    return `($1, $2::UUID, $${p}::INTEGER, $${p + 1}::UUID, $${p + 2}::INTEGER, $${p + 3}::DECIMAL(18,2))`;
  });
  await tx.run(
    `INSERT INTO order_lines (tenant_id, order_id, line, product_id, quantity, unit_cost)
     VALUES
     ${values.join(',\n')}`,
    [orderId, ...o.lines.flatMap((l) => [l.line, l.productId, l.quantity, l.unitCost])],
  );
  return orderId;
}

export interface OrderState {
  id: string;
  number: number;
  status: OrderStatus;
  storeId: string;
}

export async function orderState(db: TenantDb, id: string): Promise<OrderState | undefined> {
  const row = await db.get('SELECT id, number, status, store_id FROM orders WHERE tenant_id = $1 AND id = $2::UUID', [id]);
  return row ? { id: String(row.id), number: Number(row.number), status: row.status as OrderStatus, storeId: String(row.store_id) } : undefined;
}

/**
 * Move the order to `to` if it is in one of `from` (one or two states), stamping the matching
 * timestamp; false when it is not (or does not exist). The status condition is part of the
 * UPDATE, so of two concurrent transitions only one changes the row, on DuckDB and PostgreSQL.
 * No RETURNING: DuckDB runs an UPDATE … RETURNING as delete + insert, which its foreign-key
 * check refuses on an order that has lines.
 */
export async function transitionOrder(tx: TenantDb, id: string, from: readonly [OrderStatus, ...OrderStatus[]], to: OrderStatus): Promise<boolean> {
  if (from.length > 2) throw new Error('transitionOrder takes at most two source states');
  const changed = await tx.run(
    `UPDATE orders
     SET status = $3::VARCHAR,
         submitted_at = CASE WHEN $3::VARCHAR = 'submitted' THEN now() ELSE submitted_at END,
         received_at = CASE WHEN $3::VARCHAR = 'received' THEN now() ELSE received_at END,
         cancelled_at = CASE WHEN $3::VARCHAR = 'cancelled' THEN now() ELSE cancelled_at END,
         updated_at = now()
     WHERE tenant_id = $1 AND id = $2::UUID AND (status = $4::VARCHAR OR status = $5::VARCHAR)`,
    [id, to, from[0], from[1] ?? from[0]],
  );
  return changed > 0;
}

export interface ReceiptLine {
  line: number;
  productId: string;
  quantity: number;
  unitCost: string;
}

export async function receiptLines(tx: TenantDb, orderId: string): Promise<ReceiptLine[]> {
  const rows = await tx.all(
    `SELECT line, product_id, quantity, unit_cost FROM order_lines
     WHERE tenant_id = $1 AND order_id = $2::UUID
     ORDER BY line`,
    [orderId],
  );
  return rows.map((r) => ({ line: Number(r.line), productId: String(r.product_id), quantity: Number(r.quantity), unitCost: money(r.unit_cost) }));
}

export async function setReceivedQuantity(tx: TenantDb, orderId: string, line: number, quantity: number): Promise<void> {
  await tx.run(
    'UPDATE order_lines SET received_quantity = $4::INTEGER WHERE tenant_id = $1 AND order_id = $2::UUID AND line = $3::INTEGER',
    [orderId, line, quantity],
  );
}

/** The stock's unit cost follows the latest receipt. */
export async function setInventoryUnitCost(tx: TenantDb, storeId: string, productId: string, unitCost: string): Promise<void> {
  await tx.run(
    `UPDATE inventory SET unit_cost = $4::DECIMAL(10,2), updated_at = now()
     WHERE tenant_id = $1 AND store_id = $2::UUID AND product_id = $3::UUID`,
    [storeId, productId, unitCost],
  );
}

