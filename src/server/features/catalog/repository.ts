/** SQL for stores, suppliers and products. Rows leave as domain types. */
import type { Row, SqlParam, TenantDb } from '../../../store/types.js';
import type { PageOf } from '../../http/schemas.js';
import { SqlFilter, fetchPage, orderBy, mapPage } from '../../http/sql.js';
import { offsetPages } from '../../http/pages.js';
import { money } from '../../../shared/money.js';
import type {
  Category,
  Product,
  ProductDetail,
  ProductQuery,
  ProductSort,
  Store,
  StoreQuery,
  Supplier,
  SupplierQuery,
} from './schema.js';

const str = (v: unknown) => String(v);
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
const intOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

// --- stores -------------------------------------------------------------------------------

const STORE_COLUMNS = 's.id, s.code, s.name, s.city, s.address, s.active, s.created_at, s.updated_at';

function toStore(r: Row): Store {
  return {
    id: str(r.id),
    code: str(r.code),
    name: str(r.name),
    city: strOrNull(r.city),
    address: strOrNull(r.address),
    active: Boolean(r.active),
    created_at: str(r.created_at),
    updated_at: str(r.updated_at),
  };
}

function storeWhere(query: Omit<StoreQuery, 'limit' | 'offset'>): SqlFilter {
  const f = new SqlFilter();
  f.search(['s.name', 's.code', 's.city'], query.q);
  f.when(query.active, (p) => `s.active = ${p}::BOOLEAN`);
  return f;
}

function selectStores(tdb: TenantDb, f: SqlFilter, paging: string, params: SqlParam[], count: boolean): Promise<Row[]> {
  return tdb.all(
    `SELECT
       ${STORE_COLUMNS}${count ? ', count(*) OVER () AS total_count' : ''}
     FROM stores s
     WHERE s.tenant_id = $1
       AND ${f.sql}
     ORDER BY s.name, s.id
     ${paging}`,
    params,
  );
}

export async function listStores(tdb: TenantDb, query: StoreQuery): Promise<PageOf<Store>> {
  const f = storeWhere(query);
  return mapPage(await fetchPage(f, query, (paging, params) => selectStores(tdb, f, paging, params, true)), toStore);
}

/** Every store the list shows for `query`, in its order, `pageSize` at a time: the export. */
export function storePages(tdb: TenantDb, query: Omit<StoreQuery, 'limit' | 'offset'>, pageSize: number): AsyncGenerator<Store[]> {
  const f = storeWhere(query);
  return offsetPages(pageSize, (limit, offset) => {
    const page = f.page(limit, offset);
    return selectStores(tdb, f, page.sql, page.params, false);
  }, toStore);
}

export async function findStore(tdb: TenantDb, id: string): Promise<Store | undefined> {
  const row = await tdb.get(
    `SELECT
       ${STORE_COLUMNS}
     FROM stores s
     WHERE s.tenant_id = $1 AND s.id = $2::UUID`,
    [id],
  );
  return row ? toStore(row) : undefined;
}

// --- suppliers ----------------------------------------------------------------------------

const SUPPLIER_COLUMNS = 'su.id, su.code, su.name, su.email, su.phone, su.lead_time_days, su.active, su.created_at, su.updated_at';

function toSupplier(r: Row): Supplier {
  return {
    id: str(r.id),
    code: str(r.code),
    name: str(r.name),
    email: strOrNull(r.email),
    phone: strOrNull(r.phone),
    lead_time_days: Number(r.lead_time_days),
    active: Boolean(r.active),
    created_at: str(r.created_at),
    updated_at: str(r.updated_at),
  };
}

function supplierWhere(query: Omit<SupplierQuery, 'limit' | 'offset'>): SqlFilter {
  const f = new SqlFilter();
  f.search(['su.name', 'su.code'], query.q);
  f.when(query.active, (p) => `su.active = ${p}::BOOLEAN`);
  return f;
}

function selectSuppliers(tdb: TenantDb, f: SqlFilter, paging: string, params: SqlParam[], count: boolean): Promise<Row[]> {
  return tdb.all(
    `SELECT
       ${SUPPLIER_COLUMNS}${count ? ', count(*) OVER () AS total_count' : ''}
     FROM suppliers su
     WHERE su.tenant_id = $1
       AND ${f.sql}
     ORDER BY su.name, su.id
     ${paging}`,
    params,
  );
}

export async function listSuppliers(tdb: TenantDb, query: SupplierQuery): Promise<PageOf<Supplier>> {
  const f = supplierWhere(query);
  return mapPage(await fetchPage(f, query, (paging, params) => selectSuppliers(tdb, f, paging, params, true)), toSupplier);
}

