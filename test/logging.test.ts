import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import { testConfig } from '../src/server/config.js';
import { openTestStore } from './support/backend.js';
import { routePolicyCheck, MissingPolicyError } from '../src/server/plugins/route-policy.js';
import { loadFixtures } from './support/fixtures.js';
import { loadPrincipals } from './support/principals.js';

describe('structured logs', () => {
  it('every line of a request carries its request id and tenant, and audit events read [tenant] actor action', async () => {
    const store = await openTestStore();
    await loadFixtures(store);
    const { keys } = await loadPrincipals(store);
    const stream = new PassThrough();
    const lines: Array<Record<string, unknown>> = [];
    stream.on('data', (chunk: Buffer) => {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l));
    });
    const { app } = await buildApp({ config: testConfig(), store, logStream: stream });
    try {
      const headers = { host: 'granja.localhost', authorization: `Bearer ${keys.granja!.owner}`, 'x-request-id': 'req-log-test-0001' };
      const ok = await app.inject({ method: 'GET', url: '/api/v1/inventory?limit=1', headers });
      expect(ok.statusCode).toBe(200);
      const bad = await app.inject({ method: 'GET', url: '/api/v1/inventory?limit=0', headers: { ...headers, 'x-request-id': 'req-log-test-0002' } });
      expect(bad.statusCode).toBe(400);
      const write = await app.inject({
        method: 'POST',
        url: '/api/v1/inventory/adjustments',
        headers: { ...headers, 'x-request-id': 'req-log-test-0003' },
        payload: { store_id: '00000000-0000-4000-8110-000000000001', product_id: '00000000-0000-4000-8130-000000000001', delta: 1, reason: 'correction' },
      });
      expect(write.statusCode).toBe(201);
      await new Promise((resolve) => setImmediate(resolve));
      const ofRequests = lines.filter((l) => typeof l.requestId === 'string' && String(l.requestId).startsWith('req-log-test-'));
      expect(new Set(ofRequests.map((l) => l.requestId))).toEqual(new Set(['req-log-test-0001', 'req-log-test-0002', 'req-log-test-0003']));
      for (const l of ofRequests) expect(l.tenant).toBe('granja');
      expect(ofRequests.filter((l) => l.msg === 'request completed')).toHaveLength(3);
      expect(ofRequests.some((l) => l.msg === '[granja] apikey:test owner inventory.adjusted')).toBe(true);
      // No line of these requests lacks the id (every line Fastify wrote for them is a child logger line).
      expect(lines.filter((l) => l.msg === 'request completed' && !l.requestId)).toEqual([]);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('route policies', () => {
  it('an app with a route that declares no tenancy policy refuses to start', async () => {
    const app = Fastify({ logger: false });
    routePolicyCheck(app);
    app.get('/with-policy', { config: { policy: { tenancy: 'public' } } }, async () => 'ok');
    app.get('/forgotten', async () => 'oops');
    await expect(app.ready()).rejects.toThrow(MissingPolicyError);
    await expect(app.ready()).rejects.toThrow(/GET \/forgotten/);
  });
});
