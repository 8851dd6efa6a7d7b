/**
 * A tenant's full export: one `.tar.gz` holding, for every table of tenant data (found in the
 * catalogue) and the tenant's own `tenants` row, `<table>.csv` and `<table>.parquet`, then
 * `manifest.json` with the counts, columns and a SHA-256 and byte size for each file.
 *
 * Produced as a stream whose memory stays flat whatever the tenant's size: each table is read in
 * keyset pages into a CSV file in a private temporary directory, converted to Parquet from that
 * file (parquet.ts), and both are copied into the archive, hashed on the way, then removed. The
 * manifest comes last because it describes the bytes already written. The temporary directory is
 * removed when the stream ends, fails or is abandoned by its reader.
 *
 * The archive is consistent with the database when nothing writes to the tenant meanwhile:
 * offboarding suspends the tenant first. (Each table is read as it is when its turn comes.)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { tenantTables, type ColumnInfo, type TableInfo } from '../../../store/catalogue.js';
import type { Store } from '../../../store/types.js';
import { AppError } from '../../errors.js';
import { FLUXION_VERSION } from '../../version.js';
import { findTenant } from '../tenants/repository.js';
import type { TenantContext } from '../tenants/schema.js';
import { ParquetConverter } from './parquet.js';
import { countTenantRows, csvRecords, schemaVersion } from './repository.js';
import { tarHeader, tarPadding, TAR_END } from './tar.js';

export const MANIFEST_FILE = 'manifest.json';
export const EXPORT_FORMAT = 'fluxion-tenant-export';
export const EXPORT_FORMAT_VERSION = 1;
const DEFAULT_PAGE_SIZE = 20_000;

export interface ExportFile {
  /** Relative to the archive's top directory. */
  path: string;
  format: 'csv' | 'parquet';
  bytes: number;
  sha256: string;
}

export interface ExportTable {
  name: string;
  rows: number;
  primary_key: string[];
  /** Tables this one's foreign keys point at (restore them first). */
  parents: string[];
  columns: ColumnInfo[];
  files: ExportFile[];
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  format_version: number;
  tenant: { id: string; name: string; plan: string; status: string; created_at: string; updated_at: string };
  exported_at: string;
  /** schema_migrations: the migration version the tables are at. */
  schema_version: number;
  source: { backend: string; fluxion_version: string };
  csv: { standard: string; encoding: string; header: boolean; line_ending: string; quoting: string; null: string };
  parquet: { compression: string; types: string };
  /** Parents before children. */
  tables: ExportTable[];
  total_rows: number;
}

export interface ExportSummary {
  tenantId: string;
  filename: string;
  /** Size and SHA-256 of the .tar.gz itself. */
  bytes: number;
  sha256: string;
  exportedAt: string;
  schemaVersion: number;
  /** Rows per table, as in the manifest. */
  rows: Record<string, number>;
  totalRows: number;
}

export interface TenantExport {
  tenant: TenantContext;
  /** `<id>-<UTC timestamp>.tar.gz` */
  filename: string;
  /** The archive's bytes. Read it once; destroying it stops the export and cleans up. */
  stream: Readable;
  /** Resolves once the last byte has been produced; rejects if the export fails or is abandoned. */
  done: Promise<ExportSummary>;
}

export interface ExportOptions {
  /** The export's instant (ms): its name and `exported_at`. */
  now: number;
  pageSize?: number;
  /** `fraction` of the whole export (0..1); `phase` names the table and step. */
  onProgress?: (phase: string, fraction: number) => void;
  /** Where the temporary files go (default: the OS temporary directory). */
  tempRoot?: string;
  /**
   * Called with the finished archive's summary before its last byte is released (the audit
   * event): a reader that got the whole archive knows the export is recorded. If it fails, the
   * archive fails.
   */
  onComplete?: (summary: ExportSummary) => Promise<void>;
}

/** 2026-11-27T12:34:56.789Z → 20261127T123456Z */
export function exportStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

const CSV_DIALECT: ExportManifest['csv'] = {
  standard: 'RFC 4180',
  encoding: 'UTF-8',
  header: true,
  line_ending: 'CRLF',
  quoting: 'every non-null value is quoted; a double quote inside a value is doubled',
  null: 'an empty unquoted field is NULL; "" is the empty string',
};

/**
 * Start exporting one tenant. Checks that it exists and reads the catalogue first (so a refusal is
 * an ordinary error, before any byte is sent); the archive is then produced as `stream` is read.
 */
