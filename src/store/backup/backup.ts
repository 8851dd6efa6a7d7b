/**
 * `fluxion backup <dir>`: the whole installation (every tenant, the platform tables, both audit
 * trails) as of one instant, written while the server goes on serving and writing.
 *
 * Every table is read inside one read-only snapshot (Store.snapshot): a sale committed while the
 * backup runs is in it whole or not at all, in every table at once, so stock and its ledger, an
 * order and its lines, always agree in the backup. Tables are read in keyset pages (memory stays
 * at a page), written to `<table>.csv` and summed (RowSum) on the way. The directory is written
 * under a temporary name and renamed once its manifest is complete: a backup directory that
 * exists is a whole one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { installationTables, quoteIdent, type TableInfo } from '../catalogue.js';
import { keysetPages } from '../transfer/pages.js';
import { RowSum } from '../transfer/verify.js';
import type { Queryable, Store } from '../types.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, csvField, MANIFEST_FILE, sha256File, type BackupManifest, type BackupTable } from './format.js';

export interface BackupOptions {
  /** The backup's instant (ms): its directory name and `created_at`. */
  now: number;
  fluxionVersion: string;
  pageSize?: number;
  onProgress?: (phase: string, fraction: number) => void;
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  bytes: number;
  seconds: number;
}

/** 2026-11-27T12:34:56.789Z → 20261127T123456Z */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/** Write a backup of `store` into a new directory inside `parent`. */
export async function writeBackup(store: Store, parent: string, options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  if (!path.isAbsolute(parent)) throw new BackupError(`The backup directory must be an absolute path (got '${parent.slice(0, 200)}').`);
  if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory()) throw new BackupError(`${parent} is not an existing directory; create it first.`);
  const dir = path.join(parent, `fluxion-backup-${stamp(options.now)}`);
  if (fs.existsSync(dir)) throw new BackupError(`${dir} already exists; a backup never overwrites another.`);
  const partial = `${dir}.partial-${process.pid}`;
  const progress = options.onProgress ?? (() => undefined);
  const tables = await installationTables(store.platform);

  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    const manifest = await store.snapshot(async (db) => {
      const version = Number((await db.get('SELECT max(version) AS v FROM schema_migrations'))?.v ?? 0);
      const tenants = (await db.all('SELECT id FROM tenants ORDER BY id')).map((r) => String(r.id));
      const counts = new Map<string, number>();
      for (const t of tables) counts.set(t.name, Number((await db.get(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`))?.n ?? 0));
      const total = Math.max(1, [...counts.values()].reduce((a, b) => a + b, 0));
      let done = 0;
      const written: BackupTable[] = [];
      for (const t of tables) {
        if (counts.get(t.name)) progress(t.name, done / total);
        const entry = await writeTable(db, t, partial, options.pageSize ?? 20_000, (n) => {
          done += n;
          progress(t.name, Math.min(1, done / total));
        });
        written.push(entry);
      }
      const m: BackupManifest = {
        format: BACKUP_FORMAT,
        format_version: BACKUP_FORMAT_VERSION,
        created_at: new Date(options.now).toISOString(),
        schema_version: version,
        source: { backend: store.dialect, location: store.location, fluxion_version: options.fluxionVersion },
        tenants,
        tables: written,
        total_rows: written.reduce((a, t) => a + t.rows, 0),
      };
      return m;
    });
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(partial, dir);
    progress('done', 1);
    const bytes = manifest.tables.reduce((a, t) => a + t.bytes, 0) + fs.statSync(path.join(dir, MANIFEST_FILE)).size;
    return { dir, manifest, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

async function writeTable(db: Queryable, t: TableInfo, dir: string, pageSize: number, onRows: (n: number) => void): Promise<BackupTable> {
  const file = `${t.name}.csv`;
  const out = await fs.promises.open(path.join(dir, file), 'wx', 0o600);
  const sum = new RowSum();
  const json = t.columns.map((c) => c.type === 'JSON');
  const names = t.columns.map((c) => c.name);
  try {
    // A table without a primary key (none today) is read in one page: keyset paging needs a key.
    const pages = t.primaryKey.length > 0 ? keysetPages({ db, table: t.name, key: t.primaryKey, select: [`${quoteIdent(t.name)}.*`], pageSize }) : oneShot(db, t.name);
    for await (const page of pages) {
      sum.addPage(page);
      let text = '';
      for (const row of page) {
        for (let i = 0; i < names.length; i++) text += (i === 0 ? '' : ',') + csvField(row[names[i]!], json[i]!);
        text += '\n';
      }
      await out.write(text);
      onRows(page.length);
    }
  } finally {
    await out.close();
  }
  const { sha256, bytes } = await sha256File(path.join(dir, file));
  return { name: t.name, columns: t.columns, primary_key: t.primaryKey, parents: t.parents, rows: sum.rows, file, bytes, sha256, checksum: sum.hex() };
}

async function* oneShot(db: Queryable, table: string) {
  yield await db.all(`SELECT * FROM ${quoteIdent(table)}`);
}
