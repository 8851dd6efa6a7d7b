/**
 * `fluxion restore <backup dir>`: a whole installation back into an empty database, in one
 * transaction, verified before it commits.
 *
 * 1. The backup is checked first (openBackup): manifest, every file's size and SHA-256.
 * 2. The database must be migrated to the backup's schema version and hold no rows at all (a
 *    restore never merges with or overwrites data: restore into a new data directory or a new
 *    PostgreSQL database, then point the server at it).
 * 3. Every table is loaded parents first (load.ts) and its rows read back and summed: counts and
 *    content checksums must equal the manifest's, or the transaction is rolled back and the
 *    database is left exactly as it was.
 */
import { installationTables, quoteIdent } from '../catalogue.js';
import type { Store } from '../types.js';
import { BackupError, openBackup } from './format.js';
import { allowLongStatements, loadTable, tableDigest } from './load.js';

export interface RestoreTableReport {
  name: string;
  rows: number;
  checksum: string;
  verified: boolean;
}

export interface RestoreReport {
  backup: string;
  created_at: string;
  schema_version: number;
  tenants: string[];
  tables: RestoreTableReport[];
  total_rows: number;
  seconds: number;
}

export async function restoreInstallation(store: Store, dir: string, onProgress?: (phase: string, fraction: number) => void): Promise<RestoreReport> {
  const started = performance.now();
  const progress = onProgress ?? (() => undefined);
  const manifest = await openBackup(dir, (phase, f) => progress(phase, f * 0.1));

  const version = Number((await store.platform.get('SELECT max(version) AS v FROM schema_migrations'))?.v ?? 0);
  if (version !== manifest.schema_version) {
    throw new BackupError(
      `The backup is at schema version ${manifest.schema_version} and this database at ${version}. Restore with the Fluxion release that made the backup, then upgrade.`,
    );
  }
  const tables = await installationTables(store.platform);
  const inBackup = new Map(manifest.tables.map((t) => [t.name, t]));
  const missing = tables.filter((t) => !inBackup.has(t.name)).map((t) => t.name);
  const extra = manifest.tables.filter((t) => !tables.some((x) => x.name === t.name)).map((t) => t.name);
  if (missing.length > 0 || extra.length > 0) {
    throw new BackupError(
      `The backup's tables differ from this database's (${[...missing.map((n) => `not in the backup: ${n}`), ...extra.map((n) => `unknown here: ${n}`)].join(', ')}).`,
    );
  }
  const occupied: string[] = [];
  for (const t of tables) {
    const n = Number((await store.platform.get(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`))?.n ?? 0);
    if (n > 0) occupied.push(`${t.name} (${n.toLocaleString('en-US')})`);
  }
  if (occupied.length > 0) {
    throw new BackupError(
      `The database ${store.location} is not empty: ${occupied.slice(0, 6).join(', ')}${occupied.length > 6 ? ', …' : ''}. ` +
        'A backup is restored into an empty database only (a new data directory, or a new PostgreSQL database); nothing was written.',
    );
  }

  const total = Math.max(1, manifest.total_rows);
  let done = 0;
  const report: RestoreTableReport[] = await store.platform.tx(async (tx) => {
    const out: RestoreTableReport[] = [];
    await allowLongStatements(tx);
    for (const [i, t] of tables.entries()) {
      const entry = inBackup.get(t.name)!;
      progress(`restoring ${t.name}`, 0.1 + (0.9 * done) / total);
      const loaded = await loadTable(tx, t, entry.columns.map((c) => c.name), `${dir}/${entry.file}`, `staging_restore_${i}`);
      const stored = await tableDigest(tx, t);
      if (loaded.staged !== entry.rows || stored.rows !== entry.rows || stored.checksum !== entry.checksum) {
        throw new BackupError(
          `Restoring ${t.name}: the backup says ${entry.rows} rows (checksum ${entry.checksum.slice(0, 12)}…) but ${stored.rows} were stored ` +
            `(checksum ${stored.checksum.slice(0, 12)}…); rolled back, nothing was written.`,
        );
      }
      done += entry.rows;
      out.push({ name: t.name, rows: stored.rows, checksum: stored.checksum, verified: true });
    }
    progress('committing', 1);
    return out;
  });
  return {
    backup: dir,
    created_at: manifest.created_at,
    schema_version: manifest.schema_version,
    tenants: manifest.tenants,
    tables: report,
    total_rows: report.reduce((a, t) => a + t.rows, 0),
    seconds: (performance.now() - started) / 1000,
  };
}
