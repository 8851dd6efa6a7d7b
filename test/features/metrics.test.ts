import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

/** Prometheus exposition: a comment, or `name{labels} value` (values as Go's ParseFloat reads them: NaN and Inf in any case). */
const LINE = /^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|[Nn][Aa][Nn]|[+-]?[Ii][Nn][Ff]))$/;

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const body = /\{(.*)\}/.exec(line)?.[1] ?? '';
    const have = body ? body.split(',') : [];
    if (want.every((w) => have.includes(w)) && have.length === want.length) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  let t: TestApp;
  const scrape = (headers: Record<string, string> = {}, remoteAddress?: string) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: { host: 'localhost', ...headers }, ...(remoteAddress ? { remoteAddress } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('parses as Prometheus text and counts requests per tenant, route template and status class', async () => {
    for (let i = 0; i < 3; i++) expect((await t.on('granja', { url: '/api/v1/tenant', as: 'anonymous' })).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await t.on('cliente2', { url: '/api/v1/tenant', as: 'anonymous' })).statusCode).toBe(200);
    expect((await t.on('granja', { url: '/api/v1/orders/00000000-0000-4000-8000-000000000001?secret=abc123', as: 'anonymous' })).statusCode).toBe(401);
    expect((await t.on('nope', { url: '/api/v1/tenant', as: 'anonymous' })).statusCode).toBe(404);

    const r = await scrape();
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = r.body.split('\n').filter((l) => l !== '');
    for (const line of lines) expect(line).toMatch(LINE);

    const total = 'fluxion_http_requests_total';
    expect(sample(r.body, total, { tenant: 'granja', route: '/api/v1/tenant', method: 'GET', status_class: '2xx' })).toBe(3);
    expect(sample(r.body, total, { tenant: 'cliente2', route: '/api/v1/tenant', method: 'GET', status_class: '2xx' })).toBe(2);
    expect(sample(r.body, total, { tenant: 'granja', route: '/api/v1/orders/:id', method: 'GET', status_class: '4xx' })).toBe(1);
    // An unknown tenant is not a label value: label sets stay bounded by the registry.
    expect(sample(r.body, total, { tenant: '_none', route: '/api/v1/tenant', method: 'GET', status_class: '4xx' })).toBe(1);
    expect(r.body).not.toContain('tenant="nope"');
    // Raw URLs, ids and query strings never become labels.
    expect(r.body).not.toContain('00000000-0000-4000-8000-000000000001');
    expect(r.body).not.toContain('abc123');

    // Latency by route only: granja's 3, cliente2's 2 and the unknown tenant's 1.
    expect(sample(r.body, 'fluxion_http_request_duration_seconds_count', { route: '/api/v1/tenant', method: 'GET' })).toBe(6);
    expect(sample(r.body, 'fluxion_tenants', { status: 'active' })).toBeGreaterThanOrEqual(2);
    expect(r.body).toMatch(/^fluxion_database_size_bytes \d+$/m);
    expect(r.body).toMatch(/^fluxion_process_cpu_user_seconds_total \d/m);
    expect(r.body).toMatch(/^fluxion_nodejs_heap_size_used_bytes \d/m);
  });

  it('answers only this machine when no token is set', async () => {
    expect((await scrape({}, '10.1.2.3')).statusCode).toBe(404);
    expect((await scrape({}, '10.1.2.3')).json()).toMatchObject({ error: 'not_found' });
  });

  it('with FLUXION_METRICS_TOKEN, only a scraper with the token', async () => {
    const secured = await createTestApp({ fixtures: false, config: { metricsToken: 'scrape-me-0123456789' } });
    try {
      const get = (headers: Record<string, string>) => secured.app.inject({ method: 'GET', url: '/metrics', headers: { host: 'localhost', ...headers } });
      expect((await get({})).statusCode).toBe(404);
      expect((await get({ authorization: 'Bearer wrong' })).statusCode).toBe(404);
      const ok = await get({ authorization: 'Bearer scrape-me-0123456789' });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('# TYPE fluxion_http_requests_total counter');
    } finally {
      await secured.close();
    }
  });
});
