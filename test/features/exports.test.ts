/**
 * GET /api/v1/exports/<kind>: every list as CSV or Parquet with the list's filters. Each export is
 * compared with the list itself read page by page, so a column, filter or order that drifts from
 * the list fails here. Parquet files are read back with DuckDB to check their types.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';

const G = T.granja;
const C = T.cliente2;

/** RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

/** A list item as the export's cells: nested objects flattened as parent_child, the formula guard applied. */
function flatten(item: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(item)) {
    if (v !== null && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}_`));
    else {
      const s = v === null ? '' : String(v);
      out[`${prefix}${k}`] = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
    }
  }
  return out;
}

interface Csv {
  header: string[];
  rows: Record<string, string>[];
}

async function exportCsv(t: TestApp, host: string, kind: string, query = '', as: 'owner' | 'viewer' = 'owner'): Promise<Csv> {
  const r = await t.on(host, { method: 'GET', url: `/api/v1/exports/${kind}${query ? `?${query}` : ''}`, as });
  expect({ kind, status: r.statusCode, body: r.statusCode === 200 ? '' : r.body }).toEqual({ kind, status: 200, body: '' });
  expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
  const raw = r.rawPayload;
  expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(raw.subarray(3).toString('utf8'));
  return { header: header!, rows: records.map((rec) => Object.fromEntries(header!.map((h, i) => [h, rec[i]!]))) };
}

/** Every item of a list for the query, all pages. */
async function listAll(t: TestApp, host: string, list: string, query = ''): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 500) {
    const r = await t.on(host, `${list}?${query ? `${query}&` : ''}limit=500&offset=${offset}`);
    expect({ list, status: r.statusCode }).toEqual({ list, status: 200 });
    const page = r.json() as { items: Record<string, unknown>[]; total: number };
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

const LISTS: Record<string, string> = {
  inventory: '/api/v1/inventory',
  movements: '/api/v1/inventory/movements',
  sales: '/api/v1/sales',
  orders: '/api/v1/orders',
  products: '/api/v1/products',
  stores: '/api/v1/stores',
  suppliers: '/api/v1/suppliers',
};

/** A filter per kind that keeps some rows and drops others in the fixtures. */
const FILTERS: Record<string, string> = {
  inventory: 'low_stock=true&sort=quantity&order=desc',
  movements: `store_id=${G.stores.caracas}`,
  sales: `from=2026-11-03&to=2026-11-30`,
  orders: 'status=draft',
  products: `category=${encodeURIComponent('víveres')}&sort=price&order=desc`,
  stores: 'q=valencia',
  suppliers: 'active=true',
};

async function expectSameAsList(t: TestApp, host: string, kind: string, query = ''): Promise<Csv> {
  const csv = await exportCsv(t, host, kind, query);
  const items = await listAll(t, host, LISTS[kind]!, query);
  const expected = items.map((i) => flatten(i));
  expect(expected.length).toBeGreaterThan(0);
  expect(csv.header).toEqual(Object.keys(expected[0]!));
  expect(csv.rows).toEqual(expected);
  return csv;
}

async function readParquet(bytes: Buffer): Promise<{ types: Record<string, string>; rows: Record<string, unknown>[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-export-test-'));
  const file = path.join(dir, 'x.parquet');
  fs.writeFileSync(file, bytes);
  const db = await DuckDBInstance.create(':memory:');
  try {
    const conn = await db.connect();
    await conn.run("SET TimeZone = 'UTC'");
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjectsJson();
    const rows = (await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`)).getRowObjectsJson();
    conn.closeSync();
    return { types: Object.fromEntries(described.map((d) => [String(d.column_name), String(d.column_type)])), rows };
  } finally {
    db.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('exports of every list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // A stock removal: the ledger holds a negative delta, which must stay a number.
    const r = await t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments', payload: { store_id: G.stores.caracas, product_id: G.products.harina, delta: -3, reason: 'damage' } });
    expect(r.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  for (const kind of Object.keys(LISTS)) {
    it(`${kind}: the CSV holds the list's rows, unfiltered and filtered`, async () => {
      const all = await expectSameAsList(t, 'granja', kind);
      expect(all.rows.length).toBeGreaterThan(0);
      const some = await expectSameAsList(t, 'granja', kind, FILTERS[kind]);
      expect(some.rows.length).toBeGreaterThan(0);
      if (kind !== 'orders' && kind !== 'suppliers') expect(some.rows.length).toBeLessThan(all.rows.length);
    });
  }

  it('names the file <tenant>-<kind>-<date in the tenant zone> and sends it as an attachment', async () => {
    const r = await t.on('cliente2', '/api/v1/exports/sales');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(t.clock()));
    expect(r.headers['content-disposition']).toBe(`attachment; filename="cliente2-sales-${today}.csv"`);
    expect(r.headers['cache-control']).toBe('no-store');
    const p = await t.on('granja', '/api/v1/exports/products?format=parquet');
    expect(p.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(p.headers['content-disposition']).toMatch(/^attachment; filename="granja-products-\d{4}-\d{2}-\d{2}\.parquet"$/);
  });

  it('flattens nested fields and keeps a negative quantity a number', async () => {
    const csv = await exportCsv(t, 'granja', 'movements', `product_id=${G.products.harina}&store_id=${G.stores.caracas}`);
    expect(csv.header).toEqual(['id', 'store_id', 'store_code', 'store_name', 'product_id', 'product_sku', 'product_name', 'delta', 'quantity_after', 'reason', 'ref_type', 'ref_id', 'actor', 'note', 'created_at']);
    expect(csv.rows.map((r) => [r.delta, r.quantity_after, r.reason])).toEqual([
      ['-3', '97', 'damage'],
      ['100', '100', 'initial'],
    ]);
  });

  it('Parquet has typed columns and the same rows', async () => {
    const sales = await t.on('granja', '/api/v1/exports/sales?format=parquet&store_id=' + G.stores.caracas);
    expect(sales.statusCode).toBe(200);
    const { types, rows } = await readParquet(sales.rawPayload);
    expect(types).toMatchObject({
      ticket: 'VARCHAR',
      line: 'BIGINT',
      store_id: 'UUID',
      product_sku: 'VARCHAR',
      fecha_venta: 'TIMESTAMP WITH TIME ZONE',
      business_date: 'DATE',
      quantity: 'BIGINT',
      unit_price: 'DECIMAL(18,2)',
      total: 'DECIMAL(18,2)',
    });
    expect(rows.map((r) => [r.ticket, r.line, r.quantity, r.total, r.business_date])).toEqual([
      ['T-1001', '1', '3', '135.00', '2026-11-02'],
      ['T-1001', '2', '1', '110.00', '2026-11-02'],
    ]);
    expect(String(rows[0]!.fecha_venta)).toMatch(/^2026-11-02[ T]14:00:00/);

    const products = await readParquet((await t.on('granja', '/api/v1/exports/products?format=parquet')).rawPayload);
    expect(products.types).toMatchObject({ active: 'BOOLEAN', pack_size: 'BIGINT', price: 'DECIMAL(18,2)', barcode: 'VARCHAR', lead_time_days: 'BIGINT', created_at: 'TIMESTAMP WITH TIME ZONE' });
    expect(products.rows.map((r) => [r.sku, r.active, r.price, r.lead_time_days])).toEqual([
      ['P-002', true, '38.50', null],
      ['P-001', true, '45.00', null],
      ['P-003', true, '120.00', null],
    ]);

    const inventory = await readParquet((await t.on('granja', '/api/v1/exports/inventory?format=parquet&low_stock=true')).rawPayload);
    expect(inventory.types).toMatchObject({ unit_cost: 'DECIMAL(18,2)', stock_value: 'DECIMAL(18,2)', updated_at: 'TIMESTAMP WITH TIME ZONE' });
    expect(inventory.rows.map((r) => r.product_sku)).toEqual(['P-002', 'P-003']);
  });

  it('an empty result is a header row only (CSV) and an empty typed file (Parquet)', async () => {
    const csv = await exportCsv(t, 'granja', 'sales', 'from=2020-01-01&to=2020-01-02');
    expect(csv.header[0]).toBe('ticket');
    expect(csv.rows).toEqual([]);
    const p = await readParquet((await t.on('granja', '/api/v1/exports/sales?format=parquet&from=2020-01-01&to=2020-01-02')).rawPayload);
    expect(p.rows).toEqual([]);
    expect(p.types.quantity).toBe('BIGINT');
  });

  it('refuses a bad filter exactly as the list does, and a bad format or paging field', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/inventory', 'store_id=not-a-uuid'],
      ['/api/v1/inventory', 'sort=secret_column'],
      ['/api/v1/inventory/movements', 'from=2026-11-05&to=2026-11-01'],
      ['/api/v1/sales', 'from=2020-01-01&to=2026-01-01'],
      ['/api/v1/sales', 'ticket=%3Cscript%3E'],
      ['/api/v1/orders', 'status=lost'],
      ['/api/v1/orders', 'from=1800-01-01'],
      ['/api/v1/products', 'active=maybe'],
      ['/api/v1/stores', 'unknown=1'],
    ];
    for (const [list, query] of cases) {
      const kind = Object.keys(LISTS).find((k) => LISTS[k] === list)!;
      const fromList = await t.on('granja', `${list}?${query}`);
      const fromExport = await t.on('granja', `/api/v1/exports/${kind}?${query}`);
      expect({ query, status: fromList.statusCode }).toEqual({ query, status: 400 });
      expect({ query, status: fromExport.statusCode, error: fromExport.json().error, message: fromExport.json().message }).toEqual({
        query,
        status: 400,
        error: fromList.json().error,
        message: fromList.json().message,
      });
    }
    for (const query of ['format=xlsx', 'limit=10', 'offset=5']) {
      const r = await t.on('granja', `/api/v1/exports/products?${query}`);
      expect({ query, status: r.statusCode, error: r.json().error }).toEqual({ query, status: 400, error: 'validation_error' });
    }
  });

  it('answers 404 for an unknown kind', async () => {
    expect((await t.on('granja', '/api/v1/exports/users')).statusCode).toBe(404);
  });
});

