/**
 * The tenant tables, read from the database's own catalogue on both backends: every base table of
 * the current schema with a `tenant_id` column, plus the `tenants` registry itself, with their
 * columns (and portable types), primary key and the foreign keys between them. Nothing is listed
 * by hand, so a table a later migration adds is exported, deleted and measured without a code
 * change.
 *
 * Tables, columns and primary keys come from information_schema (the same views on DuckDB and
 * PostgreSQL); foreign keys from each engine's own catalogue (`duckdb_constraints()`,
 * `pg_constraint`), which name the referenced table directly: information_schema only links
 * constraint names, and PostgreSQL's foreign-key names are unique per table, not per schema.
 * (`src/store/transfer/schema.ts` reads the same facts for `migrate-data`, as the PostgreSQL owner.)
 */
import type { PlatformDb, Row } from './types.js';

/** The tenant registry: its `id` is what `tenant_id` means everywhere else. */
export const TENANTS_TABLE = 'tenants';
/** The column that names the tenant, in every tenant table. */
export const TENANT_COLUMN = 'tenant_id';

export interface ColumnInfo {
  name: string;
  /**
   * The column's type in a portable SQL spelling both engines (and DuckDB's CSV and Parquet
   * readers) understand: VARCHAR, UUID, INTEGER, BIGINT, SMALLINT, DECIMAL(p,s), DOUBLE, FLOAT,
   * BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ, JSON, BLOB. A type with no portable spelling is VARCHAR
   * (its text form).
   */
  type: string;
  nullable: boolean;
}

export interface TableInfo {
  name: string;
  /** How the table names its tenant: `id` in `tenants`, `tenant_id` everywhere else. */
  tenantColumn: string;
  /** In the table's own column order. */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables of this list that this table's foreign keys point at (itself excluded). */
  parents: string[];
}

export interface TenantCatalogue {
  /** Parents before children (`tenants` first); delete in the reverse order. */
  tables: TableInfo[];
  /**
   * Foreign keys from tables that are not tenant data to tenant tables. None today; one would
   * make a tenant's deletion fail, so offboarding refuses up front and names it.
   */
  outsideReferences: Array<{ from: string; to: string }>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A catalogue name as a quoted identifier; anything but plain lower-case names is refused, never escaped. */
export function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Unexpected identifier '${name.slice(0, 80)}' in the schema: only plain lower-case names are handled.`);
  return `"${name}"`;
}

const SIMPLE_TYPES: Record<string, string> = {
  'character varying': 'VARCHAR',
  varchar: 'VARCHAR',
  character: 'VARCHAR',
  char: 'VARCHAR',
  bpchar: 'VARCHAR',
  text: 'VARCHAR',
  uuid: 'UUID',
  integer: 'INTEGER',
  int: 'INTEGER',
  int4: 'INTEGER',
  bigint: 'BIGINT',
  int8: 'BIGINT',
  smallint: 'SMALLINT',
  int2: 'SMALLINT',
  'double precision': 'DOUBLE',
  double: 'DOUBLE',
  float8: 'DOUBLE',
  real: 'FLOAT',
  float: 'FLOAT',
  float4: 'FLOAT',
  boolean: 'BOOLEAN',
  bool: 'BOOLEAN',
  date: 'DATE',
  'timestamp with time zone': 'TIMESTAMPTZ',
  timestamptz: 'TIMESTAMPTZ',
  'timestamp without time zone': 'TIMESTAMP',
  timestamp: 'TIMESTAMP',
  json: 'JSON',
  jsonb: 'JSON',
  bytea: 'BLOB',
  blob: 'BLOB',
};

/**
 * information_schema's `data_type` → the portable spelling. PostgreSQL says 'numeric' with the
 * precision in separate columns, DuckDB 'DECIMAL(18,2)'; both give numeric_precision/scale.
 */
export function portableType(dataType: string, precision: number | null, scale: number | null): string {
  const t = dataType.trim().toLowerCase();
  if (t.startsWith('numeric') || t.startsWith('decimal')) {
    // DuckDB's DECIMAL holds at most 38 digits; a wider or unconstrained number stays exact as text.
    if (precision !== null && precision >= 1 && precision <= 38) return `DECIMAL(${precision},${scale ?? 0})`;
    return 'VARCHAR';
  }
  return SIMPLE_TYPES[t] ?? 'VARCHAR';
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

interface Key {
  table: string;
  kind: 'PRIMARY KEY' | 'FOREIGN KEY';
  columns: string[];
  parent: string | null;
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : []);

async function readKeys(db: PlatformDb): Promise<Key[]> {
  const rows: Row[] =
    db.dialect === 'postgres'
      ? await db.all(
          `SELECT c.relname AS tbl,
                  CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'FOREIGN KEY' END AS kind,
                  ARRAY(SELECT a.attname::text
                          FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
                         ORDER BY u.ord) AS cols,
                  p.relname AS parent
             FROM pg_constraint k
             JOIN pg_class c ON c.oid = k.conrelid
             LEFT JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype IN ('p', 'f') AND c.relnamespace = current_schema()::regnamespace`,
        )
      : await db.all(
          `SELECT table_name AS tbl, constraint_type AS kind, constraint_column_names AS cols, referenced_table AS parent
             FROM duckdb_constraints()
            WHERE database_name = current_database() AND schema_name = current_schema()
              AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')`,
        );
  return rows.map((r) => ({
    table: String(r.tbl),
    kind: r.kind as Key['kind'],
    columns: listOf(r.cols),
    parent: r.parent === null || r.parent === undefined ? null : String(r.parent),
  }));
}

