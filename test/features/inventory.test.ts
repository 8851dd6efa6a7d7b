import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ledgerMismatches } from '../support/invariants.js';
import { T } from '../support/fixtures.js';
import { toCents } from '../../src/shared/money.js';
import { startOfDay } from '../../src/shared/dates.js';

const G = T.granja;
const C = T.cliente2;
const UNKNOWN = '00000000-0000-4000-8999-000000000999';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];

interface Item {
  id: string;
  store: { id: string; code: string; name: string };
  product: { id: string; sku: string; name: string; category: string; unit: string };
  quantity: number;
  min_stock: number;
  max_stock: number;
  unit_cost: string | null;
  stock_value: string;
  updated_at: string;
}

async function ok(t: TestApp, host: string, url: string) {
  const r = await t.on(host, url);
  expect({ url, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ url, status: 200, body: 'ok' });
  return r.json();
}

const items = async (t: TestApp, host: string, qs = ''): Promise<Item[]> => (await ok(t, host, `/api/v1/inventory${qs}`)).items;
const skuAt = (i: Item) => `${i.product.sku}@${i.store.code}`;

function adjust(t: TestApp, host: string, body: Record<string, unknown>) {
  return t.on(host, { method: 'POST', url: '/api/v1/inventory/adjustments', payload: body });
}

/** Stock of one (store, product) read from the database itself, or null without a row. */
async function stockOf(t: TestApp, tenant: string, storeId: string, productId: string): Promise<number | null> {
  const row = await t.store.platform.get('SELECT quantity FROM inventory WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3', [tenant, storeId, productId]);
  return row ? Number(row.quantity) : null;
}

async function movementCount(t: TestApp): Promise<number> {
  return Number((await t.store.platform.get('SELECT count(*) AS n FROM inventory_movements'))?.n);
}

