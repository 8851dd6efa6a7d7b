/**
 * The shared-state port on its two main implementations: in-process (time from a manual clock)
 * and Redis (a real server; a namespace of its own per test, so parallel runs do not collide).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { manualClock } from '../../src/server/clock.js';
import { InProcessSharedState } from '../../src/server/cluster/memory.js';
import { RedisSharedState } from '../../src/server/cluster/redis.js';
import { RestartBackoff } from '../../src/server/cluster/restart-backoff.js';
import type { SharedState, SharedStatus } from '../../src/server/cluster/shared-state.js';
import { clearNamespace, killConnections, pollUntil, rawRedis, REDIS_URL, testNamespace, unique } from './support.js';

const MINUTE = 60_000;
/** A minute boundary, so windows of 1 s and 1 min start together. */
const T0 = Date.parse('2026-11-27T12:00:00Z');

/** Resolves with the messages of `topic` once `count` have arrived. */
function collect(shared: SharedState, topic: string) {
  const got: string[] = [];
  shared.subscribe(topic, (m) => got.push(m));
  return { got, until: (n: number, ms = 2000) => pollUntil(() => (got.length >= n ? got : undefined), ms, `${n} messages on ${topic}`) };
}

describe('in-process shared state', () => {
  it('counts hits in a fixed window and starts again in the next', async () => {
    const clock = manualClock(T0);
    const s = new InProcessSharedState({ now: clock });
    expect(await s.hit('login:ana', 1000, 2)).toEqual({ count: 1, limited: false, resetAt: T0 + 1000 });
    expect(await s.hit('login:ana', 1000, 2)).toMatchObject({ count: 2, limited: false });
    expect(await s.hit('login:ana', 1000, 2)).toMatchObject({ count: 3, limited: true });
    expect(await s.hit('login:bob', 1000, 2)).toMatchObject({ count: 1 }); // another key
    expect(await s.hit('login:ana', 5000)).toMatchObject({ count: 1, limited: false }); // another window length
    clock.advance(999);
    expect(await s.hit('login:ana', 1000, 2)).toMatchObject({ count: 4, limited: true });
    clock.advance(1);
    expect(await s.hit('login:ana', 1000, 2)).toEqual({ count: 1, limited: false, resetAt: T0 + 2000 });
  });

  it('keeps per-minute series for the last hour, oldest first', async () => {
    const clock = manualClock(T0 + 5_000);
    const s = new InProcessSharedState({ now: clock });
    await s.record('requests:granja');
    await s.record('requests:granja', 2);
    clock.advance(MINUTE);
    await s.record('requests:granja');
    await s.record('requests:cliente2', 7);
    expect(await s.series('requests:granja', 3)).toEqual([
      { start: new Date(T0 - MINUTE).toISOString(), count: 0 },
      { start: new Date(T0).toISOString(), count: 3 },
      { start: new Date(T0 + MINUTE).toISOString(), count: 1 },
    ]);
    expect((await s.series('requests:cliente2', 1))[0]!.count).toBe(7);
    clock.advance(60 * MINUTE);
    expect((await s.series('requests:granja', 60)).every((b) => b.count === 0)).toBe(true);
    await expect(s.series('requests:granja', 61)).rejects.toThrow(RangeError);
    await expect(s.hit('k', 0)).rejects.toThrow(RangeError);
  });

  it('delivers a message to this process\'s subscribers until they unsubscribe', async () => {
    const s = new InProcessSharedState();
    const got: string[] = [];
    const off = s.subscribe('t', (m) => got.push(m));
    await s.publish('t', 'one');
    await s.publish('other', 'not for t');
    off();
    await s.publish('t', 'two');
    expect(got).toEqual(['one']);
  });
});

