/**
 * The PostgreSQL adapter: several processes, one database, row-level security as a second wall.
 *
 * Two pools, two login roles (see connection.ts). A tenant handle runs every statement inside a
 * transaction that first does `set_config('app.tenant_id', <tenant>, true)` — the `SET LOCAL`
 * form, which ends with the transaction and so is safe behind a transaction-pooling proxy
 * (PgBouncer, RDS Proxy). The SQL still filters on `tenant_id = $1` itself; RLS is the wall
 * behind that filter, not a replacement for it.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { bindTenant, checkStagingName, stagingColumnsSql, type PlatformDb, type Queryable, type Row, type SqlParam, type Store, type TenantDb } from '../types.js';
import { migrate, type MigrationReport } from '../migrations/index.js';
import { pgTypes } from './values.js';
import { assertServingRole, secureSchema, TENANT_SETTING } from './security.js';
import { passwordOf, postgresUrls, redactUrl, roleOf, type PostgresUrls } from './connection.js';

export interface PostgresStoreOptions {
  /** Owner URL (`DATABASE_URL`). */
  url: string;
  appUrl?: string | undefined;
  platformUrl?: string | undefined;
  /** Connections per pool (default 10 for the app role, 4 for the platform role). */
  poolSize?: number;
}

type Client = pg.PoolClient | pg.Client;

function clientConfig(url: string, max: number): pg.PoolConfig {
  return {
    connectionString: url,
    max,
    types: pgTypes,
    // Every session speaks UTC, as the DuckDB adapter does: `::DATE` of a timestamp is the UTC date.
    options: '-c TimeZone=UTC -c statement_timeout=60000',
    application_name: 'fluxion',
    idleTimeoutMillis: 30_000,
  };
}

async function query(client: Client, sql: string, params: readonly SqlParam[]): Promise<pg.QueryResult<Row>> {
  return client.query<Row>(sql, params as SqlParam[]);
}