describe('GET /api/v1/inventory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists each tenant its own stock with names, costs and values', async () => {
    const g = await ok(t, 'granja', '/api/v1/inventory');
    expect(g).toMatchObject({ total: 4, limit: 50, offset: 0 });
    const harina = (g.items as Item[]).find((i) => i.product.id === G.products.harina && i.store.id === G.stores.caracas);
    expect(harina).toMatchObject({
      store: { id: G.stores.caracas, code: 'S1', name: 'Caracas Centro' },
      product: { id: G.products.harina, sku: 'P-001', name: 'Harina P.A.N. 1 kg', category: 'víveres', unit: 'unit' },
      quantity: 100,
      min_stock: 20,
      max_stock: 300,
      unit_cost: '30.00',
      stock_value: '3000.00',
    });
    expect(harina?.updated_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect((g.items as Item[]).find((i) => i.product.id === G.products.arroz)?.stock_value).toBe('125.50');

    const c = await items(t, 'cliente2');
    expect(c.map(skuAt).sort()).toEqual(['P-001@S1', 'P-002@S1']);
    expect(c.find((i) => i.product.id === C.products.martillo)).toMatchObject({ quantity: 3, unit_cost: '9.50', stock_value: '28.50' });
  });

  it('filters by store, product, category, text, low stock and out of stock', async () => {
    const cases: Array<[string, string, string[]]> = [
      ['granja', `?store_id=${G.stores.valencia}`, ['P-001@S2']],
      ['granja', `?product_id=${G.products.harina}`, ['P-001@S1', 'P-001@S2']],
      ['granja', `?category=${encodeURIComponent('lácteos')}`, ['P-003@S1']],
      ['granja', '?q=ARROZ', ['P-002@S1']],
      ['granja', '?q=7591002000011', ['P-001@S1', 'P-001@S2']],
      ['granja', '?q=p-003', ['P-003@S1']],
      ['granja', '?low_stock=true', ['P-002@S1', 'P-003@S1']],
      ['granja', '?low_stock=false', ['P-001@S1', 'P-001@S2']],
      ['granja', '?out_of_stock=true', ['P-003@S1']],
      ['granja', '?out_of_stock=false', ['P-001@S1', 'P-001@S2', 'P-002@S1']],
      ['granja', `?low_stock=true&out_of_stock=false&store_id=${G.stores.caracas}`, ['P-002@S1']],
      ['cliente2', '?low_stock=true', ['P-002@S1']],
      ['cliente2', '?category=hardware', ['P-001@S1']],
      // Ids of the other tenant filter to nothing.
      ['granja', `?store_id=${C.stores.main}`, []],
      ['cliente2', `?product_id=${G.products.harina}`, []],
      ['granja', '?category=hardware', []],
    ];
    for (const [host, qs, expected] of cases) {
      const got = (await items(t, host, qs)).map(skuAt).sort();
      expect({ host, qs, got }).toEqual({ host, qs, got: expected });
    }
  });

  it('sorts by every shown column in both directions, ties broken by id', async () => {
    const keys: Record<string, (i: Item) => string | number | bigint> = {
      product_name: (i) => i.product.name,
      sku: (i) => i.product.sku,
      category: (i) => i.product.category,
      store_name: (i) => i.store.name,
      quantity: (i) => i.quantity,
      min_stock: (i) => i.min_stock,
      max_stock: (i) => i.max_stock,
      unit_cost: (i) => toCents(i.unit_cost ?? '0'),
      stock_value: (i) => toCents(i.stock_value),
      updated_at: (i) => i.updated_at,
    };
    const all = await items(t, 'granja');
    for (const [sort, key] of Object.entries(keys)) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = [...all]
          .sort((a, b) => {
            const [x, y] = [key(a), key(b)];
            const c = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
            return order === 'asc' ? c : -c;
          })
          .map((i) => i.id);
        const rows = await items(t, 'granja', `?sort=${sort}&order=${order}`);
        if (sort === 'updated_at') {
          // The JSON carries milliseconds, the database microseconds: check the order, not the tiebreak.
          const seen = rows.map((i) => i.updated_at);
          expect({ sort, order, seen }).toEqual({ sort, order, seen: order === 'asc' ? [...seen].sort() : [...seen].sort().reverse() });
          continue;
        }
        const got = rows.map((i) => i.id);
        expect({ sort, order, got }).toEqual({ sort, order, got: expected });
      }
    }
    // The spot checks that do not depend on the comparator above.
    expect((await items(t, 'granja', '?sort=stock_value&order=desc')).map((i) => i.stock_value)).toEqual(['3000.00', '1200.00', '125.50', '0.00']);
    expect((await items(t, 'granja', '?sort=quantity')).map((i) => i.quantity)).toEqual([0, 5, 40, 100]);
  });

  it('pages through a sorted list without overlap and keeps the total past the end', async () => {
    const all = (await items(t, 'granja', '?sort=store_name')).map((i) => i.id);
    const paged: string[] = [];
    for (let offset = 0; offset < 4; offset += 3) {
      const page = await ok(t, 'granja', `/api/v1/inventory?sort=store_name&limit=3&offset=${offset}`);
      expect(page.total).toBe(4);
      paged.push(...page.items.map((i: Item) => i.id));
    }
    expect(paged).toEqual(all);
    expect(await ok(t, 'granja', '/api/v1/inventory?offset=40&limit=10')).toEqual({ items: [], total: 4, limit: 10, offset: 40 });
  });

  it('GET /api/v1/inventory/:id answers one row for the own tenant and 404 otherwise', async () => {
    const [g] = await items(t, 'granja', `?product_id=${G.products.queso}`);
    const [c] = await items(t, 'cliente2', `?product_id=${C.products.tornillo}`);
    expect(await ok(t, 'granja', `/api/v1/inventory/${g!.id}`)).toEqual(g);
    expect(await ok(t, 'cliente2', `/api/v1/inventory/${c!.id}`)).toEqual(c);
    for (const [host, id] of [['granja', c!.id], ['cliente2', g!.id], ['granja', UNKNOWN]] as const) {
      const r = await t.on(host, `/api/v1/inventory/${id}`);
      expect({ host, status: r.statusCode, error: r.json().error }).toEqual({ host, status: 404, error: 'not_found' });
    }
  });

  it('treats SQL metacharacters in q and category as plain text', async () => {
    for (const host of ['granja', 'cliente2']) {
      for (const v of METACHARS) {
        for (const param of ['q', 'category']) {
          const url = `/api/v1/inventory?${param}=${encodeURIComponent(v)}`;
          const r = await t.on(host, url);
          expect({ url, status: r.statusCode, total: r.json().total }).toEqual({ url, status: 200, total: 0 });
        }
      }
    }
    expect((await items(t, 'granja')).length).toBe(4);
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM ventas'))?.n)).toBe(4);
  });

  it('refuses unknown fields and bad values with 400', async () => {
    const cases = [
      '?foo=1',
      '?tenant_id=cliente2',
      '?limit=0',
      '?limit=100000',
      '?offset=-1',
      '?limit=ten',
      '?store_id=S1',
      '?product_id=1',
      '?low_stock=yes',
      '?out_of_stock=2',
      '?sort=price',
      '?sort=quantity%20DESC',
      '?order=random',
      '?category=',
      `?q=${'a'.repeat(101)}`,
      '/not-a-uuid',
      `/${G.stores.caracas}?extra=1`,
    ];
    for (const qs of cases) {
      const r = await t.on('granja', `/api/v1/inventory${qs}`);
      expect({ qs, status: r.statusCode, error: r.json().error }).toEqual({ qs, status: 400, error: 'validation_error' });
    }
  });

  it('is closed to suspended tenants and to tenants without the inventory feature', async () => {
    expect((await t.on('dormida', '/api/v1/inventory')).json().error).toBe('tenant_suspended');
    const saved = await t.store.platform.get(`SELECT settings FROM tenants WHERE id = 'cliente2'`);
    const settings = saved?.settings as Record<string, unknown>;
    const setSettings = async (value: Record<string, unknown>) => {
      await t.store.platform.run(`UPDATE tenants SET settings = $1 WHERE id = 'cliente2'`, [JSON.stringify(value)]);
      t.registry.invalidate('cliente2');
    };
    await setSettings({ ...settings, features: ['sales'] });
    try {
      const r = await t.on('cliente2', '/api/v1/inventory');
      expect({ status: r.statusCode, error: r.json().error }).toEqual({ status: 403, error: 'feature_disabled' });
    } finally {
      await setSettings(settings);
    }
    expect((await t.on('cliente2', '/api/v1/inventory')).statusCode).toBe(200);
  });
});

