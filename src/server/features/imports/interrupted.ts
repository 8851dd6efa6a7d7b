/**
 * Imports a stopped process left behind. A job runs in the server that accepted the upload; if that
 * process dies (a crash, SIGKILL, a lost container) its record stays `queued` or `running` for ever.
 * At start the server settles them from what the database itself says: the import's data and its
 * `import.completed` audit row are written in ONE transaction, so an audit row means the import is
 * whole (succeeded, with the audit row's counts), and no audit row means none of it was written
 * (failed: interrupted, upload the file again).
 *
 * Which records are orphans: on DuckDB every unfinished one (the file lock guarantees this process
 * is the only server); on PostgreSQL, where other processes may be running imports right now, those
 * started (or queued) more than STALE_MINUTES ago — far beyond the longest import.
 */
import type { Store } from '../../../store/types.js';

export const STALE_MINUTES = 60;
export const INTERRUPTED = { error: 'interrupted', message: 'The server stopped during this import; nothing of it was written. Upload the file again.' };

export async function settleInterruptedImports(store: Store, now: Date): Promise<{ succeeded: number; failed: number }> {
  const params: string[] = [];
  let stale = '';
  if (store.dialect === 'postgres') {
    params.push(new Date(now.getTime() - STALE_MINUTES * 60_000).toISOString());
    stale = ` AND COALESCE(i.started_at, i.created_at) < CAST($1 AS TIMESTAMPTZ)`;
  }
  const rows = await store.platform.all(
    `SELECT i.tenant_id, CAST(i.id AS VARCHAR) AS id, a.details
       FROM imports i
       LEFT JOIN audit_log a ON a.tenant_id = i.tenant_id AND a.action = 'import.completed' AND a.target_id = CAST(i.id AS VARCHAR)
      WHERE i.status IN ('queued', 'running')${stale}`,
    params,
  );
  const counts = { succeeded: 0, failed: 0 };
  for (const row of rows) {
    const done = row.details !== null && row.details !== undefined;
    const details = typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, number>) : ((row.details ?? {}) as Record<string, number>);
    const n = (k: string) => Number(details[k] ?? 0);
    const total = n('file_rows');
    // The counts the audit row kept (an all-or-nothing import that committed rejected nothing).
    const result = done
      ? { rows: { total, accepted: total, inserted: n('inserted'), updated: n('updated'), unchanged: n('unchanged'), rejected: 0, created_references: n('created_references') }, recovered: true }
      : null;
    await store.forTenant(String(row.tenant_id)).run(
      `UPDATE imports SET status = $3, result = $4, error = $5, progress = $6, finished_at = CAST($7 AS TIMESTAMPTZ)
        WHERE tenant_id = $1 AND id = CAST($2 AS UUID) AND status IN ('queued', 'running')`,
      [
        String(row.id),
        done ? 'succeeded' : 'failed',
        result ? JSON.stringify(result) : null,
        done ? null : JSON.stringify(INTERRUPTED),
        JSON.stringify({ phase: 'done', fraction: 1, rows_read: total }),
        now.toISOString(),
      ],
    );
    counts[done ? 'succeeded' : 'failed'] += 1;
  }
  return counts;
}
