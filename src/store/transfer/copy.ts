/**
 * Copy a Fluxion installation (or some of its tenants) from any Store into a PostgreSQL database,
 * as that database's owner, in one transaction: a failure or a refusal leaves the target exactly
 * as it was.
 *
 * - The target is migrated first (`PostgresStore.migrateAsOwner`), and its catalogue then says
 *   which tables to copy and in which order (schema.ts); the source must match it table for table.
 * - The source is read in keyset pages through the Store port (pages.ts), each value as the
 *   source's own text form, and streamed into `COPY … FROM STDIN (FORMAT csv)`.
 * - Foreign keys and secondary indexes are dropped for the copy and made again before the commit
 *   (see deferConstraints): the same checks, in one pass per table instead of one per row.
 * - Row-level security is FORCEd on tenant tables, which binds the owner too, and PostgreSQL
 *   refuses COPY FROM into a table whose policies apply. An owner that is neither superuser nor
 *   BYPASSRLS therefore lifts FORCE for the length of the transaction and restores it before the
 *   commit; nobody else ever sees the table without it (ALTER TABLE holds an exclusive lock until
 *   the commit).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Store } from '../types.js';
import { PostgresStore } from '../postgres/store.js';
import type { PostgresUrls } from '../postgres/connection.js';
import { csvLines, csvLineSql } from './csv.js';
import { column, keysetPages } from './pages.js';
import { checkSource, quoteIdent, readSchema, TENANTS_TABLE, TransferError, type TableSchema, type TransferSchema } from './schema.js';

export type Progress = (phase: string, fraction: number) => void;

export interface TransferOptions {
  /**
   * installation: every table, into a target that holds no rows at all (`fluxion migrate-data`).
   * tenants: the source's tenants and their rows, beside whatever tenants the target already has;
   * platform tables (admins, the platform audit trail) are left out (demo data on PostgreSQL).
   */
  scope?: 'installation' | 'tenants';
  /** With scope 'tenants': delete the target's rows of the source's tenants first, instead of refusing. */
  replace?: boolean;
  /** Rows per source page (default 50 000). */
  pageSize?: number;
  onProgress?: Progress;
}

export interface TransferReport {
  scope: 'installation' | 'tenants';
  /** Tenant ids the source holds (all copied). */
  tenants: string[];
  /** Tenant ids whose previous rows on the target were deleted first (`replace`). */
  replaced: string[];
  /** Rows copied per table, in copy order. */
  tables: Array<{ name: string; rows: number }>;
  rows: number;
  seconds: number;
  /** The schema the copy followed: verification reads the same tables. */
  schema: TransferSchema;
}

/** The target holds data the transfer would collide with; nothing was written. */
export class TargetNotEmptyError extends TransferError {
  constructor(
    message: string,
    readonly tenants: string[],
    readonly tables: Array<{ name: string; rows: number }>,
  ) {
    super(message);
    this.name = 'TargetNotEmptyError';
  }
}

const listed = (ids: readonly string[], max = 10) => (ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`);
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function ownerClient(url: string): pg.Client {
  // Every value crosses as text; the session speaks UTC like the serving pools, and no statement
  // timeout applies (one COPY of a large table takes a while).
  return new pg.Client({ connectionString: url, options: '-c TimeZone=UTC', application_name: 'fluxion transfer' });
}

async function sourceTenants(source: Store): Promise<string[]> {
  return (await source.platform.all(`SELECT id FROM ${TENANTS_TABLE} ORDER BY id`)).map((r) => String(r.id));
}

/** Rows of a table in the target as the transaction sees them (FORCE already lifted, or bypassed). */
async function countRows(client: pg.ClientBase, table: string): Promise<number> {
  return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).rows[0]!.n);
}

async function refuseUnlessEmpty(client: pg.ClientBase, schema: TransferSchema): Promise<void> {
  const tenants = (await client.query<{ id: string }>(`SELECT id FROM ${TENANTS_TABLE} ORDER BY id`)).rows.map((r) => r.id);
  const tables: Array<{ name: string; rows: number }> = [];
  for (const t of schema.tables) {
    const n = await countRows(client, t.name);
    if (n > 0) tables.push({ name: t.name, rows: n });
  }
  if (tenants.length === 0 && tables.length === 0) return;
  const message =
    tenants.length > 0
      ? `The target database already holds ${plural(tenants.length, 'tenant')}: ${listed(tenants)}.`
      : `The target database is not empty: ${tables.map((t) => plural(t.rows, `${t.name} row`)).join(', ')}.`;
  throw new TargetNotEmptyError(
    `${message} A whole installation is copied into an empty database only (create one with CREATE DATABASE); nothing was written.`,
    tenants,
    tables,
  );
}

async function deleteTenants(client: pg.ClientBase, tables: readonly TableSchema[], tenants: readonly string[]): Promise<void> {
  for (const t of [...tables].reverse()) {
    const column = t.name === TENANTS_TABLE ? 'id' : 'tenant_id';
    await client.query(`DELETE FROM ${quoteIdent(t.name)} WHERE ${column} = ANY($1::text[])`, [tenants]);
  }
}

/**
 * Foreign keys and plain secondary indexes, dropped for the copy and made again before the commit,
 * as pg_restore does: checking each row's foreign keys one at a time is most of the cost of a
 * large COPY (a per-row trigger), while ADD CONSTRAINT checks the whole table in one join.
 * Primary keys and unique constraints stay, so a duplicate still fails the copy at once. The
 * definitions come from the catalogue, so they return exactly as the migrations made them.
 */
async function deferConstraints(client: pg.ClientBase, tables: readonly TableSchema[]): Promise<() => Promise<void>> {
  const names = tables.map((t) => t.name);
  const fks = (
    await client.query<{ table: string; name: string; def: string }>(
      `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS def
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1::text[])
        ORDER BY c.relname, k.conname`,
      [names],
    )
  ).rows;
  const indexes = (
    await client.query<{ name: string; def: string }>(
      `SELECT x.relname AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1::text[])
          AND NOT i.indisprimary AND NOT i.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY x.relname`,
      [names],
    )
  ).rows;
  const id = (name: string) => client.escapeIdentifier(name);
  for (const fk of fks) await client.query(`ALTER TABLE ${quoteIdent(fk.table)} DROP CONSTRAINT ${id(fk.name)}`);
  for (const ix of indexes) await client.query(`DROP INDEX ${id(ix.name)}`);
  return async () => {
    for (const ix of indexes) await client.query(ix.def);
    for (const fk of fks) await client.query(`ALTER TABLE ${quoteIdent(fk.table)} ADD CONSTRAINT ${id(fk.name)} ${fk.def}`);
  };
}

/** Serial and identity columns continue after the copied values (none today; a migration may add one). */
async function advanceSequences(client: pg.ClientBase, tables: readonly TableSchema[]): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; seq: string }>(
    `SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
  );
  const copied = new Set(tables.map((t) => t.name));
  for (const r of rows.filter((s) => copied.has(s.table))) {
    const col = quoteIdent(r.column);
    await client.query(`SELECT setval($1, COALESCE(max(${col}), 1), max(${col}) IS NOT NULL) FROM ${quoteIdent(r.table)}`, [r.seq]);
  }
}

