/**
 * Brute-force control. Per account (tenant + email, whether or not the account exists): 5 failed
 * sign-ins within 15 minutes lock it for 15 minutes. Per IP: at most 30 sign-in attempts in 5
 * minutes. Both answer 429 with Retry-After.
 */
import type { PlatformDb, TenantDb } from '../../../store/types.js';
import { AppError } from '../../errors.js';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
const IP_LIMIT = 30;
const IP_WINDOW_MS = 5 * 60_000;

export interface ThrottleState {
  windowStart: number;
  failures: number;
  lockedUntil: number | null;
}

/** Where throttle rows live: tenant accounts and platform admins keep separate tables. */
export interface ThrottleStore {
  get(email: string): Promise<ThrottleState | undefined>;
  put(email: string, state: ThrottleState): Promise<void>;
  clear(email: string): Promise<void>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toState = (r: Record<string, unknown>): ThrottleState => ({
  windowStart: Date.parse(String(r.window_start)),
  failures: Number(r.failures),
  lockedUntil: r.locked_until === null ? null : Date.parse(String(r.locked_until)),
});

export function tenantThrottle(db: TenantDb): ThrottleStore {
  return {
    get: async (email) => {
      const r = await db.get('SELECT window_start, failures, locked_until FROM login_throttle WHERE tenant_id = $1 AND email = $2', [email]);
      return r ? toState(r) : undefined;
    },
    put: async (email, s) => {
      await db.run(
        `INSERT INTO login_throttle (tenant_id, email, window_start, failures, locked_until) VALUES ($1, $2, $3::TIMESTAMPTZ, $4, $5::TIMESTAMPTZ)
         ON CONFLICT (tenant_id, email) DO UPDATE SET window_start = excluded.window_start, failures = excluded.failures, locked_until = excluded.locked_until`,
        [email, iso(s.windowStart), s.failures, iso(s.lockedUntil)],
      );
    },
    clear: async (email) => {
      await db.run('DELETE FROM login_throttle WHERE tenant_id = $1 AND email = $2', [email]);
    },
  };
}

export function platformThrottle(db: PlatformDb): ThrottleStore {
  return {
    get: async (email) => {
      const r = await db.get('SELECT window_start, failures, locked_until FROM platform_login_throttle WHERE email = $1', [email]);
      return r ? toState(r) : undefined;
    },
    put: async (email, s) => {
      await db.run(
        `INSERT INTO platform_login_throttle (email, window_start, failures, locked_until) VALUES ($1, $2::TIMESTAMPTZ, $3, $4::TIMESTAMPTZ)
         ON CONFLICT (email) DO UPDATE SET window_start = excluded.window_start, failures = excluded.failures, locked_until = excluded.locked_until`,
        [email, iso(s.windowStart), s.failures, iso(s.lockedUntil)],
      );
    },
    clear: async (email) => {
      await db.run('DELETE FROM platform_login_throttle WHERE email = $1', [email]);
    },
  };
}

export function lockedError(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError('rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minute(s).`, { retryAfter: seconds });
}

/** Throws 429 while the account is locked. */
export async function assertNotLocked(store: ThrottleStore, email: string, now: number): Promise<void> {
  const s = await store.get(email);
  if (s?.lockedUntil && s.lockedUntil > now) throw lockedError(s.lockedUntil - now);
}

/** Count a failure; returns true when this failure locked the account. */
export async function recordFailure(store: ThrottleStore, email: string, now: number): Promise<boolean> {
  const s = await store.get(email);
  const fresh = !s || now - s.windowStart > FAILURE_WINDOW_MS || (s.lockedUntil !== null && s.lockedUntil <= now);
  const failures = fresh ? 1 : s.failures + 1;
  const locks = failures >= MAX_FAILURES;
  await store.put(email, { windowStart: fresh ? now : s.windowStart, failures, lockedUntil: locks ? now + LOCK_MS : null });
  return locks;
}

/** Sliding-window counter of sign-in attempts per IP, in process memory. */
export class IpLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly limit = IP_LIMIT, private readonly windowMs = IP_WINDOW_MS) {}

  hit(ip: string, now: number): void {
    const recent = (this.hits.get(ip) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(ip, recent);
      throw new AppError('rate_limited', 'Too many sign-in attempts from this address. Try again later.', {
        retryAfter: Math.ceil((recent[0]! + this.windowMs - now) / 1000),
      });
    }
    recent.push(now);
    if (this.hits.size > 100_000) this.hits.clear();
    this.hits.set(ip, recent);
  }
}
