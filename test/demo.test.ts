/**
 * The demo loader against a real (in-memory) DuckDB at the small scale: determinism, the stock
 * ledger, censored sales, tenant isolation of every reference, force and refusal, atomicity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validGs1 } from '../src/demo/barcodes.js';
import { demoSequentialUuid, demoUuid } from '../src/demo/ids.js';
import { DemoDataExistsError, loadDemo, type DemoReport } from '../src/demo/index.js';
import { openStore } from '../src/store/open.js';
import type { Row, Store } from '../src/store/types.js';

const TODAY = new Date('2026-11-27T12:00:00Z');
const TABLES = ['stores', 'suppliers', 'productos', 'exchange_rates', 'ventas', 'inventory', 'inventory_movements', 'orders', 'order_lines'] as const;

async function freshStore(): Promise<Store> {
  return openStore({ dataDir: '.', file: ':memory:' });
}

/** count and an order-independent hash of every column of every demo row, per table. */
async function checksums(store: Store): Promise<Record<string, { n: number; h: string }>> {
  const out: Record<string, { n: number; h: string }> = {};
  const tenants = await store.platform.get(
    "SELECT count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h FROM tenants t WHERE id IN ('granja', 'cliente2')",
  );
  out.tenants = { n: Number(tenants!.n), h: String(tenants!.h) };
  for (const table of TABLES) {
    const sql = ['SELECT count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h FROM', table, "t WHERE tenant_id IN ('granja', 'cliente2')"].join(' ');
    const row = await store.platform.get(sql);
    out[table] = { n: Number(row!.n), h: String(row!.h) };
  }
  return out;
}

async function one(store: Store, sql: string): Promise<Row> {
  const row = await store.platform.get(sql);
  if (!row) throw new Error(`no row: ${sql}`);
  return row;
}

