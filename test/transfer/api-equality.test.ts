/**
 * A copied installation answers exactly as the original: one app on the DuckDB store, one on the
 * PostgreSQL copy, the same credentials (API keys and sessions are stored hashed, so the raw ones
 * work on the copy), the same clock, the same requests in the same order; every GET route of the
 * authorization matrix's samples, for both tenants, and list endpoints with query strings, must
 * give the same status and byte-for-byte the same body.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transferStore } from '../../src/store/transfer/index.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { SAMPLES, SAMPLE_ADMIN, fixtureContext, type TenantName } from '../security/samples.js';
import { buildUrl } from '../security/helpers.js';
import { TINY_PNG } from '../support/images.js';
import { duckStore, emptyTarget, openTarget, type Target } from './support.js';

const TENANTS: readonly TenantName[] = ['granja', 'cliente2'];

const ADMIN_HOST = 'admin.localhost';

let duck: TestApp;
let copy: TestApp;
let target: Target;
let adminCookie: string;
const requests: Array<{ label: string; host: string; url: string; headers: Record<string, string> }> = [];

async function must(r: LightMyRequestResponse, status: number, what: string): Promise<LightMyRequestResponse> {
  if (r.statusCode !== status) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r;
}

beforeAll(async () => {
  duck = await createTestApp({ store: await duckStore() });
  // Some history made through the API, so lists have more than the fixtures to order and page.
  for (const tenant of TENANTS) {
    const f = T[tenant];
    const store = Object.values(f.stores)[0]!;
    const [first, second] = Object.values(f.products);
    await must(await duck.on(tenant, { method: 'POST', url: '/api/v1/sales', payload: { store_id: store, lines: [{ product_id: first, quantity: 1 }, { product_id: second, quantity: 1 }] } }), 201, 'sale');
    duck.clock.advance(1000);
    await must(await duck.on(tenant, { method: 'POST', url: '/api/v1/inventory/adjustments', payload: { store_id: store, product_id: second, delta: 4, reason: 'correction', note: 'recount, "after" delivery' } }), 201, 'adjustment');
    await must(await duck.on(tenant, { method: 'POST', url: '/api/v1/orders', payload: { supplier_id: Object.values(f.suppliers)[0], store_id: store, lines: [{ product_id: first, quantity: 3 }] } }), 201, 'order');
    await must(await duck.on(tenant, { method: 'POST', url: '/api/v1/users/invites', payload: { email: `later@${tenant}.test`, role: 'viewer' } }), 201, 'invite');
    await must(await duck.on(tenant, { method: 'PUT', url: '/api/v1/exchange-rates', payload: { currency: 'EUR', date: '2026-11-02', rate: '40.123456' } }), 200, 'rate');
    duck.clock.advance(1000);
  }
  // A logo (stored as text) must come out of the copy byte for byte.
  await must(await duck.on('granja', { method: 'PUT', url: '/api/v1/tenant/logo', payload: TINY_PNG, headers: { 'content-type': 'image/png' } }), 200, 'logo');
  await createAdmin(duck.store.platform, { ...SAMPLE_ADMIN, name: 'Equality admin' });
  const login = await must(await duck.app.inject({ method: 'POST', url: '/api/v1/admin/auth/login', headers: { host: ADMIN_HOST }, payload: SAMPLE_ADMIN }), 200, 'admin sign-in');
  adminCookie = String([login.headers['set-cookie']].flat()[0]).split(';')[0]!;

  target = await emptyTarget('equality');
  await transferStore(duck.store, target.urls);
  copy = await createTestApp({ store: await openTarget(target), fixtures: false });
  const now = duck.clock();
  duck.clock.set(now);
  copy.clock.set(now);

  let n = 0;
  const add = (label: string, host: string, url: string, headers: Record<string, string>) =>
    requests.push({ label, host, url, headers: { host, 'x-request-id': `equality-${++n}`, ...headers } });
  for (const [key, sample] of Object.entries(SAMPLES)) {
    const [method, pattern] = key.split(' ') as [string, string];
    if (method !== 'GET') continue;
    if (pattern.startsWith('/api/v1/admin/')) {
      const req = sample.request(await fixtureContext(duck, 'granja'));
      add(key, ADMIN_HOST, buildUrl(pattern, req.params, req.query), { cookie: adminCookie });
      continue;
    }
    for (const tenant of TENANTS) {
      const req = sample.request(await fixtureContext(duck, tenant));
      add(`${key} (${tenant})`, `${tenant}.localhost`, buildUrl(pattern, req.params, req.query), { authorization: `Bearer ${duck.keys[tenant]!.owner}` });
    }
  }
  const lists = [
    '/api/v1/sales?from=2020-01-01&to=2030-12-31&limit=2&offset=1',
    '/api/v1/sales?from=2020-01-01&to=2030-12-31&limit=100',
    '/api/v1/products?sort=name&limit=2',
    '/api/v1/products?q=a&limit=50',
    '/api/v1/inventory?limit=50',
    '/api/v1/inventory/movements?limit=50',
    '/api/v1/orders?limit=50',
    '/api/v1/users?limit=50',
    '/api/v1/users/invites?limit=50',
    '/api/v1/api-keys?limit=50',
    '/api/v1/audit?limit=100',
    '/api/v1/stats?from=2020-01-01&to=2030-12-31',
    '/api/v1/stores/00000000-0000-4000-8999-000000000999',
    '/api/v1/products?limit=-1',
  ];
  for (const tenant of TENANTS) {
    for (const url of lists) add(`GET ${url} (${tenant})`, `${tenant}.localhost`, url, { authorization: `Bearer ${duck.keys[tenant]!.owner}` });
  }
  for (const url of ['/api/v1/admin/tenants?limit=50', '/api/v1/admin/audit?limit=100', '/api/v1/admin/auth/me']) add(`GET ${url}`, ADMIN_HOST, url, { cookie: adminCookie });
  add('GET / (granja)', 'granja.localhost', '/', {});
  add('GET /api/v1/tenant (dormida, suspended)', 'dormida.localhost', '/api/v1/tenant', {});
});

/**
 * The console's traffic figures (rates, latencies, the 24-hour series, storage computed in the
 * background) describe each server's own requests, not the data: left out of the comparison,
 * the rest of those answers (tenants, settings, users, audit) still has to match.
 */
