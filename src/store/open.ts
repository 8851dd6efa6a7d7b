/** Open the configured store. DuckDB in the data directory is the embedded default. */
import path from 'node:path';
import type { Store } from './types.js';
import { DuckDbStore } from './duckdb/store.js';
import { migrate } from './migrations/index.js';

export const DATABASE_FILE = 'fluxion.duckdb';

export interface OpenOptions {
  dataDir: string;
  /** ':memory:' for tests; default `<dataDir>/fluxion.duckdb`. */
  file?: string;
  migrate?: boolean;
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

export async function openStore(options: OpenOptions): Promise<Store> {
  const store = await DuckDbStore.open({ file: options.file ?? databaseFile(options.dataDir) });
  if (options.migrate !== false) {
    try {
      await migrate(store.platform);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}
