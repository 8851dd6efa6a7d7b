/**
 * SQL of the request statistics: writing a process's minute totals, pruning, and the reads of the
 * console (platform-level: they add up every tenant's rows).
 */
import type { PlatformDb, TenantDb } from '../../../store/types.js';

export const REQUEST_STATS_TABLE = 'request_stats';

export interface StatsRow {
  tenantId: string;
  /** Start of the minute, epoch ms. */
  minute: number;
  method: string;
  route: string;
  requests: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  durationMsSum: number;
  buckets: number[];
  /** Epoch ms of the last request counted. */
  lastAt: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One process's full totals for these minutes: insert, or replace its earlier write. */
export async function upsertStats(tdb: TenantDb, processId: string, rows: readonly StatsRow[]): Promise<void> {
  await tdb.tx(async (tx) => {
    for (const r of rows) {
      await tx.run(
        `INSERT INTO request_stats (tenant_id, minute, process_id, method, route, requests, status_2xx, status_3xx, status_4xx, status_5xx,
                                    duration_ms_sum, latency_buckets, last_at)
         VALUES ($1, $2::TIMESTAMPTZ, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::TIMESTAMPTZ)
         ON CONFLICT (tenant_id, minute, process_id, method, route) DO UPDATE SET
           requests = excluded.requests, status_2xx = excluded.status_2xx, status_3xx = excluded.status_3xx,
           status_4xx = excluded.status_4xx, status_5xx = excluded.status_5xx, duration_ms_sum = excluded.duration_ms_sum,
           latency_buckets = excluded.latency_buckets, last_at = excluded.last_at`,
        [
          iso(r.minute),
          processId,
          r.method,
          r.route.slice(0, 200),
          r.requests,
          r.status2xx,
          r.status3xx,
          r.status4xx,
          r.status5xx,
          r.durationMsSum,
          JSON.stringify(r.buckets),
          iso(r.lastAt),
        ],
      );
    }
  });
}

export async function pruneStats(db: PlatformDb, before: number): Promise<number> {
  return db.run('DELETE FROM request_stats WHERE minute < $1::TIMESTAMPTZ', [iso(before)]);
}

/** A row as read back: the written shape, without `lastAt`, with the buckets as stored JSON. */
export type StoredStats = Omit<StatsRow, 'lastAt' | 'buckets'> & { buckets: unknown[] };

function toStored(r: Record<string, unknown>): StoredStats {
  const buckets = typeof r.latency_buckets === 'string' ? (JSON.parse(r.latency_buckets) as unknown) : r.latency_buckets;
  return {
    tenantId: String(r.tenant_id),
    minute: Date.parse(String(r.minute)),
    method: String(r.method),
    route: String(r.route),
    requests: Number(r.requests),
    status2xx: Number(r.status_2xx),
    status3xx: Number(r.status_3xx),
    status4xx: Number(r.status_4xx),
    status5xx: Number(r.status_5xx),
    durationMsSum: Number(r.duration_ms_sum),
    buckets: Array.isArray(buckets) ? buckets : [],
  };
}

const COLUMNS = 'tenant_id, minute, method, route, requests, status_2xx, status_3xx, status_4xx, status_5xx, duration_ms_sum, latency_buckets';

/** Every tenant's rows from `since` on (every process). */
export async function statsSince(db: PlatformDb, since: number): Promise<StoredStats[]> {
  return (await db.all(`SELECT ${COLUMNS} FROM request_stats WHERE minute >= $1::TIMESTAMPTZ`, [iso(since)])).map(toStored);
}

/** One tenant's rows from `since` on. */
export async function tenantStatsSince(db: PlatformDb, tenantId: string, since: number): Promise<StoredStats[]> {
  return (await db.all(`SELECT ${COLUMNS} FROM request_stats WHERE tenant_id = $1 AND minute >= $2::TIMESTAMPTZ`, [tenantId, iso(since)])).map(toStored);
}

/**
 * When each tenant was last active: its latest counted request or audit event (sign-ins, changes
 * by API keys and users), whichever is later.
 */
export async function lastActivity(db: PlatformDb): Promise<Map<string, string>> {
  const rows = await db.all(
    `SELECT tenant_id, max(seen_at) AS seen_at FROM (
       SELECT tenant_id, max(last_at) AS seen_at FROM request_stats GROUP BY tenant_id
       UNION ALL
       SELECT tenant_id, max(occurred_at) AS seen_at FROM audit_log GROUP BY tenant_id
     ) a GROUP BY tenant_id`,
  );
  return new Map(rows.filter((r) => r.seen_at !== null && r.seen_at !== undefined).map((r) => [String(r.tenant_id), new Date(String(r.seen_at)).toISOString()]));
}
