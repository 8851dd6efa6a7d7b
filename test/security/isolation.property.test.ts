/**
 * Property: whatever a signed-in principal of one tenant asks, in whatever order, no answer ever
 * carries anything that belongs to another tenant. Random sequences of reads (every tenant list
 * endpoint from the route table, with filters naming either tenant's ids, and details of ids of
 * either tenant) and writes (adjustments, sales, orders and their transitions), from random
 * principals (role × tenant × host or api host + X-Tenant-ID × API key or session cookie), now and
 * then presenting their credential to the other tenant. Ownership of every UUID and natural key is
 * read from every table that has a tenant_id column, after each sequence, so rows created during
 * the run count too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { ROLES, type Role } from '../../src/server/permissions.js';
import type { RegisteredRoute } from '../../src/server/plugins/route-policy.js';
import { buildUrl, internalsIn, mintSession, quoteTable } from './helpers.js';
import { foreignTenantFields, foreignValues, readOwnership, UUID_RE } from './ownership.js';
import { hasFeature } from '../../src/server/features/tenants/schema.js';

const TENANTS = ['granja', 'cliente2'] as const;
type Tenant = (typeof TENANTS)[number];
const other = (x: Tenant): Tenant => (x === 'granja' ? 'cliente2' : 'granja');

/** Which table a path's ids come from, by the path's first segment; anything else draws from every id. */
const TABLE_OF_SEGMENT: Record<string, string> = {
  stores: 'stores',
  suppliers: 'suppliers',
  products: 'productos',
  inventory: 'inventory',
  orders: 'orders',
  users: 'users',
  'api-keys': 'api_keys',
};
const TABLE_OF_FILTER: Record<string, string> = { store_id: 'stores', product_id: 'productos', supplier_id: 'suppliers' };

interface Principal {
  tenant: Tenant;
  role: Role;
  via: 'host' | 'header';
  credential: 'key' | 'cookie';
}

type Action =
  | { kind: 'list'; route: number; filters: Array<[number, number, number]> }
  | { kind: 'detail'; route: number; pick: number; foreign: boolean }
  | { kind: 'adjust'; pick: number; foreign: boolean; delta: number }
  | { kind: 'sale'; pick: number; foreign: boolean; quantity: number }
  | { kind: 'order'; pick: number; foreign: boolean }
  | { kind: 'transition'; pick: number; foreign: boolean; step: 'submit' | 'receive' | 'cancel' };

interface Command {
  principal: Principal;
  /** Present the credential on the other tenant (by host or header): must be 404, and empty. */
  cross: boolean;
  action: Action;
}

/** Ids and keys of one tenant, to build requests from. */
interface Pools {
  byTable: Record<string, string[]>;
  all: string[];
  tickets: string[];
  words: string[];
}

