/**
 * Imports as a service: accept a file (checked up front: format, encoding, header, kind — a bad
 * file is a 4xx before anything is queued), record it, run it (engine.ts) and store its outcome.
 * The CLI runs `executeImport` in the foreground; the API queues it (jobs.ts).
 */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../../../store/types.js';
import { AppError } from '../../errors.js';
import { constraintViolation, storageFull } from '../../../store/errors.js';
import { audit, type AuditEvent } from '../audit/writer.js';
import type { TenantContext } from '../tenants/schema.js';
import { tenantTimeZone } from '../sales/period.js';
import { sniffFile, type FileFacts } from './read/sniff.js';
import { checkHeader } from './mapping.js';
import { readHead, runImport, type ImportOptions, type ImportOutcome, type ImportProgress } from './engine.js';
import { KINDS } from './kinds/index.js';
import * as repo from './repository.js';

export interface AcceptedFile {
  path: string;
  fileName: string;
  facts: FileFacts;
}

/** Sniff the file and check its header for the kind; throws the 4xx a bad file deserves. */
export async function inspectFile(path: string, fileName: string, options: ImportOptions): Promise<AcceptedFile> {
  const facts = await sniffFile(path);
  const { header, sample } = await readHead(path, facts, 1);
  checkHeader(KINDS[options.kind], header, options.mapping);
  if (sample.length === 0) throw new AppError('empty_file', 'The file has a header but no rows.');
  return { path, fileName, facts };
}

export interface Who {
  actor: NonNullable<AuditEvent['actor']>;
}

/** Record an accepted file as a queued import; returns its id. */
export async function recordImport(tdb: TenantDb, file: AcceptedFile, options: ImportOptions, who: Who, source: 'api' | 'cli', now: Date): Promise<string> {
  const id = randomUUID();
  await repo.insertImport(tdb, {
    id,
    kind: options.kind,
    dryRun: options.dryRun,
    source,
    fileName: file.fileName.slice(0, 255),
    sizeBytes: file.facts.sizeBytes,
    checksum: file.facts.sha256,
    facts: { format: file.facts.format, encoding: file.facts.encoding, delimiter: file.facts.delimiter, bom: file.facts.bom },
    options: { unknown: options.createUnknown ? 'create' : 'reject', mapping: options.mapping ?? null, decimal: options.decimal ?? null, date_order: options.dateOrder ?? null },
    createdBy: who.actor.label,
    createdAt: now.toISOString(),
  });
  return id;
}

export interface RunDeps {
  tdb: TenantDb;
  tenant: TenantContext;
  who: Who;
  now: () => Date;
  onProgress?: (p: ImportProgress) => void;
  /** Store progress in the row as the file is read (PostgreSQL: other processes may be asked). */
  persistProgress: boolean;
  /** Where an unexpected error is reported (the server's log). */
  log?: (err: unknown) => void;
}

/** Run a recorded import to its end and store the outcome. Never throws for a bad file: the record says what happened. */
export async function executeImport(id: string, file: AcceptedFile, options: ImportOptions, deps: RunDeps): Promise<ImportOutcome | null> {
  const started = deps.now();
  const t0 = performance.now();
  await repo.markStarted(deps.tdb, id, started.toISOString());
  let saving: Promise<void> = Promise.resolve();
  let lastSaved = 0;
  let last: ImportProgress = { phase: 'reading', fraction: 0, rows_read: 0 };
  const onProgress = (p: ImportProgress) => {
    last = p;
    deps.onProgress?.(p);
    if (deps.persistProgress && p.phase === 'reading' && Date.now() - lastSaved > 1000) {
      lastSaved = Date.now();
      saving = saving.then(() => repo.saveProgress(deps.tdb, id, p)).catch(() => undefined);
    }
  };
  let outcome: ImportOutcome | null = null;
  let error: { error: string; message: string } | null = null;
  try {
    outcome = await runImport(file.path, file.facts, options, {
      tdb: deps.tdb,
      importId: id,
      actor: deps.who.actor,
      timeZone: tenantTimeZone(deps.tenant),
      baseCurrency: deps.tenant.settings.currency,
      now: started,
      onProgress,
    });
    error = outcome.error;
  } catch (err) {
    if (err instanceof AppError) error = { error: err.code, message: err.message };
    else if (constraintViolation(err)) {
      // Checked rows the database still refused: on DuckDB, a foreign-key column (a product's
      // supplier) of a row that sales or stock reference cannot be rewritten.
      error = { error: 'conflict', message: 'The database refused a change the checks allowed (on DuckDB: changing the supplier of a product that has sales, stock or orders); nothing was written.' };
    } else if (storageFull(err)) {
      error = { error: 'insufficient_storage', message: "The server's storage is full: nothing of this import was written. Free space and import the file again." };
    } else {
      error = { error: 'internal_error', message: 'The import stopped on an unexpected error; nothing was written.' };
      deps.log?.(err);
    }
  }
  await saving;
  const finished = deps.now();
  const durationMs = performance.now() - t0;
  const ok = outcome?.ok === true && error === null;
  const result = outcome && { rows: outcome.rows, reasons: outcome.reasons, rejections: outcome.rejections, detected: outcome.detected, extra: outcome.extra };
  await repo.markFinished(deps.tdb, id, {
    status: ok ? 'succeeded' : 'failed',
    progress: { ...last, phase: 'done', fraction: 1 },
    result,
    error,
    finishedAt: finished.toISOString(),
    durationMs,
  });
  // A committed import wrote its audit row with its data; the others are recorded here.
  if (!ok || options.dryRun) {
    await audit(null, deps.tdb, {
      action: options.dryRun ? 'import.checked' : 'import.failed',
      targetType: 'import',
      targetId: id,
      actor: deps.who.actor,
      details: { kind: options.kind, file: file.fileName.slice(0, 255), ok, error: error?.error ?? null, rows: outcome?.rows.total ?? null, rejected: outcome?.rows.rejected ?? null },
    }, finished.getTime());
  }
  return outcome;
}

export async function getImport(tdb: TenantDb, id: string): Promise<repo.ImportRecord> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', `Import '${id.slice(0, 80)}' not found.`);
  const record = await repo.findImport(tdb, id);
  if (!record) throw new AppError('not_found', `Import '${id}' not found.`);
  return record;
}

export const listImports = repo.listImports;
