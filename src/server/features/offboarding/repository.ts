/**
 * SQL of offboarding. Tables and columns come from the catalogue (src/store/catalogue.ts), never
 * from input; their names are checked identifiers, and the tenant id is always a parameter.
 *
 * Reads of tenant tables go through the tenant handle (on PostgreSQL: the app role under
 * row-level security). The `tenants` row and the deletion use the platform handle: the deletion
 * must be one transaction over every table and the registry row, which no tenant handle reaches.
 */
import { quoteIdent, TENANTS_TABLE, type TableInfo } from '../../../store/catalogue.js';
import { csvLineSql, CSV_LINE } from '../../../store/transfer/csv.js';
import { column, keysetPages } from '../../../store/transfer/pages.js';
import type { PlatformDb, Queryable, SqlParam, Store } from '../../../store/types.js';
import type { TenantStatus } from '../tenants/schema.js';

/** The handle that reads `table` for `tenantId`, and the parameters beyond what it supplies. */
function reader(store: Store, table: TableInfo, tenantId: string): { db: Queryable; fixed: SqlParam[] } {
  return table.name === TENANTS_TABLE ? { db: store.platform, fixed: [tenantId] } : { db: store.forTenant(tenantId), fixed: [] };
}

const tenantFilter = (table: TableInfo) => `${column(table.name, table.tenantColumn)} = $1`;

export async function countTenantRows(store: Store, table: TableInfo, tenantId: string): Promise<number> {
  const { db, fixed } = reader(store, table, tenantId);
  const row = await db.get(`SELECT count(*) AS n FROM ${quoteIdent(table.name)} WHERE ${tenantFilter(table)}`, fixed);
  return Number(row?.n ?? 0);
}

/** The page key: the primary key less the tenant column the filter fixes (the registry keeps its `id`). */
function pageKey(table: TableInfo): string[] {
  if (table.primaryKey.length === 0) {
    throw new Error(`Table ${table.name} has no primary key; the export reads every table in primary-key order.`);
  }
  const rest = table.primaryKey.filter((k) => k !== table.tenantColumn);
  return rest.length > 0 ? rest : table.primaryKey;
}

/**
 * The tenant's rows of `table` as CSV records (CRLF-terminated), a page at a time in primary-key
 * order. Each record is formatted by the database itself (every value's own text form, quoted;
 * NULL as an empty unquoted field), so a row crosses the Store port as one string.
 */
export async function* csvRecords(store: Store, table: TableInfo, tenantId: string, pageSize: number): AsyncGenerator<{ text: string; rows: number }> {
  const { db, fixed } = reader(store, table, tenantId);
  const pages = keysetPages(
    {
      db,
      table: table.name,
      key: pageKey(table),
      select: [csvLineSql(table.columns.map((c) => column(table.name, c.name)))],
      where: { sql: tenantFilter(table), params: 1 },
      pageSize,
    },
    fixed,
  );
  for await (const page of pages) {
    let text = '';
    for (const row of page) text += `${row[CSV_LINE] as string}\r\n`;
    yield { text, rows: page.length };
  }
}

export async function schemaVersion(db: PlatformDb): Promise<number> {
  const row = await db.get('SELECT max(version) AS v FROM schema_migrations');
  return Number(row?.v ?? 0);
}

/**
 * The tenant's status inside a deletion transaction. On PostgreSQL the row is locked (FOR UPDATE)
 * until the transaction ends: a concurrent activation waits, and so does any insert that
 * references the tenant (its foreign-key check needs a share lock on the row), which then fails.
 * DuckDB has no row locks and needs none: its writes are serialised in this process.
 */
export async function tenantStatusForDeletion(tx: PlatformDb, tenantId: string): Promise<TenantStatus | undefined> {
  const row = await tx.get(`SELECT status FROM tenants WHERE id = $1${tx.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [tenantId]);
  return row ? (row.status as TenantStatus) : undefined;
}

/** Delete every row of the tenant from `table`; the number deleted. */
export function deleteTenantRows(tx: PlatformDb, table: TableInfo, tenantId: string): Promise<number> {
  return tx.run(`DELETE FROM ${quoteIdent(table.name)} WHERE ${quoteIdent(table.tenantColumn)} = $1`, [tenantId]);
}