/** A handle on one checked-out client inside an open transaction. */
function txHandle(client: Client): PlatformDb {
  const handle: PlatformDb = {
    dialect: 'postgres',
    all: async (sql, params = []) => (await query(client, sql, params)).rows,
    get: async (sql, params = []) => (await query(client, sql, params)).rows[0],
    run: async (sql, params = []) => (await query(client, sql, params)).rowCount ?? 0,
    lock: async (key) => {
      await query(client, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    },
    stage: async (name, columns, file, options) => {
      checkStagingName(name);
      if (!options?.append) await client.query(`CREATE TEMP TABLE ${name} (${stagingColumnsSql(columns)}) ON COMMIT DROP`);
      const copy = client.query(copyFrom(`COPY ${name} (${columns.map((c) => c.name).join(', ')}) FROM STDIN (FORMAT csv)`));
      await pipeline(fs.createReadStream(file), copy);
      return Number(copy.rowCount ?? 0);
    },
    stageQuery: async (name, columns, sql, params = []) => {
      checkStagingName(name);
      await client.query(`CREATE TEMP TABLE ${name} (${stagingColumnsSql(columns)}) ON COMMIT DROP`);
      return (await query(client, `INSERT INTO ${name} (${columns.map((c) => c.name).join(', ')}) ${sql}`, params)).rowCount ?? 0;
    },
    // Nested transactions join the outer one.
    tx: (fn) => fn(handle),
  };
  return handle;
}

/**
 * An executor over a pool. `begin` is the statement that opens each transaction (for the app
 * role it also sets the tenant); statements outside `tx` each run in their own transaction.
 */
interface ClientSource {
  connect(): Promise<pg.PoolClient>;
  query(sql: string, params: SqlParam[]): Promise<pg.QueryResult<Row>>;
}

function executor(pool: ClientSource, begin: string | null): PlatformDb {
  const inTx = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query(begin ?? 'BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  };
  // Platform statements outside a transaction need none; tenant ones always do (SET LOCAL).
  const single = async (sql: string, params: readonly SqlParam[]) =>
    begin === null ? pool.query(sql, params as SqlParam[]) : inTx((c) => query(c, sql, params));
  return {
    dialect: 'postgres',
    all: async (sql, params = []) => (await single(sql, params)).rows,
    get: async (sql, params = []) => (await single(sql, params)).rows[0],
    run: async (sql, params = []) => (await single(sql, params)).rowCount ?? 0,
    // Outside a transaction a lock would end with the statement: nothing to hold.
    lock: async () => undefined,
    stage: () => Promise.reject(new Error('Staging tables exist inside a transaction only.')),
    stageQuery: () => Promise.reject(new Error('Staging tables exist inside a transaction only.')),
    tx: (fn) => inTx((client) => fn(txHandle(client))),
  };
}

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly platform: PlatformDb;
  readonly location: string;
  private closed = false;
  private readonly tenantExecutors = new Map<string, PlatformDb>();

  private constructor(
    readonly urls: PostgresUrls,
    private readonly appPool: pg.Pool,
    private readonly platformPool: pg.Pool,
  ) {
    this.location = redactUrl(urls.owner);
    this.platform = executor(platformPool as unknown as ClientSource, null);
    for (const pool of [appPool, platformPool]) {
      // An idle client that loses its server (restart, failover) must not crash the process.
      pool.on('error', () => undefined);
    }
  }

  /**
   * Connect. With `migrate`, first apply pending migrations and the row-level security that
   * follows from the schema, as the owner; the serving pools never hold the owner role.
   */
  static async open(options: PostgresStoreOptions & { migrate?: boolean }): Promise<PostgresStore> {
    const urls = postgresUrls(options.url, { app: options.appUrl, platform: options.platformUrl });
    if (options.migrate !== false) await PostgresStore.migrateAsOwner(urls);
    const appPool = new pg.Pool(clientConfig(urls.app, options.poolSize ?? 10));
    const platformPool = new pg.Pool(clientConfig(urls.platform, Math.max(2, Math.ceil((options.poolSize ?? 10) / 2))));
    try {
      for (const pool of [appPool, platformPool]) {
        const client = await pool.connect();
        try {
          await assertServingRole(client);
        } finally {
          client.release();
        }
      }
    } catch (err) {
      await Promise.all([appPool.end(), platformPool.end()]);
      throw err;
    }
    return new PostgresStore(urls, appPool, platformPool);
  }

  /** Migrations and the security that follows from the schema, as the owner role. */
  static async migrateAsOwner(urls: PostgresUrls): Promise<MigrationReport> {
    const owner = new pg.Client(clientConfig(urls.owner, 1));
    await owner.connect();
    try {
      // One migrator at a time across processes (several workers may start together).
      await owner.query('SELECT pg_advisory_lock(7041991)');
      const single: ClientSource = {
        connect: async () => Object.assign(owner, { release: () => undefined }) as unknown as pg.PoolClient,
        query: (sql, params) => owner.query<Row>(sql, params),
      };
      const report = await migrate(executor(single, 'BEGIN'));
      await secureSchema(owner, {
        app: { name: roleOf(urls.app), password: passwordOf(urls.app) },
        platform: { name: roleOf(urls.platform), password: passwordOf(urls.platform) },
      });
      return report;
    } finally {
      await owner.end().catch(() => undefined);
    }
  }

  async snapshot<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.platformPool.connect();
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await fn(txHandle(client));
      } finally {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
      }
    } finally {
      client.release(broken);
    }
  }

  migrate(): Promise<MigrationReport> {
    return PostgresStore.migrateAsOwner(this.urls);
  }

  forTenant(tenantId: string): TenantDb {
    let exec = this.tenantExecutors.get(tenantId);
    if (!exec) {
      // The tenant id is a validated registry id; it is still passed as a quoted literal.
      exec = executor(this.appPool as unknown as ClientSource, `BEGIN; SELECT set_config('${TENANT_SETTING}', ${pg.Client.prototype.escapeLiteral(tenantId)}, true)`);
      if (this.tenantExecutors.size > 10_000) this.tenantExecutors.clear();
      this.tenantExecutors.set(tenantId, exec);
    }
    return bindTenant(exec, tenantId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.appPool.end(), this.platformPool.end()]);
  }
}

export type { Row };