describe('POST /api/v1/inventory/adjustments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('changes the stock and records the movement with its actor, for each tenant', async () => {
    const r = await adjust(t, 'granja', { store_id: G.stores.caracas, product_id: G.products.arroz, delta: 12, reason: 'count', note: 'conteo semanal' });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.quantity).toBe(17);
    expect(body.movement).toMatchObject({
      store: { id: G.stores.caracas, code: 'S1', name: 'Caracas Centro' },
      product: { id: G.products.arroz, sku: 'P-002', name: 'Arroz Mary 1 kg' },
      delta: 12,
      quantity_after: 17,
      reason: 'count',
      ref_type: 'adjustment',
      note: 'conteo semanal',
      actor: expect.stringMatching(/\S/),
    });
    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.arroz)).toBe(17);
    const stored = await t.store.platform.get('SELECT tenant_id, delta, quantity_after, reason, actor FROM inventory_movements WHERE id = $1', [body.movement.id]);
    expect(stored).toEqual({ tenant_id: 'granja', delta: 12, quantity_after: 17, reason: 'count', actor: body.movement.actor });

    const c = await adjust(t, 'cliente2', { store_id: C.stores.main, product_id: C.products.tornillo, delta: -5, reason: 'damage' });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ quantity: 65, movement: { delta: -5, quantity_after: 65, reason: 'damage', note: null } });
    expect(await stockOf(t, 'cliente2', C.stores.main, C.products.tornillo)).toBe(65);
    // The other tenant's row with the same SKU is untouched.
    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.harina)).toBe(100);

    const listed = await ok(t, 'granja', `/api/v1/inventory?product_id=${G.products.arroz}`);
    expect(listed.items[0]).toMatchObject({ quantity: 17, stock_value: '426.70' });
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('counts a quantity equal to min_stock as low stock', async () => {
    const lowArroz = `?low_stock=true&product_id=${G.products.arroz}`;
    const now = (await stockOf(t, 'granja', G.stores.caracas, G.products.arroz))!;
    const toMin = await adjust(t, 'granja', { store_id: G.stores.caracas, product_id: G.products.arroz, delta: 10 - now, reason: 'correction' });
    expect(toMin.json().quantity).toBe(10);
    expect((await items(t, 'granja', lowArroz)).map(skuAt)).toEqual(['P-002@S1']);
    await adjust(t, 'granja', { store_id: G.stores.caracas, product_id: G.products.arroz, delta: 1, reason: 'correction' });
    expect(await items(t, 'granja', lowArroz)).toEqual([]);
  });

  it('refuses to take stock below zero with 409 and changes nothing', async () => {
    const before = await stockOf(t, 'granja', G.stores.valencia, G.products.harina);
    const moves = await movementCount(t);
    const r = await adjust(t, 'granja', { store_id: G.stores.valencia, product_id: G.products.harina, delta: -(before! + 1), reason: 'theft' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ error: 'insufficient_stock', details: { available: before, requested: before! + 1 } });
    expect(await stockOf(t, 'granja', G.stores.valencia, G.products.harina)).toBe(before);
    expect(await movementCount(t)).toBe(moves);
    // Exactly the stock on hand may go.
    const all = await adjust(t, 'granja', { store_id: G.stores.valencia, product_id: G.products.harina, delta: -before!, reason: 'expiry' });
    expect(all.json().quantity).toBe(0);
  });

  it('starts a stock level when adding to a product the store never kept, and never creates one by removing', async () => {
    expect(await stockOf(t, 'granja', G.stores.valencia, G.products.queso)).toBeNull();
    const minus = await adjust(t, 'granja', { store_id: G.stores.valencia, product_id: G.products.queso, delta: -1, reason: 'count' });
    expect({ status: minus.statusCode, error: minus.json().error }).toEqual({ status: 409, error: 'insufficient_stock' });
    expect(await stockOf(t, 'granja', G.stores.valencia, G.products.queso)).toBeNull();

    const plus = await adjust(t, 'granja', { store_id: G.stores.valencia, product_id: G.products.queso, delta: 6, reason: 'return' });
    expect(plus.statusCode).toBe(201);
    expect(await stockOf(t, 'granja', G.stores.valencia, G.products.queso)).toBe(6);
    const [row] = await items(t, 'granja', `?store_id=${G.stores.valencia}&product_id=${G.products.queso}`);
    expect(row).toMatchObject({ quantity: 6, unit_cost: '80.00', stock_value: '480.00' });
  });

  it('answers 404 for a store or product of the other tenant and changes nothing', async () => {
    const moves = await movementCount(t);
    const cases: Array<[string, string, string, string]> = [
      ['granja', C.stores.main, C.products.tornillo, 'Store'],
      ['granja', G.stores.caracas, C.products.tornillo, 'Product'],
      ['granja', C.stores.main, G.products.harina, 'Store'],
      ['cliente2', G.stores.caracas, G.products.harina, 'Store'],
      ['cliente2', C.stores.main, G.products.harina, 'Product'],
      ['cliente2', C.stores.main, UNKNOWN, 'Product'],
    ];
    for (const [host, store_id, product_id, what] of cases) {
      const r = await adjust(t, host, { store_id, product_id, delta: 3, reason: 'correction' });
      expect({ host, store_id, product_id, status: r.statusCode, error: r.json().error, what: r.json().message.split(' ')[0] }).toEqual({
        host,
        store_id,
        product_id,
        status: 404,
        error: 'not_found',
        what,
      });
    }
    expect(await stockOf(t, 'cliente2', C.stores.main, C.products.tornillo)).toBe(65);
    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.harina)).toBe(100);
    expect(await stockOf(t, 'granja', C.stores.main, C.products.tornillo)).toBeNull();
    expect(await movementCount(t)).toBe(moves);
  });

  it('refuses bad bodies with a clear 4xx and changes nothing', async () => {
    const base = { store_id: G.stores.caracas, product_id: G.products.harina, delta: -1, reason: 'damage' };
    const moves = await movementCount(t);
    const cases: Array<[unknown, number, string]> = [
      [{ ...base, delta: 0 }, 400, 'validation_error'],
      [{ ...base, delta: 1.5 }, 400, 'validation_error'],
      [{ ...base, delta: '-1x' }, 400, 'validation_error'],
      [{ ...base, delta: -1_000_001 }, 400, 'validation_error'],
      [{ ...base, delta: 1_000_001, reason: 'count' }, 400, 'validation_error'],
      [{ ...base, delta: 1e300 }, 400, 'validation_error'],
      [{ ...base, reason: 'sale' }, 400, 'validation_error'],
      [{ ...base, reason: 'initial' }, 400, 'validation_error'],
      [{ ...base, reason: `count' OR 1=1 --` }, 400, 'validation_error'],
      [{ ...base, note: 'x'.repeat(501) }, 400, 'validation_error'],
      [{ ...base, note: { text: 'x' } }, 400, 'validation_error'],
      [{ ...base, store_id: 'S1' }, 400, 'validation_error'],
      [{ ...base, product_id: `'; DROP TABLE inventory; --` }, 400, 'validation_error'],
      [{ ...base, tenant_id: 'cliente2' }, 400, 'validation_error'],
      [{ store_id: base.store_id, product_id: base.product_id, delta: -1 }, 400, 'validation_error'],
      [[base], 400, 'validation_error'],
      [{ ...base, delta: 5, reason: 'damage' }, 422, 'unprocessable'],
      [{ ...base, delta: 5, reason: 'theft' }, 422, 'unprocessable'],
      [{ ...base, delta: 5, reason: 'expiry' }, 422, 'unprocessable'],
    ];
    for (const [payload, status, error] of cases) {
      const r = await adjust(t, 'granja', payload as Record<string, unknown>);
      expect({ payload, status: r.statusCode, error: r.json().error }).toEqual({ payload, status, error });
      expect(r.json().message).toBeTruthy();
    }
    const malformed = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      headers: { 'content-type': 'application/json' },
      payload: '{"delta": -1,',
    });
    expect({ status: malformed.statusCode, error: malformed.json().error }).toEqual({ status: 400, error: 'invalid_json' });
    const query = await t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments?force=1', payload: base });
    expect(query.statusCode).toBe(400);
    expect(await movementCount(t)).toBe(moves);
    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.harina)).toBe(100);
  });

  it('stores SQL metacharacters in the note as plain text', async () => {
    for (const note of METACHARS) {
      const r = await adjust(t, 'granja', { store_id: G.stores.caracas, product_id: G.products.harina, delta: 1, reason: 'correction', note });
      expect(r.statusCode).toBe(201);
      expect(r.json().movement.note).toBe(note);
    }
    expect(await stockOf(t, 'granja', G.stores.caracas, G.products.harina)).toBe(100 + METACHARS.length);
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM ventas'))?.n)).toBe(4);
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('never drives stock negative under concurrent removals', async () => {
    // A fresh stock level of exactly 20.
    const start = await adjust(t, 'cliente2', { store_id: C.stores.main, product_id: C.products.martillo, delta: 17, reason: 'count' });
    expect(start.json().quantity).toBe(20);
    const moves = await movementCount(t);

    const results = await Promise.all(
      Array.from({ length: 50 }, () => adjust(t, 'cliente2', { store_id: C.stores.main, product_id: C.products.martillo, delta: -1, reason: 'theft' })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error).toBe('insufficient_stock');
    // Each success saw a different balance: 19, 18, …, 0.
    const after = results.filter((r) => r.statusCode === 201).map((r) => r.json().quantity as number);
    expect([...after].sort((a, b) => b - a)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));

    expect(await stockOf(t, 'cliente2', C.stores.main, C.products.martillo)).toBe(0);
    expect(await movementCount(t)).toBe(moves + 20);
    const sum = await t.store.platform.get(
      'SELECT sum(delta) AS s FROM inventory_movements WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3',
      ['cliente2', C.stores.main, C.products.martillo],
    );
    expect(Number(sum?.s)).toBe(0);
    expect(await ledgerMismatches(t)).toEqual([]);
  });
});

