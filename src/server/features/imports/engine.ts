/**
 * One import, start to end, the same for the CLI and the API's background job:
 *
 * 1. read  — the file is streamed record by record (read/), mapped by its header (mapping.ts) and
 *            each row parsed into canonical form (normalise.ts), written to a temporary CSV;
 *            rows that do not parse are rejected here. Memory stays flat whatever the file's size.
 * 2. check — in ONE transaction the canonical file is bulk-loaded into a staging table
 *            (Queryable.stage) and the kind checks it in SQL: duplicate keys, unknown references,
 *            conflicts with stored rows (kinds/).
 * 3. write — unless a row was rejected (then nothing is written: all or nothing) or this is a dry
 *            run (then the transaction is rolled back after counting), the kind's set-based
 *            statements insert and update, and the audit row is written in the same transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../../../store/types.js';
import type { ImportKind } from '../../../store/migrations/006_imports.js';
import { AppError } from '../../errors.js';
import { audit, type AuditEvent } from '../audit/writer.js';
import { readRecords, type RecordBatch } from './read/records.js';
import type { FileFacts } from './read/sniff.js';
import { detectDateOrder, detectDecimalStyle, type DateOrder, type DecimalStyle } from './read/values.js';
import { checkHeader, type Mapping } from './mapping.js';
import { Normaliser } from './normalise.js';
import { Rejections, type Rejection } from './rejections.js';
import { KINDS } from './kinds/index.js';
import { stagingColumns, type ApplyCounts, type KindSpec } from './kinds/columns.js';

export interface ImportOptions {
  kind: ImportKind;
  dryRun: boolean;
  /** Create unknown products, stores and suppliers instead of rejecting their rows. */
  createUnknown: boolean;
  /** Header text → column (null: ignore), over the detected mapping. */
  mapping?: Record<string, string | null>;
  decimal?: DecimalStyle;
  dateOrder?: DateOrder;
}

export type ImportPhase = 'queued' | 'reading' | 'checking' | 'writing' | 'done';
export interface ImportProgress {
  phase: ImportPhase;
  fraction: number;
  rows_read: number;
}

export interface ImportEnv {
  tdb: TenantDb;
  importId: string;
  /** Who, as the audit trail names them. */
  actor: NonNullable<AuditEvent['actor']>;
  timeZone: string;
  baseCurrency: string;
  now: Date;
  onProgress?: (p: ImportProgress) => void;
  /** Where the canonical file is written (default: the OS temp dir). */
  workDir?: string;
}

export interface ImportRows {
  total: number;
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  created_references: number;
}

export interface ImportOutcome {
  ok: boolean;
  rows: ImportRows;
  rejections: Rejection[];
  reasons: Record<string, number>;
  detected: { decimal: DecimalStyle; date_order: DateOrder; mapping: Mapping['byHeader'] };
  extra: Record<string, number>;
  error: { error: string; message: string } | null;
}

const SAMPLE_ROWS = 500;

/** The header and the first rows of a file (for detection and previews). */
export async function readHead(file: string, facts: FileFacts, rows = SAMPLE_ROWS): Promise<{ header: string[]; sample: string[][] }> {
  const records = readRecords(file, facts, Math.max(rows + 1, 64));
  try {
    const first = await records.next();
    if (first.done || first.value.rows.length === 0) throw new AppError('empty_file', 'The file has no rows.');
    const [header, ...sample] = first.value.rows;
    return { header: header!, sample: sample.slice(0, rows) };
  } finally {
    await records.return(undefined);
  }
}

/** Decimal style and date order of the file: given, or guessed from the sample's values. */
export function detectStyles(spec: KindSpec, mapping: Mapping, sample: readonly string[][], given: Pick<ImportOptions, 'decimal' | 'dateOrder'>) {
  const values = (types: readonly string[]) =>
    spec.columns.flatMap((c, i) => (types.includes(c.type) && mapping.index[i]! >= 0 ? sample.map((r) => (r[mapping.index[i]!] ?? '').trim()).filter(Boolean) : []));
  return {
    decimal: given.decimal ?? detectDecimalStyle(values(['decimal', 'integer'])),
    dateOrder: given.dateOrder ?? detectDateOrder(values(['date', 'datetime'])),
  };
}