describe('demo data (small scale)', () => {
  let store: Store;
  let report: DemoReport;

  beforeAll(async () => {
    store = await freshStore();
    report = await loadDemo(store, { scale: 'small', today: TODAY });
  });
  afterAll(() => store.close());

  it('reports what it wrote, matching the tables', async () => {
    expect(report.tenants.map((t) => [t.id, t.name, t.stores, t.products])).toEqual([
      ['granja', 'La Granja Mercado', 2, 60],
      ['cliente2', 'Cliente 2 S.A.', 1, 20],
    ]);
    const sums = await checksums(store);
    for (const table of TABLES) expect({ table, n: sums[table]!.n }).toEqual({ table, n: report.rows[table] });
    for (const t of report.tenants) {
      const row = await store.platform.get('SELECT count(*) AS n FROM ventas WHERE tenant_id = $1', [t.id]);
      expect(Number(row!.n)).toBe(t.salesLines);
      expect(t.salesLines).toBeGreaterThan(100);
      expect(t.lastDay).toBe('2026-11-26');
    }
    expect(report.tenants[0]!.firstDay).toBe('2026-09-28');
  });

  it('creates both tenants with their plan and settings', async () => {
    const rows = await store.platform.all("SELECT id, name, status, plan, settings FROM tenants WHERE id IN ('granja', 'cliente2') ORDER BY id");
    expect(rows.map((r) => [r.id, r.name, r.status, r.plan])).toEqual([
      ['cliente2', 'Cliente 2 S.A.', 'active', 'standard'],
      ['granja', 'La Granja Mercado', 'active', 'premium'],
    ]);
    expect(rows[1]!.settings).toMatchObject({ currency: 'VES', timezone: 'America/Caracas', locale: 'es-VE', primaryColor: '#10b981', logoUrl: null });
    expect(rows[0]!.settings).toMatchObject({ currency: 'USD', timezone: 'America/New_York', features: ['inventory', 'sales'] });
  });

  it('derives ids from tenant, kind and key, the same in JS and in SQL', async () => {
    const store0 = await one(store, "SELECT id FROM stores WHERE tenant_id = 'granja' AND code = 'CCS1'");
    expect(store0.id).toBe(demoUuid('granja', 'store', 'CCS1'));
    const inv = await one(
      store,
      `SELECT i.id, p.sku FROM inventory i JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id
       JOIN stores s ON s.tenant_id = i.tenant_id AND s.id = i.store_id
       WHERE i.tenant_id = 'granja' AND s.code = 'CCS1' ORDER BY p.sku LIMIT 1`,
    );
    expect(inv.id).toBe(demoUuid('granja', 'inventory', `CCS1/${String(inv.sku)}`));
    const order1 = await one(store, "SELECT id FROM orders WHERE tenant_id = 'granja' AND number = 1");
    expect(order1.id).toBe(demoUuid('granja', 'order', 1));
    const first = await store.platform.get('SELECT reason FROM inventory_movements WHERE tenant_id = $1 AND id = $2::UUID', ['granja', demoSequentialUuid('granja', 'movement', 0)]);
    expect(first?.reason).toBe('initial');
  });

  it('keeps the ledger in agreement with the stock of every item', async () => {
    const totals = await one(
      store,
      `SELECT count(*) AS items,
              count(*) FILTER (WHERE COALESCE(m.s, 0) <> i.quantity) AS disagree,
              count(*) FILTER (WHERE m.s IS NULL) AS without_ledger
       FROM inventory i
       LEFT JOIN (SELECT tenant_id, store_id, product_id, sum(delta) AS s FROM inventory_movements GROUP BY tenant_id, store_id, product_id) m
         ON m.tenant_id = i.tenant_id AND m.store_id = i.store_id AND m.product_id = i.product_id
       WHERE i.tenant_id IN ('granja', 'cliente2')`,
    );
    expect(Number(totals.items)).toBe(report.rows.inventory);
    // Stores carry most of the catalogue (small stores skip part of the long tail).
    expect(report.rows.inventory).toBeGreaterThan(0.75 * (2 * 60 + 20));
    expect(Number(totals.disagree)).toBe(0);
    expect(Number(totals.without_ledger)).toBe(0);

    // quantity_after is the running balance, and nothing ever goes below zero.
    const running = await one(
      store,
      `SELECT count(*) AS n,
              count(*) FILTER (WHERE running <> quantity_after) AS wrong,
              min(quantity_after) AS lowest,
              count(*) FILTER (WHERE reason = 'initial' AND pos <> 1) AS initial_not_first
       FROM (SELECT quantity_after, reason,
                    sum(delta) OVER (PARTITION BY tenant_id, store_id, product_id ORDER BY created_at ROWS UNBOUNDED PRECEDING) AS running,
                    row_number() OVER (PARTITION BY tenant_id, store_id, product_id ORDER BY created_at) AS pos
             FROM inventory_movements WHERE tenant_id IN ('granja', 'cliente2')) m`,
    );
    expect(Number(running.n)).toBe(report.rows.inventory_movements);
    expect(Number(running.wrong)).toBe(0);
    expect(Number(running.lowest)).toBeGreaterThanOrEqual(0);
    expect(Number(running.initial_not_first)).toBe(0);
    const neg = await one(store, "SELECT count(*) AS n FROM inventory WHERE tenant_id IN ('granja', 'cliente2') AND quantity < 0");
    expect(Number(neg.n)).toBe(0);
  });

  it('records one sale movement per item-day, equal to that day\'s sales lines', async () => {
    const r = await one(
      store,
      `WITH v AS (SELECT tenant_id, store_id, product_id, business_date AS d, sum(quantity) AS q
                  FROM ventas WHERE tenant_id IN ('granja', 'cliente2') GROUP BY tenant_id, store_id, product_id, business_date),
            s AS (SELECT tenant_id, store_id, product_id, CAST(ref_id AS DATE) AS d, -delta AS q, ref_type
                  FROM inventory_movements WHERE tenant_id IN ('granja', 'cliente2') AND reason = 'sale')
       SELECT (SELECT count(*) FROM v) AS item_days,
              (SELECT count(*) FROM s WHERE ref_type <> 'daily') AS wrong_ref,
              (SELECT count(*) FROM v FULL JOIN s ON s.tenant_id = v.tenant_id AND s.store_id = v.store_id
                 AND s.product_id = v.product_id AND s.d = v.d WHERE v.q IS DISTINCT FROM s.q) AS mismatched`,
    );
    expect(Number(r.item_days)).toBeGreaterThan(500);
    expect(Number(r.wrong_ref)).toBe(0);
    expect(Number(r.mismatched)).toBe(0);
  });

  it('has real stock-outs, and an empty shelf sells nothing until a delivery comes', async () => {
    const r = await one(
      store,
      `SELECT count(*) FILTER (WHERE quantity_after = 0) AS stockouts,
              count(*) FILTER (WHERE quantity_after = 0 AND next_reason = 'sale') AS sold_from_empty
       FROM (SELECT quantity_after, lead(reason) OVER (PARTITION BY tenant_id, store_id, product_id ORDER BY created_at) AS next_reason
             FROM inventory_movements WHERE tenant_id IN ('granja', 'cliente2')) m`,
    );
    expect(Number(r.stockouts)).toBeGreaterThan(0);
    expect(Number(r.sold_from_empty)).toBe(0);
  });

  it('books every receipt against a received order of the same store, product and quantity', async () => {
    const r = await one(
      store,
      `SELECT count(*) AS receipts,
              count(*) FILTER (WHERE o.status IS DISTINCT FROM 'received' OR l.received_quantity IS DISTINCT FROM m.delta
                               OR o.store_id <> m.store_id OR m.ref_type <> 'order') AS wrong
       FROM inventory_movements m
       LEFT JOIN orders o ON o.tenant_id = m.tenant_id AND CAST(o.id AS VARCHAR) = m.ref_id
       LEFT JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id AND l.product_id = m.product_id
       WHERE m.tenant_id IN ('granja', 'cliente2') AND m.reason = 'receipt'`,
    );
    expect(Number(r.receipts)).toBeGreaterThan(50);
    expect(Number(r.wrong)).toBe(0);
  });

  it('writes purchase orders whose total is the sum of their lines, in every status', async () => {
    const r = await one(
      store,
      `SELECT count(*) FILTER (WHERE COALESCE(l.s, 0) <> o.total) AS wrong_total,
              count(*) FILTER (WHERE l.n IS NULL) AS without_lines,
              count(*) FILTER (WHERE o.status = 'received' AND (o.received_at IS NULL OR l.unreceived > 0)) AS bad_received,
              count(*) FILTER (WHERE o.status = 'draft' AND o.submitted_at IS NOT NULL) AS bad_draft,
              count(DISTINCT o.status) AS statuses
       FROM orders o
       LEFT JOIN (SELECT tenant_id, order_id, count(*) AS n, sum(quantity * unit_cost) AS s,
                         count(*) FILTER (WHERE received_quantity IS NULL) AS unreceived
                  FROM order_lines GROUP BY tenant_id, order_id) l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
       WHERE o.tenant_id IN ('granja', 'cliente2')`,
    );
    expect(Number(r.wrong_total)).toBe(0);
    expect(Number(r.without_lines)).toBe(0);
    expect(Number(r.bad_received)).toBe(0);
    expect(Number(r.bad_draft)).toBe(0);
    expect(Number(r.statuses)).toBeGreaterThanOrEqual(3);
    const counts = await store.platform.all(
      "SELECT status, count(*) AS n FROM orders WHERE tenant_id = 'granja' GROUP BY status ORDER BY status",
    );
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    expect(byStatus.received).toBeGreaterThan(20);
    expect(byStatus.submitted).toBeGreaterThan(0);
    expect(byStatus.draft).toBeGreaterThan(0);
  });

  it('keeps every reference inside its own tenant', async () => {
    const refs: Array<[string, string, string]> = [
      ['ventas', 'store_id', 'stores'],
      ['ventas', 'product_id', 'productos'],
      ['inventory', 'store_id', 'stores'],
      ['inventory', 'product_id', 'productos'],
      ['inventory_movements', 'store_id', 'stores'],
      ['inventory_movements', 'product_id', 'productos'],
      ['orders', 'store_id', 'stores'],
      ['orders', 'supplier_id', 'suppliers'],
      ['order_lines', 'order_id', 'orders'],
      ['order_lines', 'product_id', 'productos'],
      ['productos', 'supplier_id', 'suppliers'],
    ];
    for (const [child, column, parent] of refs) {
      // Join on the id alone: a reference that crossed tenants would match the other tenant's row.
      const sql = [
        'SELECT count(*) AS n, count(*) FILTER (WHERE p.tenant_id = c.tenant_id) AS same FROM',
        child,
        'c LEFT JOIN',
        parent,
        'p ON p.id = c.' + column,
        "WHERE c.tenant_id IN ('granja', 'cliente2')",
      ].join(' ');
      const r = await one(store, sql);
      expect({ child, column, n: Number(r.n) > 0, same: Number(r.same) }).toEqual({ child, column, n: true, same: Number(r.n) });
    }
  });

  it('groups lines into tickets numbered per store and day, during opening hours', async () => {
    const bad = await one(
      store,
      `SELECT count(*) AS tickets,
              count(*) FILTER (WHERE lo <> 1 OR hi <> n OR products <> n OR instants <> 1 OR stores <> 1) AS malformed,
              avg(n) AS lines_per_ticket
       FROM (SELECT tenant_id, ticket, count(*) AS n, min(line) AS lo, max(line) AS hi, count(DISTINCT product_id) AS products,
                    count(DISTINCT fecha_venta) AS instants, count(DISTINCT store_id) AS stores
             FROM ventas WHERE tenant_id IN ('granja', 'cliente2') GROUP BY tenant_id, ticket) t`,
    );
    expect(Number(bad.malformed)).toBe(0);
    expect(Number(bad.lines_per_ticket)).toBeGreaterThan(1.5);

    const rows = await store.platform.all(
      `SELECT v.tenant_id, v.ticket, v.fecha_venta, v.business_date, s.code
       FROM ventas v JOIN stores s ON s.tenant_id = v.tenant_id AND s.id = v.store_id
       WHERE v.tenant_id IN ('granja', 'cliente2') AND v.line = 1`,
    );
    const zones: Record<string, string> = { granja: 'America/Caracas', cliente2: 'America/New_York' };
    for (const r of rows) {
      const ticket = String(r.ticket);
      const date = String(r.business_date);
      expect(ticket).toMatch(new RegExp(`^${String(r.code)}-${date.replaceAll('-', '')}-\\d{6}$`));
      const local = new Intl.DateTimeFormat('en-CA', {
        timeZone: zones[String(r.tenant_id)],
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
      }).formatToParts(new Date(String(r.fecha_venta)));
      const part = (t: string) => local.find((p) => p.type === t)!.value;
      expect(`${part('year')}-${part('month')}-${part('day')}`).toBe(date);
      const hour = Number(part('hour'));
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(21);
    }
  });

  it('prices bolívar sales at the day\'s BCV rate, stored in exchange_rates', async () => {
    // Lines are in the tenant's currency (rate 1 to it); every sale day has its BCV rate.
    const r = await one(
      store,
      `SELECT count(*) AS lines,
              count(*) FILTER (WHERE x.rate IS NULL OR v.fx_rate <> 1 OR v.currency <> 'VES') AS off_rate
       FROM ventas v LEFT JOIN exchange_rates x ON x.tenant_id = v.tenant_id AND x.currency = 'USD' AND x.rate_date = v.business_date
       WHERE v.tenant_id = 'granja'`,
    );
    expect(Number(r.off_rate)).toBe(0);
    const usd = await one(store, "SELECT count(*) FILTER (WHERE fx_rate <> 1 OR currency <> 'USD') AS n FROM ventas WHERE tenant_id = 'cliente2'");
    expect(Number(usd.n)).toBe(0);
    const rates = await one(
      store,
      `SELECT count(*) AS days, count(*) FILTER (WHERE source <> 'BCV') AS other_source, min(rate_date) AS first, max(rate_date) AS last
       FROM exchange_rates WHERE tenant_id = 'granja'`,
    );
    expect(rates).toMatchObject({ days: 61, other_source: 0, first: '2026-09-28', last: '2026-11-27' });
    // The bolívar depreciates: the same product costs more bolívares at the end than at the start.
    const trend = await one(
      store,
      `SELECT count(*) FILTER (WHERE last_price > first_price) AS up, count(*) AS n FROM (
         SELECT product_id, arg_min(unit_price, fecha_venta) AS first_price, arg_max(unit_price, fecha_venta) AS last_price
         FROM ventas WHERE tenant_id = 'granja' GROUP BY product_id HAVING count(*) > 20) t`,
    );
    expect(Number(trend.up)).toBe(Number(trend.n));
    expect(Number(trend.n)).toBeGreaterThan(5);
  });

  it('stores valid barcodes and current prices above cost', async () => {
    const rows = await store.platform.all("SELECT tenant_id, barcode, price, cost FROM productos WHERE tenant_id IN ('granja', 'cliente2')");
    expect(rows).toHaveLength(80);
    for (const r of rows) {
      expect(validGs1(String(r.barcode))).toBe(true);
      expect(Number(r.price)).toBeGreaterThan(Number(r.cost));
    }
  });

  it('refuses to load over existing demo tenants without force, and changes nothing', async () => {
    const before = await checksums(store);
    await expect(loadDemo(store, { scale: 'small', today: TODAY })).rejects.toBeInstanceOf(DemoDataExistsError);
    await expect(loadDemo(store, { scale: 'small', today: TODAY })).rejects.toThrow(/granja.*--force/);
    expect(await checksums(store)).toEqual(before);
  });
});

