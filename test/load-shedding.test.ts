/**
 * Load shedding on a bare Fastify app with the product's error handlers: requests held open with
 * promises the test resolves, a clock the test moves, intervals the test closes.
 */
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { installErrorHandlers } from '../src/server/errors.js';
import { loadSheddingPlugin, MIN_COMPLETED, type LoadSheddingOptions } from '../src/server/plugins/load-shedding.js';

function harness(options: Omit<LoadSheddingOptions, 'now' | 'timer'>) {
  let clock = 0;
  const app = Fastify({ logger: false });
  installErrorHandlers(app);
  const shedding = loadSheddingPlugin(app, { ...options, now: () => clock, timer: false });
  const held: Array<() => void> = [];
  app.get('/work', async () => ({ ok: true }));
  app.get('/held', () => new Promise((resolve) => held.push(() => resolve({ ok: true }))));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/metrics', async () => 'x 1');
  const get = (url: string) => app.inject({ method: 'GET', url });
  /** `n` requests that each take `ms` on the test's clock. */
  const slow = async (n: number, ms: number) => {
    const replies = Array.from({ length: n }, () => get('/held'));
    while (held.length < n) await new Promise((r) => setImmediate(r));
    clock += ms;
    for (const release of held.splice(0)) release();
    return Promise.all(replies);
  };
  return { app, shedding, get, slow, held, advance: (ms: number) => (clock += ms) };
}

describe('load shedding', () => {
  it('a standing queue (every request of a busy interval slow) sheds new requests with 503 and Retry-After, never health or metrics, until it drains', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      for (const r of await h.slow(MIN_COMPLETED, 800)) expect(r.statusCode).toBe(200);
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(true);
      const refused = await h.get('/work');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({ error: 'service_unavailable', message: expect.stringContaining('overloaded') });
      expect((await h.get('/healthz')).statusCode).toBe(200);
      expect((await h.get('/metrics')).statusCode).toBe(200);
      // Refused requests are not work: the next interval has no finished request and nothing in flight.
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(false);
      expect((await h.get('/work')).statusCode).toBe(200);
      expect(h.shedding.state.shed).toBe(1);
    } finally {
      await h.app.close();
    }
  });

  it('slow requests among quick ones, or a slow one alone, are not a queue', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      await h.slow(MIN_COMPLETED - 1, 5_000);
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(false);
      await h.slow(MIN_COMPLETED, 5_000);
      await h.get('/work');
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(false);
      expect((await h.get('/work')).statusCode).toBe(200);
    } finally {
      await h.app.close();
    }
  });

  it('while shedding, requests still in flight that finish nothing keep it shedding; it stops once the queue has drained', async () => {
    const h = harness({ latencyMs: 500, maxInFlight: 0 });
    try {
      const replies = Array.from({ length: MIN_COMPLETED + 1 }, () => h.get('/held'));
      while (h.held.length < MIN_COMPLETED + 1) await new Promise((r) => setImmediate(r));
      h.advance(900);
      const stuck = h.held.shift()!;
      h.held.splice(0).forEach((release) => release());
      await Promise.all(replies.slice(1));
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(true);
      // Nothing finished, one request still in flight: the queue has not drained.
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(true);
      expect((await h.get('/work')).statusCode).toBe(503);
      stuck();
      expect((await replies[0]!).statusCode).toBe(200);
      // It finished slowly: one more interval of shedding; then nothing in flight, nothing slow.
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(true);
      h.shedding.sample();
      expect(h.shedding.state.shedding).toBe(false);
      expect((await h.get('/work')).statusCode).toBe(200);
    } finally {
      await h.app.close();
    }
  });

  it('the in-flight cap refuses at once beyond the cap, with Retry-After 1, and admits again when one ends', async () => {
    const h = harness({ latencyMs: 0, maxInFlight: 2 });
    try {
      const a = h.get('/held');
      const b = h.get('/held');
      while (h.held.length < 2) await new Promise((r) => setImmediate(r));
      const third = await h.get('/work');
      expect(third.statusCode).toBe(503);
      expect(third.headers['retry-after']).toBe('1');
      expect((await h.get('/healthz')).statusCode).toBe(200);
      h.held.shift()!();
      expect((await a).statusCode).toBe(200);
      expect((await h.get('/work')).statusCode).toBe(200);
      h.held.shift()!();
      expect((await b).statusCode).toBe(200);
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
      expect((await h.get('/work')).statusCode).toBe(200);
    } finally {
      await h.app.close();
    }
  });
});
