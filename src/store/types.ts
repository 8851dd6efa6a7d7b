/**
 * The Store port: the only way code reaches the database.
 *
 * Rows come back as plain JSON values, the same on every backend: integers (including BIGINT
 * counts) as numbers, DECIMAL as exact strings, DATE as 'YYYY-MM-DD', TIMESTAMPTZ as ISO-8601 UTC
 * strings, JSON columns parsed. No driver type (bigint, DuckDB value objects) leaves the adapter.
 */
import type { MigrationReport } from './migrations/index.js';

export type SqlParam = string | number | boolean | null;
export type Row = Record<string, unknown>;
export type Dialect = 'duckdb' | 'postgres';

/** A column of a staging table (see Queryable.stage). */
export interface StagingColumn {
  name: string;
  type: 'text' | 'integer' | 'bigint' | 'decimal' | 'date' | 'timestamptz' | 'boolean' | 'uuid';
}

/** Staging tables are named `staging_<word>`: never a tenant table. */
export const STAGING_TABLE = /^staging_[a-z][a-z0-9_]{0,40}$/;

export interface Queryable {
  /** Every row of a query. */
  all(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** The first row, or undefined. */
  get(sql: string, params?: readonly SqlParam[]): Promise<Row | undefined>;
  /** A statement for its effect; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Inside a transaction: wait until no other transaction holds `key`, then hold it until this one
   * ends. For read-then-write sequences (stock levels, order numbers, state transitions). DuckDB
   * serialises every write transaction already, so there it returns at once; PostgreSQL takes a
   * transaction-scoped advisory lock.
   */
  lock(key: string): Promise<void>;
  /**
   * Inside a transaction: create the temporary table `name` (STAGING_TABLE) with `columns` and load
   * it from `csvFile` (RFC 4180, no header, ',' delimiter, an empty unquoted field is NULL) in one
   * bulk pass — DuckDB's `read_csv`, PostgreSQL's `COPY FROM STDIN`. The table is seen by this
   * transaction only and is gone when it ends (committed or not). For bulk imports: the rows are
   * then moved into tenant tables by ordinary statements that name `$1`. With `append` the rows
   * are added to the table an earlier call of this transaction created. Returns the rows loaded.
   */
  stage(name: string, columns: readonly StagingColumn[], csvFile: string, options?: { append?: boolean }): Promise<number>;
  /**
   * Like `stage`, filled by a query instead of a file (`INSERT INTO name (columns) <sql>`): a
   * derived staging table computed once and read several times. On a tenant handle the query
   * names `$1` like any other.
   */
  stageQuery(name: string, columns: readonly StagingColumn[], sql: string, params?: readonly SqlParam[]): Promise<number>;
}

/**
 * A handle bound to one tenant. `$1` in every statement is that tenant's id, supplied by the
 * handle itself; callers pass the remaining parameters as `$2`, `$3`, … A statement that does not
 * mention `$1` is refused: a query on tenant data cannot be written without the tenant.
 */
export interface TenantDb extends Queryable {
  readonly tenantId: string;
  readonly dialect: Dialect;
  /** Run `fn` in one transaction: all of it commits, or none of it. */
  tx<T>(fn: (tx: TenantDb) => Promise<T>): Promise<T>;
}

/**
 * Platform-level access: the tenant registry, migrations, the admin console, demo loading.
 * Never handed to tenant routes.
 */
export interface PlatformDb extends Queryable {
  readonly dialect: Dialect;
  tx<T>(fn: (tx: PlatformDb) => Promise<T>): Promise<T>;
}

export interface Store {
  readonly dialect: Dialect;
  /** Human description for logs and `fluxion` output (file path or redacted URL). */
  readonly location: string;
  readonly platform: PlatformDb;
  forTenant(tenantId: string): TenantDb;
  /**
   * Run `fn` on one read-only snapshot of the whole database: every query it makes sees the data
   * as of the same instant, while other transactions go on writing (DuckDB: a transaction on a
   * reader connection; PostgreSQL: REPEATABLE READ READ ONLY as the platform role). For backups.
   */
  snapshot<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** Apply pending migrations (on PostgreSQL as the owner role, then row-level security). */
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}

/** Thrown when a statement on a tenant handle forgets the tenant parameter. A programming error. */
/** SQL types of staging columns, the same on both backends. */
export const STAGING_TYPES: Record<StagingColumn['type'], string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  decimal: 'DECIMAL(18, 6)',
  date: 'DATE',
  timestamptz: 'TIMESTAMPTZ',
  boolean: 'BOOLEAN',
  uuid: 'UUID',
};

/** The CREATE TABLE column list of a staging table. */
export function stagingColumnsSql(columns: readonly StagingColumn[]): string {
  return columns
    .map((c) => {
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(c.name)) throw new Error(`Not a staging column name: '${c.name}'`);
      return `${c.name} ${STAGING_TYPES[c.type]}`;
    })
    .join(', ');
}

export function checkStagingName(name: string): void {
  if (!STAGING_TABLE.test(name)) throw new Error(`Not a staging table name: '${name}'`);
}

export class UnscopedQueryError extends Error {
  constructor(sql: string) {
    super(`Tenant query without the tenant parameter $1: ${sql.slice(0, 120)}`);
    this.name = 'UnscopedQueryError';
  }
}

const TENANT_PARAM = /\$1(?!\d)/;

/** Wrap a platform-level executor into a tenant-bound handle. Shared by every adapter. */
export function bindTenant(db: PlatformDb, tenantId: string): TenantDb {
  const check = (sql: string) => {
    if (!TENANT_PARAM.test(sql)) throw new UnscopedQueryError(sql);
  };
  const withTenant = (params: readonly SqlParam[] = []) => [tenantId, ...params];
  return {
    tenantId,
    dialect: db.dialect,
    all: (sql, params) => (check(sql), db.all(sql, withTenant(params))),
    get: (sql, params) => (check(sql), db.get(sql, withTenant(params))),
    run: (sql, params) => (check(sql), db.run(sql, withTenant(params))),
    lock: (key) => db.lock(`tenant:${tenantId}:${key}`),
    stage: (name, columns, file, options) => db.stage(name, columns, file, options),
    stageQuery: (name, columns, sql, params) => (check(sql), db.stageQuery(name, columns, sql, withTenant(params))),
    tx: (fn) => db.tx((inner) => fn(bindTenant(inner, tenantId))),
  };
}