const TRAFFIC_KEYS = new Set(['generated_at', 'requests_per_minute', 'error_rate', 'client_error_rate', 'p95_ms', 'storage_bytes', 'storage_computed_at', 'last_activity_at', 'totals_24h', 'endpoints', 'hourly']);
function comparable(url: string, body: string): string {
  if (!/^\/api\/v1\/admin\/(dashboard|tenants\/[^/]+\/overview)/.test(url)) return body;
  return JSON.stringify(JSON.parse(body), (key, value: unknown) => (TRAFFIC_KEYS.has(key) ? undefined : value));
}

afterAll(async () => {
  await duck?.close();
  await copy?.close();
  await target?.drop();
});

describe('the PostgreSQL copy answers byte for byte like the DuckDB original', () => {
  it('covers every GET sample of the matrix and a set of list queries', () => {
    const getSamples = Object.keys(SAMPLES).filter((k) => k.startsWith('GET '));
    expect(getSamples.length).toBeGreaterThan(15);
    for (const key of getSamples) expect(requests.some((r) => r.label.startsWith(key)), key).toBe(true);
  });

  it('gives the same status and body to every request', async () => {
    const differences: string[] = [];
    let ok200 = 0;
    for (const r of requests) {
      const a = await duck.app.inject({ method: 'GET', url: r.url, headers: r.headers });
      const b = await copy.app.inject({ method: 'GET', url: r.url, headers: r.headers });
      if (a.statusCode === 200) ok200++;
      if (a.statusCode !== b.statusCode || comparable(r.url, a.body) !== comparable(r.url, b.body)) {
        let at = 0;
        while (at < a.body.length && a.body[at] === b.body[at]) at++;
        const near = (body: string) => body.slice(Math.max(0, at - 120), at + 180);
        differences.push(`${r.label}: DuckDB ${a.statusCode} …${near(a.body)}\n   PostgreSQL ${b.statusCode} …${near(b.body)}`);
      }
    }
    expect(differences).toEqual([]);
    // The comparison is only worth something if the answers carry data.
    expect(ok200).toBeGreaterThan(requests.length * 0.7);
  });
});
