/**
 * Loading one table's CSV file into the database inside the caller's transaction, the same way
 * for a whole-installation restore and a single tenant's: the file is staged as text in one bulk
 * pass (Queryable.stage: DuckDB's read_csv, PostgreSQL's COPY), cast to the target's own column
 * types by one INSERT … SELECT, and the rows now stored are summed (RowSum) so the caller can
 * compare them with what the backup says it holds.
 */
import { quoteIdent, type TableInfo } from '../catalogue.js';
import { keysetPages } from '../transfer/pages.js';
import { RowSum } from '../transfer/verify.js';
import type { Dialect, PlatformDb } from '../types.js';
import { BackupError } from './format.js';

/** The portable type spelled as `dialect` writes it in a CAST. */
function castType(type: string, dialect: Dialect): string {
  if (dialect === 'postgres') {
    if (type === 'DOUBLE') return 'DOUBLE PRECISION';
    if (type === 'FLOAT') return 'REAL';
    if (type === 'BLOB') return 'BYTEA';
  }
  return type;
}

export interface Loaded {
  /** Rows the file held. */
  staged: number;
  /** Rows written to the table. */
  inserted: number;
}

/**
 * A restore loads and reads back whole tables in one transaction: on PostgreSQL a table of
 * millions of rows can outlast the 60 s statement timeout the server's connections carry, so the
 * restore's transaction lifts it (SET LOCAL: it ends with the transaction), as tenant deletion does.
 */
export async function allowLongStatements(tx: PlatformDb): Promise<void> {
  if (tx.dialect === 'postgres') await tx.run("SET LOCAL statement_timeout = '30min'");
}

/**
 * Stage `csvFile` (no header; columns in `fileColumns` order) and insert it into `table`. With
 * `tenant`, only rows of that tenant are accepted: any other row makes the load fail.
 */
export async function loadTable(
  tx: PlatformDb,
  table: TableInfo,
  fileColumns: readonly string[],
  csvFile: string,
  staging: string,
  tenant?: string,
): Promise<Loaded> {
  const known = new Set(table.columns.map((c) => c.name));
  const unknown = fileColumns.filter((c) => !known.has(c));
  const lacking = table.columns.filter((c) => !fileColumns.includes(c.name)).map((c) => c.name);
  if (unknown.length > 0 || lacking.length > 0) {
    const parts = [...unknown.map((c) => `the backup's ${c} is not a column here`), ...lacking.map((c) => `column ${c} is not in the backup`)];
    throw new BackupError(`Table ${table.name} differs between the backup and this database (${parts.join(', ')}).`);
  }
  // Staging columns are plain names; the file's own column names are checked by the catalogue.
  const stagingColumns = fileColumns.map((name, i) => ({ name: `c${i}`, type: 'text' as const }));
  const staged = await tx.stage(staging, stagingColumns, csvFile);
  const typeOf = new Map(table.columns.map((c) => [c.name, c.type]));
  const select = fileColumns.map((name, i) => `CAST(c${i} AS ${castType(typeOf.get(name)!, tx.dialect)})`);
  const target = fileColumns.map(quoteIdent).join(', ');
  let inserted: number;
  if (tenant !== undefined) {
    const col = fileColumns.indexOf(table.tenantColumn);
    if (col < 0) throw new BackupError(`Table ${table.name} has no ${table.tenantColumn} column in the archive.`);
    const foreign = Number((await tx.get(`SELECT count(*) AS n FROM ${staging} WHERE c${col} IS DISTINCT FROM $1`, [tenant]))?.n ?? 0);
    if (foreign > 0) throw new BackupError(`${table.name} in the archive holds ${foreign} row(s) of another tenant than ${tenant}; refusing it. Nothing was written.`);
    inserted = await tx.run(`INSERT INTO ${quoteIdent(table.name)} (${target}) SELECT ${select.join(', ')} FROM ${staging} WHERE c${col} = $1`, [tenant]);
  } else {
    inserted = await tx.run(`INSERT INTO ${quoteIdent(table.name)} (${target}) SELECT ${select.join(', ')} FROM ${staging}`);
  }
  return { staged, inserted };
}

/** RowSum and count of a table's rows (one tenant's with `tenant`), read through `db`. */
export async function tableDigest(db: PlatformDb, table: TableInfo, tenant?: string): Promise<{ rows: number; checksum: string }> {
  const sum = new RowSum();
  const scoped = tenant !== undefined;
  const key = scoped ? table.primaryKey.filter((k) => k !== table.tenantColumn) : table.primaryKey;
  const where = scoped ? { where: { sql: `${quoteIdent(table.name)}.${quoteIdent(table.tenantColumn)} = $1`, params: 1 } } : {};
  if (key.length === 0) {
    const rows = scoped
      ? await db.all(`SELECT * FROM ${quoteIdent(table.name)} WHERE ${quoteIdent(table.tenantColumn)} = $1`, [tenant])
      : await db.all(`SELECT * FROM ${quoteIdent(table.name)}`);
    sum.addPage(rows);
  } else {
    for await (const page of keysetPages({ db, table: table.name, key, select: [`${quoteIdent(table.name)}.*`], pageSize: 20_000, ...where }, scoped ? [tenant] : [])) sum.addPage(page);
  }
  return { rows: sum.rows, checksum: sum.hex() };
}