export async function runImport(file: string, facts: FileFacts, options: ImportOptions, env: ImportEnv): Promise<ImportOutcome> {
  const spec = KINDS[options.kind];
  const { header, sample } = await readHead(file, facts);
  const mapping = checkHeader(spec, header, options.mapping);
  const styles = detectStyles(spec, mapping, sample, options);
  const rejections = new Rejections();
  const normaliser = new Normaliser(
    spec,
    mapping.index,
    header.length,
    { decimal: styles.decimal, dateOrder: styles.dateOrder, timeZone: env.timeZone, latest: new Date(env.now.getTime() + 5 * 60_000).toISOString() },
    rejections,
  );
  const progress = (phase: ImportPhase, fraction: number) => env.onProgress?.({ phase, fraction, rows_read: normaliser.accepted + normaliser.rejected });

  const dir = env.workDir ?? path.join(os.tmpdir(), 'fluxion-imports');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const detected = { decimal: styles.decimal, date_order: styles.dateOrder, mapping: mapping.byHeader };
  let total = 0;
  let counts: ApplyCounts | null = null;
  progress('reading', 0);
  try {
    await env.tdb.tx(async (tx) => {
      const staging = `staging_${options.kind}`;
      const chunk = path.join(dir, `${env.importId}-${randomUUID()}`);
      await readIntoStaging(file, facts, normaliser, { tx, staging, columns: stagingColumns(spec), chunk }, (f) => progress('reading', f));
      total = normaliser.accepted + normaliser.rejected;
      if (total === 0) throw new AppError('empty_file', 'The file has a header but no rows.');
      progress('checking', 0);
      counts = await spec.apply(
        { tx, importId: env.importId, actor: env.actor.label, createUnknown: options.createUnknown, baseCurrency: env.baseCurrency, now: env.now.toISOString(), rejections, present: mapping.present, staged: normaliser.accepted },
        staging,
      );
      if (rejections.any) throw new Abandon();
      progress('writing', 1);
      if (options.dryRun) throw new Abandon();
      await audit(null, tx, {
        action: 'import.completed',
        targetType: 'import',
        targetId: env.importId,
        actor: env.actor,
        details: { kind: options.kind, file_rows: total, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, created_references: counts.created_references },
      }, env.now.getTime());
    });
  } catch (err) {
    if (!(err instanceof Abandon)) throw err;
  }
  const rows: ImportRows = { total, accepted: 0, inserted: 0, updated: 0, unchanged: 0, rejected: rejections.rows, created_references: 0 };
  const c = counts as ApplyCounts | null;
  if (c && !rejections.any) {
    Object.assign(rows, { inserted: c.inserted, updated: c.updated, unchanged: c.unchanged, created_references: c.created_references });
    rows.accepted = total - rows.rejected;
  }
  progress('done', 1);
  const ok = !rejections.any;
  return {
    ok,
    rows,
    rejections: rejections.sorted(),
    reasons: { ...rejections.totals } as Record<string, number>,
    detected,
    extra: c?.extra ?? {},
    error: ok ? null : { error: 'rejected_rows', message: `${rows.rejected.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows rejected; nothing was ${options.dryRun ? 'written' : 'imported'}. Fix them and import the file again.` },
  };
}

/** Leaves the transaction without committing (rejected rows, or a dry run). */
class Abandon extends Error {}

/** Rows per chunk of canonical CSV: the database loads one chunk while the next is being read. */
const CHUNK_ROWS = 100_000;

interface StagingTarget {
  tx: TenantDb;
  staging: string;
  columns: ReturnType<typeof stagingColumns>;
  /** Path prefix of the chunk files. */
  chunk: string;
}

/**
 * Read, parse and stage the file: accepted rows become canonical CSV in chunks of CHUNK_ROWS, and
 * each chunk is bulk-loaded into the staging table while the next one is read (the database
 * works on its own threads, so reading and loading overlap). At most two chunks are on disk.
 */
async function readIntoStaging(file: string, facts: FileFacts, normaliser: Normaliser, target: StagingTarget, onFraction: (f: number) => void): Promise<void> {
  let first = true;
  let lastReport = 0;
  // Progress: the records' line numbers against the line count the first batch's density suggests.
  let bytesPerLine = 0;
  // Each batch's canonical text is written as soon as it is made, so it dies young (a chunk's text
  // kept until the chunk is complete lived long enough to be promoted, and cost major GCs).
  let partRows = 0;
  let chunks = 0;
  let chunkPath = '';
  let fd = -1;
  let loading: Promise<unknown> = observed(target.tx.stage(target.staging, target.columns, writeChunk(`${target.chunk}-empty.csv`, '')));
  const flush = async () => {
    const path = chunkPath;
    fs.closeSync(fd);
    fd = -1;
    partRows = 0;
    await loading;
    loading = observed(target.tx.stage(target.staging, target.columns, path, { append: true }).finally(() => fs.rmSync(path, { force: true })));
  };
  try {
    for await (const batch of readRecords(file, facts) as AsyncIterable<RecordBatch>) {
      let { lines, rows } = batch;
      if (first) {
        first = false;
        let chars = 0;
        for (const r of rows) for (const cell of r) chars += cell.length + 1;
        bytesPerLine = chars / Math.max(1, rows.length);
        lines = lines.slice(1);
        rows = rows.slice(1);
      }
      const before = normaliser.accepted;
      const text = normaliser.batch(lines, rows);
      if (text) {
        if (fd < 0) {
          chunkPath = `${target.chunk}-${chunks++}.csv`;
          fd = fs.openSync(chunkPath, 'w', 0o600);
        }
        fs.writeSync(fd, text);
      }
      partRows += normaliser.accepted - before;
      if (partRows >= CHUNK_ROWS) await flush();
      const now = Date.now();
      if (now - lastReport > 250 && lines.length > 0) {
        lastReport = now;
        onFraction(Math.min(0.99, (lines.at(-1)! * bytesPerLine) / Math.max(1, facts.sizeBytes)));
      }
    }
    if (partRows > 0) await flush();
  } finally {
    if (fd >= 0) {
      // Left by an error: the chunk being written is not loaded.
      fs.closeSync(fd);
      fs.rmSync(chunkPath, { force: true });
    }
    await loading.catch(() => undefined);
    fs.rmSync(`${target.chunk}-empty.csv`, { force: true });
  }
  await loading;
}

/**
 * A load runs while the next chunk is read and is awaited later: its failure (a full disk) must
 * not count as an unhandled rejection meanwhile — that would stop the server. It is still thrown
 * where the promise is awaited.
 */
function observed<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

function writeChunk(file: string, text: string): string {
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}
