/**
 * Open the configured store: PostgreSQL when a `postgres://` URL is given, otherwise the
 * embedded DuckDB file in the data directory.
 */
import path from 'node:path';
import type { Store } from './types.js';
import { DuckDbStore } from './duckdb/store.js';
import { PostgresStore } from './postgres/store.js';
import { postgresUrls } from './postgres/connection.js';
import type { MigrationReport } from './migrations/index.js';

export const DATABASE_FILE = 'fluxion.duckdb';

export interface OpenOptions {
  dataDir: string;
  /** ':memory:' for tests; default `<dataDir>/fluxion.duckdb`. Ignored with `databaseUrl`. */
  file?: string;
  /** `postgres://…` (DATABASE_URL): PostgreSQL instead of DuckDB. */
  databaseUrl?: string | undefined;
  databaseAppUrl?: string | undefined;
  databasePlatformUrl?: string | undefined;
  migrate?: boolean;
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** PostgreSQL: apply migrations and row-level security as the owner, without opening the serving pools. */
export async function migrateDatabase(options: OpenOptions): Promise<MigrationReport> {
  if (!options.databaseUrl) throw new Error('migrateDatabase is for PostgreSQL; DuckDB migrates through its store');
  return PostgresStore.migrateAsOwner(postgresUrls(options.databaseUrl, { app: options.databaseAppUrl, platform: options.databasePlatformUrl }));
}

export async function openStore(options: OpenOptions): Promise<Store> {
  if (options.databaseUrl) {
    return PostgresStore.open({
      url: options.databaseUrl,
      appUrl: options.databaseAppUrl,
      platformUrl: options.databasePlatformUrl,
      migrate: options.migrate !== false,
    });
  }
  const store = await DuckDbStore.open({ file: options.file ?? databaseFile(options.dataDir) });
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}
