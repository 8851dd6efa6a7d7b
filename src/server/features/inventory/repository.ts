/** SQL for stock levels and the movements ledger. Stock itself changes only in ledger.ts. */
import type { Row, SqlParam, TenantDb } from '../../../store/types.js';
import type { MovementReason } from '../../../store/migrations/001_core.js';
import type { PageOf } from '../../http/schemas.js';
import { SqlFilter, fetchPage, orderBy, mapPage } from '../../http/sql.js';
import { afterKey, keyColumns, keysetPages, offsetPages, orderByKeys, type SortKey } from '../../http/pages.js';
import { money, moneyOrNull } from '../../../shared/money.js';
import type { InventoryItem, InventoryQuery, InventorySort, Movement } from './schema.js';

const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

// --- stock levels -------------------------------------------------------------------------

const STOCK_VALUE = 'i.quantity * COALESCE(i.unit_cost, 0)';

const ITEM_COLUMNS = [
  'i.id, i.quantity, i.min_stock, i.max_stock, i.unit_cost, i.updated_at',
  `${STOCK_VALUE} AS stock_value`,
  's.id AS store_id, s.code AS store_code, s.name AS store_name',
  'p.id AS product_id, p.sku, p.name AS product_name, p.category, p.unit',
].join(', ');

const ITEM_FROM = `inventory i
  JOIN stores s ON s.tenant_id = i.tenant_id AND s.id = i.store_id
  JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id`;

const INVENTORY_SORT: Record<InventorySort, string> = {
  product_name: 'p.name',
  sku: 'p.sku',
  category: 'p.category',
  store_name: 's.name',
  quantity: 'i.quantity',
  min_stock: 'i.min_stock',
  max_stock: 'i.max_stock',
  unit_cost: 'i.unit_cost',
  stock_value: STOCK_VALUE,
  updated_at: 'i.updated_at',
};

function toItem(r: Row): InventoryItem {
  return {
    id: String(r.id),
    store: { id: String(r.store_id), code: String(r.store_code), name: String(r.store_name) },
    product: { id: String(r.product_id), sku: String(r.sku), name: String(r.product_name), category: String(r.category), unit: String(r.unit) },
    quantity: Number(r.quantity),
    min_stock: Number(r.min_stock),
    max_stock: Number(r.max_stock),
    unit_cost: moneyOrNull(r.unit_cost),
    stock_value: money(r.stock_value),
    updated_at: String(r.updated_at),
  };
}

/** The list's filters and order (no paging): what the export reads too. */
export type InventoryFilter = Omit<InventoryQuery, 'limit' | 'offset'>;

function inventoryWhere(query: InventoryFilter): { f: SqlFilter; sort: string } {
  const f = new SqlFilter();
  f.when(query.store_id, (p) => `i.store_id = ${p}::UUID`);
  f.when(query.product_id, (p) => `i.product_id = ${p}::UUID`);
  f.when(query.category, (p) => `p.category = ${p}::VARCHAR`);
  f.search(['p.name', 'p.sku', 'p.barcode'], query.q);
  if (query.low_stock !== undefined) f.and(query.low_stock ? 'i.quantity <= i.min_stock' : 'i.quantity > i.min_stock');
  if (query.out_of_stock !== undefined) f.and(query.out_of_stock ? 'i.quantity = 0' : 'i.quantity > 0');
  return { f, sort: orderBy(INVENTORY_SORT, query.sort ?? 'product_name', query.order ?? 'asc', 'i.id') };
}

function selectItems(tdb: TenantDb, w: { f: SqlFilter; sort: string }, paging: string, params: SqlParam[], count: boolean): Promise<Row[]> {
  return tdb.all(
    `SELECT
       ${ITEM_COLUMNS}${count ? ', count(*) OVER () AS total_count' : ''}
     FROM ${ITEM_FROM}
     WHERE i.tenant_id = $1
       AND ${w.f.sql}
     ORDER BY ${w.sort}
     ${paging}`,
    params,
  );
}

export async function listInventory(tdb: TenantDb, query: InventoryQuery): Promise<PageOf<InventoryItem>> {
  const w = inventoryWhere(query);
  const page = await fetchPage(w.f, query, (paging, params) => selectItems(tdb, w, paging, params, true));
  return mapPage(page, toItem);
}

/** Every stock level the list shows for `query`, in its order, `pageSize` at a time. */
export function inventoryPages(tdb: TenantDb, query: InventoryFilter, pageSize: number): AsyncGenerator<InventoryItem[]> {
  const w = inventoryWhere(query);
  return offsetPages(
    pageSize,
    (limit, offset) => {
      const page = w.f.page(limit, offset);
      return selectItems(tdb, w, page.sql, page.params, false);
    },
    toItem,
  );
}

export async function findInventoryItem(tdb: TenantDb, id: string): Promise<InventoryItem | undefined> {
  const row = await tdb.get(
    `SELECT
       ${ITEM_COLUMNS}
     FROM ${ITEM_FROM}
     WHERE i.tenant_id = $1 AND i.id = $2::UUID`,
    [id],
  );
  return row ? toItem(row) : undefined;
}

