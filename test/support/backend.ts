/**
 * Which database the integration suite runs on: `FLUXION_TEST_BACKEND=postgres` runs it on
 * PostgreSQL (one throw-away database per test store, copied from a migrated template that the
 * global setup creates for the run); anything else, the default, on in-memory DuckDB.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { withDatabase } from '../../src/store/postgres/connection.js';
import type { Store } from '../../src/store/types.js';

export interface PostgresRun {
  /** Server URL as the owner (superuser here), on the maintenance database. */
  adminUrl: string;
  /** Prefix of every database this run creates. */
  prefix: string;
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresRun | null;
  }
}

export const TEST_BACKEND: 'duckdb' | 'postgres' = process.env.FLUXION_TEST_BACKEND === 'postgres' ? 'postgres' : 'duckdb';

export function postgresRun(): PostgresRun {
  const run = inject('postgres');
  if (!run) throw new Error('The PostgreSQL test run was not set up (FLUXION_TEST_BACKEND=postgres with the global setup).');
  return run;
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty, migrated PostgreSQL database for one test store; its URL as the owner. */
export async function createTestDatabase(): Promise<string> {
  const run = postgresRun();
  const name = `${run.prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await adminQuery(run.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${run.template} STRATEGY FILE_COPY`);
  return withDatabase(run.adminUrl, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await adminQuery(postgresRun().adminUrl, `DROP DATABASE IF EXISTS ${pg.Client.prototype.escapeIdentifier(name)} WITH (FORCE)`);
}

/** A fresh, migrated store on the suite's backend; closing it discards its data. */
export async function openTestStore(): Promise<Store> {
  if (TEST_BACKEND === 'duckdb') return openStore({ dataDir: '.', file: ':memory:' });
  const url = await createTestDatabase();
  const store = await PostgresStore.open({ url, migrate: false, poolSize: 4 });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      await dropTestDatabase(url);
    },
  });
}

export const POSTGRES_ADMIN_URL = process.env.FLUXION_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A throw-away PostgreSQL database for tests that always need PostgreSQL, whichever backend the
 * suite runs on (database-level isolation, transfers, several processes). Optionally owned by a
 * non-superuser role, as on a managed service, so FORCE ROW LEVEL SECURITY binds the owner too.
 */
export async function scratchDatabase(label: string, options: { owner?: string } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fluxion_scratch_${label}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const ident = pg.Client.prototype.escapeIdentifier;
  if (options.owner) {
    const exists = await adminQuery(POSTGRES_ADMIN_URL, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [options.owner]);
    if (exists.length === 0) {
      await adminQuery(POSTGRES_ADMIN_URL, `CREATE ROLE ${ident(options.owner)} LOGIN NOSUPERUSER CREATEROLE`).catch((err: { code?: string }) => {
        if (err.code !== '42710' && err.code !== '23505') throw err;
      });
    }
  }
  await adminQuery(POSTGRES_ADMIN_URL, `CREATE DATABASE ${name}${options.owner ? ` OWNER ${ident(options.owner)}` : ''}`);
  const url = new URL(withDatabase(POSTGRES_ADMIN_URL, name));
  if (options.owner) url.username = options.owner;
  return {
    url: url.toString(),
    drop: async () => {
      await adminQuery(POSTGRES_ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
