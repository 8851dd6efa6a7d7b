/**
 * The shared state on Redis (`REDIS_URL`), for several server processes on one or more machines.
 *
 * Two connections: one for commands (counters, PUBLISH) and one dedicated to SUBSCRIBE, since a
 * subscribed connection can run nothing else. Channels and keys carry a namespace (see
 * `redisNamespace`), so deployments and test runs sharing one Redis stay apart.
 *
 * Counters are fixed windows: `INCR` and `PEXPIRE` in one `MULTI`, one key per window, which
 * expires shortly after its window ends. Windows are computed from this process's clock, so the
 * processes' clocks should agree (NTP) to within a small part of the shortest window.
 *
 * A Redis outage must not take the API down. Both connections reconnect on their own, forever,
 * with a backoff capped at 3 s. Commands never wait for Redis: while it is unreachable (or a
 * command fails or takes over a second) this process falls back to in-process state:
 * - counters count this process's hits only, so a limit is per process during the outage;
 * - `series` shows what this process counted since the outage began;
 * - a published message reaches this process's subscribers only, and messages from the others are
 *   missed; `status` turns 'down' so users of the channel can compensate (the tenant registry
 *   shortens its cache and clears it when Redis is back: `tenant-invalidation.ts`).
 * Transitions are logged once each, not once per failed retry.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { systemClock, type Clock } from '../clock.js';
import { LocalTopics, MemoryCounters } from './memory.js';
import {
  checkMinutes,
  checkWindow,
  hitResult,
  minuteIndexes,
  MINUTE_MS,
  SERIES_RETENTION_MINUTES,
  silentLog,
  type Hit,
  type MinuteBucket,
  type SharedLog,
  type SharedState,
  type SharedStatus,
} from './shared-state.js';

export interface RedisSharedStateOptions {
  url: string;
  /** Prefix of every key and channel, e.g. `fluxion:shop:`. */
  namespace: string;
  log?: SharedLog;
  now?: Clock;
  /** CLIENT SETNAME of the two connections (`<name>:cmd`, `<name>:sub`). */
  connectionName?: string;
  /** Longest wait of `ready()` for a first connection (default 3 s). */
  readyTimeoutMs?: number;
}

