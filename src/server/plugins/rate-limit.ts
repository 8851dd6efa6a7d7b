/**
 * Per-tenant rate limits by plan: noisy-neighbour control.
 *
 * What counts: every request to the API (`/api/…`) of a resolved tenant — on its own host or on
 * `api.` with X-Tenant-ID — signed in or not, whatever it answers. The web app's pages and
 * assets, the platform console (admin host), `/healthz`, `/readyz`, `/metrics`, `/docs` and CORS
 * preflights are not tenant requests and never count.
 *
 * Budget: `FLUXION_RATE_LIMITS` requests per fixed minute (aligned to the epoch) per tenant,
 * by the tenant's plan at the time of each request (a plan change applies to the next request
 * and keeps what the minute has counted). The counter lives in the shared state
 * (`src/server/cluster/`), so every server process sharing it shares the tenant's budget; while
 * Redis is down each process counts on its own, i.e. the limit is per process during the outage.
 *
 * Order: after tenancy (the plan is on `request.tenant`, from the registry's cache) and before
 * auth, so a tenant over its budget is refused before any session or API key lookup — no database
 * work at all. The consequence: requests without valid credentials count against the tenant too.
 *
 * Every counted response carries `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`
 * (seconds until the window ends) and `RateLimit-Policy: <limit>;w=60`; a refused one is
 * 429 `rate_limited` with `Retry-After` (the same seconds).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { RateLimits } from '../config.js';
import type { SharedState } from '../cluster/shared-state.js';
import { AppError } from '../errors.js';
import type { TenantContext } from '../features/tenants/schema.js';

export const RATE_LIMIT_WINDOW_MS = 60_000;
const WINDOW_SECONDS = RATE_LIMIT_WINDOW_MS / 1000;

/** The shared-state key of a tenant's budget. */
export const rateLimitKey = (tenantId: string) => `ratelimit:tenant:${tenantId}`;

/** The tenant's limit per minute; a plan the configuration does not know gets the smallest. */
export function tenantLimit(limits: RateLimits, tenant: Pick<TenantContext, 'plan'>): number {
  return (limits as Record<string, number>)[tenant.plan] ?? Math.min(...Object.values(limits));
}

/** Whether a request is counted: an API request of a resolved tenant. */
export function isCounted(request: FastifyRequest): boolean {
  return request.tenant !== undefined && request.url.startsWith('/api/');
}

export interface RateLimitDeps {
  /** null: limits are off (`FLUXION_RATE_LIMITS=off`). */
  limits: RateLimits | null;
  sharedState: SharedState;
  clock: Clock;
}

export function rateLimitPlugin(app: FastifyInstance, deps: RateLimitDeps): void {
  const limits = deps.limits;
  if (!limits) return;
  app.addHook('onRequest', async (request, reply) => {
    if (!isCounted(request)) return;
    const tenant = request.tenant!;
    const limit = tenantLimit(limits, tenant);
    let count: number;
    let resetAt: number;
    try {
      ({ count, resetAt } = await deps.sharedState.hit(rateLimitKey(tenant.id), RATE_LIMIT_WINDOW_MS, limit));
    } catch (err) {
      // The shared state degrades instead of throwing; should it throw anyway, serve the request.
      request.log.warn({ err }, 'rate limit not checked');
      return;
    }
    const reset = Math.min(WINDOW_SECONDS, Math.max(1, Math.ceil((resetAt - deps.clock()) / 1000)));
    reply.header('ratelimit-limit', String(limit));
    reply.header('ratelimit-remaining', String(Math.max(0, limit - count)));
    reply.header('ratelimit-reset', String(reset));
    reply.header('ratelimit-policy', `${limit};w=${WINDOW_SECONDS}`);
    if (count > limit) {
      throw new AppError(
        'rate_limited',
        `Too many requests: the ${tenant.plan} plan of '${tenant.id}' allows ${limit} API requests per minute. Try again in ${reset} s.`,
        { plan: tenant.plan, limit, windowSeconds: WINDOW_SECONDS, retryAfter: reset },
      );
    }
  });
}