/** Parents first; ties broken by name, so every run lists the tables in the same order. */
function parentsFirst(names: string[], parents: Map<string, string[]>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const remaining = new Set(names);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => (parents.get(t) ?? []).every((p) => placed.has(p))).sort();
    if (ready.length === 0) throw new Error(`The foreign keys between ${[...remaining].sort().join(', ')} form a cycle; there is no order to delete them in.`);
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
      remaining.delete(t);
    }
  }
  return ordered;
}

/** Columns of every base table of the current schema, in each table's own order. */
async function readColumns(db: PlatformDb): Promise<Map<string, ColumnInfo[]>> {
  const columnRows = await db.all(
    `SELECT c.table_name AS tbl, c.column_name AS name, c.data_type AS data_type, c.numeric_precision AS num_precision,
            c.numeric_scale AS num_scale, c.is_nullable AS nullable
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_schema = current_schema() AND t.table_catalog = current_database() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const columns = new Map<string, ColumnInfo[]>();
  for (const r of columnRows) {
    const table = String(r.tbl);
    const list = columns.get(table) ?? [];
    list.push({ name: String(r.name), type: portableType(String(r.data_type), num(r.num_precision), num(r.num_scale)), nullable: r.nullable === 'YES' });
    columns.set(table, list);
  }
  return columns;
}

/** The tables `names`, parents first, with their keys; foreign keys leaving the set are returned apart. */
function catalogueOf(names: string[], columns: Map<string, ColumnInfo[]>, keys: Key[], tenantColumn: (table: string) => string): TenantCatalogue {
  const inSet = new Set(names);
  const parents = new Map<string, string[]>();
  const outsideReferences: TenantCatalogue['outsideReferences'] = [];
  for (const k of keys) {
    if (k.kind !== 'FOREIGN KEY' || k.parent === null || !inSet.has(k.parent)) continue;
    if (!inSet.has(k.table)) {
      outsideReferences.push({ from: k.table, to: k.parent });
      continue;
    }
    if (k.table === k.parent) continue;
    const list = parents.get(k.table) ?? [];
    if (!list.includes(k.parent)) list.push(k.parent);
    parents.set(k.table, list);
  }

  const tables = parentsFirst(names, parents).map((name): TableInfo => {
    const primaryKey = keys.find((k) => k.kind === 'PRIMARY KEY' && k.table === name)?.columns ?? [];
    const info: TableInfo = {
      name,
      tenantColumn: tenantColumn(name),
      columns: columns.get(name)!,
      primaryKey,
      parents: (parents.get(name) ?? []).sort(),
    };
    // Every name that reaches SQL text is checked once here.
    quoteIdent(name);
    for (const c of info.columns) quoteIdent(c.name);
    return info;
  });
  return { tables, outsideReferences: outsideReferences.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)) };
}

/** Every tenant table and the registry, parents first, with what points outside the set at it. */
export async function tenantCatalogue(db: PlatformDb): Promise<TenantCatalogue> {
  const columns = await readColumns(db);
  const names = [...columns.keys()].filter((t) => t === TENANTS_TABLE || columns.get(t)!.some((c) => c.name === TENANT_COLUMN));
  if (!names.includes(TENANTS_TABLE)) throw new Error(`The database has no ${TENANTS_TABLE} table: it is not a migrated Fluxion database.`);
  return catalogueOf(names, columns, await readKeys(db), (name) => (name === TENANTS_TABLE ? 'id' : TENANT_COLUMN));
}

/** Kept by the migrations themselves: never part of the data. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Every table of the installation but the migrations' own record, parents first: tenant data,
 * the registry and the platform tables (admins, platform audit trail, request statistics). What a
 * backup holds. `tenantColumn` is empty for platform tables.
 */
export async function installationTables(db: PlatformDb): Promise<TableInfo[]> {
  const columns = await readColumns(db);
  const names = [...columns.keys()].filter((t) => t !== MIGRATIONS_TABLE);
  if (!names.includes(TENANTS_TABLE)) throw new Error(`The database has no ${TENANTS_TABLE} table: it is not a migrated Fluxion database.`);
  const tenantColumn = (name: string) => (name === TENANTS_TABLE ? 'id' : columns.get(name)!.some((c) => c.name === TENANT_COLUMN) ? TENANT_COLUMN : '');
  return catalogueOf(names, columns, await readKeys(db), tenantColumn).tables;
}

/**
 * Every table holding tenant data (a `tenant_id` column) and the `tenants` registry, parents
 * before children: `tenants` first, so deleting in the reverse order goes children first.
 */
export async function tenantTables(db: PlatformDb): Promise<TableInfo[]> {
  return (await tenantCatalogue(db)).tables;
}

/**
 * The tables grouped for deletion, children first: each group references only tables of later
 * groups, so a group's rows can go once the groups before it are gone. The last group is
 * `tenants`. (DuckDB cannot delete a parent row whose children were deleted in the same
 * transaction, so there each group commits on its own.)
 */
export function deletionLevels(tables: readonly TableInfo[]): string[][] {
  const children = new Map<string, string[]>();
  for (const t of tables) for (const p of t.parents) children.set(p, [...(children.get(p) ?? []), t.name]);
  const levels: string[][] = [];
  const done = new Set<string>();
  const remaining = new Set(tables.map((t) => t.name));
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => (children.get(t) ?? []).every((c) => done.has(c))).sort();
    if (ready.length === 0) throw new Error(`The foreign keys between ${[...remaining].sort().join(', ')} form a cycle; there is no order to delete them in.`);
    // The registry goes alone and last, even when nothing references it.
    const level = remaining.size > 1 ? ready.filter((t) => t !== TENANTS_TABLE) : ready;
    if (level.length === 0) throw new Error(`The foreign keys between ${[...remaining].sort().join(', ')} form a cycle; there is no order to delete them in.`);
    levels.push(level);
    for (const t of level) {
      done.add(t);
      remaining.delete(t);
    }
  }
  return levels;
}
