/**
 * The in-process per-tenant request windows behind the platform console: every response of a
 * request with a resolved tenant adds to the accumulator of (minute, tenant, method, route
 * template) — a Map lookup and a few additions — and a flush every few seconds writes the
 * accumulators touched since the last one to `request_stats` (this process's rows only, full
 * totals of the minute: idempotent). A minute's accumulators are dropped once the minute is over
 * and flushed. Label values are bounded like the Prometheus metrics: tenants the registry knows,
 * route templates, never raw URLs.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../store/types.js';
import type { Clock } from '../../clock.js';
import { bucketIndex, emptyBuckets } from './buckets.js';
import { pruneStats, upsertStats, type StatsRow } from './repository.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** How long request_stats rows are kept: the 24-hour views with a day to spare. */
export const STATS_RETENTION_MS = 48 * HOUR_MS;

interface Acc extends StatsRow {
  dirty: boolean;
}

export interface RecorderLog {
  warn(obj: object, message: string): void;
}

export class RequestRecorder {
  readonly processId = randomUUID();
  private readonly accs = new Map<string, Acc>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: RecorderLog,
    private readonly flushMs: number,
  ) {}

  /** Count one finished request. */
  record(tenantId: string, method: string, route: string, status: number, durationMs: number): void {
    const now = this.clock();
    const minute = now - (now % MINUTE_MS);
    const key = `${minute}\u0000${tenantId}\u0000${method}\u0000${route}`;
    let a = this.accs.get(key);
    if (!a) {
      a = {
        tenantId,
        minute,
        method,
        route,
        requests: 0,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 0,
        durationMsSum: 0,
        buckets: emptyBuckets(),
        lastAt: now,
        dirty: true,
      };
      this.accs.set(key, a);
    }
    a.requests++;
    if (status >= 500) a.status5xx++;
    else if (status >= 400) a.status4xx++;
    else if (status >= 300) a.status3xx++;
    else a.status2xx++;
    a.durationMsSum += durationMs;
    a.buckets[bucketIndex(durationMs)]!++;
    a.lastAt = now;
    a.dirty = true;
  }

  start(): void {
    if (this.timer || this.flushMs <= 0) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Write what changed since the last flush; concurrent calls wait for one another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeDirty());
    return this.flushing;
  }

  /** Stop the timer and write what is left. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async writeDirty(): Promise<void> {
    const now = this.clock();
    const current = now - (now % MINUTE_MS);
    const byTenant = new Map<string, Acc[]>();
    for (const [key, a] of this.accs) {
      if (a.dirty) {
        const list = byTenant.get(a.tenantId) ?? [];
        list.push(a);
        byTenant.set(a.tenantId, list);
        a.dirty = false;
      }
      // A past minute, written (now or before): nothing will add to it any more.
      if (a.minute < current) this.accs.delete(key);
    }
    for (const [tenantId, rows] of byTenant) {
      try {
        await upsertStats(this.store.forTenant(tenantId), this.processId, rows);
      } catch (err) {
        // The tenant was deleted meanwhile (offboarding), or the database is unreachable: the
        // statistics are not worth failing anything for; those counts are lost.
        this.log.warn({ err, tenant: tenantId }, 'request statistics not written');
      }
    }
    if (now - this.lastPrune >= HOUR_MS) {
      this.lastPrune = now;
      await pruneStats(this.store.platform, now - STATS_RETENTION_MS).catch((err: unknown) => this.log.warn({ err }, 'request statistics not pruned'));
    }
  }
}
