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
