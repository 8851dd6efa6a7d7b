/**
 * `fluxion migrate-data`: an installation's DuckDB file into an empty PostgreSQL database, then
 * verified through the Store port on both sides. The DuckDB file is opened directly, so no
 * server may hold it (DatabaseLockedError tells the caller who does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDbStore } from '../duckdb/store.js';
import { PostgresStore } from '../postgres/store.js';
import { redactUrl, type PostgresUrls } from '../postgres/connection.js';
import type { MigrationReport } from '../migrations/index.js';
import { transferStore, type Progress, type TransferReport } from './copy.js';
import { MIGRATIONS_TABLE, TENANTS_TABLE, TransferError } from './schema.js';
import { verifyTransfer, type VerifyReport } from './verify.js';

export interface MigrateDataOptions {
  /** The DuckDB file. */
  from: string;
  to: PostgresUrls;
  pageSize?: number;
  onCopyProgress?: Progress;
  onVerifyProgress?: Progress;
}

export interface MigrateDataReport {
  source: string;
  /** The owner URL, password hidden. */
  target: string;
  /** Migrations the source needed before it matched this version's schema. */
  sourceMigrations: MigrationReport['applied'];
  copy: Omit<TransferReport, 'schema'>;
  verify: VerifyReport;
}

export async function migrateData(options: MigrateDataOptions): Promise<MigrateDataReport> {
  const file = path.resolve(options.from);
  if (!fs.existsSync(file)) throw new TransferError(`There is no DuckDB file at ${file}.`);
  if (!fs.statSync(file).isFile()) throw new TransferError(`${file} is not a file; give the DuckDB database file (e.g. <data dir>/fluxion.duckdb).`);
  const source = await DuckDbStore.open({ file });
  try {
    const tables = (
      await source.platform.all(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ($1, $2)`, [MIGRATIONS_TABLE, TENANTS_TABLE])
    ).length;
    if (tables < 2) throw new TransferError(`${file} is not a Fluxion database (it has no ${MIGRATIONS_TABLE} or ${TENANTS_TABLE} table).`);
    // The same schema on both sides: an older file is brought up to date first, as a start would.
    const sourceMigrations = (await source.migrate()).applied;
    const { schema, ...copy } = await transferStore(source, options.to, {
      scope: 'installation',
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.onCopyProgress ? { onProgress: options.onCopyProgress } : {}),
    });
    const target = await PostgresStore.open({ url: options.to.owner, appUrl: options.to.app, platformUrl: options.to.platform, migrate: false, poolSize: 4 });
    try {
      const verify = await verifyTransfer(source, target, schema, {
        ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        ...(options.onVerifyProgress ? { onProgress: options.onVerifyProgress } : {}),
      });
      return { source: file, target: redactUrl(options.to.owner), sourceMigrations, copy, verify };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