describe('demo determinism, force and atomicity', () => {
  const stores: Store[] = [];
  const open = async () => {
    const s = await freshStore();
    stores.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('gives byte-identical tables for the same seed and different data for another seed', async () => {
    const a = await open();
    const b = await open();
    const c = await open();
    await loadDemo(a, { scale: 'small', today: TODAY, seed: 11 });
    await loadDemo(b, { scale: 'small', today: TODAY, seed: 11 });
    await loadDemo(c, { scale: 'small', today: TODAY, seed: 12 });
    const [sa, sb, sc] = [await checksums(a), await checksums(b), await checksums(c)];
    expect(sb).toEqual(sa);
    expect(sc.ventas).not.toEqual(sa.ventas);
    expect(sc.inventory_movements).not.toEqual(sa.inventory_movements);
    // Stores keep their ids across seeds: only the simulated data moves.
    expect(sc.stores).toEqual(sa.stores);

    // force replaces the data without leaving or duplicating anything: b reloaded with seed 12 is c.
    const progress: string[] = [];
    await loadDemo(b, { scale: 'small', today: TODAY, seed: 12, force: true, onProgress: (p) => progress.push(p) });
    expect(await checksums(b)).toEqual(sc);
    expect(progress).toContain('removing the previous demo data');
    // and force over the same data is a clean replacement too.
    await loadDemo(b, { scale: 'small', today: TODAY, seed: 12, force: true });
    expect(await checksums(b)).toEqual(sc);
  });

  it('leaves nothing half-written when a load fails, even a forced one', async () => {
    const s = await open();
    const failing = (phase: string) => {
      if (phase === 'cliente2: writing sales') throw new Error('disk on fire');
    };
    await expect(loadDemo(s, { scale: 'small', today: TODAY, onProgress: failing })).rejects.toThrow('disk on fire');
    for (const table of ['ventas', 'stores', 'productos', 'inventory_movements'] as const) {
      const row = await one(s, ['SELECT count(*) AS n FROM', table].join(' '));
      expect({ table, n: Number(row.n) }).toEqual({ table, n: 0 });
    }
    expect(await s.platform.all("SELECT id FROM tenants WHERE id IN ('granja', 'cliente2')")).toEqual([]);

    await loadDemo(s, { scale: 'small', today: TODAY });
    const before = await checksums(s);
    // A forced load clears the old demo rows first (DuckDB cannot delete parents after their
    // children in one transaction); when the new data then fails, no demo tenant is left at all.
    await expect(loadDemo(s, { scale: 'small', today: TODAY, seed: 99, force: true, onProgress: failing })).rejects.toThrow('disk on fire');
    const after = await checksums(s);
    for (const [table, sum] of Object.entries(after)) expect({ table, n: sum.n }).toEqual({ table, n: 0 });
    // The connection is usable afterwards (no transaction left open), and a plain load works again.
    await loadDemo(s, { scale: 'small', today: TODAY, seed: 99 });
    expect((await checksums(s)).ventas).not.toEqual(before.ventas);
  });

  it('leaves other tenants alone when it replaces the demo tenants', async () => {
    const s = await open();
    await loadDemo(s, { scale: 'small', today: TODAY });
    await s.platform.run(`INSERT INTO tenants (id, name, plan, settings) VALUES ('acme', 'Acme', 'free', '{}')`);
    await s.platform.run(`INSERT INTO stores (tenant_id, code, name) VALUES ('acme', 'CCS1', 'Acme Caracas')`);
    await loadDemo(s, { scale: 'small', today: TODAY, force: true });
    const acme = await one(s, "SELECT count(*) AS n FROM stores WHERE tenant_id = 'acme'");
    expect(Number(acme.n)).toBe(1);
  });

  it('names the limitation on a store that is not DuckDB', async () => {
    const fake = { dialect: 'postgres', location: 'postgres://x', platform: {}, forTenant: () => ({}), close: async () => undefined } as unknown as Store;
    await expect(loadDemo(fake, { scale: 'small' })).rejects.toThrow(/DuckDB/);
  });
});

describe('demo accounts', () => {
  it('creates the four role sign-ins per demo tenant and the platform admin, with the demo password', async () => {
    const { createTestApp } = await import('./support/app.js');
    const { loadDemo } = await import('../src/demo/index.js');
    const { DEMO_PASSWORD } = await import('../src/demo/accounts.js');
    const t = await createTestApp({ fixtures: false });
    try {
      await loadDemo(t.store, { scale: 'small', today: new Date('2026-11-20T12:00:00Z') });
      for (const tenant of ['granja', 'cliente2']) {
        for (const role of ['owner', 'manager', 'staff', 'viewer']) {
          const r = await t.on(tenant, { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: `${role}@${tenant}.demo`, password: DEMO_PASSWORD } });
          expect({ tenant, role, status: r.statusCode, role_: r.json().user?.role }).toEqual({ tenant, role, status: 200, role_: role });
        }
      }
      const admin = await t.on('admin.localhost', { method: 'POST', url: '/api/v1/admin/auth/login', as: 'anonymous', payload: { email: 'admin@fluxion.demo', password: DEMO_PASSWORD } });
      expect(admin.statusCode).toBe(200);
      const cross = await t.on('cliente2', { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: 'owner@granja.demo', password: DEMO_PASSWORD } });
      expect(cross.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});
