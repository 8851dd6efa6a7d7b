/**
 * The shared-state port: what several server processes need to agree on, kept small.
 *
 * - A broadcast channel (`publish` / `subscribe`): a message published on a topic reaches every
 *   subscriber of that topic in every process sharing the state, the publisher's own process
 *   included, once. Used for tenant cache invalidations.
 * - Windowed counters (`hit`): rate limits. Windows are FIXED, aligned to the epoch
 *   (`floor(now / windowMs)`): a burst across a boundary can reach twice the limit within one
 *   window length, in exchange for one key and one round trip per hit.
 * - Per-minute series (`record` / `series`): request counts per tenant and the like, readable
 *   minute by minute for the last `SERIES_RETENTION_MINUTES` minutes.
 *
 * Implementations: in-process (`memory.ts`, the default and the fallback), Redis (`redis.ts`,
 * `REDIS_URL`), and the workers of one `fluxion serve --workers N` without Redis (`ipc.ts`).
 * No method throws because the backing service is down: each degrades as its implementation
 * documents and `status` says so.
 */

export type SharedStatus = 'up' | 'down';

export interface Hit {
  /** Hits counted in the current window, this one included. */
  count: number;
  /** `count > limit` (always false without a limit). */
  limited: boolean;
  /** When the current window ends (epoch ms). */
  resetAt: number;
}

export interface MinuteBucket {
  /** Start of the minute (ISO 8601). */
  start: string;
  count: number;
}

/** Oldest minute `series` can return. */
export const SERIES_RETENTION_MINUTES = 60;

export interface SharedState {
  /** 'memory', 'redis' or 'cluster' (IPC between the workers of one primary). */
  readonly kind: 'memory' | 'redis' | 'cluster';
  /** Human-readable, for the banner and logs (no credentials). */
  readonly description: string;
  /** 'down' while the backing service is unreachable and this process runs on local fallbacks. */
  readonly status: SharedStatus;

  publish(topic: string, message: string): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, handler: (message: string) => void): () => void;
  /** Hears every change of `status`. */
  onStatus(listener: (status: SharedStatus) => void): () => void;
  /** Resolves once every subscription made so far is active (or the service is known to be down). */
  ready(): Promise<void>;

  /** Count one hit on `key` in the current fixed window of `windowMs`. */
  hit(key: string, windowMs: number, limit?: number): Promise<Hit>;
  /** Add `by` (default 1) to the current minute of `series`. */
  record(series: string, by?: number): Promise<void>;
  /** The last `minutes` minutes of `series` (1 … SERIES_RETENTION_MINUTES), oldest first, the current minute last. */
  series(series: string, minutes: number): Promise<MinuteBucket[]>;

  /** Stop: unsubscribe, close connections. Idempotent. */
  close(): Promise<void>;
}

/** Where shared-state implementations write what degrades (a Fastify logger fits). */
export interface SharedLog {
  info(message: string): void;
  warn(message: string): void;
}

export const silentLog: SharedLog = { info: () => undefined, warn: () => undefined };

export const MINUTE_MS = 60_000;

export function checkWindow(windowMs: number): void {
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError(`windowMs must be a positive whole number of milliseconds, got ${windowMs}`);
}

export function checkMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > SERIES_RETENTION_MINUTES) {
    throw new RangeError(`minutes must be a whole number from 1 to ${SERIES_RETENTION_MINUTES}, got ${minutes}`);
  }
}

/** The `minutes` minute indexes ending with the one `now` falls in, oldest first. */
export function minuteIndexes(now: number, minutes: number): number[] {
  const current = Math.floor(now / MINUTE_MS);
  return Array.from({ length: minutes }, (_, i) => current - minutes + 1 + i);
}

export function hitResult(count: number, window: number, windowMs: number, limit: number | undefined): Hit {
  return { count, limited: limit !== undefined && count > limit, resetAt: (window + 1) * windowMs };
}
