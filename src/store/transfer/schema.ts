/**
 * What a transfer copies, read from the migrated target's own catalogue rather than listed by
 * hand: every base table with its columns, primary key, whether it is tenant data, and the order
 * its foreign keys impose. A table a future migration adds is therefore copied without a code
 * change, and a source table the target schema does not know stops the transfer before anything
 * is written.
 */
import type pg from 'pg';
import type { Store } from '../types.js';

/** Kept by the migrations on each side, never copied: the target applies its own. */
export const MIGRATIONS_TABLE = 'schema_migrations';
/** The tenant registry: its `id` is what `tenant_id` means everywhere else. */
export const TENANTS_TABLE = 'tenants';

export interface TableSchema {
  name: string;
  /** Insertable columns in catalogue order (generated columns are left out). */
  columns: string[];
  /** Every column, generated ones included: what the source must have. */
  allColumns: string[];
  primaryKey: string[];
  /** Has a tenant_id column: tenant data, verified per tenant. */
  tenantScoped: boolean;
  /** FORCE ROW LEVEL SECURITY on the target (the owner itself is bound by the policies). */
  forcedRls: boolean;
}

export interface TransferSchema {
  /** Parents before children: the order rows can be inserted in. */
  tables: TableSchema[];
  /** The target's migration version. */
  version: number;
}

/** A transfer refused before writing anything: the message says why, for people. */
export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferError';
  }
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A catalogue name as a quoted identifier; anything unusual is refused rather than escaped. */
export function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new TransferError(`Unexpected identifier '${name}' in the schema; the transfer only handles plain lower-case names.`);
  return `"${name}"`;
}

/** Parents first; ties broken by name so every run copies in the same order. */
function dependencyOrder(names: string[], parents: Map<string, Set<string>>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const remaining = new Set(names);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => [...(parents.get(t) ?? [])].every((p) => placed.has(p))).sort();
    if (ready.length === 0) {
      throw new TransferError(`The foreign keys between ${[...remaining].sort().join(', ')} form a cycle; there is no order to copy them in.`);
    }
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
      remaining.delete(t);
    }
  }
  return ordered;
}

/** The schema of the database `client` is connected to (the migrated target, as its owner). */
export async function readSchema(client: pg.ClientBase): Promise<TransferSchema> {
  const tables = (
    await client.query<{ name: string; forced: boolean }>(
      `SELECT c.relname AS name, c.relforcerowsecurity AS forced
         FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname`,
    )
  ).rows.filter((t) => t.name !== MIGRATIONS_TABLE);
  const columns = (
    await client.query<{ table: string; column: string; generated: string }>(
      `SELECT c.relname AS table, a.attname AS column, a.attgenerated AS generated
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`,
    )
  ).rows;
  const keys = (
    await client.query<{ table: string; column: string }>(
      `SELECT c.relname AS table, a.attname AS column
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace
        ORDER BY c.relname, k.ord`,
    )
  ).rows;
  const references = (
    await client.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent
         FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_class p ON p.oid = k.confrelid
        WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace`,
    )
  ).rows;
  const version = (await client.query<{ v: number | null }>(`SELECT max(version)::int AS v FROM ${MIGRATIONS_TABLE}`)).rows[0]?.v ?? 0;

  const parents = new Map<string, Set<string>>();
  for (const r of references) {
    if (r.child === r.parent) {
      throw new TransferError(`Table ${r.child} references itself; the transfer cannot order its rows.`);
    }
    if (!parents.has(r.child)) parents.set(r.child, new Set());
    parents.get(r.child)!.add(r.parent);
  }
  const byName = new Map<string, TableSchema>();
  for (const t of tables) {
    const all = columns.filter((c) => c.table === t.name);
    const primaryKey = keys.filter((k) => k.table === t.name).map((k) => k.column);
    if (primaryKey.length === 0) throw new TransferError(`Table ${t.name} has no primary key; the transfer reads every table in primary-key order.`);
    const schema: TableSchema = {
      name: t.name,
      columns: all.filter((c) => c.generated === '').map((c) => c.column),
      allColumns: all.map((c) => c.column),
      primaryKey,
      tenantScoped: all.some((c) => c.column === 'tenant_id'),
      forcedRls: t.forced,
    };
    for (const c of [...schema.columns, ...schema.primaryKey]) quoteIdent(c);
    quoteIdent(t.name);
    byName.set(t.name, schema);
  }
  if (!byName.has(TENANTS_TABLE)) throw new TransferError(`The target has no ${TENANTS_TABLE} table; it is not a migrated Fluxion database.`);
  const order = dependencyOrder(
    [...byName.keys()],
    new Map([...parents].map(([child, ps]) => [child, new Set([...ps].filter((p) => byName.has(p)))])),
  );
  return { tables: order.map((name) => byName.get(name)!), version };
}

/**
 * The source must hold exactly the target's tables and columns, at the same migration version:
 * a table the copier does not know would otherwise be left behind without a word.
 */
export async function checkSource(source: Store, schema: TransferSchema): Promise<void> {
  const db = source.platform;
  const tables = await db.all(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const names = tables.map((r) => String(r.name));
  if (!names.includes(MIGRATIONS_TABLE) || !names.includes(TENANTS_TABLE)) {
    throw new TransferError(`The source ${source.location} is not a Fluxion database (it has no ${MIGRATIONS_TABLE} or ${TENANTS_TABLE} table).`);
  }
  const version = Number((await db.get(`SELECT max(version) AS v FROM ${MIGRATIONS_TABLE}`))?.v ?? 0);
  if (version !== schema.version) {
    throw new TransferError(`The source is at migration version ${version} and the target at ${schema.version}; both must be migrated to the same version first.`);
  }
  const known = new Map(schema.tables.map((t) => [t.name, t]));
  const unknown = names.filter((n) => n !== MIGRATIONS_TABLE && !known.has(n));
  if (unknown.length > 0) {
    throw new TransferError(`The source has table${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} that the target schema does not; refusing to copy without ${unknown.length === 1 ? 'it' : 'them'}.`);
  }
  const missing = [...known.keys()].filter((n) => !names.includes(n));
  if (missing.length > 0) throw new TransferError(`The source lacks table${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of the target schema.`);
  const columns = await db.all(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  for (const table of schema.tables) {
    const have = columns.filter((r) => r.t === table.name).map((r) => String(r.c));
    const extra = have.filter((c) => !table.allColumns.includes(c));
    const lacking = table.allColumns.filter((c) => !have.includes(c));
    if (extra.length > 0 || lacking.length > 0) {
      throw new TransferError(
        `Table ${table.name} differs between source and target (${[...extra.map((c) => `source only: ${c}`), ...lacking.map((c) => `target only: ${c}`)].join(', ')}).`,
      );
    }
  }
}