describe('Redis shared state', () => {
  let redis: Redis;
  let namespace: string;
  const opened: SharedState[] = [];
  const open = (options: Partial<ConstructorParameters<typeof RedisSharedState>[0]> = {}) => {
    const s = new RedisSharedState({ url: REDIS_URL, namespace, ...options });
    opened.push(s);
    return s;
  };

  beforeAll(() => {
    redis = rawRedis();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await clearNamespace(redis, namespace);
  });
  afterAll(async () => {
    await redis.quit();
  });
  // A fresh namespace per test.
  const fresh = () => (namespace = testNamespace());

  it('counts hits from every connection in one window, then starts again', async () => {
    fresh();
    const a = open();
    const b = open();
    await Promise.all([a.ready(), b.ready()]);
    expect([a.status, b.status]).toEqual(['up', 'up']);

    // Three hits in one 300 ms window (retried if they happen to straddle a boundary).
    const windowMs = 300;
    const sameWindow = await pollUntil(
      async () => {
        const key = unique('k');
        const hits = [await a.hit(key, windowMs, 2), await b.hit(key, windowMs, 2), await a.hit(key, windowMs, 2)];
        return hits.every((h) => h.resetAt === hits[0]!.resetAt) ? { key, hits } : undefined;
      },
      5000,
      'three hits within one window',
    );
    expect(sameWindow.hits.map((h) => [h.count, h.limited])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    // The window's key expires shortly after the window ends.
    const keys = await redis.keys(`${namespace}hit:${windowMs}:${sameWindow.key}:*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(windowMs + 1000);

    // Poll until a later window counts from one again.
    const next = await pollUntil(
      async () => {
        const h = await b.hit(sameWindow.key, windowMs, 2);
        return h.resetAt > sameWindow.hits[0]!.resetAt ? h : undefined;
      },
      5000,
      'a new window',
      50,
    );
    expect(next.count).toBe(1);
    expect(next.limited).toBe(false);
  });

  it('adds up per-minute series across connections', async () => {
    fresh();
    const clock = manualClock(T0 + 1000);
    const a = open({ now: clock });
    const b = open({ now: clock });
    await Promise.all([a.ready(), b.ready()]);
    await a.record('requests:granja', 2);
    await b.record('requests:granja');
    clock.advance(MINUTE);
    await b.record('requests:granja', 4);
    expect(await a.series('requests:granja', 3)).toEqual([
      { start: new Date(T0 - MINUTE).toISOString(), count: 0 },
      { start: new Date(T0).toISOString(), count: 3 },
      { start: new Date(T0 + MINUTE).toISOString(), count: 4 },
    ]);
    const [key] = await redis.keys(`${namespace}series:requests:granja:*`);
    expect(await redis.pttl(key!)).toBeGreaterThan(60 * MINUTE);
  });

  it('broadcasts to every connection, the publisher\'s own included, once each', async () => {
    fresh();
    const a = open();
    const b = open();
    const fromA = collect(a, 'tenants');
    const fromB = collect(b, 'tenants');
    const elsewhere = collect(b, 'other');
    await Promise.all([a.ready(), b.ready()]);
    await a.publish('tenants', 'first');
    await a.publish('tenants', 'second');
    // Messages on one connection arrive in order: once 'second' is in, 'first' was delivered as often as it ever will be.
    expect(await fromB.until(2)).toEqual(['first', 'second']);
    expect(await fromA.until(2)).toEqual(['first', 'second']);
    expect(elsewhere.got).toEqual([]);
    // Another deployment on the same Redis (another namespace) hears nothing.
    const stranger = new RedisSharedState({ url: REDIS_URL, namespace: testNamespace() });
    opened.push(stranger);
    await stranger.ready();
    await stranger.publish('tenants', 'not yours');
    await a.publish('tenants', 'third');
    expect(await fromB.until(3)).toEqual(['first', 'second', 'third']);
  });

  it('keeps working in-process while Redis is unreachable, saying so once', async () => {
    fresh();
    const warnings: string[] = [];
    // Nothing listens on port 1.
    const down = open({ url: 'redis://127.0.0.1:1', readyTimeoutMs: 2000, log: { info: () => undefined, warn: (m) => warnings.push(m) } });
    await down.ready();
    expect(down.status).toBe('down');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('redis://127.0.0.1:1 is not reachable');
    expect(warnings[0]).toContain('counters and rate limits count this process only');
    expect((await down.hit('k', 60_000, 1)).count).toBe(1);
    expect(await down.hit('k', 60_000, 1)).toMatchObject({ count: 2, limited: true });
    await down.record('s');
    expect((await down.series('s', 1))[0]!.count).toBe(1);
    const local = collect(down, 't');
    await down.publish('t', 'still heard here');
    expect(local.got).toEqual(['still heard here']);
    expect(warnings).toHaveLength(1);
  });

  it('reconnects after losing its connections and renews its subscriptions', async () => {
    fresh();
    const name = unique('fx');
    const statuses: SharedStatus[] = [];
    const b = open({ connectionName: name });
    b.onStatus((s) => statuses.push(s));
    const heard = collect(b, 'tenants');
    const a = open();
    await Promise.all([a.ready(), b.ready()]);
    expect(b.status).toBe('up');
    expect(statuses).toEqual(['up']);
    statuses.length = 0;

    expect(await killConnections(redis, `${name}:sub`)).toBe(1);
    await pollUntil(() => (statuses.join() === 'down,up' ? true : undefined), 10_000, 'down, then up again');
    await a.publish('tenants', 'after the reconnection');
    expect(await heard.until(1)).toEqual(['after the reconnection']);

    expect(await killConnections(redis, `${name}:cmd`)).toBe(1);
    await pollUntil(() => (statuses.join() === 'down,up,down,up' ? true : undefined), 10_000, 'down, then up again');
    const key = unique('k');
    await a.hit(key, 60_000);
    expect((await b.hit(key, 60_000)).count).toBe(2); // counting in Redis again, not in-process
  });
});

describe('worker restart backoff', () => {
  it('doubles while a worker keeps failing, up to 30 s, and starts over once one has run a minute', () => {
    const b = new RestartBackoff();
    expect([b.next(100), b.next(100), b.next(100), b.next(100)]).toEqual([500, 1000, 2000, 4000]);
    for (let i = 0; i < 10; i++) b.next(100);
    expect(b.next(100)).toBe(30_000);
    expect(b.next(60_000)).toBe(500);
    expect(b.next(1000)).toBe(1000);
  });
});