/** The URL without its password, for logs and the banner. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'redis (unparsable URL)';
  }
}

const COMMAND_TIMEOUT_MS = 1000;
const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 3000);

export class RedisSharedState implements SharedState {
  readonly kind = 'redis' as const;
  readonly description: string;
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly topics = new LocalTopics();
  private readonly fallback: MemoryCounters;
  private readonly statusListeners = new Set<(s: SharedStatus) => void>();
  private readonly log: SharedLog;
  private readonly now: Clock;
  private cmdUp = false;
  private subUp = false;
  private current: SharedStatus = 'down';
  private everUp = false;
  private lastError = '';
  private closed = false;
  /** SUBSCRIBE/UNSUBSCRIBE commands sent and not yet acknowledged. */
  private readonly pending = new Set<Promise<unknown>>();
  private readonly firstContact: Promise<void>;
  private failureLogged = false;

  constructor(private readonly options: RedisSharedStateOptions) {
    this.description = `Redis at ${redactRedisUrl(options.url)}`;
    this.log = options.log ?? silentLog;
    this.now = options.now ?? systemClock;
    this.fallback = new MemoryCounters(this.now);
    const common: RedisOptions = {
      retryStrategy,
      connectTimeout: 2000,
      // Never queue while disconnected: callers fall back at once instead of waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    };
    const name = options.connectionName;
    this.cmd = new Redis(options.url, { ...common, commandTimeout: COMMAND_TIMEOUT_MS, ...(name ? { connectionName: `${name}:cmd` } : {}) });
    // Subscriptions are renewed by hand on every (re)connection, so `status` turns 'up' only once they are active.
    this.sub = new Redis(options.url, { ...common, autoResubscribe: false, ...(name ? { connectionName: `${name}:sub` } : {}) });

    let contact!: () => void;
    this.firstContact = new Promise((resolve) => (contact = resolve));
    const timer = setTimeout(contact, options.readyTimeoutMs ?? 3000);
    timer.unref();

    for (const [conn, which] of [
      [this.cmd, 'cmd'],
      [this.sub, 'sub'],
    ] as const) {
      conn.on('error', (err: Error) => {
        this.lastError = err.message;
        contact();
      });
      conn.on('close', () => {
        if (which === 'cmd') this.cmdUp = false;
        else this.subUp = false;
        this.update();
        contact();
      });
    }
    this.cmd.on('ready', () => {
      this.cmdUp = true;
      this.update();
    });
    this.sub.on('ready', () => {
      const channels = this.topics.topics().map((t) => this.channel(t));
      const subscribed = channels.length > 0 ? this.track(this.sub.subscribe(...channels)) : Promise.resolve();
      subscribed.then(
        () => {
          if (this.sub.status !== 'ready') return;
          this.subUp = true;
          this.update();
        },
        (err: unknown) => {
          this.lastError = err instanceof Error ? err.message : String(err);
          // The connection is unusable; dropping it makes ioredis reconnect and try again.
          this.sub.disconnect(true);
        },
      );
    });
    this.sub.on('message', (channel: string, message: string) => {
      if (channel.startsWith(options.namespace)) this.topics.deliver(channel.slice(options.namespace.length), message);
    });
    this.onStatus((s) => {
      if (s === 'up') contact();
    });
  }

  get status(): SharedStatus {
    return this.current;
  }

  async publish(topic: string, message: string): Promise<void> {
    // Our own subscriber hears it through Redis, unless it is disconnected.
    if (!this.subUp) this.topics.deliver(topic, message);
    if (!this.cmdUp) return;
    try {
      await this.cmd.publish(this.channel(topic), message);
    } catch (err) {
      this.failed('PUBLISH', err);
    }
  }

  subscribe(topic: string, handler: (message: string) => void): () => void {
    const { off, first } = this.topics.subscribe(topic, handler);
    if (first && this.sub.status === 'ready') {
      this.track(this.sub.subscribe(this.channel(topic))).catch((err: unknown) => this.failed('SUBSCRIBE', err));
    }
    return () => {
      off();
      if (!this.topics.has(topic) && this.sub.status === 'ready' && !this.closed) {
        this.track(this.sub.unsubscribe(this.channel(topic))).catch(() => undefined);
      }
    };
  }

  onStatus(listener: (status: SharedStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async ready(): Promise<void> {
    await this.firstContact;
    await Promise.allSettled([...this.pending]);
    if (this.current === 'down' && !this.everUp && !this.failureLogged && !this.closed) {
      this.failureLogged = true;
      this.log.warn(
        `${this.description} is not reachable (${this.lastError || 'no answer yet'}); starting without it and reconnecting in the background. ` +
          'Until it answers, counters and rate limits count this process only, and messages from other processes are missed.',
      );
    }
  }

  async hit(key: string, windowMs: number, limit?: number): Promise<Hit> {
    checkWindow(windowMs);
    const window = Math.floor(this.now() / windowMs);
    if (this.cmdUp) {
      const k = `${this.options.namespace}hit:${windowMs}:${key}:${window}`;
      try {
        const res = await this.cmd.multi().incr(k).pexpire(k, windowMs + 1000).exec();
        const [err, count] = res?.[0] ?? [new Error('empty MULTI reply'), 0];
        if (err) throw err;
        return hitResult(Number(count), window, windowMs, limit);
      } catch (err) {
        this.failed('INCR', err);
      }
    }
    return this.fallback.hit(key, windowMs, limit);
  }

  async record(series: string, by = 1): Promise<void> {
    if (this.cmdUp) {
      const k = this.seriesKey(series, Math.floor(this.now() / MINUTE_MS));
      try {
        const res = await this.cmd
          .multi()
          .incrby(k, by)
          .pexpire(k, (SERIES_RETENTION_MINUTES + 2) * MINUTE_MS)
          .exec();
        const err = res?.[0]?.[0];
        if (err) throw err;
        return;
      } catch (err) {
        this.failed('INCRBY', err);
      }
    }
    this.fallback.record(series, by);
  }

  async series(series: string, minutes: number): Promise<MinuteBucket[]> {
    checkMinutes(minutes);
    if (this.cmdUp) {
      const indexes = minuteIndexes(this.now(), minutes);
      try {
        const counts = await this.cmd.mget(...indexes.map((m) => this.seriesKey(series, m)));
        return indexes.map((m, i) => ({ start: new Date(m * MINUTE_MS).toISOString(), count: Number(counts[i] ?? 0) }));
      } catch (err) {
        this.failed('MGET', err);
      }
    }
    return this.fallback.series(series, minutes);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statusListeners.clear();
    this.topics.clear();
    await Promise.all([this.cmd, this.sub].map((c) => quitOrDrop(c)));
  }

  private channel(topic: string): string {
    return `${this.options.namespace}${topic}`;
  }

  private seriesKey(series: string, minute: number): string {
    return `${this.options.namespace}series:${series}:${minute}`;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, done);
    return p;
  }

  private failed(what: string, err: unknown): void {
    this.lastError = err instanceof Error ? err.message : String(err);
    if (this.failureLogged) return;
    this.failureLogged = true;
    this.log.warn(`${this.description}: ${what} failed (${this.lastError}); using in-process state for it meanwhile.`);
  }

  private update(): void {
    if (this.closed) return;
    const next: SharedStatus = this.cmdUp && this.subUp ? 'up' : 'down';
    if (next === this.current) return;
    this.current = next;
    if (next === 'up') {
      this.failureLogged = false;
      this.log.info(this.everUp ? `${this.description} is reachable again; sharing state with the other processes.` : `Shared state: ${this.description}.`);
      this.everUp = true;
    } else {
      this.log.warn(
        `${this.description} is unreachable (${this.lastError || 'connection closed'}); reconnecting. Meanwhile counters and rate limits ` +
          'count this process only, and messages from other processes are missed.',
      );
    }
    for (const l of [...this.statusListeners]) l(next);
  }
}

async function quitOrDrop(conn: Redis): Promise<void> {
  if (conn.status !== 'ready') {
    conn.disconnect();
    return;
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 1000, 'timeout').unref());
  const quit = conn.quit().then(
    () => 'quit' as const,
    () => 'failed' as const,
  );
  if ((await Promise.race([quit, timeout])) !== 'quit') conn.disconnect();
}
