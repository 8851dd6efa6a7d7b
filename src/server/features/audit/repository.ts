/** Reading the tenant's audit trail. (Writing is writer.ts.) */
import type { Row, TenantDb } from '../../../store/types.js';
import type { PageOf } from '../../http/schemas.js';
import { SqlFilter, escapeLike, fetchPage, mapPage } from '../../http/sql.js';
import type { AuditEntry } from './schema.js';

const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toEntry(r: Row): AuditEntry {
  const details = typeof r.details === 'string' ? (JSON.parse(r.details) as unknown) : r.details;
  return {
    id: String(r.id),
    occurred_at: String(r.occurred_at),
    actor_type: r.actor_type as AuditEntry['actor_type'],
    actor: String(r.actor),
    action: String(r.action),
    target_type: strOrNull(r.target_type),
    target_id: strOrNull(r.target_id),
    ip: strOrNull(r.ip),
    user_agent: strOrNull(r.user_agent),
    request_id: strOrNull(r.request_id),
    details: details !== null && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : null,
  };
}

export interface AuditFilter {
  /** Exact action, or with `prefix` every action starting with it. */
  action?: { value: string; prefix: boolean };
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** ISO instants: since inclusive, before exclusive. */
  since?: string;
  before?: string;
  limit?: number;
  offset?: number;
}

export async function listAudit(tdb: TenantDb, q: AuditFilter): Promise<PageOf<AuditEntry>> {
  const f = new SqlFilter();
  if (q.action?.prefix) f.when(`${escapeLike(q.action.value)}%`, (p) => `a.action LIKE ${p}::VARCHAR ESCAPE '\\'`);
  else f.when(q.action?.value, (p) => `a.action = ${p}::VARCHAR`);
  f.search(['a.actor'], q.actor);
  f.when(q.targetType, (p) => `a.target_type = ${p}::VARCHAR`);
  f.when(q.targetId, (p) => `a.target_id = ${p}::VARCHAR`);
  f.when(q.since, (p) => `a.occurred_at >= ${p}::TIMESTAMPTZ`);
  f.when(q.before, (p) => `a.occurred_at < ${p}::TIMESTAMPTZ`);
  const page = await fetchPage(f, q, (paging, params) =>
    tdb.all(
      `SELECT a.id, a.occurred_at, a.actor_type, a.actor, a.action, a.target_type, a.target_id, a.ip, a.user_agent,
              a.request_id, a.details, count(*) OVER () AS total_count
       FROM audit_log a
       WHERE a.tenant_id = $1
         AND ${f.sql}
       ORDER BY a.occurred_at DESC, a.id DESC
       ${paging}`,
      params,
    ),
  );
  return mapPage(page, toEntry);
}