describe('export permissions and isolation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('each export declares the permission and feature of the list it exports', () => {
    const policy = (url: string) => t.routes.find((r) => r.method === 'GET' && r.url === url)?.options.config?.policy;
    for (const [kind, list] of Object.entries(LISTS)) {
      expect({ kind, policy: policy(`/api/v1/exports/${kind}`) }).toEqual({ kind, policy: policy(list) });
      expect(policy(list)?.permission).toMatch(/:read$/);
    }
  });

  it('a viewer exports what a viewer can list; no one signed in gets 401', async () => {
    for (const kind of Object.keys(LISTS)) {
      const csv = await exportCsv(t, 'granja', kind, '', 'viewer');
      expect(csv.rows.length).toBeGreaterThan(0);
      const anonymous = await t.on('granja', { method: 'GET', url: `/api/v1/exports/${kind}`, as: 'anonymous' });
      expect({ kind, status: anonymous.statusCode }).toEqual({ kind, status: 401 });
    }
  });

  it('a tenant without the list\'s feature gets 403 feature_disabled, as on the list', async () => {
    const row = await t.store.platform.get("SELECT settings FROM tenants WHERE id = 'cliente2'");
    const settings = typeof row?.settings === 'string' ? JSON.parse(row.settings) : row?.settings;
    await t.store.platform.run("UPDATE tenants SET settings = $1 WHERE id = 'cliente2'", [JSON.stringify({ ...settings, features: ['inventory'] })]);
    t.registry.invalidate('cliente2');
    const list = await t.on('cliente2', '/api/v1/sales');
    const exp = await t.on('cliente2', '/api/v1/exports/sales');
    expect([list.statusCode, list.json().error]).toEqual([403, 'feature_disabled']);
    expect([exp.statusCode, exp.json().error]).toEqual([403, 'feature_disabled']);
    expect((await t.on('cliente2', '/api/v1/exports/inventory')).statusCode).toBe(200);
  });

  it("a tenant's export never holds another tenant's rows, by host or by X-Tenant-ID", async () => {
    const granjaIds = new Set<string>([...Object.values(G.stores), ...Object.values(G.products), ...Object.values(G.suppliers)]);
    for (const kind of Object.keys(LISTS)) {
      for (const format of ['csv', 'parquet']) {
        const r = await t.on('api.localhost', { method: 'GET', url: `/api/v1/exports/${kind}?format=${format}`, headers: { 'x-tenant-id': 'cliente2' } });
        if (r.statusCode === 403) continue; // the feature the test above turned off
        expect({ kind, format, status: r.statusCode }).toEqual({ kind, format, status: 200 });
        const text = format === 'csv' ? r.rawPayload.toString('utf8') : JSON.stringify((await readParquet(r.rawPayload)).rows);
        for (const id of granjaIds) expect({ kind, format, leaked: text.includes(id) }).toEqual({ kind, format, leaked: false });
        for (const name of ['Caracas Centro', 'Harina', 'Polar', 'Queso']) expect({ kind, format, name, leaked: text.includes(name) }).toEqual({ kind, format, name, leaked: false });
      }
    }
    // Another tenant's id as a filter finds nothing rather than that tenant's rows.
    const csv = await exportCsv(t, 'cliente2', 'inventory', `store_id=${G.stores.caracas}`);
    expect(csv.rows).toEqual([]);
    const own = await exportCsv(t, 'cliente2', 'inventory');
    expect(own.rows.map((r) => r.store_id)).toEqual([C.stores.main, C.stores.main]);
  });
});

