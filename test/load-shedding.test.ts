/**
 * Load shedding on a bare Fastify app with the product's error handlers: requests held open with
 * promises the test resolves, a clock the test moves, intervals the test closes.
 */
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { installErrorHandlers } from '../src/server/errors.js';
import { loadSheddingPlugin, MIN_COMPLETED, MIN_LIMIT, type LoadSheddingOptions } from '../src/server/plugins/load-shedding.js';

function harness(options: Omit<LoadSheddingOptions, 'now' | 'timer'>) {
  let clock = 0;
  const app = Fastify({ logger: false });
  installErrorHandlers(app);
  const shedding = loadSheddingPlugin(app, { ...options, now: () => clock, timer: false });
  const held: Array<() => void> = [];
  app.get('/work', async () => ({ ok: true }));
  app.get('/held', () => new Promise((resolve) => held.push(() => resolve({ ok: true }))));
  app.post('/held', () => new Promise((resolve) => held.push(() => resolve({ ok: true }))));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/metrics', async () => 'x 1');
  const get = (url: string) => app.inject({ method: 'GET', url });
  /** Starts `n` requests (reads, or writes) that stay in flight until released. */
  const hold = async (n: number, method: 'GET' | 'POST' = 'GET') => {
    const replies = Array.from({ length: n }, () => app.inject({ method, url: '/held' }));
    while (held.length < n) await new Promise((r) => setImmediate(r));
    return replies;
  };
  /** `n` requests at once, each taking `ms` on the test's clock. */
  const slow = async (n: number, ms: number, method: 'GET' | 'POST' = 'GET') => {
    const replies = await hold(n, method);
    clock += ms;
    for (const release of held.splice(0)) release();
    return Promise.all(replies);
  };
  return { app, shedding, get, hold, slow, held, release: () => held.splice(0).forEach((r) => r()) };
}

describe('load shedding', () => {
  it('a standing queue halves the requests admitted at once: beyond the limit 503 with Retry-After; health and metrics never shed', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      for (const r of await h.slow(4 * MIN_COMPLETED, 800)) expect(r.statusCode).toBe(200);
      h.shedding.sample();
      const limit = h.shedding.state.read.limit;
      expect(limit).toBe(2 * MIN_COMPLETED);
      const admitted = await h.hold(limit);
      const refused = await h.get('/work');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json()).toMatchObject({ error: 'service_unavailable', message: expect.stringContaining('overloaded') });
      expect((await h.get('/healthz')).statusCode).toBe(200);
      expect((await h.get('/metrics')).statusCode).toBe(200);
      h.release();
      for (const r of await Promise.all(admitted)) expect(r.statusCode).toBe(200);
      expect(h.shedding.state.read.shed).toBe(1);
    } finally {
      await h.app.close();
    }
  });

  it('intervals without a queue raise the limit again, and lift it once demand is well under it', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      await h.slow(4 * MIN_COMPLETED, 800);
      h.shedding.sample();
      expect(h.shedding.state.read.limit).toBe(2 * MIN_COMPLETED);
      // Quick work at the limit: the limit grows by a quarter (at least MIN_LIMIT).
      await h.slow(2 * MIN_COMPLETED, 10);
      h.shedding.sample();
      expect(h.shedding.state.read.limit).toBe(25);
      // Demand far below it: no limit at all.
      await h.get('/work');
      h.shedding.sample();
      expect(h.shedding.state.read.limit).toBe(Infinity);
      const many = await h.hold(100);
      expect(h.shedding.state.read.inFlight).toBe(100);
      h.release();
      await Promise.all(many);
    } finally {
      await h.app.close();
    }
  });

  it('while limited, requests in flight that finish nothing in an interval halve it again, down to a floor', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      await h.slow(4 * MIN_COMPLETED, 900);
      h.shedding.sample();
      const stuck = await h.hold(h.shedding.state.read.limit);
      for (let i = 0; i < 6; i++) h.shedding.sample();
      expect(h.shedding.state.read.limit).toBe(MIN_LIMIT);
      expect((await h.get('/work')).statusCode).toBe(503);
      h.release();
      await Promise.all(stuck);
    } finally {
      await h.app.close();
    }
  });

  it('a queue of writes limits writes only: reads go on unlimited', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      await h.slow(2 * MIN_COMPLETED, 3_000, 'POST');
      await h.slow(3 * MIN_COMPLETED, 5, 'GET');
      h.shedding.sample();
      expect(h.shedding.state.write.limit).toBe(MIN_COMPLETED);
      expect(h.shedding.state.read.limit).toBe(Infinity);
      const writes = await h.hold(MIN_COMPLETED, 'POST');
      expect((await h.app.inject({ method: 'POST', url: '/held' })).statusCode).toBe(503);
      const reads = await h.hold(3 * MIN_COMPLETED, 'GET');
      expect(h.shedding.state.read.inFlight).toBe(3 * MIN_COMPLETED);
      h.release();
      for (const r of await Promise.all([...writes, ...reads])) expect(r.statusCode).toBe(200);
      expect(h.shedding.state.write.shed).toBe(1);
      expect(h.shedding.state.read.shed).toBe(0);
    } finally {
      await h.app.close();
    }
  });

  it('slow requests among quick ones, or fewer than a busy interval, are not a queue', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      await h.slow(MIN_COMPLETED - 1, 5_000);
      h.shedding.sample();
      expect(h.shedding.state.read.limit).toBe(Infinity);
      await h.slow(MIN_COMPLETED, 5_000);
      await h.get('/work');
      h.shedding.sample();
      expect(h.shedding.state.read.limit).toBe(Infinity);
    } finally {
      await h.app.close();
    }
  });

  it('the fixed cap refuses at once beyond it, with Retry-After 1, and admits again when one ends', async () => {
    const h = harness({ latencyMs: 0, maxInFlight: 2 });
    try {
      const [a, b] = await h.hold(2);
      const third = await h.get('/work');
      expect(third.statusCode).toBe(503);
      expect(third.headers['retry-after']).toBe('1');
      expect((await h.get('/healthz')).statusCode).toBe(200);
      h.held.shift()!();
      expect((await a!).statusCode).toBe(200);
      expect((await h.get('/work')).statusCode).toBe(200);
      h.release();
      expect((await b!).statusCode).toBe(200);
      expect(h.shedding.state.inFlight).toBe(0);
    } finally {
      await h.app.close();
    }
  });

  it('off (0 and 0) never sheds', async () => {
    const h = harness({ latencyMs: 0, maxInFlight: 0 });
    try {
      await h.slow(MIN_COMPLETED * 2, 60_000);
      h.shedding.sample();
      expect(h.shedding.state.read.limit).toBe(Infinity);
      expect((await h.get('/work')).statusCode).toBe(200);
    } finally {
      await h.app.close();
    }
  });
});
