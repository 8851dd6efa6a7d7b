/**
 * How long the primary waits before restarting a worker that stopped unexpectedly: doubling from
 * half a second up to 30 s while a worker keeps failing, back to half a second once one has run
 * for a minute. A worker that cannot start (a bad deployment, the database down) is retried
 * slower and slower instead of in a tight crash loop, and an occasional crash costs little.
 */
export const RESTART_BASE_MS = 500;
export const RESTART_MAX_MS = 30_000;
export const STABLE_AFTER_MS = 60_000;

export class RestartBackoff {
  private failures = 0;

  constructor(
    private readonly baseMs = RESTART_BASE_MS,
    private readonly maxMs = RESTART_MAX_MS,
    private readonly stableAfterMs = STABLE_AFTER_MS,
  ) {}

  /** A worker that ran for `uptimeMs` stopped: the delay before starting the next one. */
  next(uptimeMs: number): number {
    if (uptimeMs >= this.stableAfterMs) this.failures = 0;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 20));
    this.failures++;
    return delay;
  }
}
