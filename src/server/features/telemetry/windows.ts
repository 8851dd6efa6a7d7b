/**
 * What the console shows, computed from request_stats rows (every process's, added up). Pure.
 *
 * Requests per minute over the last N minutes: the requests of the minutes that started at most
 * N minutes before the current one, divided by the time those minutes cover up to now (between N
 * and N + 1 minutes), so a rate never rests on a few seconds of the current minute alone.
 */
import { addBuckets, emptyBuckets, quantile } from './buckets.js';
import type { StoredStats } from './repository.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export const RATE_WINDOWS = { m1: 1, m5: 5, m15: 15 } as const;
/** The longest window the dashboard reads, in minutes (a query bound). */
export const DASHBOARD_MINUTES = 15;

export interface LiveStats {
  requests_per_minute: { m1: number; m5: number; m15: number };
  /** Share of 5xx answers over the last 15 minutes (0–1); null without requests. */
  error_rate: number | null;
  /** Share of 4xx answers over the last 15 minutes. */
  client_error_rate: number | null;
  p95_ms: number | null;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Start of the oldest minute the dashboard needs, for the query. */
export function dashboardSince(now: number): number {
  return now - (now % MINUTE_MS) - DASHBOARD_MINUTES * MINUTE_MS;
}

export function liveStats(rows: readonly StoredStats[], now: number): LiveStats {
  const current = now - (now % MINUTE_MS);
  const rate = (minutes: number) => {
    const from = current - minutes * MINUTE_MS;
    let n = 0;
    for (const r of rows) if (r.minute >= from) n += r.requests;
    return round(n / ((now - from) / MINUTE_MS), 2);
  };
  const from15 = current - DASHBOARD_MINUTES * MINUTE_MS;
  let total = 0;
  let e4 = 0;
  let e5 = 0;
  const buckets = emptyBuckets();
  for (const r of rows) {
    if (r.minute < from15) continue;
    total += r.requests;
    e4 += r.status4xx;
    e5 += r.status5xx;
    addBuckets(buckets, r.buckets);
  }
  return {
    requests_per_minute: { m1: rate(RATE_WINDOWS.m1), m5: rate(RATE_WINDOWS.m5), m15: rate(RATE_WINDOWS.m15) },
    error_rate: total === 0 ? null : round(e5 / total, 4),
    client_error_rate: total === 0 ? null : round(e4 / total, 4),
    p95_ms: quantile(buckets, 0.95),
  };
}

export function groupByTenant(rows: readonly StoredStats[]): Map<string, StoredStats[]> {
  const out = new Map<string, StoredStats[]>();
  for (const r of rows) {
    const list = out.get(r.tenantId);
    if (list) list.push(r);
    else out.set(r.tenantId, [r]);
  }
  return out;
}

export interface EndpointStats {
  method: string;
  route: string;
  requests: number;
  errors_4xx: number;
  errors_5xx: number;
  avg_ms: number;
  p95_ms: number | null;
}

export interface HourStats {
  start: string;
  requests: number;
  errors_4xx: number;
  errors_5xx: number;
}

export interface DayStats {
  totals_24h: { requests: number; status_2xx: number; status_3xx: number; status_4xx: number; status_5xx: number; p95_ms: number | null };
  endpoints: EndpointStats[];
  hourly: HourStats[];
}

/** Start of the oldest hour of the 24-hour views. */
export function daySince(now: number): number {
  return now - (now % HOUR_MS) - 23 * HOUR_MS;
}

/** One tenant's last 24 hours: totals, per endpoint (busiest first) and 24 hourly buckets. */
export function dayStats(rows: readonly StoredStats[], now: number): DayStats {
  const first = daySince(now);
  const hourly: HourStats[] = Array.from({ length: 24 }, (_, i) => ({ start: new Date(first + i * HOUR_MS).toISOString(), requests: 0, errors_4xx: 0, errors_5xx: 0 }));
  const totals = { requests: 0, status_2xx: 0, status_3xx: 0, status_4xx: 0, status_5xx: 0 };
  const all = emptyBuckets();
  const endpoints = new Map<string, { e: Omit<EndpointStats, 'avg_ms' | 'p95_ms'>; sum: number; buckets: number[] }>();
  for (const r of rows) {
    if (r.minute < first) continue;
    const h = hourly[Math.floor((r.minute - first) / HOUR_MS)];
    if (h) {
      h.requests += r.requests;
      h.errors_4xx += r.status4xx;
      h.errors_5xx += r.status5xx;
    }
    totals.requests += r.requests;
    totals.status_2xx += r.status2xx;
    totals.status_3xx += r.status3xx;
    totals.status_4xx += r.status4xx;
    totals.status_5xx += r.status5xx;
    addBuckets(all, r.buckets);
    const key = `${r.method} ${r.route}`;
    let ep = endpoints.get(key);
    if (!ep) {
      ep = { e: { method: r.method, route: r.route, requests: 0, errors_4xx: 0, errors_5xx: 0 }, sum: 0, buckets: emptyBuckets() };
      endpoints.set(key, ep);
    }
    ep.e.requests += r.requests;
    ep.e.errors_4xx += r.status4xx;
    ep.e.errors_5xx += r.status5xx;
    ep.sum += r.durationMsSum;
    addBuckets(ep.buckets, r.buckets);
  }
  return {
    totals_24h: { ...totals, p95_ms: quantile(all, 0.95) },
    endpoints: [...endpoints.values()]
      .map(({ e, sum, buckets }) => ({ ...e, avg_ms: e.requests === 0 ? 0 : round(sum / e.requests, 1), p95_ms: quantile(buckets, 0.95) }))
      .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route) || a.method.localeCompare(b.method)),
    hourly,
  };
}