// --- movements ----------------------------------------------------------------------------

const MOVEMENT_COLUMNS = [
  'm.id, m.delta, m.quantity_after, m.reason, m.ref_type, m.ref_id, m.actor, m.note, m.created_at',
  's.id AS store_id, s.code AS store_code, s.name AS store_name',
  'p.id AS product_id, p.sku, p.name AS product_name',
].join(', ');

const MOVEMENT_FROM = `inventory_movements m
  JOIN stores s ON s.tenant_id = m.tenant_id AND s.id = m.store_id
  JOIN productos p ON p.tenant_id = m.tenant_id AND p.id = m.product_id`;

function toMovement(r: Row): Movement {
  return {
    id: String(r.id),
    store: { id: String(r.store_id), code: String(r.store_code), name: String(r.store_name) },
    product: { id: String(r.product_id), sku: String(r.sku), name: String(r.product_name) },
    delta: Number(r.delta),
    quantity_after: Number(r.quantity_after),
    reason: r.reason as MovementReason,
    ref_type: strOrNull(r.ref_type),
    ref_id: strOrNull(r.ref_id),
    actor: String(r.actor),
    note: strOrNull(r.note),
    created_at: String(r.created_at),
  };
}

export interface MovementFilter {
  storeId?: string;
  productId?: string;
  reason?: MovementReason;
  /** Inclusive lower bound, ISO instant. */
  since?: string;
  /** Exclusive upper bound, ISO instant. */
  before?: string;
  limit?: number;
  offset?: number;
}

/** The ledger's order: newest first, the id breaking ties. */
const MOVEMENT_ORDER: SortKey[] = [
  { sql: 'm.created_at', type: 'TIMESTAMPTZ', desc: true },
  { sql: 'm.id', type: 'UUID', desc: true },
];

function movementWhere(filter: MovementFilter): SqlFilter {
  const f = new SqlFilter();
  f.when(filter.storeId, (p) => `m.store_id = ${p}::UUID`);
  f.when(filter.productId, (p) => `m.product_id = ${p}::UUID`);
  f.when(filter.reason, (p) => `m.reason = ${p}::VARCHAR`);
  f.when(filter.since, (p) => `m.created_at >= ${p}::TIMESTAMPTZ`);
  f.when(filter.before, (p) => `m.created_at < ${p}::TIMESTAMPTZ`);
  return f;
}

function selectMovements(tdb: TenantDb, f: SqlFilter, extra: string, paging: string, params: SqlParam[]): Promise<Row[]> {
  return tdb.all(
    `SELECT
       ${MOVEMENT_COLUMNS},
       ${extra}
     FROM ${MOVEMENT_FROM}
     WHERE m.tenant_id = $1
       AND ${f.sql}
     ORDER BY ${orderByKeys(MOVEMENT_ORDER)}
     ${paging}`,
    params,
  );
}

export async function listMovements(tdb: TenantDb, filter: MovementFilter): Promise<PageOf<Movement>> {
  const f = movementWhere(filter);
  const page = await fetchPage(f, filter, (paging, params) => selectMovements(tdb, f, 'count(*) OVER () AS total_count', paging, params));
  return mapPage(page, toMovement);
}

/** Every movement the list shows for `filter`, in its order, `pageSize` at a time (keyset). */
export function movementPages(tdb: TenantDb, filter: Omit<MovementFilter, 'limit' | 'offset'>, pageSize: number): AsyncGenerator<Movement[]> {
  return keysetPages(
    MOVEMENT_ORDER,
    pageSize,
    (after, limit) => {
      const f = movementWhere(filter);
      if (after) afterKey(f, MOVEMENT_ORDER, after);
      const page = f.page(limit, 0);
      return selectMovements(tdb, f, keyColumns(MOVEMENT_ORDER), page.sql, page.params);
    },
    toMovement,
  );
}

export async function findMovement(tdb: TenantDb, id: string): Promise<Movement | undefined> {
  const row = await tdb.get(
    `SELECT
       ${MOVEMENT_COLUMNS}
     FROM ${MOVEMENT_FROM}
     WHERE m.tenant_id = $1 AND m.id = $2::UUID`,
    [id],
  );
  return row ? toMovement(row) : undefined;
}

/** Whether the store and the product exist in this tenant (either may be missing). */
export async function storeAndProductExist(tdb: TenantDb, storeId: string, productId: string): Promise<{ store: boolean; product: boolean }> {
  const row = await tdb.get(
    `SELECT
       EXISTS (SELECT 1 FROM stores s WHERE s.tenant_id = $1 AND s.id = $2::UUID) AS store,
       EXISTS (SELECT 1 FROM productos p WHERE p.tenant_id = $1 AND p.id = $3::UUID) AS product`,
    [storeId, productId],
  );
  return { store: Boolean(row?.store), product: Boolean(row?.product) };
}