describe('GET /api/v1/inventory/movements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // Movements at known instants around the Caracas (UTC−4) day boundary of 2026-11-02.
    const at: Array<[string, string, number, string]> = [
      ['granja', '2026-11-02T04:00:00Z', 1, 'count'], // 00:00 on the 2nd in Caracas
      ['granja', '2026-11-03T03:59:59Z', 1, 'damage'], // 23:59:59 on the 2nd in Caracas
      ['granja', '2026-11-03T04:00:00Z', 1, 'count'], // 00:00 on the 3rd in Caracas
      ['granja', '2026-11-02T03:59:59Z', 1, 'count'], // 23:59:59 on the 1st in Caracas
    ];
    for (const [tenant, instant, n, reason] of at) {
      await t.store.platform.run(
        `INSERT INTO inventory_movements (tenant_id, store_id, product_id, delta, quantity_after, reason, actor, note, created_at)
         VALUES ($1, $2, $3, 0, $4, $5, 'test', $6, $7::TIMESTAMPTZ)`,
        [tenant, G.stores.valencia, G.products.harina, n, reason, instant, instant],
      );
    }
  });
  afterAll(() => t.close());

  it('lists each tenant its own ledger, newest first, with names', async () => {
    const g = await ok(t, 'granja', '/api/v1/inventory/movements');
    expect(g.total).toBe(3 + 4);
    const times = g.items.map((m: { created_at: string }) => m.created_at);
    expect(times).toEqual([...times].sort().reverse());
    const initial = (g.items as Array<{ reason: string; store: { id: string }; product: { id: string } }>).find(
      (m) => m.reason === 'initial' && m.store.id === G.stores.caracas && m.product.id === G.products.harina,
    );
    expect(initial).toMatchObject({
      store: { code: 'S1', name: 'Caracas Centro' },
      product: { sku: 'P-001', name: 'Harina P.A.N. 1 kg' },
      delta: 100,
      quantity_after: 100,
      ref_type: null,
      ref_id: null,
      actor: 'fixtures',
      note: null,
    });
    const c = await ok(t, 'cliente2', '/api/v1/inventory/movements');
    expect(c.total).toBe(2);
    expect(c.items.map((m: { product: { id: string } }) => m.product.id).sort()).toEqual([C.products.tornillo, C.products.martillo].sort());
  });

  it('shows an adjustment at the top', async () => {
    const r = await adjust(t, 'cliente2', { store_id: C.stores.main, product_id: C.products.martillo, delta: -2, reason: 'expiry', note: 'vencido' });
    expect(r.statusCode).toBe(201);
    const c = await ok(t, 'cliente2', '/api/v1/inventory/movements?limit=1');
    expect(c.total).toBe(3);
    expect(c.items[0]).toMatchObject({ id: r.json().movement.id, delta: -2, quantity_after: 1, reason: 'expiry', note: 'vencido' });
  });

  it('filters by store, product and reason', async () => {
    const count = async (host: string, qs: string) => (await ok(t, host, `/api/v1/inventory/movements?${qs}`)).total;
    expect(await count('granja', `store_id=${G.stores.caracas}`)).toBe(2);
    expect(await count('granja', `product_id=${G.products.harina}`)).toBe(2 + 4);
    expect(await count('granja', 'reason=damage')).toBe(1);
    expect(await count('granja', `reason=initial&store_id=${G.stores.valencia}`)).toBe(1);
    expect(await count('granja', 'reason=sale')).toBe(0);
    expect(await count('granja', `store_id=${C.stores.main}`)).toBe(0);
    expect(await count('cliente2', `product_id=${G.products.harina}`)).toBe(0);
  });

  it('reads from/to as whole days in the tenant\'s time zone, both inclusive', async () => {
    const notes = async (qs: string) =>
      ((await ok(t, 'granja', `/api/v1/inventory/movements?limit=500&${qs}`)).items as Array<{ note: string | null; actor: string }>)
        .filter((m) => m.actor === 'test')
        .map((m) => m.note)
        .sort();
    expect(await notes('from=2026-11-02&to=2026-11-02')).toEqual(['2026-11-02T04:00:00Z', '2026-11-03T03:59:59Z']);
    expect(await notes('from=2026-11-03&to=2026-11-03')).toEqual(['2026-11-03T04:00:00Z']);
    expect(await notes('to=2026-11-01')).toEqual(['2026-11-02T03:59:59Z']);
    expect(await notes('from=2026-11-01&to=2026-11-03')).toHaveLength(4);
    expect(await notes('from=2026-11-04&to=2026-11-30')).toEqual([]);
    // cliente2 sees none of them, whatever the range.
    expect((await ok(t, 'cliente2', '/api/v1/inventory/movements?from=2026-11-01&to=2026-11-03')).total).toBe(0);
  });

  it('refuses unknown fields, bad dates, bad reasons and bad pages with 400', async () => {
    const cases = [
      '?foo=1',
      '?limit=0',
      '?limit=100000',
      '?offset=-1',
      '?store_id=abc',
      '?product_id=1%20OR%201=1',
      '?reason=bogus',
      `?reason=${encodeURIComponent(`' OR 1=1 --`)}`,
      '?reason=%25',
      '?from=2026-02-30',
      '?from=2026-13-01',
      '?to=yesterday',
      '?from=2026-11-02T00:00:00Z',
      '?from=2026-11-05&to=2026-11-01',
    ];
    for (const qs of cases) {
      const r = await t.on('granja', `/api/v1/inventory/movements${qs}`);
      expect({ qs, status: r.statusCode, error: r.json().error }).toEqual({ qs, status: 400, error: 'validation_error' });
    }
  });
});

describe('startOfDay', () => {
  it('gives the UTC instant a calendar day starts in a time zone', () => {
    expect(startOfDay('2026-11-02', 'America/Caracas')).toBe('2026-11-02T04:00:00.000Z');
    expect(startOfDay('2026-11-02', 'America/Caracas', 1)).toBe('2026-11-03T04:00:00.000Z');
    expect(startOfDay('2026-12-31', 'UTC', 1)).toBe('2027-01-01T00:00:00.000Z');
    // Either side of the 2026 spring-forward in New York (8 March).
    expect(startOfDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDay('2026-06-01', 'Asia/Kolkata')).toBe('2026-05-31T18:30:00.000Z');
    expect(startOfDay('2026-06-01', 'Not/AZone')).toBe('2026-06-01T00:00:00.000Z');
  });
});
