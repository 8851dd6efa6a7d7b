/**
 * Offboarding: the tenant's export archive (export.ts) and then its deletion, from the console
 * (routes.ts) and from `fluxion tenant export|delete` (src/cli/offboarding.ts).
 *
 * Deletion removes every row of the tenant from every table of tenant data that the catalogue
 * lists (src/store/catalogue.ts) — children first — and then its `tenants` row; its sessions,
 * API keys and invitations are rows among them, so they stop working at once, and the registry
 * entry is invalidated so its host answers "unknown company" on the next request. It needs the
 * tenant's id typed again and the tenant suspended first (no one is writing to it).
 *
 * The platform's own records are kept: `platform_audit_log` (with its `subject_tenant` column
 * naming the deleted tenant, and the deletion event itself), platform admins and their sessions.
 *
 * PostgreSQL deletes everything in one transaction. DuckDB cannot: it refuses to delete a parent
 * row whose children were deleted earlier in the same transaction (duckdb/duckdb#13819), so there
 * each table is its own transaction, children before parents (by the levels of the foreign-key
 * tree), each re-checking that the tenant is still suspended, and the `tenants` row goes last. An
 * interrupted deletion therefore leaves a suspended tenant with some tables already empty, never
 * a served one, and running the deletion again finishes it.
 */
import type { FastifyRequest } from 'fastify';
import { deletionLevels, tenantCatalogue, TENANTS_TABLE, type TableInfo } from '../../../store/catalogue.js';
import type { PlatformDb, Store } from '../../../store/types.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { auditPlatform, type AuditEvent } from '../audit/writer.js';
import type { TenantRegistry } from '../tenants/registry.js';
import type { ExportSummary } from './export.js';
import { deleteTenantRows, tenantStatusForDeletion } from './repository.js';

export interface OffboardingDeps {
  store: Store;
  registry: Pick<TenantRegistry, 'invalidate'>;
  clock: Clock;
}

/** Who did it, for the platform audit trail: the request's admin, or an explicit actor (the CLI). */
export interface Actor {
  request: FastifyRequest | null;
  actor?: AuditEvent['actor'];
}

export interface DeletionReport {
  tenant_id: string;
  /** Rows deleted per table, `tenants` included (1). */
  deleted: Record<string, number>;
  total_rows: number;
}

const shown = (s: string) => (s.length > 70 ? `${s.slice(0, 70)}…` : s);

function notSuspended(id: string, status: string): AppError {
  return new AppError(
    'invalid_state',
    `Tenant '${id}' is ${status}. Suspend it first (POST /api/v1/admin/tenants/${id}/suspend, or \`fluxion tenant suspend ${id}\`), ` +
      'take its export, then delete it: a tenant is only deleted while nobody can use it.',
    { status },
  );
}

/** Inside a deletion transaction: the tenant exists and is suspended. */
async function assertDeletable(tx: PlatformDb, id: string): Promise<void> {
  const status = await tenantStatusForDeletion(tx, id);
  if (status === undefined) throw new AppError('tenant_not_found', `Tenant '${shown(id)}' does not exist.`);
  if (status !== 'suspended') throw notSuspended(id, status);
}

export async function deleteTenant(deps: OffboardingDeps, by: Actor, id: string, confirm: string): Promise<DeletionReport> {
  if (confirm !== id) {
    throw new AppError(
      'confirmation_mismatch',
      `The confirmation does not match: type the tenant's id exactly ('${shown(id)}') to delete it and all of its data. Nothing was deleted.`,
    );
  }
  const db = deps.store.platform;
  const catalogue = await tenantCatalogue(db);
  if (catalogue.outsideReferences.length > 0) {
    const refs = catalogue.outsideReferences.map((r) => `${r.from} → ${r.to}`).join(', ');
    throw new AppError('conflict', `Tenant data is referenced from tables that are not tenant data (${refs}); deleting a tenant would break them. Nothing was deleted.`);
  }
  const byName = new Map<string, TableInfo>(catalogue.tables.map((t) => [t.name, t]));
  const levels = deletionLevels(catalogue.tables);
  // One transaction on PostgreSQL. On DuckDB one per table, in the levels' order (see the comment
  // at the top): DuckDB serialises every write, so a short transaction per table lets other
  // tenants' writes through between tables instead of after the whole deletion.
  const groups = db.dialect === 'postgres' ? [levels.flat()] : levels.flat().map((name) => [name]);
  const deleted: Record<string, number> = {};
  try {
    for (const [i, group] of groups.entries()) {
      const last = i === groups.length - 1;
      await db.tx(async (tx) => {
        await assertDeletable(tx, id);
        if (tx.dialect === 'postgres') {
          // Each deleted parent row makes PostgreSQL look for children that point at it; on a
          // large tenant that takes longer than the serving statement timeout allows.
          await tx.run("SET LOCAL statement_timeout = '30min'");
        }
        for (const name of group) {
          const table = byName.get(name)!;
          deleted[name] = (deleted[name] ?? 0) + (await deleteTenantRows(tx, table, id));
        }
        if (last) {
          const counts = Object.fromEntries(catalogue.tables.map((t) => [t.name, deleted[t.name] ?? 0]));
          const total = Object.values(counts).reduce((a, b) => a + b, 0);
          await auditPlatform(
            by.request,
            tx,
            {
              action: 'tenant.deleted',
              tenantId: id,
              targetType: 'tenant',
              targetId: id,
              ...(by.actor ? { actor: by.actor } : {}),
              details: { deleted: counts, total_rows: total },
            },
            deps.clock(),
          );
        }
      });
    }
  } finally {
    // Also after a failure: a DuckDB deletion may have emptied some tables before it stopped.
    deps.registry.invalidate(id);
  }
  const ordered = Object.fromEntries(catalogue.tables.map((t) => [t.name, deleted[t.name] ?? 0]));
  if (ordered[TENANTS_TABLE] !== 1) throw new Error(`Deleting tenant ${id}: the tenants row was not deleted.`);
  return { tenant_id: id, deleted: ordered, total_rows: Object.values(ordered).reduce((a, b) => a + b, 0) };
}

/** The platform audit event of a finished export: what it held and the archive's checksum. */
export async function auditExport(deps: Pick<OffboardingDeps, 'store' | 'clock'>, by: Actor, summary: ExportSummary, destination?: string): Promise<void> {
  await auditPlatform(
    by.request,
    deps.store.platform,
    {
      action: 'tenant.exported',
      tenantId: summary.tenantId,
      targetType: 'tenant',
      targetId: summary.tenantId,
      ...(by.actor ? { actor: by.actor } : {}),
      details: {
        archive: summary.filename,
        ...(destination ? { destination } : {}),
        bytes: summary.bytes,
        sha256: summary.sha256,
        schema_version: summary.schemaVersion,
        rows: summary.rows,
        total_rows: summary.totalRows,
      },
    },
    deps.clock(),
  );
}

/** An export that did not finish (the reader went away, or reading failed): recorded too. */
export async function auditExportFailure(deps: Pick<OffboardingDeps, 'store' | 'clock'>, by: Actor, tenantId: string, filename: string, err: unknown): Promise<void> {
  const reason = err instanceof Error ? (err as NodeJS.ErrnoException).code ?? err.name : 'unknown';
  await auditPlatform(
    by.request,
    deps.store.platform,
    {
      action: 'tenant.export_failed',
      tenantId,
      targetType: 'tenant',
      targetId: tenantId,
      ...(by.actor ? { actor: by.actor } : {}),
      details: { archive: filename, reason: String(reason).slice(0, 100) },
    },
    deps.clock(),
  );
}