export async function openTenantExport(store: Store, tenantId: string, options: ExportOptions): Promise<TenantExport> {
  const found = await findTenant(store.platform, tenantId);
  if (!found) throw new AppError('tenant_not_found', `Tenant '${tenantId.slice(0, 70)}' does not exist.`);
  const tenant: TenantContext = found;
  const tables = await tenantTables(store.platform);
  const version = await schemaVersion(store.platform);
  const exportedAt = new Date(options.now).toISOString();
  const root = `${tenant.id}-${exportStamp(options.now)}`;
  const filename = `${root}.tar.gz`;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const progress = options.onProgress ?? (() => undefined);

  let manifest: ExportManifest | undefined;
  // Set when the reader goes away or anything fails: the table being read stops at its next page.
  const abort = new AbortController();

  // `done` settles only once the temporary files are gone.
  let started = false;
  let cleanedUp!: () => void;
  const cleaned = new Promise<void>((resolve) => (cleanedUp = resolve));

  async function* archive(): AsyncGenerator<Buffer> {
    started = true;
    let temp: string | undefined;
    let parquet: ParquetConverter | undefined;
    try {
      temp = await fs.promises.mkdtemp(path.join(options.tempRoot ?? os.tmpdir(), 'fluxion-export-'));
      // Row counts first: they drive the progress figures (the manifest counts what was written).
      let totalExpected = 0;
      for (const t of tables) totalExpected += await countTenantRows(store, t, tenant.id);
      totalExpected = Math.max(1, totalExpected);
      let done = 0;
      const report = (phase: string, rows: number) => progress(phase, Math.min(1, rows / (2 * totalExpected)));

      yield tarHeader({ path: root, type: 'directory', size: 0, mtime: options.now });
      const exported: ExportTable[] = [];
      for (const table of tables) {
        const csvPath = path.join(temp, `${table.name}.csv`);
        const parquetPath = path.join(temp, `${table.name}.parquet`);
        report(`${table.name}: CSV`, done);
        const rows = await writeCsv(store, table, tenant.id, csvPath, pageSize, abort.signal, (n) => report(`${table.name}: CSV`, (done += n)));
        report(`${table.name}: Parquet`, done);
        parquet ??= await ParquetConverter.open(temp);
        const parquetRows = await parquet.convert(csvPath, parquetPath, table.columns);
        if (parquetRows !== rows) throw new Error(`Export of ${table.name}: the CSV has ${rows} rows but its Parquet file ${parquetRows}.`);
        done += rows;
        const files: ExportFile[] = [];
        for (const [file, format] of [[csvPath, 'csv'], [parquetPath, 'parquet']] as const) {
          const name = `${table.name}.${format}`;
          const entry: ExportFile = { path: name, format, bytes: 0, sha256: '' };
          yield* fileEntry(`${root}/${name}`, file, options.now, entry);
          files.push(entry);
          await fs.promises.rm(file, { force: true });
        }
        exported.push({ name: table.name, rows, primary_key: table.primaryKey, parents: table.parents, columns: table.columns, files });
      }
      manifest = {
        format: EXPORT_FORMAT,
        format_version: EXPORT_FORMAT_VERSION,
        tenant: { id: tenant.id, name: tenant.name, plan: tenant.plan, status: tenant.status, created_at: tenant.createdAt, updated_at: tenant.updatedAt },
        exported_at: exportedAt,
        schema_version: version,
        source: { backend: store.dialect, fluxion_version: FLUXION_VERSION },
        csv: CSV_DIALECT,
        parquet: { compression: 'zstd', types: 'the column types of the manifest (DuckDB spelling), timestamps in UTC' },
        tables: exported,
        total_rows: exported.reduce((sum, t) => sum + t.rows, 0),
      };
      const text = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      yield tarHeader({ path: `${root}/${MANIFEST_FILE}`, size: text.length, mtime: options.now });
      yield text;
      yield tarPadding(text.length);
      yield TAR_END;
      progress('done', 1);
    } finally {
      try {
        parquet?.close();
        if (temp) await fs.promises.rm(temp, { recursive: true, force: true });
      } finally {
        cleanedUp();
      }
    }
  }

  const hash = createHash('sha256');
  let bytes = 0;
  let summary: ExportSummary | undefined;
  const summarize = (): ExportSummary => {
    if (!manifest) throw new Error('The export ended without its manifest.');
    return {
      tenantId: tenant.id,
      filename,
      bytes,
      sha256: hash.digest('hex'),
      exportedAt,
      schemaVersion: version,
      rows: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
      totalRows: manifest.total_rows,
    };
  };
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      try {
        summary = summarize();
      } catch (err) {
        return callback(err as Error);
      }
      (options.onComplete?.(summary) ?? Promise.resolve()).then(() => callback(), (err: unknown) => callback(err as Error));
    },
  });
  counter.on('close', () => {
    if (!summary) abort.abort();
  });
  const done = new Promise<ExportSummary>((resolve, reject) => {
    pipeline(Readable.from(archive(), { objectMode: false }), zlib.createGzip(), counter, (err) => {
      if (err || !summary) {
        abort.abort();
        const fail = () => reject(err ?? new Error('The export did not finish.'));
        if (started) void cleaned.then(fail);
        else fail();
        return;
      }
      void cleaned.then(() => resolve(summary!));
    });
  });
  // The caller may never wait for `done` (a reader that goes away): its failure is not unhandled.
  done.catch(() => undefined);
  return { tenant, filename, stream: counter, done };
}

/** One table's CSV file: a header row, then the records. Returns the number of rows. */
async function writeCsv(
  store: Store,
  table: TableInfo,
  tenantId: string,
  file: string,
  pageSize: number,
  signal: AbortSignal,
  onRows: (n: number) => void,
): Promise<number> {
  const out = await fs.promises.open(file, 'wx', 0o600);
  let rows = 0;
  try {
    await out.write(`${table.columns.map((c) => c.name).join(',')}\r\n`);
    for await (const page of csvRecords(store, table, tenantId, pageSize)) {
      signal.throwIfAborted();
      await out.write(page.text);
      rows += page.rows;
      onRows(page.rows);
    }
  } finally {
    await out.close();
  }
  return rows;
}

/** A file as one tar entry, hashed as it is copied: `entry` gets its size and SHA-256. */
async function* fileEntry(archivePath: string, file: string, mtime: number, entry: ExportFile): AsyncGenerator<Buffer> {
  const { size } = await fs.promises.stat(file);
  yield tarHeader({ path: archivePath, size, mtime });
  const hash = createHash('sha256');
  let copied = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    copied += buffer.length;
    yield buffer;
  }
  if (copied !== size) throw new Error(`Export: ${file} changed while it was archived (${size} bytes, then ${copied}).`);
  yield tarPadding(size);
  entry.bytes = size;
  entry.sha256 = hash.digest('hex');
}
