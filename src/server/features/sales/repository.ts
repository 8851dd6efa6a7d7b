/** SQL for sales lines (ventas). Rows leave as domain types. */
import type { Row, TenantDb } from '../../../store/types.js';
import { isUniqueViolation } from '../../../store/errors.js';
import type { PageOf } from '../../http/schemas.js';
import { SqlFilter } from '../../http/sql.js';
import { afterKey, keyColumns, keysetPages, orderByKeys, type SortKey } from '../../http/pages.js';
import { fromCents, lineTotalCents, money } from '../../../shared/money.js';
import type { TaxCategory } from '../../../shared/taxes.js';
import type { SaleLine, SalesQuery } from './schema.js';

/** A sale line with the rate that converts it to the tenant's currency. */
export interface StoredLine extends SaleLine {
  fx_rate: string;
}

const LINE_COLUMNS = `v.ticket, v.line, v.store_id, s.name AS store_name, v.product_id, p.sku, p.name AS product_name,
  v.fecha_venta, v.business_date, v.quantity, v.unit_price, v.discount, v.currency, v.fx_rate, p.tax_category`;

const LINE_JOINS = `JOIN stores s ON s.tenant_id = v.tenant_id AND s.id = v.store_id
  JOIN productos p ON p.tenant_id = v.tenant_id AND p.id = v.product_id`;

function toLine(r: Row): StoredLine {
  const quantity = Number(r.quantity);
  const unitPrice = money(r.unit_price);
  const discount = money(r.discount);
  return {
    ticket: String(r.ticket),
    line: Number(r.line),
    store: { id: String(r.store_id), name: String(r.store_name) },
    product: { id: String(r.product_id), sku: String(r.sku), name: String(r.product_name) },
    fecha_venta: String(r.fecha_venta),
    business_date: String(r.business_date),
    quantity,
    unit_price: unitPrice,
    discount,
    total: fromCents(lineTotalCents(quantity, unitPrice, discount)),
    currency: String(r.currency),
    tax_category: String(r.tax_category) as TaxCategory,
    fx_rate: String(r.fx_rate),
  };
}

/** Strip the internal rate from a line for the list. */
export function publicLine({ fx_rate: _rate, ...line }: StoredLine): SaleLine {
  return line;
}

/** The list's order: newest first, then ticket and line (unique). */
const SALES_ORDER: SortKey[] = [
  { sql: 'v.fecha_venta', type: 'TIMESTAMPTZ', desc: true },
  { sql: 'v.ticket', type: 'VARCHAR' },
  { sql: 'v.line', type: 'INTEGER' },
];
const ORDER = orderByKeys(SALES_ORDER);

/** The list's filters (no paging): what the export reads too. */
export type SalesFilter = Omit<SalesQuery, 'limit' | 'offset'>;

function salesFilter(query: SalesFilter): SqlFilter {
  const f = new SqlFilter();
  f.when(query.from, (p) => `v.business_date >= ${p}::DATE`);
  f.when(query.to, (p) => `v.business_date <= ${p}::DATE`);
  f.when(query.store_id, (p) => `v.store_id = ${p}::UUID`);
  f.when(query.product_id, (p) => `v.product_id = ${p}::UUID`);
  f.when(query.ticket, (p) => `v.ticket = ${p}::VARCHAR`);
  return f;
}

/** One page of lines in the list's order, with their page keys. The names are joined to the page only. */
function selectLines(tdb: TenantDb, f: SqlFilter, limit: number, offset: number): Promise<Row[]> {
  const paging = f.page(limit, offset);
  return tdb.all(
    `WITH page AS (
       SELECT v.tenant_id, v.ticket, v.line, v.store_id, v.product_id, v.fecha_venta, v.business_date,
              v.quantity, v.unit_price, v.discount, v.currency, v.fx_rate
       FROM ventas v
       WHERE v.tenant_id = $1
         AND ${f.sql}
       ORDER BY ${ORDER}
       ${paging.sql}
     )
     SELECT
       ${LINE_COLUMNS},
       ${keyColumns(SALES_ORDER)}
     FROM page v
     ${LINE_JOINS}
     ORDER BY ${ORDER}`,
    paging.params,
  );
}

/**
 * One page of lines and the count, as two queries run side by side. `ventas` holds millions of
 * rows: `count(*) OVER ()` would make the engine materialise and sort every matching line to
 * return 50, while a top-N on the page plus a plain count touch each row once.
 */
export async function listSales(tdb: TenantDb, query: SalesQuery): Promise<PageOf<StoredLine>> {
  const f = salesFilter(query);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const [rows, count] = await Promise.all([
    selectLines(tdb, f, limit, offset),
    tdb.get(
      `SELECT count(*) AS total
       FROM ventas v
       WHERE v.tenant_id = $1
         AND ${f.sql}`,
      f.params,
    ),
  ]);
  return { items: rows.map(toLine), total: Number(count?.total ?? 0), limit, offset };
}