/** Every supplier the list shows for `query`, in its order, `pageSize` at a time: the export. */
export function supplierPages(tdb: TenantDb, query: Omit<SupplierQuery, 'limit' | 'offset'>, pageSize: number): AsyncGenerator<Supplier[]> {
  const f = supplierWhere(query);
  return offsetPages(pageSize, (limit, offset) => {
    const page = f.page(limit, offset);
    return selectSuppliers(tdb, f, page.sql, page.params, false);
  }, toSupplier);
}

// --- products -----------------------------------------------------------------------------

const PRODUCT_COLUMNS =
  'p.id, p.sku, p.barcode, p.name, p.category, p.unit, p.pack_size, p.price, p.cost, p.tax_category, ' +
  'p.supplier_id, p.lead_time_days, p.active, p.created_at, p.updated_at';

const PRODUCT_SORT: Record<ProductSort, string> = {
  name: 'p.name',
  sku: 'p.sku',
  category: 'p.category',
  price: 'p.price',
};

function toProduct(r: Row): Product {
  return {
    id: str(r.id),
    sku: str(r.sku),
    barcode: strOrNull(r.barcode),
    name: str(r.name),
    category: str(r.category),
    unit: str(r.unit),
    pack_size: Number(r.pack_size),
    price: money(r.price),
    cost: money(r.cost),
    tax_category: r.tax_category as Product['tax_category'],
    supplier_id: strOrNull(r.supplier_id),
    lead_time_days: intOrNull(r.lead_time_days),
    active: Boolean(r.active),
    created_at: str(r.created_at),
    updated_at: str(r.updated_at),
  };
}

function productWhere(query: Omit<ProductQuery, 'limit' | 'offset'>): { f: SqlFilter; sort: string } {
  const f = new SqlFilter();
  f.search(['p.name', 'p.sku', 'p.barcode'], query.q);
  f.when(query.category, (p) => `p.category = ${p}::VARCHAR`);
  f.when(query.supplier_id, (p) => `p.supplier_id = ${p}::UUID`);
  f.when(query.active, (p) => `p.active = ${p}::BOOLEAN`);
  return { f, sort: orderBy(PRODUCT_SORT, query.sort ?? 'name', query.order ?? 'asc', 'p.id') };
}

function selectProducts(tdb: TenantDb, w: { f: SqlFilter; sort: string }, paging: string, params: SqlParam[], count: boolean): Promise<Row[]> {
  return tdb.all(
    `SELECT
       ${PRODUCT_COLUMNS}${count ? ', count(*) OVER () AS total_count' : ''}
     FROM productos p
     WHERE p.tenant_id = $1
       AND ${w.f.sql}
     ORDER BY ${w.sort}
     ${paging}`,
    params,
  );
}

export async function listProducts(tdb: TenantDb, query: ProductQuery): Promise<PageOf<Product>> {
  const w = productWhere(query);
  return mapPage(await fetchPage(w.f, query, (paging, params) => selectProducts(tdb, w, paging, params, true)), toProduct);
}

/** Every product the list shows for `query`, in its order, `pageSize` at a time: the export. */
export function productPages(tdb: TenantDb, query: Omit<ProductQuery, 'limit' | 'offset'>, pageSize: number): AsyncGenerator<Product[]> {
  const w = productWhere(query);
  return offsetPages(pageSize, (limit, offset) => {
    const page = w.f.page(limit, offset);
    return selectProducts(tdb, w, page.sql, page.params, false);
  }, toProduct);
}

export async function findProduct(tdb: TenantDb, id: string): Promise<ProductDetail | undefined> {
  const row = await tdb.get(
    `SELECT
       ${PRODUCT_COLUMNS},
       su.name AS supplier_name,
       (SELECT COALESCE(sum(i.quantity), 0)
          FROM inventory i
         WHERE i.tenant_id = p.tenant_id AND i.product_id = p.id) AS total_stock
     FROM productos p
     LEFT JOIN suppliers su ON su.tenant_id = p.tenant_id AND su.id = p.supplier_id
     WHERE p.tenant_id = $1 AND p.id = $2::UUID`,
    [id],
  );
  if (!row) return undefined;
  return { ...toProduct(row), supplier_name: strOrNull(row.supplier_name), total_stock: Number(row.total_stock) };
}

export async function listCategories(tdb: TenantDb): Promise<Category[]> {
  const rows = await tdb.all(
    `SELECT p.category,
            count(*) AS product_count,
            count(*) FILTER (WHERE p.active) AS active_count
     FROM productos p
     WHERE p.tenant_id = $1
     GROUP BY p.category
     ORDER BY p.category`,
  );
  return rows.map((r) => ({ category: str(r.category), product_count: Number(r.product_count), active_count: Number(r.active_count) }));
}
