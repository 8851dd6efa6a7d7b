/**
 * `fluxion tenant restore <archive>`: one tenant, from the archive `fluxion tenant export` wrote,
 * into a running installation beside its other tenants — after an accidental deletion, or to move
 * a company from one installation to another.
 *
 * The archive is unpacked into a private temporary directory and checked whole first (format,
 * schema version, every file's size and SHA-256). The tenant must not exist here. Every table is
 * then loaded parents first in one transaction (load.ts), accepting rows of that tenant only: an
 * archive edited to carry another tenant's rows is refused, so a restore can never write into
 * another company's data. Row counts must equal the manifest's, or nothing is written. The audit
 * row is written in the same transaction by the caller's `record`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tenantTables } from '../catalogue.js';
import type { PlatformDb, Store } from '../types.js';
import { BackupError, sha256File } from './format.js';
import { allowLongStatements, loadTable, tableDigest } from './load.js';
import { untarExport } from './untar.js';

interface ExportManifestLike {
  format: string;
  format_version: number;
  tenant: { id: string; name: string };
  exported_at: string;
  schema_version: number;
  tables: Array<{ name: string; rows: number; columns: Array<{ name: string }>; files: Array<{ path: string; format: string; bytes: number; sha256: string }> }>;
  total_rows: number;
}

export interface TenantRestoreReport {
  tenant_id: string;
  name: string;
  archive: string;
  exported_at: string;
  schema_version: number;
  tables: Array<{ name: string; rows: number; checksum: string }>;
  total_rows: number;
  seconds: number;
}

const TENANT_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

async function readManifest(dir: string, archive: string): Promise<ExportManifestLike> {
  let m: ExportManifestLike;
  try {
    m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ExportManifestLike;
  } catch {
    throw new BackupError(`${archive} has no readable manifest.json: it is not a whole tenant export.`);
  }
  if (m?.format !== 'fluxion-tenant-export' || !Array.isArray(m.tables)) throw new BackupError(`${archive} is not a Fluxion tenant export.`);
  if (m.format_version !== 1) throw new BackupError(`${archive} is a tenant export of format version ${String(m.format_version)}; this Fluxion reads version 1.`);
  if (typeof m.tenant?.id !== 'string' || !TENANT_ID.test(m.tenant.id)) throw new BackupError(`${archive} names no valid tenant id.`);
  const problems: string[] = [];
  for (const t of m.tables) {
    for (const f of t.files ?? []) {
      const file = path.join(dir, path.posix.basename(String(f.path)));
      if (!fs.existsSync(file)) {
        problems.push(`${f.path} is missing`);
        continue;
      }
      const actual = await sha256File(file);
      if (actual.bytes !== f.bytes || actual.sha256 !== f.sha256) problems.push(`${f.path} does not match its size and SHA-256 (changed or damaged)`);
    }
    if (!(t.files ?? []).some((f) => f.format === 'csv')) problems.push(`${t.name} has no CSV file`);
  }
  if (problems.length > 0) throw new BackupError(`${archive} cannot be trusted: ${problems.join('; ')}. Nothing was written.`);
  return m;
}

/** The CSV without its header row: what Queryable.stage reads. */
async function withoutHeader(source: string, target: string): Promise<void> {
  let header = true;
  const skipHeader = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      if (!header) return callback(null, chunk);
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) return callback();
      header = false;
      callback(null, chunk.subarray(nl + 1));
    },
  });
  // pipeline: an error on either file (a full disk) rejects here and closes both.
  await pipeline(fs.createReadStream(source, { highWaterMark: 1 << 20 }), skipHeader, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
}

export async function restoreTenant(
  store: Store,
  archive: string,
  options: {
    onProgress?: (phase: string, fraction: number) => void;
    /** Called inside the transaction once the rows are in: the audit row. */
    record?: (tx: PlatformDb, report: Omit<TenantRestoreReport, 'seconds'>) => Promise<void>;
    tempRoot?: string;
  } = {},
): Promise<TenantRestoreReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  if (!path.isAbsolute(archive)) throw new BackupError(`The archive path must be absolute (got '${archive.slice(0, 200)}').`);
  const temp = await fs.promises.mkdtemp(path.join(options.tempRoot ?? os.tmpdir(), 'fluxion-restore-'));
  try {
    progress('unpacking', 0);
    await untarExport(archive, temp);
    progress('checking', 0.1);
    const m = await readManifest(temp, archive);
    const id = m.tenant.id;
    const version = Number((await store.platform.get('SELECT max(version) AS v FROM schema_migrations'))?.v ?? 0);
    if (version !== m.schema_version) {
      throw new BackupError(`The export is at schema version ${m.schema_version} and this database at ${version}; restore it with the Fluxion release that made it, then upgrade.`);
    }
    if (await store.platform.get('SELECT id FROM tenants WHERE id = $1', [id])) {
      throw new BackupError(`Tenant ${id} already exists here; a restore never overwrites a tenant. Delete it first (fluxion tenant delete) or restore into another installation.`);
    }
    const tables = await tenantTables(store.platform);
    const inArchive = new Map(m.tables.map((t) => [t.name, t]));
    const missing = tables.filter((t) => !inArchive.has(t.name)).map((t) => t.name);
    const extra = m.tables.filter((t) => !tables.some((x) => x.name === t.name)).map((t) => t.name);
    if (missing.length > 0 || extra.length > 0) {
      throw new BackupError(`The export's tables differ from this database's (${[...missing.map((n) => `not in the export: ${n}`), ...extra.map((n) => `unknown here: ${n}`)].join(', ')}).`);
    }
    const files = new Map<string, string>();
    for (const t of tables) {
      const csv = inArchive.get(t.name)!.files.find((f) => f.format === 'csv')!;
      const plain = path.join(temp, `${t.name}.rows`);
      await withoutHeader(path.join(temp, path.posix.basename(csv.path)), plain);
      files.set(t.name, plain);
    }

    const total = Math.max(1, m.total_rows);
    let done = 0;
    const report = await store.platform.tx(async (tx) => {
      const out: TenantRestoreReport['tables'] = [];
      await allowLongStatements(tx);
      for (const [i, t] of tables.entries()) {
        const entry = inArchive.get(t.name)!;
        progress(`restoring ${t.name}`, 0.2 + (0.8 * done) / total);
        const loaded = await loadTable(tx, t, entry.columns.map((c) => c.name), files.get(t.name)!, `staging_tenant_${i}`, id);
        const stored = await tableDigest(tx, t, id);
        if (loaded.staged !== entry.rows || stored.rows !== entry.rows) {
          throw new BackupError(`Restoring ${t.name}: the export says ${entry.rows} rows but ${loaded.staged} were read and ${stored.rows} stored; nothing was written.`);
        }
        done += entry.rows;
        out.push({ name: t.name, rows: stored.rows, checksum: stored.checksum });
      }
      const r = {
        tenant_id: id,
        name: m.tenant.name,
        archive,
        exported_at: m.exported_at,
        schema_version: m.schema_version,
        tables: out,
        total_rows: out.reduce((a, t) => a + t.rows, 0),
      };
      await options.record?.(tx, r);
      return r;
    });
    progress('done', 1);
    return { ...report, seconds: (performance.now() - started) / 1000 };
  } finally {
    await fs.promises.rm(temp, { recursive: true, force: true });
  }
}
