/**
 * The in-process shared state: the default for a single server process, and what the Redis
 * implementation falls back to while Redis is unreachable. Counters and series live in this
 * process only; a published message reaches this process's subscribers only.
 */
import { systemClock, type Clock } from '../clock.js';
import {
  checkMinutes,
  checkWindow,
  hitResult,
  minuteIndexes,
  MINUTE_MS,
  SERIES_RETENTION_MINUTES,
  type Hit,
  type MinuteBucket,
  type SharedState,
  type SharedStatus,
} from './shared-state.js';

/** Subscribers of this process, by topic. */
export class LocalTopics {
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  subscribe(topic: string, handler: (message: string) => void): { off: () => void; first: boolean } {
    let set = this.handlers.get(topic);
    const first = !set;
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return {
      first,
      off: () => {
        set.delete(handler);
        if (set.size === 0 && this.handlers.get(topic) === set) this.handlers.delete(topic);
      },
    };
  }

  has(topic: string): boolean {
    return this.handlers.has(topic);
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }

  deliver(topic: string, message: string): void {
    for (const h of [...(this.handlers.get(topic) ?? [])]) {
      try {
        h(message);
      } catch {
        // One subscriber's failure must not keep the message from the others.
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}

const SWEEP_EVERY = 1024;

/** Fixed-window counters and per-minute series in memory, pruned as they age. */
export class MemoryCounters {
  private readonly windows = new Map<string, { window: number; count: number; expires: number }>();
  private readonly minutes = new Map<string, Map<number, number>>();
  private writes = 0;

  constructor(private readonly now: Clock = systemClock) {}

  hit(key: string, windowMs: number, limit?: number): Hit {
    checkWindow(windowMs);
    const now = this.now();
    const window = Math.floor(now / windowMs);
    const slot = `${windowMs}:${key}`;
    const current = this.windows.get(slot);
    const count = current && current.window === window ? current.count + 1 : 1;
    this.windows.set(slot, { window, count, expires: (window + 1) * windowMs });
    this.sweep(now);
    return hitResult(count, window, windowMs, limit);
  }

  record(series: string, by = 1): void {
    const now = this.now();
    const minute = Math.floor(now / MINUTE_MS);
    let buckets = this.minutes.get(series);
    if (!buckets) this.minutes.set(series, (buckets = new Map()));
    buckets.set(minute, (buckets.get(minute) ?? 0) + by);
    this.sweep(now);
  }

  series(series: string, minutes: number): MinuteBucket[] {
    checkMinutes(minutes);
    const buckets = this.minutes.get(series);
    return minuteIndexes(this.now(), minutes).map((m) => ({ start: new Date(m * MINUTE_MS).toISOString(), count: buckets?.get(m) ?? 0 }));
  }

  private sweep(now: number): void {
    if (++this.writes % SWEEP_EVERY !== 0) return;
    for (const [k, v] of this.windows) if (v.expires <= now) this.windows.delete(k);
    const oldest = Math.floor(now / MINUTE_MS) - SERIES_RETENTION_MINUTES;
    for (const [name, buckets] of this.minutes) {
      for (const m of buckets.keys()) if (m <= oldest) buckets.delete(m);
      if (buckets.size === 0) this.minutes.delete(name);
    }
  }
}

export class InProcessSharedState implements SharedState {
  readonly kind = 'memory' as const;
  readonly description = 'in-process';
  readonly status: SharedStatus = 'up';
  private readonly topics = new LocalTopics();
  private readonly counters: MemoryCounters;

  constructor(options: { now?: Clock } = {}) {
    this.counters = new MemoryCounters(options.now);
  }

  async publish(topic: string, message: string): Promise<void> {
    this.topics.deliver(topic, message);
  }

  subscribe(topic: string, handler: (message: string) => void): () => void {
    return this.topics.subscribe(topic, handler).off;
  }

  onStatus(): () => void {
    return () => undefined;
  }

  async ready(): Promise<void> {}

  async hit(key: string, windowMs: number, limit?: number): Promise<Hit> {
    return this.counters.hit(key, windowMs, limit);
  }

  async record(series: string, by = 1): Promise<void> {
    this.counters.record(series, by);
  }

  async series(series: string, minutes: number): Promise<MinuteBucket[]> {
    return this.counters.series(series, minutes);
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