/** Every line the list would show for `query`, in its order, `pageSize` at a time (keyset). */
export function salesPages(tdb: TenantDb, query: SalesFilter, pageSize: number): AsyncGenerator<StoredLine[]> {
  return keysetPages(
    SALES_ORDER,
    pageSize,
    (after, limit) => {
      const f = salesFilter(query);
      if (after) afterKey(f, SALES_ORDER, after);
      return selectLines(tdb, f, limit, 0);
    },
    toLine,
  );
}

export async function findTicketLines(tdb: TenantDb, ticket: string): Promise<StoredLine[]> {
  const rows = await tdb.all(
    `SELECT
       ${LINE_COLUMNS}
     FROM ventas v
     ${LINE_JOINS}
     WHERE v.tenant_id = $1 AND v.ticket = $2::VARCHAR
     ORDER BY v.line`,
    [ticket],
  );
  return rows.map(toLine);
}

export async function ticketExists(tdb: TenantDb, ticket: string): Promise<boolean> {
  const row = await tdb.get('SELECT 1 AS found FROM ventas v WHERE v.tenant_id = $1 AND v.ticket = $2::VARCHAR LIMIT 1', [ticket]);
  return row !== undefined;
}

export async function findStoreRef(tdb: TenantDb, id: string): Promise<{ id: string; name: string } | undefined> {
  const row = await tdb.get('SELECT s.id, s.name FROM stores s WHERE s.tenant_id = $1 AND s.id = $2::UUID', [id]);
  return row ? { id: String(row.id), name: String(row.name) } : undefined;
}

export interface ProductForSale {
  id: string;
  sku: string;
  name: string;
  price: string;
  cost: string;
  /** Units in stock in the sale's store; 0 when the product was never stocked there. */
  available: number;
}

/** A product with its price, cost and the stock of one store. */
export async function findProductForSale(tdb: TenantDb, productId: string, storeId: string): Promise<ProductForSale | undefined> {
  const row = await tdb.get(
    `SELECT p.id, p.sku, p.name, p.price, p.cost, COALESCE(i.quantity, 0) AS available
     FROM productos p
     LEFT JOIN inventory i ON i.tenant_id = p.tenant_id AND i.store_id = $3::UUID AND i.product_id = p.id
     WHERE p.tenant_id = $1 AND p.id = $2::UUID`,
    [productId, storeId],
  );
  if (!row) return undefined;
  return {
    id: String(row.id),
    sku: String(row.sku),
    name: String(row.name),
    price: money(row.price),
    cost: money(row.cost),
    available: Number(row.available),
  };
}

/** The latest rate of `currency` on or before `date`, as a decimal string, or undefined. */
export async function latestRate(tdb: TenantDb, currency: string, date: string): Promise<{ rate: string; date: string } | undefined> {
  const row = await tdb.get(
    `SELECT r.rate, r.rate_date
     FROM exchange_rates r
     WHERE r.tenant_id = $1 AND r.currency = $2::VARCHAR AND r.rate_date <= $3::DATE
     ORDER BY r.rate_date DESC
     LIMIT 1`,
    [currency, date],
  );
  return row ? { rate: String(row.rate), date: String(row.rate_date) } : undefined;
}

export interface NewLineRow {
  ticket: string;
  line: number;
  storeId: string;
  productId: string;
  fechaVenta: string;
  businessDate: string;
  quantity: number;
  unitPrice: string;
  discount: string;
  unitCost: string;
  currency: string;
  fxRate: string;
  createdBy: string;
}

export async function insertLine(tdb: TenantDb, l: NewLineRow): Promise<void> {
  try {
    await tdb.run(
      `INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity,
                           unit_price, discount, unit_cost, currency, fx_rate, created_by)
       VALUES ($1, $2::VARCHAR, $3::INTEGER, $4::UUID, $5::UUID, $6::TIMESTAMPTZ, $7::DATE, $8::INTEGER,
               $9::DECIMAL(18,2), $10::DECIMAL(18,2), $11::DECIMAL(18,2), $12::VARCHAR, $13::DECIMAL(18,6), $14::VARCHAR)`,
      [l.ticket, l.line, l.storeId, l.productId, l.fechaVenta, l.businessDate, l.quantity, l.unitPrice, l.discount, l.unitCost, l.currency, l.fxRate, l.createdBy],
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateTicketError(l.ticket);
    throw err;
  }
}

export class DuplicateTicketError extends Error {
  constructor(readonly ticket: string) {
    super(`Ticket '${ticket}' already exists.`);
    this.name = 'DuplicateTicketError';
  }
}