describe('tenant isolation (property)', () => {
  let t: TestApp;
  let listRoutes: RegisteredRoute[];
  let detailRoutes: RegisteredRoute[];
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const tenantGets = t.routes.filter((r) => r.method === 'GET' && r.options.config?.policy?.tenancy === 'tenant' && r.options.config.policy.permission !== 'anyone');
    listRoutes = tenantGets.filter((r) => !r.url.includes(':'));
    detailRoutes = tenantGets.filter((r) => r.url.includes(':'));
    for (const tenant of TENANTS) {
      for (const role of ROLES) cookies.set(`${tenant}/${role}`, await mintSession(t, tenant, t.users[tenant]![role].id));
    }
  });
  afterAll(() => t.close());

  async function pools(): Promise<Record<Tenant, Pools>> {
    const out = {} as Record<Tenant, Pools>;
    for (const tenant of TENANTS) {
      const tdb = t.store.forTenant(tenant);
      const byTable: Record<string, string[]> = {};
      for (const table of new Set([...Object.values(TABLE_OF_SEGMENT), ...Object.values(TABLE_OF_FILTER)])) {
        const sql = 'SELECT id FROM ' + quoteTable(table) + ' WHERE tenant_id = $1 ORDER BY id';
        byTable[table] = (await tdb.all(sql)).map((r) => String(r.id));
      }
      const tickets = (await tdb.all('SELECT DISTINCT ticket FROM ventas WHERE tenant_id = $1 ORDER BY ticket')).map((r) => String(r.ticket));
      const words = (await tdb.all('SELECT sku AS w FROM productos WHERE tenant_id = $1 UNION ALL SELECT name FROM productos WHERE tenant_id = $1 UNION ALL SELECT code FROM stores WHERE tenant_id = $1 ORDER BY 1')).map((r) => String(r.w));
      out[tenant] = { byTable, all: Object.values(byTable).flat(), tickets, words };
    }
    return out;
  }

  const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

  /** The request a command stands for, against the data as it is now. */
  function requestOf(cmd: Command, p: Record<Tenant, Pools>): { method: 'GET' | 'POST'; url: string; payload?: Record<string, unknown>; route?: RegisteredRoute } {
    const own = cmd.principal.tenant;
    const source = (foreign: boolean) => p[foreign ? other(own) : own];
    const a = cmd.action;
    switch (a.kind) {
      case 'list': {
        const route = listRoutes[a.route % listRoutes.length]!;
        const props = Object.keys((route.options.schema?.querystring as { properties?: object } | undefined)?.properties ?? {});
        const query: Record<string, string> = props.includes('limit') ? { limit: '20' } : {};
        for (const [which, from, n] of a.filters) {
          const name = pick(props, which);
          if (!name || name === 'limit' || name === 'offset') continue;
          const pool = p[TENANTS[from % 2]!];
          const value = name.endsWith('_id')
            ? pick(TABLE_OF_FILTER[name] ? pool.byTable[TABLE_OF_FILTER[name]]! : pool.all, n)
            : name === 'ticket'
              ? pick(pool.tickets, n)
              : name === 'q'
                ? pick(pool.words, n)
                : undefined;
          if (value !== undefined) query[name] = value;
        }
        return { method: 'GET', url: buildUrl(route.url, {}, query), route };
      }
      case 'detail': {
        const route = detailRoutes[a.route % detailRoutes.length]!;
        const pool = source(a.foreign);
        const table = TABLE_OF_SEGMENT[route.url.split('/')[3] ?? ''];
        const params: Record<string, string> = {};
        for (const name of route.url.match(/:(\w+)/g) ?? []) {
          const key = name.slice(1);
          params[key] = (key === 'ticket' ? pick(pool.tickets, a.pick) : pick(table ? pool.byTable[table]! : pool.all, a.pick)) ?? 'none';
        }
        return { method: 'GET', url: buildUrl(route.url, params), route };
      }
      case 'adjust': {
        const pool = source(a.foreign);
        return {
          method: 'POST',
          url: '/api/v1/inventory/adjustments',
          payload: { store_id: pick(pool.byTable.stores!, a.pick), product_id: pick(pool.byTable.productos!, a.pick >> 3), delta: a.delta, reason: 'correction' },
        };
      }
      case 'sale': {
        const pool = source(a.foreign);
        return {
          method: 'POST',
          url: '/api/v1/sales',
          payload: { store_id: pick(pool.byTable.stores!, a.pick), lines: [{ product_id: pick(pool.byTable.productos!, a.pick >> 3), quantity: a.quantity }] },
        };
      }
      case 'order': {
        const pool = source(a.foreign);
        return {
          method: 'POST',
          url: '/api/v1/orders',
          payload: {
            supplier_id: pick(pool.byTable.suppliers!, a.pick),
            store_id: pick(pool.byTable.stores!, a.pick >> 2),
            lines: [{ product_id: pick(pool.byTable.productos!, a.pick >> 4), quantity: 1 + (a.pick % 7) }],
          },
        };
      }
      case 'transition':
        return { method: 'POST', url: `/api/v1/orders/${pick(source(a.foreign).byTable.orders!, a.pick) ?? 'none'}/${a.step}` };
    }
  }

  async function send(cmd: Command, req: ReturnType<typeof requestOf>): Promise<LightMyRequestResponse> {
    const { principal: pr, cross } = cmd;
    const target = cross ? other(pr.tenant) : pr.tenant;
    const headers: Record<string, string> = pr.via === 'host' ? { host: `${target}.localhost` } : { host: 'api.localhost', 'x-tenant-id': target };
    if (pr.credential === 'key') headers.authorization = `Bearer ${t.keys[pr.tenant]![pr.role]}`;
    else headers.cookie = cookies.get(`${pr.tenant}/${pr.role}`)!;
    return t.app.inject({ method: req.method, url: req.url, headers, ...(req.payload ? { payload: req.payload } : {}) });
  }

  const principalArb: fc.Arbitrary<Principal> = fc.record({
    tenant: fc.constantFrom(...TENANTS),
    role: fc.constantFrom(...ROLES),
    via: fc.constantFrom('host' as const, 'header' as const),
    credential: fc.constantFrom('key' as const, 'cookie' as const),
  });
  /** Now and then a write names the other tenant's ids (a 404 that must change nothing). */
  const foreignArb = fc.integer({ min: 0, max: 3 }).map((n) => n === 0);
  const actionArb: fc.Arbitrary<Action> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('list' as const), route: fc.nat(), filters: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 3 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('detail' as const), route: fc.nat(), pick: fc.nat(), foreign: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), pick: fc.nat(), foreign: foreignArb, delta: fc.integer({ min: -3, max: 5 }).filter((d) => d !== 0) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('sale' as const), pick: fc.nat(), foreign: foreignArb, quantity: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('order' as const), pick: fc.nat(), foreign: foreignArb }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('transition' as const), pick: fc.nat(), foreign: foreignArb, step: fc.constantFrom('submit' as const, 'receive' as const, 'cancel' as const) }),
    },
  );
  const commandArb: fc.Arbitrary<Command> = fc.record({
    principal: principalArb,
    cross: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    action: actionArb,
  });

  it('recognises a leak when one is planted (the detector itself works)', async () => {
    const owned = await readOwnership(t.store);
    const hammer = T.cliente2.products.martillo;
    const planted = JSON.stringify({ items: [{ id: hammer, name: 'Claw hammer 16oz', sku: 'P-002', store: { code: 'S2' } }] });
    // The id and the name are cliente2's only; 'P-002' is a SKU of both tenants; S2 is granja's alone.
    expect(foreignValues(owned, 'granja', planted, '/api/v1/products')).toHaveLength(2);
    expect(foreignValues(owned, 'cliente2', planted, '/api/v1/products')).toEqual(["items[0].store.code = 'S2' of granja"]);
    // Echoing what the request itself sent leaks nothing.
    expect(foreignValues(owned, 'granja', planted, `/api/v1/products/${hammer}`)).toHaveLength(1);
    expect(foreignTenantFields('{"items":[{"tenant_id":"cliente2"},{"tenant":{"id":"granja"}}]}', 'granja')).toEqual(['items[0].tenant_id = cliente2']);
    expect(owned.tables).toEqual(expect.arrayContaining(['productos', 'ventas', 'inventory', 'orders', 'users', 'audit_log']));
  });

  it('never answers a principal with another tenant\'s ids, keys or rows', { timeout: 180_000 }, async () => {
    let requests = 0;
    let served = 0;
    const dist: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 4, maxLength: 16 }), async (commands) => {
        const p = await pools();
        const seen: Array<{ cmd: Command; req: ReturnType<typeof requestOf>; r: LightMyRequestResponse }> = [];
        for (const cmd of commands) {
          const req = requestOf(cmd, p);
          const r = await send(cmd, req);
          requests += 1;
          if (r.statusCode < 300) served += 1;
          const k = `${cmd.action.kind}${cmd.cross ? '/cross' : ''} ${r.statusCode}`;
          dist[k] = (dist[k] ?? 0) + 1;
          seen.push({ cmd, req, r });
        }
        // Ownership after the sequence: rows it created are attributed too.
        const owned = await readOwnership(t.store);
        for (const { cmd, req, r } of seen) {
          const where = `${cmd.cross ? 'CROSS ' : ''}${cmd.principal.role}@${cmd.principal.tenant} (${cmd.principal.credential} via ${cmd.principal.via}) ${req.method} ${req.url} ${req.payload ? JSON.stringify(req.payload) : ''} → ${r.statusCode}`;
          const sent = `${req.url} ${JSON.stringify(req.payload ?? {})}`;
          expect(r.statusCode, `${where}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
          expect(internalsIn(r.body), where).toBeNull();
          expect(foreignValues(owned, cmd.principal.tenant, r.body, sent), where).toEqual([]);
          expect(foreignTenantFields(r.body, cmd.principal.tenant), where).toEqual([]);
          // A route of a feature the other tenant lacks answers that before reading any credential.
          const feature = req.route?.options.config?.policy?.feature;
          const lacksFeature = feature !== undefined && !hasFeature((await t.registry.get(other(cmd.principal.tenant)))!, feature);
          if (cmd.cross && lacksFeature) {
            expect({ where, status: r.statusCode, body: r.json() }).toMatchObject({ where, status: 403, body: { error: 'feature_disabled' } });
          } else if (cmd.cross) {
            expect({ where, status: r.statusCode, body: r.json() }).toMatchObject({ where, status: 404, body: { error: 'not_found', message: 'Not found.' } });
          } else if (r.headers['x-tenant-id'] !== undefined) {
            expect(r.headers['x-tenant-id'], where).toBe(cmd.principal.tenant);
          }
          // The ids in an answer exist and belong to the principal's tenant, or were sent by it.
          for (const u of r.body.match(UUID_RE) ?? []) {
            // The request id is echoed as a header; answers need not be JSON (exports are CSV).
            if (u === r.headers['x-request-id'] || sent.toLowerCase().includes(u.toLowerCase())) continue;
            const owners = owned.uuids.get(u.toLowerCase());
            if (owners) expect([...owners], `${where}: ${u}`).toContain(cmd.principal.tenant);
          }
        }
      }),
      // endOnFailure: the app's state moves on, so shrinking would replay on other data; the
      // failure message names the request and the foreign value instead.
      { numRuns: 100, endOnFailure: true },
    );
    // The property is not vacuous: most requests were served with data.
    expect(requests).toBeGreaterThan(300);
    expect(served / requests).toBeGreaterThan(0.3);
    // Cross-tenant attempts, foreign ids and writes all happened.
    for (const k of ['list 200', 'detail 200', 'detail 404', 'list/cross 404']) expect(dist[k] ?? 0, k).toBeGreaterThan(0);
    expect(Object.keys(dist).some((k) => /^(adjust|sale|order) 201$/.test(k))).toBe(true);
  });
});
