/**
 * Shared by the transfer tests: a DuckDB source with the fixtures, a throw-away PostgreSQL target
 * (these tests always need PostgreSQL, whichever backend the suite runs on), and raw catalogue
 * reads as the target's owner.
 */
import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { databaseOf, postgresUrls, withDatabase, type PostgresUrls } from '../../src/store/postgres/connection.js';
import type { Store } from '../../src/store/types.js';
import { POSTGRES_ADMIN_URL, scratchDatabase } from '../support/backend.js';
import { loadFixtures } from '../support/fixtures.js';
import { loadPrincipals, type Keys, type Users } from '../support/principals.js';

/** A role that owns its databases without being superuser, as on a managed service: FORCE binds it. */
export const NON_SUPERUSER_OWNER = 'fluxion_test_owner';

export interface Target {
  url: string;
  urls: PostgresUrls;
  drop(): Promise<void>;
}

/** An empty PostgreSQL database (the transfer migrates it). */
export async function emptyTarget(label: string, options: { owner?: string } = {}): Promise<Target> {
  const db = await scratchDatabase(label, options);
  return { url: db.url, urls: postgresUrls(db.url), drop: db.drop };
}

/** An in-memory DuckDB store, migrated. */
export function duckStore(): Promise<Store> {
  return openStore({ dataDir: '.', file: ':memory:' });
}

/** In-memory DuckDB with the three fixture tenants and a user and API key per role. */
export async function fixtureSource(): Promise<{ store: Store; keys: Keys; users: Users }> {
  const store = await duckStore();
  await loadFixtures(store);
  return { store, ...(await loadPrincipals(store)) };
}

export function openTarget(target: Target): Promise<PostgresStore> {
  return PostgresStore.open({ url: target.url, migrate: false, poolSize: 3 });
}

/**
 * Run `fn` on the target as the server's superuser, which row-level security does not bind: it
 * sees and changes every row, as an inspector (or a tamperer) would.
 */
export async function asSuperuser<T>(target: Target, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(POSTGRES_ADMIN_URL, databaseOf(target.url)), options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Constraints, indexes and row-level security flags of the schema: what a copy must leave as it found. */
export async function catalogue(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ line: string }>(
    `SELECT format('constraint %s.%s %s', c.relname, k.conname, pg_get_constraintdef(k.oid)) AS line
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = 'public'::regnamespace
     UNION ALL
     SELECT format('index %s', pg_get_indexdef(i.indexrelid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relnamespace = 'public'::regnamespace
     UNION ALL
     SELECT format('table %s rls=%s force=%s', relname, relrowsecurity, relforcerowsecurity) FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
     UNION ALL
     SELECT format('policy %s.%s', tablename, policyname) FROM pg_policies WHERE schemaname = 'public'
     ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

/** Rows per table (with a superuser client: every row). */
export async function rowCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  const tables = (await client.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'schema_migrations' ORDER BY 1`)).rows;
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0]!.n);
  return out;
}
