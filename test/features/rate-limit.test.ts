/**
 * Per-tenant rate limits by plan (src/server/plugins/rate-limit.ts) with real, small limits:
 * free 2, standard 3 (cliente2), premium 5 (granja) requests per minute. Time is the test app's
 * manual clock, which the in-process shared state counts with, so windows end without sleeping.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/app.js';
import { openTestStore } from '../support/backend.js';
import { buildApp } from '../../src/server/app.js';
import { ConfigError, loadConfig, testConfig } from '../../src/server/config.js';
import { TenantService } from '../../src/server/features/tenants/service.js';
import type { Store } from '../../src/store/types.js';

const LIMITS = { free: 2, standard: 3, premium: 5 };
const MINUTE = 60_000;

/** A store that counts every statement run through it (platform and tenant handles, transactions included). */
function countingStore(store: Store): { store: Store; statements: () => number } {
  let statements = 0;
  const wrap = <T extends object>(db: T): T =>
    new Proxy(db, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'all' || prop === 'get' || prop === 'run') {
          return (...args: unknown[]) => {
            statements++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (prop === 'tx') return (fn: (tx: object) => unknown) => (value as (f: unknown) => unknown).call(target, (tx: object) => fn(wrap(tx)));
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  const counted = new Proxy(store, {
    get(target, prop) {
      if (prop === 'forTenant') return (id: string) => wrap(target.forTenant(id));
      if (prop === 'platform') return wrap(target.platform);
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, statements: () => statements };
}

const limitHeaders = (r: LightMyRequestResponse) => ({
  limit: r.headers['ratelimit-limit'],
  remaining: r.headers['ratelimit-remaining'],
  reset: r.headers['ratelimit-reset'],
  policy: r.headers['ratelimit-policy'],
});

describe('per-tenant rate limits', () => {
  let t: TestApp;
  let counter: ReturnType<typeof countingStore>;

  /** Move the clock to `second` seconds into the next minute: every budget starts afresh. */
  const nextWindow = (second = 15) => t.clock.set((Math.floor(t.clock() / MINUTE) + 1) * MINUTE + second * 1000);
  const inventory = (tenant: string) => t.on(tenant, '/api/v1/inventory?limit=1');

  beforeAll(async () => {
    counter = countingStore(await openTestStore());
    t = await createTestApp({ store: counter.store, config: { rateLimits: LIMITS } });
  });
  afterAll(() => t.close());
  beforeEach(() => nextWindow());

  it('lets a plan\'s limit through in a minute, then answers 429 with Retry-After and RateLimit headers', async () => {
    // cliente2 is on the standard plan: 3 a minute here.
    for (const remaining of ['2', '1', '0']) {
      const ok = await inventory('cliente2');
      expect(ok.statusCode).toBe(200);
      // 15 s into the minute: the window ends in 45 s.
      expect(limitHeaders(ok)).toEqual({ limit: '3', remaining, reset: '45', policy: '3;w=60' });
    }
    t.clock.advance(10_500);
    const over = await inventory('cliente2');
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ error: 'rate_limited', details: { plan: 'standard', limit: 3, windowSeconds: 60, retryAfter: 35 } });
    expect(over.json().message).toContain('standard plan');
    expect(over.json().message).toContain('3 API requests per minute');
    expect(over.headers['retry-after']).toBe('35'); // 34.5 s left, rounded up
    expect(limitHeaders(over)).toEqual({ limit: '3', remaining: '0', reset: '35', policy: '3;w=60' });
    // Whatever the endpoint, method or credentials: the budget is the tenant's.
    expect((await t.on('cliente2', { method: 'POST', url: '/api/v1/sales', payload: {} })).statusCode).toBe(429);
    expect((await t.on('cliente2', { url: '/api/v1/tenant', as: 'anonymous' })).statusCode).toBe(429);
    expect((await t.on('api.localhost', { url: '/api/v1/stores', headers: { 'x-tenant-id': 'cliente2' } })).statusCode).toBe(429);
  });

  it('refuses before any database work', async () => {
    expect((await inventory('cliente2')).statusCode).toBe(200); // the tenant is in the registry's cache now
    const before = counter.statements();
    expect((await inventory('cliente2')).statusCode).toBe(200);
    expect(counter.statements()).toBeGreaterThan(before); // API key lookup, the query
    expect((await inventory('cliente2')).statusCode).toBe(200);
    const atLimit = counter.statements();
    const over = await inventory('cliente2');
    expect(over.statusCode).toBe(429);
    expect(counter.statements()).toBe(atLimit);
  });

  it('gives every tenant a budget of its own, by its plan', async () => {
    for (let i = 0; i < 4; i++) await inventory('cliente2');
    expect((await inventory('cliente2')).statusCode).toBe(429);
    // granja (premium, 5) is untouched by cliente2's exhausted budget.
    const statuses: number[] = [];
    const remaining: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await inventory('granja');
      statuses.push(r.statusCode);
      remaining.push(r.headers['ratelimit-remaining']);
      expect(r.headers['ratelimit-limit']).toBe('5');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(remaining).toEqual(['4', '3', '2', '1', '0', '0']);
  });

  it('admits exactly the limit of concurrent requests', async () => {
    const results = await Promise.all(Array.from({ length: 9 }, () => inventory('granja')));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429]);
    expect(results.map((r) => r.headers['ratelimit-remaining']).sort()).toEqual(['0', '0', '0', '0', '0', '1', '2', '3', '4']);
  });

  it('lets requests through again when the window ends', async () => {
    for (let i = 0; i < 3; i++) expect((await inventory('cliente2')).statusCode).toBe(200);
    t.clock.advance(44_999); // 59.999 s into the minute
    const last = await inventory('cliente2');
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toBe('1');
    t.clock.advance(1);
    const again = await inventory('cliente2');
    expect(again.statusCode).toBe(200);
    expect(limitHeaders(again)).toEqual({ limit: '3', remaining: '2', reset: '60', policy: '3;w=60' });
  });

  it('applies a plan change to the very next request, keeping what the minute has counted', async () => {
    const tenants = new TenantService(t.store.platform, t.registry);
    try {
      for (let i = 0; i < 3; i++) await inventory('cliente2');
      expect((await inventory('cliente2')).statusCode).toBe(429); // 4 counted

      await tenants.update('cliente2', { plan: 'premium' });
      const upgraded = await inventory('cliente2'); // the 5th of 5
      expect(upgraded.statusCode).toBe(200);
      expect(limitHeaders(upgraded)).toMatchObject({ limit: '5', remaining: '0' });
      const over = await inventory('cliente2');
      expect(over.statusCode).toBe(429);
      expect(over.json().message).toContain('premium plan');

      nextWindow();
      await tenants.update('cliente2', { plan: 'free' });
      expect((await inventory('cliente2')).headers['ratelimit-limit']).toBe('2');
      expect((await inventory('cliente2')).statusCode).toBe(200);
      expect((await inventory('cliente2')).json()).toMatchObject({ error: 'rate_limited', details: { plan: 'free', limit: 2 } });
    } finally {
      await tenants.update('cliente2', { plan: 'standard' });
    }
  });

  it('does not count or limit pages, health, metrics, the admin host, or tenants that are refused anyway', async () => {
    for (let i = 0; i < 4; i++) await inventory('cliente2');
    expect((await inventory('cliente2')).statusCode).toBe(429);
    const uncounted = [
      await t.on('cliente2', { url: '/', as: 'anonymous' }),
      await t.on('cliente2', { url: '/inventory', as: 'anonymous' }),
      await t.on('cliente2', { url: '/healthz', as: 'anonymous' }),
      await t.on('cliente2', { url: '/readyz', as: 'anonymous' }),
      await t.on('localhost', { url: '/metrics', as: 'anonymous' }),
      await t.on('admin.localhost', { url: '/api/v1/admin/tenants', as: 'anonymous' }),
      await t.on('cliente2', { method: 'OPTIONS', url: '/api/v1/inventory', as: 'anonymous' }),
      await t.on('dormida', { url: '/api/v1/stores', as: 'anonymous' }), // suspended: 403 whatever its budget
      await t.on('nope', { url: '/api/v1/stores', as: 'anonymous' }), // unknown: 404
    ];
    for (const r of uncounted) {
      expect(r.statusCode).not.toBe(429);
      expect(r.headers['ratelimit-limit']).toBeUndefined();
    }
    expect((await t.on('admin.localhost', { url: '/api/v1/admin/tenants', as: 'anonymous' })).statusCode).toBe(401);
    expect((await t.on('dormida', { url: '/api/v1/stores', as: 'anonymous' })).json().error).toBe('tenant_suspended');
  });

  it('shares one budget per tenant between apps that share the state (several server processes)', async () => {
    const second = await buildApp({ config: t.config, store: t.store, clock: t.clock, sharedState: t.sharedState });
    try {
      const viaSecond = () =>
        second.app.inject({ method: 'GET', url: '/api/v1/inventory?limit=1', headers: { host: 'cliente2.localhost', authorization: `Bearer ${t.keys.cliente2!.owner}` } });
      const statuses = [(await inventory('cliente2')).statusCode, (await viaSecond()).statusCode, (await inventory('cliente2')).statusCode];
      const fourth = await viaSecond();
      expect([...statuses, fourth.statusCode]).toEqual([200, 200, 200, 429]);
      expect(fourth.headers['ratelimit-remaining']).toBe('0');
    } finally {
      await second.app.close();
    }
  });
});

