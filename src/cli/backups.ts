/**
 * `fluxion backup`, `fluxion restore` and `fluxion tenant restore` as operations: like every
 * command they run inside the running server when there is one (its admin socket; the server
 * holds the DuckDB file), else on the database directly. Paths are absolute (the CLI resolves
 * them), and the process that runs the operation reads and writes them as the same user.
 */
import { Type } from 'typebox';
import { AppError } from '../server/errors.js';
import type { AuditEvent } from '../server/features/audit/writer.js';
import { auditPlatform } from '../server/features/audit/writer.js';
import { FLUXION_VERSION } from '../server/version.js';
import { writeBackup } from '../store/backup/backup.js';
import { BackupError } from '../store/backup/format.js';
import { restoreInstallation, type RestoreReport } from '../store/backup/restore.js';
import { restoreTenant, type TenantRestoreReport } from '../store/backup/tenant-restore.js';
import type { OperationContext } from './operations.js';

const CLI_ACTOR = { type: 'system', label: 'cli' } as const satisfies AuditEvent['actor'];
const Path = Type.String({ minLength: 1, maxLength: 4000 });

export interface BackupSummary {
  dir: string;
  created_at: string;
  schema_version: number;
  backend: string;
  tenants: string[];
  tables: Array<{ name: string; rows: number; bytes: number; sha256: string; checksum: string }>;
  total_rows: number;
  bytes: number;
  seconds: number;
}

/** A refused backup or restore is the caller's to fix: a 4xx-like error, its message as written. */
async function refusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BackupError) throw new AppError('validation_error', err.message);
    throw err;
  }
}

export const BACKUP_OPERATIONS = {
  backup: {
    args: Type.Object({ dir: Path }, { additionalProperties: false }),
    run: (ctx: OperationContext, a: { dir: string }): Promise<BackupSummary> =>
      refusals(async () => {
        const r = await writeBackup(ctx.store, a.dir, {
          now: (ctx.clock ?? Date.now)(),
          fluxionVersion: FLUXION_VERSION,
          ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
        });
        return {
          dir: r.dir,
          created_at: r.manifest.created_at,
          schema_version: r.manifest.schema_version,
          backend: r.manifest.source.backend,
          tenants: r.manifest.tenants,
          tables: r.manifest.tables.map((t) => ({ name: t.name, rows: t.rows, bytes: t.bytes, sha256: t.sha256, checksum: t.checksum })),
          total_rows: r.manifest.total_rows,
          bytes: r.bytes,
          seconds: r.seconds,
        };
      }),
  },

  restore: {
    args: Type.Object({ dir: Path }, { additionalProperties: false }),
    run: (ctx: OperationContext, a: { dir: string }): Promise<RestoreReport> =>
      refusals(async () => {
        const report = await restoreInstallation(ctx.store, a.dir, ctx.onProgress);
        // A server that restored into its own (empty) database serves the tenants at once.
        ctx.registry.invalidate();
        return report;
      }),
  },

  'tenant.restore': {
    args: Type.Object({ archive: Path }, { additionalProperties: false }),
    run: (ctx: OperationContext, a: { archive: string }): Promise<TenantRestoreReport> =>
      refusals(async () => {
        const now = (ctx.clock ?? Date.now)();
        const report = await restoreTenant(ctx.store, a.archive, {
          ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
          record: (tx, r) =>
            auditPlatform(
              null,
              tx,
              {
                action: 'tenant.restored',
                tenantId: r.tenant_id,
                targetType: 'tenant',
                targetId: r.tenant_id,
                actor: CLI_ACTOR,
                details: { archive: r.archive, exported_at: r.exported_at, schema_version: r.schema_version, rows: Object.fromEntries(r.tables.map((t) => [t.name, t.rows])) },
              },
              now,
            ),
        });
        ctx.registry.invalidate(report.tenant_id);
        return report;
      }),
  },
};
