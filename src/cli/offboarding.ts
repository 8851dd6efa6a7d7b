/**
 * `fluxion tenant export` and `fluxion tenant delete` as operations: they run in the CLI process
 * on the database it opened, or inside the running server (admin socket), like every command.
 * The export is written by whichever process runs it, to the absolute path the CLI resolved (the
 * socket is owner-only, so the server writes as the same user), through a temporary name that is
 * renamed once the archive is complete; an existing file is never overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type } from 'typebox';
import { AppError } from '../server/errors.js';
import type { AuditEvent } from '../server/features/audit/writer.js';
import { openTenantExport } from '../server/features/offboarding/export.js';
import { auditExport, auditExportFailure, deleteTenant, type DeletionReport } from '../server/features/offboarding/service.js';
import type { OperationContext } from './operations.js';

const CLI_ACTOR = { type: 'system', label: 'cli' } as const satisfies AuditEvent['actor'];

const Id = Type.String({ maxLength: 300 });

export interface ExportResult {
  tenant_id: string;
  file: string;
  bytes: number;
  sha256: string;
  exported_at: string;
  schema_version: number;
  rows: Record<string, number>;
  total_rows: number;
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

async function exportToFile(ctx: OperationContext, a: { id: string; out: string }): Promise<ExportResult> {
  if (!path.isAbsolute(a.out)) throw new AppError('validation_error', `The output path must be absolute (got '${a.out.slice(0, 200)}').`);
  const clock = ctx.clock ?? Date.now;
  const exp = await openTenantExport(ctx.store, a.id, { now: clock(), ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
  // `--out` may name a directory: the archive keeps its own name inside it.
  const target = fs.existsSync(a.out) && fs.statSync(a.out).isDirectory() ? path.join(a.out, exp.filename) : a.out;
  if (exists(target)) {
    exp.stream.destroy();
    throw new AppError('already_exists', `${target} already exists; choose another --out (an export never overwrites a file).`);
  }
  if (!fs.existsSync(path.dirname(target))) {
    exp.stream.destroy();
    throw new AppError('validation_error', `The directory ${path.dirname(target)} does not exist.`);
  }
  const partial = `${target}.partial-${process.pid}`;
  const by = { request: null, actor: CLI_ACTOR };
  try {
    await pipeline(exp.stream, fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    const summary = await exp.done;
    fs.renameSync(partial, target);
    await auditExport({ store: ctx.store, clock }, by, summary, target);
    return {
      tenant_id: summary.tenantId,
      file: target,
      bytes: summary.bytes,
      sha256: summary.sha256,
      exported_at: summary.exportedAt,
      schema_version: summary.schemaVersion,
      rows: summary.rows,
      total_rows: summary.totalRows,
    };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    await auditExportFailure({ store: ctx.store, clock }, by, a.id, exp.filename, err).catch(() => undefined);
    throw err;
  }
}

export const OFFBOARDING_OPERATIONS = {
  'tenant.export': {
    args: Type.Object({ id: Id, out: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
    run: (ctx: OperationContext, a: { id: string; out: string }): Promise<ExportResult> => exportToFile(ctx, a),
  },
  'tenant.delete': {
    args: Type.Object({ id: Id, confirm: Id }, { additionalProperties: false }),
    run: (ctx: OperationContext, a: { id: string; confirm: string }): Promise<DeletionReport> =>
      deleteTenant({ store: ctx.store, registry: ctx.registry, clock: ctx.clock ?? Date.now }, { request: null, actor: CLI_ACTOR }, a.id, a.confirm),
  },
} as const;
