import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';

const G = T.granja;
const C = T.cliente2;
const UNKNOWN = '00000000-0000-4000-8999-000000000999';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`, 'a\\%b'];

async function ok(t: TestApp, host: string, url: string) {
  const r = await t.on(host, url);
  expect({ url, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ url, status: 200, body: 'ok' });
  return r.json();
}

const names = (body: { items: Array<{ name: string }> }) => body.items.map((i) => i.name);

describe('catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('GET /api/v1/stores', () => {
    it('lists each tenant its own stores, by name, with a total', async () => {
      const g = await ok(t, 'granja', '/api/v1/stores');
      expect(g).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(g.items.map((s: { id: string }) => s.id)).toEqual([G.stores.caracas, G.stores.valencia]);
      expect(g.items[0]).toMatchObject({ code: 'S1', name: 'Caracas Centro', city: 'Caracas', address: null, active: true });
      expect(g.items[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      const c = await ok(t, 'cliente2', '/api/v1/stores');
      expect(c.total).toBe(1);
      expect(c.items.map((s: { id: string }) => s.id)).toEqual([C.stores.main]);
    });

    it('searches name, code and city without regard to case, and filters on active', async () => {
      expect(names(await ok(t, 'granja', '/api/v1/stores?q=CARACAS'))).toEqual(['Caracas Centro']);
      expect(names(await ok(t, 'granja', '/api/v1/stores?q=s2'))).toEqual(['Valencia Norte']);
      expect(names(await ok(t, 'granja', '/api/v1/stores?q=norte'))).toEqual(['Valencia Norte']);
      expect(names(await ok(t, 'cliente2', '/api/v1/stores?q=miami'))).toEqual(['Main Street']);
      // The other tenant's city is not found here.
      expect((await ok(t, 'granja', '/api/v1/stores?q=miami')).total).toBe(0);
      expect((await ok(t, 'granja', '/api/v1/stores?active=true')).total).toBe(2);
      expect(await ok(t, 'granja', '/api/v1/stores?active=false')).toMatchObject({ items: [], total: 0 });
      // A blank search is no filter.
      expect((await ok(t, 'granja', '/api/v1/stores?q=')).total).toBe(2);
    });

    it('pages with a stable order and keeps the total on a page past the end', async () => {
      const p1 = await ok(t, 'granja', '/api/v1/stores?limit=1');
      const p2 = await ok(t, 'granja', '/api/v1/stores?limit=1&offset=1');
      expect([...names(p1), ...names(p2)]).toEqual(['Caracas Centro', 'Valencia Norte']);
      expect([p1.total, p2.total]).toEqual([2, 2]);
      expect(await ok(t, 'granja', '/api/v1/stores?offset=10')).toEqual({ items: [], total: 2, limit: 50, offset: 10 });
    });

    it('GET /api/v1/stores/:id answers for the own tenant and 404 for the other', async () => {
      expect(await ok(t, 'granja', `/api/v1/stores/${G.stores.valencia}`)).toMatchObject({ id: G.stores.valencia, code: 'S2' });
      expect(await ok(t, 'cliente2', `/api/v1/stores/${C.stores.main}`)).toMatchObject({ id: C.stores.main, name: 'Main Street' });
      for (const [host, id] of [['granja', C.stores.main], ['cliente2', G.stores.caracas], ['granja', UNKNOWN]] as const) {
        const r = await t.on(host, `/api/v1/stores/${id}`);
        expect({ host, id, status: r.statusCode, error: r.json().error }).toEqual({ host, id, status: 404, error: 'not_found' });
      }
    });
  });

  describe('GET /api/v1/suppliers', () => {
    it('lists and searches each tenant its own suppliers', async () => {
      const g = await ok(t, 'granja', '/api/v1/suppliers');
      expect(g).toMatchObject({ total: 1, items: [{ id: G.suppliers.polar, code: 'POLAR', name: 'Alimentos Polar', lead_time_days: 5, email: null }] });
      const c = await ok(t, 'cliente2', '/api/v1/suppliers?q=acme');
      expect(c).toMatchObject({ total: 1, items: [{ id: C.suppliers.acme, lead_time_days: 10 }] });
      expect((await ok(t, 'granja', '/api/v1/suppliers?q=acme')).total).toBe(0);
      expect((await ok(t, 'granja', '/api/v1/suppliers?q=pol')).total).toBe(1);
      expect((await ok(t, 'granja', '/api/v1/suppliers?active=false')).total).toBe(0);
    });
  });

  describe('GET /api/v1/products', () => {
    it('lists each tenant its own products, by name, with exact money', async () => {
      const g = await ok(t, 'granja', '/api/v1/products');
      expect(g.total).toBe(3);
      expect(names(g)).toEqual(['Arroz Mary 1 kg', 'Harina P.A.N. 1 kg', 'Queso blanco duro 500 g']);
      expect(g.items[0]).toMatchObject({
        id: G.products.arroz,
        sku: 'P-002',
        barcode: '7591002000028',
        category: 'víveres',
        pack_size: 24,
        price: '38.50',
        cost: '25.10',
        tax_category: 'reduced',
        supplier_id: G.suppliers.polar,
        active: true,
      });
      const c = await ok(t, 'cliente2', '/api/v1/products');
      expect(names(c)).toEqual(['Claw hammer 16oz', 'Wood screw 3in (box of 50)']);
    });

    it('searches name, SKU and barcode without regard to case', async () => {
      expect(names(await ok(t, 'granja', '/api/v1/products?q=HARINA'))).toEqual(['Harina P.A.N. 1 kg']);
      expect(names(await ok(t, 'granja', '/api/v1/products?q=p-003'))).toEqual(['Queso blanco duro 500 g']);
      expect(names(await ok(t, 'granja', '/api/v1/products?q=000028'))).toEqual(['Arroz Mary 1 kg']);
      expect(names(await ok(t, 'granja', '/api/v1/products?q=1%20kg'))).toEqual(['Arroz Mary 1 kg', 'Harina P.A.N. 1 kg']);
      // SKUs are shared between tenants; the search stays inside the tenant.
      expect(names(await ok(t, 'cliente2', '/api/v1/products?q=P-001'))).toEqual(['Wood screw 3in (box of 50)']);
      expect((await ok(t, 'granja', '/api/v1/products?q=hammer')).total).toBe(0);
    });

    it('filters by category, supplier and active', async () => {
      expect(names(await ok(t, 'granja', `/api/v1/products?category=${encodeURIComponent('víveres')}`))).toEqual(['Arroz Mary 1 kg', 'Harina P.A.N. 1 kg']);
      expect(names(await ok(t, 'granja', `/api/v1/products?category=${encodeURIComponent('lácteos')}`))).toEqual(['Queso blanco duro 500 g']);
      // Exact category: neither a prefix nor another case.
      expect((await ok(t, 'granja', '/api/v1/products?category=v')).total).toBe(0);
      expect((await ok(t, 'granja', '/api/v1/products?category=hardware')).total).toBe(0);
      expect((await ok(t, 'granja', `/api/v1/products?supplier_id=${G.suppliers.polar}`)).total).toBe(3);
      expect((await ok(t, 'granja', `/api/v1/products?supplier_id=${C.suppliers.acme}`)).total).toBe(0);
      expect((await ok(t, 'cliente2', `/api/v1/products?supplier_id=${C.suppliers.acme}&category=tools`)).items[0].id).toBe(C.products.martillo);
      expect((await ok(t, 'granja', '/api/v1/products?active=true')).total).toBe(3);
      expect((await ok(t, 'granja', '/api/v1/products?active=false')).total).toBe(0);
    });

    it('sorts by name, sku, category and price in both directions', async () => {
      const skus = async (qs: string) => (await ok(t, 'granja', `/api/v1/products?${qs}`)).items.map((p: { sku: string }) => p.sku);
      expect(await skus('sort=price')).toEqual(['P-002', 'P-001', 'P-003']);
      expect(await skus('sort=price&order=desc')).toEqual(['P-003', 'P-001', 'P-002']);
      expect(await skus('sort=sku&order=desc')).toEqual(['P-003', 'P-002', 'P-001']);
      expect(await skus('sort=name&order=desc')).toEqual(['P-003', 'P-001', 'P-002']);
      // Ties in category fall back to the id, in the same direction: still a total order.
      const byCategory = (await ok(t, 'granja', '/api/v1/products?sort=category')).items as Array<{ category: string; id: string }>;
      expect(byCategory.map((p) => p.category)).toEqual(['lácteos', 'víveres', 'víveres']);
      expect(byCategory[1]!.id < byCategory[2]!.id).toBe(true);
      const desc = (await ok(t, 'granja', '/api/v1/products?sort=category&order=desc')).items as Array<{ id: string }>;
      expect(desc.map((p) => p.id)).toEqual([...byCategory].reverse().map((p) => p.id));
    });

    it('pages through a sorted list without overlap', async () => {
      const all = (await ok(t, 'granja', '/api/v1/products?sort=price&order=desc')).items.map((p: { id: string }) => p.id);
      const paged: string[] = [];
      for (let offset = 0; offset < 3; offset++) {
        const page = await ok(t, 'granja', `/api/v1/products?sort=price&order=desc&limit=1&offset=${offset}`);
        expect(page).toMatchObject({ total: 3, limit: 1, offset });
        paged.push(page.items[0].id);
      }
      expect(paged).toEqual(all);
    });
  });

  describe('GET /api/v1/products/:id', () => {
    it('answers with the supplier name and the stock over all stores', async () => {
      expect(await ok(t, 'granja', `/api/v1/products/${G.products.harina}`)).toMatchObject({
        id: G.products.harina,
        sku: 'P-001',
        price: '45.00',
        supplier_name: 'Alimentos Polar',
        total_stock: 140,
      });
      expect(await ok(t, 'granja', `/api/v1/products/${G.products.queso}`)).toMatchObject({ total_stock: 0 });
      expect(await ok(t, 'cliente2', `/api/v1/products/${C.products.tornillo}`)).toMatchObject({
        sku: 'P-001',
        supplier_name: 'Acme Tools',
        total_stock: 70,
      });
    });

    it('answers 404 for an id of the other tenant or an unknown id', async () => {
      for (const [host, id] of [['granja', C.products.tornillo], ['cliente2', G.products.harina], ['cliente2', UNKNOWN]] as const) {
        const r = await t.on(host, `/api/v1/products/${id}`);
        expect({ host, id, status: r.statusCode, error: r.json().error }).toEqual({ host, id, status: 404, error: 'not_found' });
      }
    });
  });

  describe('GET /api/v1/products/categories', () => {
    it('lists each tenant its own categories with counts', async () => {
      expect(await ok(t, 'granja', '/api/v1/products/categories')).toEqual({
        items: [
          { category: 'lácteos', product_count: 1, active_count: 1 },
          { category: 'víveres', product_count: 2, active_count: 2 },
        ],
      });
      expect(await ok(t, 'cliente2', '/api/v1/products/categories')).toEqual({
        items: [
          { category: 'hardware', product_count: 1, active_count: 1 },
          { category: 'tools', product_count: 1, active_count: 1 },
        ],
      });
    });
  });

  describe('hostile and bad input', () => {
    it('treats SQL metacharacters in every string parameter as plain text', async () => {
      const urls = (v: string) => [
        `/api/v1/stores?q=${encodeURIComponent(v)}`,
        `/api/v1/suppliers?q=${encodeURIComponent(v)}`,
        `/api/v1/products?q=${encodeURIComponent(v)}`,
        `/api/v1/products?category=${encodeURIComponent(v)}`,
      ];
      for (const host of ['granja', 'cliente2']) {
        for (const v of METACHARS) {
          for (const url of urls(v)) {
            const r = await t.on(host, url);
            expect({ url, status: r.statusCode, total: r.json().total }).toEqual({ url, status: 200, total: 0 });
          }
        }
      }
      const ventas = await t.store.platform.get('SELECT count(*) AS n FROM ventas');
      expect(ventas?.n).toBe(4);
      expect((await ok(t, 'granja', '/api/v1/products')).total).toBe(3);
    });

    it('refuses unknown fields, bad pages, bad sorts, bad booleans and non-uuid ids with 400', async () => {
      const cases = [
        '/api/v1/stores?foo=1',
        '/api/v1/stores?limit=0',
        '/api/v1/stores?limit=100000',
        '/api/v1/stores?offset=-1',
        '/api/v1/stores?limit=abc',
        '/api/v1/stores?active=maybe',
        '/api/v1/stores/not-a-uuid',
        `/api/v1/stores/${G.stores.caracas}?x=1`,
        '/api/v1/suppliers?tenant_id=cliente2',
        '/api/v1/suppliers?limit=1.5',
        '/api/v1/products?sort=cost',
        '/api/v1/products?sort=name;DROP',
        '/api/v1/products?order=up',
        '/api/v1/products?supplier_id=polar',
        '/api/v1/products?category=',
        `/api/v1/products?q=${'x'.repeat(101)}`,
        `/api/v1/products?category=${'x'.repeat(101)}`,
        '/api/v1/products?limit=0',
        '/api/v1/products?limit=100000',
        '/api/v1/products?offset=-1',
        `/api/v1/products/${G.products.harina.toUpperCase()}x`,
        '/api/v1/products/12345',
        '/api/v1/products/categories?q=x',
      ];
      for (const url of cases) {
        const r = await t.on('granja', url);
        expect({ url, status: r.statusCode, error: r.json().error }).toEqual({ url, status: 400, error: 'validation_error' });
        expect(r.json().message).toBeTruthy();
      }
    });

    it('refuses a suspended tenant and a request without a tenant', async () => {
      expect((await t.on('dormida', '/api/v1/products')).statusCode).toBe(403);
      expect((await t.on('api.localhost', '/api/v1/stores')).json().error).toBe('tenant_required');
    });
  });
});

describe('catalog search with wildcards in the data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const extra: Array<[string, string, string]> = [
      ['00000000-0000-4000-8130-000000000101', 'X_1', 'Oferta 50% queso_llanero'],
      ['00000000-0000-4000-8130-000000000102', 'X\\2', 'Barra de jabón \\ azul'],
      ['00000000-0000-4000-8130-000000000103', 'X-3', 'Oferta 500 gramos'],
    ];
    for (const [id, sku, name] of extra) {
      await t.store.platform.run(
        `INSERT INTO productos (tenant_id, id, sku, name, category, price, cost) VALUES ('granja', $1, $2, $3, 'promo', 1.00, 0.50)`,
        [id, sku, name],
      );
    }
  });
  afterAll(() => t.close());

  const skus = async (q: string) =>
    ((await ok(t, 'granja', `/api/v1/products?q=${encodeURIComponent(q)}&sort=sku`)).items as Array<{ sku: string }>).map((p) => p.sku);

  it('matches %, _ and \\ literally', async () => {
    expect(await skus('50%')).toEqual(['X_1']);
    expect(await skus('%')).toEqual(['X_1']);
    expect(await skus('_')).toEqual(['X_1']);
    expect(await skus('o_l')).toEqual(['X_1']);
    expect(await skus('\\')).toEqual(['X\\2']);
    expect(await skus('oferta 50')).toEqual(['X-3', 'X_1']);
  });
});