async function copyTable(client: pg.ClientBase, source: Store, table: TableSchema, pageSize: number, onRows: (n: number) => void): Promise<number> {
  const columns = table.columns.map(quoteIdent);
  const pages = keysetPages({
    db: source.platform,
    table: table.name,
    key: table.primaryKey,
    select: [csvLineSql(table.columns.map((c) => column(table.name, c)))],
    pageSize,
  });
  let read = 0;
  async function* chunks(): AsyncGenerator<string> {
    for await (const rows of pages) {
      read += rows.length;
      onRows(rows.length);
      yield csvLines(rows);
    }
  }
  const sink = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  try {
    await pipeline(Readable.from(chunks()), sink);
  } finally {
    // Ends a read still in flight when the COPY failed half-way.
    await pages.return(undefined);
  }
  if (sink.rowCount !== read) throw new Error(`Copying ${table.name}: read ${read} rows from the source but PostgreSQL stored ${sink.rowCount}.`);
  return read;
}

/** Copy `source` into the PostgreSQL database of `target` (its owner URL and serving roles). */
export async function transferStore(source: Store, target: PostgresUrls, options: TransferOptions = {}): Promise<TransferReport> {
  const started = performance.now();
  const scope = options.scope ?? 'installation';
  const pageSize = options.pageSize ?? 50_000;
  const progress = options.onProgress ?? (() => undefined);

  progress('migrating the target', 0);
  await PostgresStore.migrateAsOwner(target);
  const client = ownerClient(target.owner);
  await client.connect();
  try {
    const schema = await readSchema(client);
    await checkSource(source, schema);
    const tenants = await sourceTenants(source);
    const tables = scope === 'installation' ? schema.tables : schema.tables.filter((t) => t.tenantScoped || t.name === TENANTS_TABLE);
    const totals = new Map<string, number>();
    for (const t of tables) totals.set(t.name, Number((await source.platform.get(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`))?.n ?? 0));
    const total = [...totals.values()].reduce((a, b) => a + b, 0);

    await client.query('BEGIN');
    try {
      // Writers wait until the commit; a second transfer into the same database waits here too.
      await client.query(`LOCK TABLE ${tables.map((t) => quoteIdent(t.name)).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
      const role = (await client.query<{ bypass: boolean }>('SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user')).rows[0];
      const lifted = role?.bypass ? [] : tables.filter((t) => t.forcedRls);
      for (const t of lifted) await client.query(`ALTER TABLE ${quoteIdent(t.name)} NO FORCE ROW LEVEL SECURITY`);

      let replaced: string[] = [];
      if (scope === 'installation') {
        await refuseUnlessEmpty(client, schema);
      } else {
        const present = (await client.query<{ id: string }>(`SELECT id FROM ${TENANTS_TABLE} WHERE id = ANY($1::text[]) ORDER BY id`, [tenants])).rows.map((r) => r.id);
        if (present.length > 0 && !options.replace) {
          throw new TargetNotEmptyError(`The target database already has ${plural(present.length, 'tenant')} ${listed(present)}; nothing was written.`, present, []);
        }
        if (present.length > 0) {
          progress('removing the previous rows', 0);
          await deleteTenants(client, tables, present);
          replaced = present;
        }
      }

      const restore = await deferConstraints(client, tables);
      const copied: TransferReport['tables'] = [];
      let done = 0;
      for (const t of tables) {
        const phase = `copying ${t.name}`;
        // Empty tables pass without a word: off a terminal every phase is a line of its own.
        if (totals.get(t.name)) progress(phase, total === 0 ? 1 : done / total);
        const rows = await copyTable(client, source, t, pageSize, (n) => {
          done += n;
          progress(phase, total === 0 ? 1 : done / total);
        });
        copied.push({ name: t.name, rows });
      }
      progress('checking foreign keys, building indexes', 1);
      await restore();
      await advanceSequences(client, tables);
      for (const t of lifted) await client.query(`ALTER TABLE ${quoteIdent(t.name)} FORCE ROW LEVEL SECURITY`);
      progress('committing', 1);
      await client.query('COMMIT');
      return {
        scope,
        tenants,
        replaced,
        tables: copied,
        rows: copied.reduce((a, t) => a + t.rows, 0),
        seconds: (performance.now() - started) / 1000,
        schema,
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
