/**
 * A real app on a real (in-memory) DuckDB for integration tests. Requests go through
 * `app.inject` with real Host headers, exactly as a browser on `granja.localhost` would send them.
 *
 * `t.on(host, request)` signs the request with the owner API key of the tenant the request
 * selects (by host or X-Tenant-ID), unless it brings its own Authorization/Cookie or says
 * `as: 'viewer' | … | 'anonymous'`.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/server/app.js';
import { testConfig, type Config } from '../../src/server/config.js';
import { manualClock } from '../../src/server/clock.js';
import { openTestStore } from './backend.js';
import type { Store } from '../../src/store/types.js';
import type { Role } from '../../src/server/permissions.js';
import { loadFixtures } from './fixtures.js';
import { FIXTURE_PASSWORD, emailOf, loadPrincipals, type Keys, type Users } from './principals.js';

export type As = Role | 'anonymous';
export type Request = InjectOptions & { as?: As };

export interface TestApp extends App {
  store: Store;
  config: Config;
  clock: ReturnType<typeof manualClock>;
  keys: Keys;
  users: Users;
  /** Request on `<tenant>.localhost` (or any host given with a dot). */
  on(host: string, request: Request | string): Promise<LightMyRequestResponse>;
  /** Sign in through the API; returns the session cookie header value. */
  login(tenant: string, role: Role): Promise<string>;
  close(): Promise<void>;
}

function selectedTenant(host: string, headers: Record<string, unknown>): string | undefined {
  const header = headers['x-tenant-id'];
  if (typeof header === 'string') return header;
  const sub = host.split(':')[0]!.split('.');
  return sub.length === 2 && sub[1] === 'localhost' ? sub[0] : undefined;
}

/**
 * Suites make thousands of requests per tenant within one (manual-clock) minute: their apps get
 * limits no suite reaches, so the limiter still runs and answers its headers everywhere.
 * test/features/rate-limit.test.ts sets small ones.
 */
export const TEST_RATE_LIMITS = { free: 100_000_000, standard: 100_000_000, premium: 100_000_000 };

export async function createTestApp(options: { fixtures?: boolean; config?: Partial<Config>; store?: Store } = {}): Promise<TestApp> {
  // Request statistics are written when a console request asks for them (and at close), never by
  // the timer in the middle of a test that compares what is stored before and after.
  const config = testConfig({ rateLimits: TEST_RATE_LIMITS, statsFlushSeconds: 3600, ...options.config });
  const store = options.store ?? (await openTestStore());
  let keys: Keys = {};
  let users: Users = {};
  if (options.fixtures !== false) {
    await loadFixtures(store);
    ({ keys, users } = await loadPrincipals(store));
  }
  const clock = manualClock(Date.now());
  const built = await buildApp({ config, store, clock });
  await built.app.ready();
  const app: FastifyInstance = built.app;
  const on = (host: string, req: Request | string) => {
    const { as = 'owner', ...o }: Request = typeof req === 'string' ? { method: 'GET', url: req } : req;
    const fullHost = host.includes('.') || host === 'localhost' ? host : `${host}.${config.baseDomain}`;
    const headers: Record<string, string> = { host: fullHost, ...((o.headers ?? {}) as Record<string, string>) };
    const tenant = selectedTenant(fullHost, headers);
    if (as !== 'anonymous' && !headers.authorization && !headers.cookie && tenant && keys[tenant]) {
      headers.authorization = `Bearer ${keys[tenant][as]}`;
    }
    return app.inject({ ...o, headers });
  };
  return {
    ...built,
    store,
    config,
    clock,
    keys,
    users,
    on,
    login: async (tenant, role) => {
      const r = await on(tenant, { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: emailOf(tenant, role), password: FIXTURE_PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`login failed: ${r.statusCode} ${r.body}`);
      const set = r.headers['set-cookie'];
      const first = Array.isArray(set) ? set[0]! : String(set);
      return first.split(';')[0]!;
    },
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
