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

/** An app whose log lines are collected as parsed JSON. */
async function loggedApp(config: Parameters<typeof testConfig>[0]) {
  const store = await openTestStore();
  await loadFixtures(store);
  const { keys } = await loadPrincipals(store);
  const stream = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  stream.on('data', (chunk: Buffer) => {
    for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l));
  });
  const { app } = await buildApp({ config: testConfig(config), store, logStream: stream });
  const completed = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return lines.filter((l) => l.msg === 'request completed');
  };
  return { app, keys, completed, close: async () => (await app.close(), await store.close()) };
}

describe('CloudWatch embedded metrics', () => {
  it('on: each request line is an EMF document of Fluxion/Tenants by TenantId × Endpoint, with bounded values', async () => {
    const { app, keys, completed, close } = await loggedApp({ cloudwatchMetrics: 'on' });
    try {
      const headers = { host: 'granja.localhost', authorization: `Bearer ${keys.granja!.owner}` };
      expect((await app.inject({ method: 'GET', url: '/api/v1/inventory?limit=1', headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/orders/00000000-0000-4000-8999-000000000001', headers })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/v1/inventory', headers: { host: 'nadie.localhost' } })).statusCode).toBe(404);
      const [inventory, order, unknown] = await completed();
      const emf = inventory!._aws as { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
      expect(Math.abs(emf.Timestamp - Date.now())).toBeLessThan(60_000);
      expect(emf.CloudWatchMetrics).toEqual([
        {
          Namespace: 'Fluxion/Tenants',
          Dimensions: [['TenantId', 'Endpoint']],
          Metrics: [
            { Name: 'APIRequests', Unit: 'Count' },
            { Name: 'Latency', Unit: 'Milliseconds' },
            { Name: 'ServerErrors', Unit: 'Count' },
          ],
        },
      ]);
      // Every metric and dimension the directive names is a field of the line (EMF's rule).
      for (const name of ['TenantId', 'Endpoint', 'APIRequests', 'Latency', 'ServerErrors']) expect(inventory, name).toHaveProperty(name);
      expect(inventory).toMatchObject({ TenantId: 'granja', Endpoint: 'GET /api/v1/inventory', APIRequests: 1, ServerErrors: 0 });
      expect(inventory!.Latency).toBe(inventory!.ms);
      // The route template, never the id in the URL; an unknown host never becomes a dimension value.
      expect(order).toMatchObject({ TenantId: 'granja', Endpoint: 'GET /api/v1/orders/:id' });
      expect(unknown).toMatchObject({ TenantId: '_none' });
    } finally {
      await close();
    }
  });

  it('tenant: by TenantId only; off (the default): no EMF fields', async () => {
    for (const [mode, dimensions] of [['tenant', [['TenantId']]], ['off', null]] as const) {
      const { app, keys, completed, close } = await loggedApp(mode === 'off' ? {} : { cloudwatchMetrics: mode });
      try {
        await app.inject({ method: 'GET', url: '/api/v1/inventory?limit=1', headers: { host: 'granja.localhost', authorization: `Bearer ${keys.granja!.owner}` } });
        const [line] = await completed();
        if (dimensions) expect((line!._aws as { CloudWatchMetrics: Array<{ Dimensions: unknown }> }).CloudWatchMetrics[0]!.Dimensions).toEqual(dimensions);
        else for (const field of ['_aws', 'TenantId', 'APIRequests']) expect(line, field).not.toHaveProperty(field);
      } finally {
        await close();
      }
    }
  });
});

describe('client address behind proxies (FLUXION_TRUST_PROXY)', () => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7, 198.51.100.20' };
  const ipLogged = async (trustProxy: false | number | string) => {
    const { app, completed, close } = await loggedApp({ trustProxy });
    try {
      await app.inject({ method: 'GET', url: '/healthz', headers: forwarded, remoteAddress: '10.0.1.5' });
      return (await completed())[0]!.ip;
    } finally {
      await close();
    }
  };

  it('off: the socket address, whatever X-Forwarded-For claims; 2 hops: the client before CloudFront and the load balancer; CIDRs: only listed proxies are believed', async () => {
    expect(await ipLogged(false)).toBe('10.0.1.5');
    expect(await ipLogged(2)).toBe('203.0.113.7');
    expect(await ipLogged(1)).toBe('198.51.100.20');
    expect(await ipLogged('10.0.0.0/16')).toBe('198.51.100.20');
    expect(await ipLogged('10.0.0.0/16, 198.51.100.0/24')).toBe('203.0.113.7');
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