describe('rate limits turned off', () => {
  it('counts nothing and adds no headers', async () => {
    const t = await createTestApp({ config: { rateLimits: null } });
    try {
      for (let i = 0; i < 8; i++) {
        const r = await t.on('cliente2', '/api/v1/stores');
        expect(r.statusCode).toBe(200);
        expect(r.headers['ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });
});

describe('FLUXION_RATE_LIMITS', () => {
  const parse = (value: string | undefined) => loadConfig({ NODE_ENV: 'test', FLUXION_RATE_LIMITS: value }).rateLimits;

  it('defaults to free 60, standard 600, premium 3000 a minute', () => {
    expect(parse(undefined)).toEqual({ free: 60, standard: 600, premium: 3000 });
    expect(parse('')).toEqual({ free: 60, standard: 600, premium: 3000 });
    expect(testConfig().rateLimits).toEqual({ free: 60, standard: 600, premium: 3000 });
  });

  it('takes plan=limit pairs (plans not named keep their default) or off', () => {
    expect(parse('free=10,standard=100,premium=1000')).toEqual({ free: 10, standard: 100, premium: 1000 });
    expect(parse(' premium = 5000 ')).toEqual({ free: 60, standard: 600, premium: 5000 });
    expect(parse('off')).toBeNull();
    expect(parse('OFF')).toBeNull();
  });

  it.each([
    ['free=60;standard=600', /expected <plan>=<requests per minute>/],
    ['free', /expected <plan>=<requests per minute>/],
    ['free=1.5', /expected <plan>=<requests per minute>/],
    ['free=-1', /expected <plan>=<requests per minute>/],
    ['free=60,', /expected <plan>=<requests per minute>/],
    ['gold=100', /unknown plan 'gold': the plans are free, standard, premium/],
    ['free=0', /between 1 and 100000000/],
    ['premium=100000001', /between 1 and 100000000/],
    ['free=60,free=70', /'free' is given twice/],
    ['no', /expected <plan>=/],
  ])('refuses %j naming the variable', (value, message) => {
    let error: unknown;
    try {
      parse(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('FLUXION_RATE_LIMITS');
    expect((error as ConfigError).message).toMatch(/^FLUXION_RATE_LIMITS: /);
    expect((error as ConfigError).message).toMatch(message);
  });
});
