/**
 * A real app on a real (in-memory) DuckDB for integration tests. Requests go through
 * `app.inject` with real Host headers, exactly as a browser on `granja.localhost` would send them.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/server/app.js';
import { testConfig, type Config } from '../../src/server/config.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { loadFixtures } from './fixtures.js';

export interface TestApp extends App {
  store: Store;
  config: Config;
  /** Request on `<tenant>.localhost` (or any host given as `host`). */
  on(host: string, options: InjectOptions | string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(options: { fixtures?: boolean; config?: Partial<Config>; store?: Store } = {}): Promise<TestApp> {
  const config = testConfig(options.config);
  const store = options.store ?? (await openStore({ dataDir: '.', file: ':memory:' }));
  if (options.fixtures !== false) await loadFixtures(store);
  const built = await buildApp({ config, store });
  await built.app.ready();
  const app: FastifyInstance = built.app;
  return {
    ...built,
    store,
    config,
    on: (host, opts) => {
      const o: InjectOptions = typeof opts === 'string' ? { method: 'GET', url: opts } : opts;
      const fullHost = host.includes('.') || host === 'localhost' ? host : `${host}.${config.baseDomain}`;
      return app.inject({ ...o, headers: { host: fullHost, ...(o.headers ?? {}) } });
    },
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