describe('formula injection and big exports', () => {
  let t: TestApp;
  const NAMES = ['=HYPERLINK("http://x")', '+1', '@SUM(A1:A9)', '-cmd', '\tTAB', 'plain, with comma', 'ñandú "quoted"'];
  const MANY = 12_345;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.store.platform;
    for (const [i, name] of NAMES.entries()) {
      await db.run(
        `INSERT INTO productos (tenant_id, sku, name, category, price, cost) VALUES ('cliente2', $1, $2, '=cat', 1.00, 0.50)`,
        [`F-${i}`, name],
      );
    }
    // Many products, and many ledger rows and sales lines sharing one instant: pages must break ties by the rest of the key.
    await db.run(
      `INSERT INTO productos (tenant_id, sku, name, category, price, cost)
       SELECT 'granja', 'BULK-' || lpad(CAST(g.i AS VARCHAR), 6, '0'), 'Bulk ' || CAST(g.i AS VARCHAR), 'bulk', 2.50, 1.00
       FROM generate_series(1, ${MANY}) AS g(i)`,
    );
    await db.run(
      `INSERT INTO inventory_movements (tenant_id, store_id, product_id, delta, quantity_after, reason, actor, created_at)
       SELECT 'granja', $1, $2, CAST(g.i AS INTEGER), 1, 'count', 'bulk', CAST('2026-11-04T10:00:00.123456Z' AS TIMESTAMPTZ)
       FROM generate_series(1, ${MANY}) AS g(i)`,
      [G.stores.valencia, G.products.queso],
    );
    await db.run(
      `INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity, unit_price, discount, unit_cost, currency, created_by)
       SELECT 'granja', 'B-' || CAST(g.i - g.i % 100 AS VARCHAR), CAST(g.i % 100 + 1 AS INTEGER), $1, $2, CAST('2026-11-05T12:00:00Z' AS TIMESTAMPTZ), CAST('2026-11-05' AS DATE),
              1, 9.99, 0, 5.00, 'VES', 'bulk'
       FROM generate_series(1, ${MANY}) AS g(i)`,
      [G.stores.valencia, G.products.arroz],
    );
  });
  afterAll(() => t.close());

  it('prefixes text that a spreadsheet would run with an apostrophe, and quotes what needs quoting', async () => {
    const r = await t.on('cliente2', '/api/v1/exports/products?category=%3Dcat&sort=sku');
    const body = r.rawPayload.toString('utf8');
    expect(body).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(body).toContain(`,'+1,`);
    expect(body).toContain(`,'@SUM(A1:A9),`);
    expect(body).toContain(`,'-cmd,`);
    expect(body).toContain(`,'\tTAB,`);
    expect(body).toContain(`,"plain, with comma",`);
    expect(body).toContain(`,"ñandú ""quoted""",`);
    const csv = await exportCsv(t, 'cliente2', 'products', 'category=%3Dcat&sort=sku');
    expect(csv.rows.map((p) => p.name)).toEqual(NAMES.map((n) => (/^[=+\-@\t]/.test(n) ? `'${n}` : n)));
    expect(csv.rows.every((p) => p.category === "'=cat" && p.price === '1.00')).toBe(true);
  });

  for (const [kind, query] of [
    ['products', 'category=bulk&sort=sku&order=desc'],
    ['movements', `store_id=${G.stores.valencia}`],
    ['sales', `store_id=${G.stores.valencia}`],
  ] as const) {
    it(`${kind}: a big export streams in chunks, every row once, in the list order`, { timeout: 180_000 }, async () => {
      const r = await t.on('granja', { method: 'GET', url: `/api/v1/exports/${kind}?${query}`, payloadAsStream: true });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-length']).toBeUndefined();
      let chunks = 0;
      const parts: Buffer[] = [];
      for await (const chunk of r.stream()) {
        chunks++;
        parts.push(chunk as Buffer);
      }
      // The header, then a chunk per page of 5,000 rows at least.
      expect(chunks).toBeGreaterThanOrEqual(3);
      const [header, ...rows] = parseCsv(Buffer.concat(parts).subarray(3).toString('utf8'));
      expect(rows.length).toBeGreaterThanOrEqual(MANY);
      const expected = (await listAll(t, 'granja', LISTS[kind]!, query)).map((i) => flatten(i));
      expect(header).toEqual(Object.keys(expected[0]!));
      expect(rows).toEqual(expected.map((e) => Object.values(e)));
    });
  }
});
