/**
 * Hostile input everywhere it can go. Every query and path parameter of every GET route (names
 * read from each route's schema, so a new parameter is covered at once) gets SQL metacharacters,
 * oversized and odd Unicode values, for both tenants: never a 5xx, never internals in the body,
 * never another tenant's data, and not one row of any table changed. Every route that takes a
 * body gets malformed JSON, an oversized body, foreign content types, deep nesting and NUL bytes:
 * a 4xx naming the problem, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/app.js';
import type { RegisteredRoute } from '../../src/server/plugins/route-policy.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import { SAMPLES, SAMPLE_ADMIN, fixtureContext, type SampleContext, type TenantName } from './samples.js';
import { allTables, buildUrl, changedTables, internalsIn, nextLoopback, rowCounts, snapshot } from './helpers.js';
import { foreignValues, readOwnership, type Ownership } from './ownership.js';

const TENANTS: readonly TenantName[] = ['granja', 'cliente2'];

/** Values for string parameters. SQL in lower case except the classic: echoes of it are not SQL text. */
const HOSTILE: readonly string[] = [
  `' OR 1=1 --`,
  `' OR '1'='1`,
  `"; DROP TABLE ventas; --`,
  `1; delete from inventory where true; --`,
  `') union select id, sku, name from productos --`,
  `$1`,
  `$2::uuid`,
  `granja' or tenant_id = 'cliente2`,
  '%',
  '_',
  '\\',
  `%' --`,
  `\\'; --`,
  '*/ /*',
  'x'.repeat(5_000),
  '🍌'.repeat(400),
  'Ｐ－００１',
  'e\u0301\u0301\u0301',
  '\u202Egnirts\u202C',
  '\u200B\uFEFF',
  'a\u0000b',
  '\u0000',
  '\uFFFF\uFFFE',
];
/** Non-string parameters (ids, numbers, enums, dates, booleans) get fewer: they must be refused. */
const HOSTILE_TYPED: readonly string[] = [`' OR 1=1 --`, '%', 'x'.repeat(5_000), '-1', '1e309', 'NaN', '\u0000', 'true; --'];
/** Raw path bytes: malformed escapes, NUL, a traversal, and one over the router's length limit. */
const RAW_PATH: readonly string[] = ['%zz', '%E0%A4%A', '%ED%A0%80', '%00', '..%2F..%2Fetc%2Fpasswd', `${'a'.repeat(120)}`];
/** Raw query-string bytes that no encoder would produce. */
const RAW_QUERY: readonly string[] = ['%00', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%', '&&&', '=x', 'a=1&a=2'];

interface Outcome {
  tenant: string;
  what: string;
  sent: string;
  r: LightMyRequestResponse;
}

describe('hostile input', () => {
  let t: TestApp;
  let adminCookie: string;
  let owned: Ownership;
  const contexts = {} as Record<TenantName, SampleContext>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const tenant of TENANTS) contexts[tenant] = await fixtureContext(t, tenant);
    await createAdmin(t.store.platform, { ...SAMPLE_ADMIN, name: 'Injection admin' });
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/login', headers: { host: 'admin.localhost' }, payload: SAMPLE_ADMIN });
    expect(r.statusCode, r.body).toBe(200);
    const set = r.headers['set-cookie'];
    adminCookie = String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
    owned = await readOwnership(t.store);
  });
  afterAll(() => t.close());

  const routes = (): RegisteredRoute[] => t.routes.filter((r) => r.method !== 'HEAD' && r.options.config?.policy && r.options.config.policy.tenancy !== 'public');
  const schemaOf = (r: RegisteredRoute, part: 'querystring' | 'params' | 'body') =>
    (r.options.schema as Record<string, { properties?: Record<string, { type?: unknown; format?: unknown; pattern?: unknown; enum?: unknown; anyOf?: unknown }> }> | undefined)?.[part];

  /** A free-text parameter: a string without a format, a pattern or a fixed set of values. */
  const isFreeText = (p: { type?: unknown; format?: unknown; pattern?: unknown; enum?: unknown; anyOf?: unknown }) =>
    p.type === 'string' && p.format === undefined && p.pattern === undefined && p.enum === undefined;

  function headersFor(route: RegisteredRoute, tenant: TenantName): Record<string, string> {
    const policy = route.options.config!.policy!;
    // Platform sign-in and sign-out need no session, and sign-out would end the shared one.
    if (policy.tenancy === 'platform') return policy.permission === 'anyone' ? { host: 'admin.localhost' } : { host: 'admin.localhost', cookie: adminCookie };
    return { host: `${tenant}.localhost`, authorization: `Bearer ${t.keys[tenant]!.owner}` };
  }

  function inject(route: RegisteredRoute, tenant: TenantName, url: string, extra: { payload?: string | object; headers?: Record<string, string> } = {}) {
    return t.app.inject({
      method: route.method as 'GET',
      url,
      headers: { ...headersFor(route, tenant), ...(extra.headers ?? {}) },
      ...(extra.payload !== undefined ? { payload: extra.payload } : {}),
      remoteAddress: nextLoopback(),
    });
  }

  /** What must hold of every answer to hostile input. */
  function problemsOf(outcomes: Outcome[]): string[] {
    const problems: string[] = [];
    for (const { tenant, what, sent, r } of outcomes) {
      const label = `${tenant}: ${what} → ${r.statusCode}`;
      if (r.statusCode >= 500) problems.push(`${label} ${r.body.slice(0, 300)}`);
      if (r.statusCode >= 300 && r.statusCode < 400) problems.push(`${label} (a redirect)`);
      const leak = internalsIn(r.body);
      if (leak) problems.push(`${label}: internals in the body (${leak})`);
      const foreign = foreignValues(owned, tenant, r.body, sent);
      if (tenant !== 'platform' && foreign.length > 0) problems.push(`${label}: another tenant's data: ${foreign.slice(0, 3).join('; ')}`);
      if (r.statusCode >= 400) {
        let body: { error?: unknown; message?: unknown; requestId?: unknown } = {};
        try {
          body = r.json();
        } catch {
          problems.push(`${label}: an error that is not JSON: ${r.body.slice(0, 200)}`);
        }
        if (typeof body.error !== 'string' || typeof body.message !== 'string' || typeof body.requestId !== 'string') {
          problems.push(`${label}: not an error body {error, message, requestId}: ${r.body.slice(0, 200)}`);
        }
      }
    }
    return problems;
  }

  it('every query and path parameter of every GET route survives hostile values, for both tenants', { timeout: 300_000 }, async () => {
    // request_stats counts every request by design (see snapshot()).
    const tables = (await allTables(t.store)).filter((name) => name !== 'request_stats');
    const countsBefore = await rowCounts(t.store, tables);
    const before = await snapshot(t.store);
    const outcomes: Outcome[] = [];
    let checked = 0;

    for (const route of routes().filter((r) => r.method === 'GET')) {
      const key = `${route.method} ${route.url}`;
      const sample = SAMPLES[key];
      expect(sample, `no sample for ${key}: add one to test/security/samples.ts`).toBeDefined();
      const platform = route.options.config!.policy!.tenancy === 'platform';
      for (const tenant of platform ? (['granja'] as const) : TENANTS) {
        const base = sample!.request(contexts[tenant]);
        const who = platform ? 'platform' : tenant;
        const query = schemaOf(route, 'querystring')?.properties ?? {};
        for (const [name, prop] of Object.entries(query)) {
          for (const value of isFreeText(prop) ? HOSTILE : HOSTILE_TYPED) {
            const url = buildUrl(route.url, base.params, { ...base.query, [name]: value });
            outcomes.push({ tenant: who, what: `${key} ?${name}=${JSON.stringify(value.slice(0, 40))}`, sent: url + value, r: await inject(route, tenant, url) });
            checked += 1;
          }
        }
        const params = schemaOf(route, 'params')?.properties ?? {};
        for (const name of Object.keys(params)) {
          for (const value of HOSTILE) {
            const url = buildUrl(route.url, { ...base.params, [name]: value }, base.query);
            outcomes.push({ tenant: who, what: `${key} :${name}=${JSON.stringify(value.slice(0, 40))}`, sent: url + value, r: await inject(route, tenant, url) });
            checked += 1;
          }
        }
        for (const name of Object.keys(params)) {
          for (const raw of RAW_PATH) {
            const url = buildUrl(route.url, { ...base.params, [name]: '\u0001' }, base.query).replace('%01', raw);
            outcomes.push({ tenant: who, what: `${key} raw :${name}=${raw}`, sent: url, r: await inject(route, tenant, url) });
          }
        }
        for (const raw of RAW_QUERY) {
          const url = `${buildUrl(route.url, base.params)}?${raw}`;
          outcomes.push({ tenant: who, what: `${key} raw ?${raw}`, sent: url, r: await inject(route, tenant, url) });
        }
      }
    }

    expect(checked).toBeGreaterThan(500);
    expect(problemsOf(outcomes)).toEqual([]);
    // Some hostile free text is simply text: searches for it answer an empty page, not an error.
    expect(outcomes.some((o) => o.r.statusCode === 200 && o.what.includes("?q=\"' OR 1=1 --\""))).toBe(true);
    expect(await rowCounts(t.store, tables)).toEqual(countsBefore);
    expect(changedTables(before, await snapshot(t.store))).toEqual([]);
  });

  it('searching for metacharacters finds only what really matches, inside the tenant', async () => {
    for (const tenant of TENANTS) {
      for (const q of ['%', '_', '\\', `' OR 1=1 --`, `%' --`]) {
        const r = await t.on(tenant, `/api/v1/products?q=${encodeURIComponent(q)}`);
        expect({ tenant, q, status: r.statusCode }).toEqual({ tenant, q, status: 200 });
        // No fixture product has any of these characters in its name, SKU or barcode.
        expect({ tenant, q, total: r.json().total }).toEqual({ tenant, q, total: 0 });
      }
      const all = await t.on(tenant, '/api/v1/products');
      expect(all.json().total).toBe(tenant === 'granja' ? 3 : 2);
    }
  });

  describe('bodies', () => {
    const bodyRoutes = () => routes().filter((r) => r.method !== 'GET');

    async function sampleBody(route: RegisteredRoute, tenant: TenantName): Promise<{ url: string; payload: Record<string, unknown> | undefined }> {
      const key = `${route.method} ${route.url}`;
      const sample = SAMPLES[key];
      expect(sample, `no sample for ${key}: add one to test/security/samples.ts`).toBeDefined();
      const req = sample!.request(contexts[tenant]);
      return { url: buildUrl(route.url, req.params, req.query), payload: req.payload };
    }

    async function eachBodyRoute(send: (route: RegisteredRoute, tenant: TenantName, url: string, payload: Record<string, unknown> | undefined) => Promise<Outcome[]>) {
      const outcomes: Outcome[] = [];
      for (const route of bodyRoutes()) {
        const platform = route.options.config!.policy!.tenancy === 'platform';
        const feature = route.options.config!.policy!.feature;
        for (const tenant of platform ? (['granja'] as const) : TENANTS) {
          // A tenant without the route's feature is refused before its body is read (403
          // feature_disabled, test/security/authorization-matrix.test.ts): nothing to parse.
          if (feature && !(await t.registry.get(tenant))!.settings.features.includes(feature)) continue;
          const { url, payload } = await sampleBody(route, tenant);
          outcomes.push(...(await send(route, tenant, url, payload)));
        }
      }
      return outcomes;
    }

    const expectAll = (outcomes: Outcome[], status: number | readonly number[], error?: string) => {
      const statuses = typeof status === 'number' ? [status] : status;
      const wrong = outcomes
        .filter((o) => !statuses.includes(o.r.statusCode) || (error !== undefined && (o.r.json() as { error?: string }).error !== error))
        .map((o) => `${o.tenant}: ${o.what} → ${o.r.statusCode} ${o.r.body.slice(0, 200)}`);
      expect(wrong).toEqual([]);
      expect(problemsOf(outcomes)).toEqual([]);
      expect(outcomes.length).toBeGreaterThan(10);
    };

    it('malformed JSON is 400 invalid_json', async () => {
      const broken = ['{"a":', '{', '[1,2', '{"a" 1}', "{'a': 1}", '{"a": 1,}', 'nul', '\u0000', '{"a": "\\x"}'];
      const outcomes = await eachBodyRoute(async (route, tenant, url) => {
        const out: Outcome[] = [];
        for (const payload of broken) {
          const r = await inject(route, tenant, url, { payload, headers: { 'content-type': 'application/json' } });
          out.push({ tenant, what: `${route.method} ${url} ${JSON.stringify(payload)}`, sent: payload, r });
        }
        return out;
      });
      expectAll(outcomes, 400, 'invalid_json');
    });

    it('a body over the limit is 413 payload_too_large', async () => {
      const outcomes = await eachBodyRoute(async (route, tenant, url, payload) => {
        const huge = JSON.stringify({ ...(payload ?? {}), padding: 'x'.repeat(t.config.bodyLimit + 1024) });
        const r = await inject(route, tenant, url, { payload: huge, headers: { 'content-type': 'application/json' } });
        return [{ tenant, what: `${route.method} ${url} (${huge.length} bytes)`, sent: '', r }];
      });
      expectAll(outcomes, 413, 'payload_too_large');
    });

    it('a body that is not JSON is 415 unsupported_media_type', async () => {
      const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html; charset=utf-8', 'application/jsonx'];
      const outcomes = await eachBodyRoute(async (route, tenant, url, payload) => {
        const out: Outcome[] = [];
        // File uploads take multipart (a malformed one is their own 400, tested in test/imports/).
        const multipart = ((route.options.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data');
        for (const type of types.filter((x) => !(multipart && x.startsWith('multipart/')))) {
          const r = await inject(route, tenant, url, { payload: JSON.stringify(payload ?? {}), headers: { 'content-type': type } });
          out.push({ tenant, what: `${route.method} ${url} as ${type}`, sent: '', r });
        }
        return out;
      });
      expectAll(outcomes, 415, 'unsupported_media_type');
    });

    it('deeply nested JSON is a 400', async () => {
      const depth = 20_000;
      const nestedObject = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const nestedArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const outcomes = await eachBodyRoute(async (route, tenant, url, payload) => {
        // A route that declares no body ignores one; only those that read a body are in question.
        const fields = Object.keys(schemaOf(route, 'body')?.properties ?? {});
        if (fields.length === 0) return [];
        const out: Outcome[] = [];
        const inField = JSON.stringify({ ...(payload ?? {}), [fields[0]!]: '§' }).replace('"§"', `${'['.repeat(5_000)}${']'.repeat(5_000)}`);
        for (const [name, body] of [
          ['object', nestedObject],
          ['array', nestedArray],
          [`under '${fields[0]}'`, inField],
        ] as const) {
          const r = await inject(route, tenant, url, { payload: body, headers: { 'content-type': 'application/json' } });
          out.push({ tenant, what: `${route.method} ${url} nested ${name}`, sent: '', r });
        }
        return out;
      });
      expectAll(outcomes, 400);
    });

    it('NUL bytes in any string field are a 4xx and change nothing', async () => {
      const before = await snapshot(t.store);
      const outcomes = await eachBodyRoute(async (route, tenant, url, payload) => {
        const out: Outcome[] = [];
        for (const [field, value] of Object.entries(payload ?? {})) {
          if (typeof value !== 'string') continue;
          for (const poisoned of [`${value}\u0000`, `\u0000${value}`, `${value.slice(0, 1)}\u0000${value.slice(1)}`]) {
            const r = await inject(route, tenant, url, { payload: { ...payload, [field]: poisoned } });
            out.push({ tenant, what: `${route.method} ${url} ${field}=${JSON.stringify(poisoned)}`, sent: poisoned, r });
          }
        }
        return out;
      });
      expectAll(outcomes, 400, 'validation_error');
      expect(changedTables(before, await snapshot(t.store))).toEqual([]);
    });
  });
});
