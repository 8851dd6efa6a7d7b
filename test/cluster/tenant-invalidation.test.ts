/**
 * Tenant cache invalidation between processes, with two apps standing for two server processes:
 * one PostgreSQL database (several processes need it), a registry each, and what they share
 * (nothing, or Redis).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { buildApp } from '../../src/server/app.js';
import { manualClock } from '../../src/server/clock.js';
import { testConfig } from '../../src/server/config.js';
import { RedisSharedState } from '../../src/server/cluster/redis.js';
import type { SharedState } from '../../src/server/cluster/shared-state.js';
import { TENANT_INVALIDATION_TOPIC } from '../../src/server/cluster/tenant-invalidation.js';
import { TenantRegistry } from '../../src/server/features/tenants/registry.js';
import { updateTenant } from '../../src/server/features/tenants/repository.js';
import { TenantService } from '../../src/server/features/tenants/service.js';
import type { Store } from '../../src/store/types.js';
import { clearNamespace, createFixtureDatabase, type TestDatabase, killConnections, pollUntil, rawRedis, REDIS_URL, testNamespace, unique } from './support.js';

const TTL_MS = 3600_000;

describe('tenant invalidation between processes', () => {
  let db: TestDatabase;
  let store: Store;
  let ownerKey: string;
  let redis: Redis;
  const namespaces: string[] = [];
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    db = await createFixtureDatabase();
    store = db.store;
    ownerKey = db.granjaOwnerKey;
    redis = rawRedis();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    for (const ns of namespaces) await clearNamespace(redis, ns);
    await redis.quit();
    await db?.drop();
  });

  /** One "process": an app with its own registry (on a manual clock) and the given shared state. */
  async function serverProcess(sharedState?: SharedState) {
    const clock = manualClock(Date.now());
    const registry = new TenantRegistry(store.platform, TTL_MS, clock);
    const { app } = await buildApp({ config: testConfig({ tenantCacheSeconds: TTL_MS / 1000 }), store, registry, ...(sharedState ? { sharedState } : {}) });
    await app.ready();
    closers.push(async () => {
      await app.close();
      await sharedState?.close();
    });
    return {
      clock,
      registry,
      branding: async (tenant: string) => (await app.inject({ url: '/api/v1/tenant', headers: { host: `${tenant}.localhost` } })).json() as { name: string; status: string },
      rename: async (name: string) => {
        const r = await app.inject({ method: 'PATCH', url: '/api/v1/tenant/settings', headers: { host: 'granja.localhost', authorization: `Bearer ${ownerKey}` }, payload: { name } });
        expect(r.statusCode).toBe(200);
      },
    };
  }

  function redisState(namespace: string, connectionName?: string) {
    return new RedisSharedState({ url: REDIS_URL, namespace, ...(connectionName ? { connectionName } : {}) });
  }

  function freshNamespace() {
    const ns = testNamespace();
    namespaces.push(ns);
    return ns;
  }

  it('without shared state, another process sees a change only once its cached entry expires (the TTL)', async () => {
    const a = await serverProcess();
    const b = await serverProcess();
    const before = (await b.branding('granja')).name;
    await a.rename('Granja sin Redis');
    expect((await a.branding('granja')).name).toBe('Granja sin Redis');
    expect((await b.branding('granja')).name).toBe(before);
    b.clock.advance(TTL_MS);
    expect((await b.branding('granja')).name).toBe('Granja sin Redis');
  });

  it('through Redis, another process drops its cached entry within 1 s, and the change is broadcast once', async () => {
    const ns = freshNamespace();
    const observer = redisState(ns);
    closers.push(() => observer.close());
    const heard: string[] = [];
    observer.subscribe(TENANT_INVALIDATION_TOPIC, (m) => heard.push(m));
    observer.subscribe('sentinel', (m) => heard.push(m));
    const sa = redisState(ns);
    const sb = redisState(ns);
    await Promise.all([observer.ready(), sa.ready(), sb.ready()]);
    const a = await serverProcess(sa);
    const b = await serverProcess(sb);

    await b.branding('granja'); // cached for an hour
    await a.rename('Granja con Redis');
    const seen = await pollUntil(async () => ((await b.branding('granja')).name === 'Granja con Redis' ? true : undefined), 1000, 'B sees the new name');
    expect(seen).toBe(true);

    // B heard it and did not pass it on: once the sentinel is in, the topic carried exactly one message.
    await observer.publish('sentinel', 'end');
    await pollUntil(() => (heard.includes('end') ? true : undefined), 2000, 'the sentinel');
    expect(heard.filter((m) => m !== 'end').map((m) => JSON.parse(m).id)).toEqual(['granja']);
  });

  it('through Redis, a suspension made by one process (as `fluxion tenant suspend` does) reaches the other', async () => {
    const ns = freshNamespace();
    const sa = redisState(ns);
    const sb = redisState(ns);
    await Promise.all([sa.ready(), sb.ready()]);
    const a = await serverProcess(sa);
    const b = await serverProcess(sb);
    expect((await b.branding('cliente2')).status).toBe('active');
    await new TenantService(store.platform, a.registry).suspend('cliente2');
    try {
      await pollUntil(async () => ((await b.branding('cliente2')).status === 'suspended' ? true : undefined), 1000, 'B sees the suspension');
    } finally {
      await new TenantService(store.platform, a.registry).activate('cliente2');
    }
    await pollUntil(async () => ((await b.branding('cliente2')).status === 'active' ? true : undefined), 1000, 'B sees the activation');
  });

  it('after losing Redis, a process forgets every cached tenant once it is back (it may have missed changes)', async () => {
    const ns = freshNamespace();
    const name = unique('fxb');
    const sb = redisState(ns, name);
    await sb.ready();
    const b = await serverProcess(sb);
    const before = (await b.branding('granja')).name;
    // A change nobody announces: B keeps serving its cached entry.
    await updateTenant(store.platform, 'granja', { name: 'Granja cambiada en silencio' });
    expect((await b.branding('granja')).name).toBe(before);
    expect(await killConnections(redis, `${name}:sub`)).toBe(1);
    await pollUntil(async () => ((await b.branding('granja')).name === 'Granja cambiada en silencio' ? true : undefined), 10_000, 'B reloads after reconnecting', 20);
  });

  it('a lookup that overlaps an invalidation does not cache what it read', async () => {
    const registry = new TenantRegistry(store.platform, TTL_MS);
    const inFlight = registry.get('granja');
    registry.invalidate('granja', 'remote');
    await inFlight;
    await updateTenant(store.platform, 'granja', { name: 'Leída de nuevo' });
    expect((await registry.get('granja'))?.name).toBe('Leída de nuevo');
    // Without an overlap the entry is cached as usual.
    await updateTenant(store.platform, 'granja', { name: 'La Granja Mercado' });
    expect((await registry.get('granja'))?.name).toBe('Leída de nuevo');
  });
});
