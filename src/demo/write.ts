/**
 * Bulk writing of simulated tenants into DuckDB.
 *
 * Millions of rows cannot go through one INSERT each, so the simulation's integer columns are
 * appended as data chunks into TEMP staging tables (a typed-array copy per column), and each real
 * table is then filled by one INSERT … SELECT that joins the staging tables, turns cents into
 * DECIMAL, builds ticket numbers, timestamps and ids. This module is DuckDB-specific on purpose
 * (appender, temp macros, md5/regexp_replace, to_timestamp); the app's SQL stays portable.
 *
 * Ids follow `demoUuid()` in ids.ts: the same formula in JS (stores, products, suppliers) and in
 * SQL (orders, inventory, movements), checked against each other by the tests.
 */
import { DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { demoUuid } from './ids.js';
import {
  CANCEL_SECOND,
  INITIAL_SECOND,
  ORDER_SECOND,
  RECEIPT_SECOND,
  type MovementColumn,
  type SalesColumn,
  type Simulation,
} from './simulate.js';

/** The calendar table covers this many days past "today" (late deliveries, expected dates). */
export const CALENDAR_TAIL_DAYS = 40;

type StageColumn = readonly [name: string, type: 'INTEGER', values: Int32Array] | readonly [name: string, type: 'VARCHAR', values: readonly (string | null)[]];

const CHUNK_ROWS = 2048;

/** Create (or replace) a TEMP table and fill it from columns, one data chunk at a time. */
export async function stage(conn: DuckDBConnection, table: string, columns: readonly StageColumn[]): Promise<void> {
  if (!/^demo_[a-z_]+$/.test(table)) throw new Error(`Not a staging table name: ${table}`);
  const defs = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (${defs})`);
  const rows = columns[0]?.[2].length ?? 0;
  if (rows === 0) return;
  const types: DuckDBType[] = columns.map(([, type]) => (type === 'INTEGER' ? INTEGER : VARCHAR));
  const appender = await conn.createAppender(table, 'main', 'temp');
  try {
    for (let from = 0; from < rows; from += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - from);
      const chunk = DuckDBDataChunk.create(types, n);
      columns.forEach(([, type, values], i) => {
        // Typed arrays index like arrays; the chunk only reads `length` and `[i]`.
        const part = type === 'INTEGER' ? values.subarray(from, from + n) : values.slice(from, from + n);
        chunk.setColumnValues(i, part as unknown as readonly DuckDBValue[]);
      });
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

/** Helpers available to the INSERT … SELECT statements while a load runs. */
export async function createMacros(conn: DuckDBConnection): Promise<void> {
  await conn.run('CREATE OR REPLACE TEMP MACRO demo_cents(c) AS CAST(CAST(c AS DECIMAL(18, 0)) * CAST(0.01 AS DECIMAL(3, 2)) AS DECIMAL(18, 2))');
  // md5 once, then shaped like ids.ts uuidFromMd5: xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx.
  await conn.run(
    "CREATE OR REPLACE TEMP MACRO demo_uuid(k) AS CAST(regexp_replace(md5(k), '^(.{8})(.{4}).(.{3}).(.{3})(.{12})$', '\\1-\\2-4\\3-8\\4-\\5') AS UUID)",
  );
}

export async function dropStaging(conn: DuckDBConnection): Promise<void> {
  const rows = await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'demo\\_%' ESCAPE '\\'");
  for (const [name] of rows.getRows()) {
    if (typeof name === 'string' && /^demo_[a-z_]+$/.test(name)) await conn.run(`DROP TABLE IF EXISTS temp.main.${name}`);
  }
  await conn.run('DROP MACRO IF EXISTS demo_cents');
  await conn.run('DROP MACRO IF EXISTS demo_uuid');
}

/**
 * Delete every row of the given tenants, children before parents. The order comes from the
 * schema's foreign keys, so tables added by later migrations (users, sessions, audit…) are
 * cleared too without this code knowing them. Each statement must commit on its own: DuckDB
 * refuses to delete a parent row whose children were deleted earlier in the same transaction.
 */
export async function deleteTenants(conn: DuckDBConnection, tenantIds: readonly string[], onProgress?: (fraction: number) => void): Promise<void> {
  if (tenantIds.length === 0) return;
  const tables = (await conn.runAndReadAll(
    `SELECT DISTINCT c.table_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.column_name = 'tenant_id' AND c.table_schema = 'main' AND c.table_catalog = current_database() AND t.table_type = 'BASE TABLE'`,
  ))
    .getRows()
    .map((r) => String(r[0]));
  const fks = (await conn.runAndReadAll("SELECT table_name, referenced_table FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'"))
    .getRows()
    .map((r) => [String(r[0]), String(r[1])] as const);
  const remaining = new Set(tables);
  const ordered: string[] = [];
  while (remaining.size > 0) {
    // A table can go once no remaining table points at it.
    const leaf = [...remaining].sort().find((t) => !fks.some(([child, parent]) => parent === t && child !== t && remaining.has(child)));
    if (!leaf) throw new Error(`Cannot order tenant tables for deletion (cycle among ${[...remaining].join(', ')})`);
    ordered.push(leaf);
    remaining.delete(leaf);
  }
  const placeholders = tenantIds.map((_, i) => `$${i + 1}`).join(', ');
  for (const [i, table] of ordered.entries()) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Unexpected table name ${table}`);
    const statement = ['DELETE FROM', table, 'WHERE tenant_id IN (', placeholders, ')'].join(' ');
    await conn.run(statement, [...tenantIds]);
    onProgress?.((i + 1) / (ordered.length + 1));
  }
  await conn.run(['DELETE FROM tenants WHERE id IN (', placeholders, ')'].join(' '), [...tenantIds]);
  onProgress?.(1);
}

/**
 * A stable counting sort: the row indexes grouped by key (0 ≤ key < keyCount), each group in the
 * rows' original (time) order.
 */
export function groupStable(keys: Int32Array, keyCount: number): Int32Array {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i]! + 1] = start[keys[i]! + 1]! + 1;
  for (let k = 0; k < keyCount; k++) start[k + 1] = start[k + 1]! + start[k]!;
  const out = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out[start[k]!] = i;
    start[k] = start[k]! + 1;
  }
  return out;
}

function gather(values: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!;
  return out;
}

function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

export interface WriteCounts {
  stores: number;
  suppliers: number;
  productos: number;
  exchange_rates: number;
  ventas: number;
  inventory: number;
  inventory_movements: number;
  orders: number;
  order_lines: number;
}

const TEXT = {
  'es-VE': { initial: 'Inventario inicial', receipt: 'Recepción de la orden de compra #' },
  default: { initial: 'Opening stock', receipt: 'Receipt of purchase order #' },
};

/** Write one simulated tenant. Runs inside the caller's transaction; staging tables are replaced per tenant. */
export async function writeTenant(conn: DuckDBConnection, sim: Simulation, progress: (step: string, fraction: number) => void): Promise<WriteCounts> {
  const { spec } = sim;
  const tenant = spec.id;
  const P = spec.products.length;
  const S = spec.stores.length;
  const currency = spec.settings.currency;
  const text = spec.settings.locale === 'es-VE' ? TEXT['es-VE'] : TEXT.default;
  const calDays = sim.days + CALENDAR_TAIL_DAYS;
  const createdSec = sim.firstDay * 86_400 + sim.offsets[0]! + INITIAL_SECOND;

  // ---- calendar and catalogue ---------------------------------------------------------------
  progress('catalogue', 0);
  const epoch = new Int32Array(calDays);
  const offset = new Int32Array(calDays);
  const rate = new Int32Array(calDays);
  for (let d = 0; d < calDays; d++) {
    epoch[d] = sim.firstDay + d;
    offset[d] = sim.offsets[Math.min(d, sim.offsets.length - 1)]!;
    rate[d] = sim.rates ? (sim.rates[Math.min(d, sim.rates.length - 1)] ?? 0) : 10_000;
  }
  await stage(conn, 'demo_days', [
    ['ix', 'INTEGER', range(calDays)],
    ['epoch_day', 'INTEGER', epoch],
    ['utc_offset', 'INTEGER', offset],
    ['rate', 'INTEGER', rate],
  ]);
  await conn.run(`CREATE OR REPLACE TEMP TABLE demo_cal AS
    SELECT ix, CAST(DATE '1970-01-01' + epoch_day AS DATE) AS date,
           strftime(CAST(DATE '1970-01-01' + epoch_day AS DATE), '%Y%m%d') AS ymd,
           CAST(epoch_day AS BIGINT) * 86400 + utc_offset AS base,
           CAST(CAST(rate AS DECIMAL(18, 0)) * CAST(0.0001 AS DECIMAL(5, 4)) AS DECIMAL(18, 6)) AS fx
    FROM demo_days`);

  await stage(conn, 'demo_stores', [
    ['ix', 'INTEGER', range(S)],
    ['id', 'VARCHAR', spec.stores.map((s) => demoUuid(tenant, 'store', s.code))],
    ['code', 'VARCHAR', spec.stores.map((s) => s.code)],
    ['name', 'VARCHAR', spec.stores.map((s) => s.name)],
    ['city', 'VARCHAR', spec.stores.map((s) => s.city)],
    ['address', 'VARCHAR', spec.stores.map((s) => s.address)],
  ]);
  await stage(conn, 'demo_suppliers', [
    ['ix', 'INTEGER', range(spec.suppliers.length)],
    ['id', 'VARCHAR', spec.suppliers.map((s) => demoUuid(tenant, 'supplier', s.code))],
    ['code', 'VARCHAR', spec.suppliers.map((s) => s.code)],
    ['name', 'VARCHAR', spec.suppliers.map((s) => s.name)],
    ['email', 'VARCHAR', spec.suppliers.map((s) => s.email)],
    ['phone', 'VARCHAR', spec.suppliers.map((s) => s.phone)],
    ['lead', 'INTEGER', Int32Array.from(spec.suppliers.map((s) => s.leadTimeDays))],
  ]);
  const supplierIx = new Map(spec.suppliers.map((s, i) => [s.code, i] as const));
  const today = sim.days * P;
  await stage(conn, 'demo_products', [
    ['ix', 'INTEGER', range(P)],
    ['id', 'VARCHAR', spec.products.map((p) => demoUuid(tenant, 'product', p.sku))],
    ['sku', 'VARCHAR', spec.products.map((p) => p.sku)],
    ['barcode', 'VARCHAR', spec.products.map((p) => p.barcode)],
    ['name', 'VARCHAR', spec.products.map((p) => p.name)],
    ['category', 'VARCHAR', spec.products.map((p) => p.category)],
    ['unit', 'VARCHAR', spec.products.map((p) => p.unit)],
    ['pack', 'INTEGER', Int32Array.from(spec.products.map((p) => p.packSize))],
    ['price', 'INTEGER', sim.price.slice(today, today + P)],
    ['cost', 'INTEGER', sim.cost.slice(today, today + P)],
    ['tax', 'VARCHAR', spec.products.map((p) => p.tax)],
    ['supplier', 'INTEGER', Int32Array.from(spec.products.map((p) => supplierIx.get(p.supplier) ?? -1))],
  ]);

  const settings = JSON.stringify(spec.settings);
  await conn.run(
    `INSERT INTO tenants (id, name, status, plan, settings, created_at, updated_at)
     VALUES ($1, $2, 'active', $3, $4, to_timestamp($5), to_timestamp($5))`,
    [tenant, spec.name, spec.plan, settings, createdSec],
  );
  await conn.run(
    `INSERT INTO stores (tenant_id, id, code, name, city, address, active, created_at, updated_at)
     SELECT $1, CAST(id AS UUID), code, name, city, address, true, to_timestamp($2), to_timestamp($2)
     FROM demo_stores ORDER BY ix`,
    [tenant, createdSec],
  );
  await conn.run(
    `INSERT INTO suppliers (tenant_id, id, code, name, email, phone, lead_time_days, active, created_at, updated_at)
     SELECT $1, CAST(id AS UUID), code, name, email, phone, lead, true, to_timestamp($2), to_timestamp($2)
     FROM demo_suppliers ORDER BY ix`,
    [tenant, createdSec],
  );
  await conn.run(
    `INSERT INTO productos (tenant_id, id, sku, barcode, name, category, unit, pack_size, price, cost, tax_category,
                            supplier_id, lead_time_days, active, created_at, updated_at)
     SELECT $1, CAST(p.id AS UUID), p.sku, p.barcode, p.name, p.category, p.unit, p.pack, demo_cents(p.price), demo_cents(p.cost), p.tax,
            CAST(s.id AS UUID), s.lead, true, to_timestamp($2), to_timestamp($2)
     FROM demo_products p JOIN demo_suppliers s ON s.ix = p.supplier ORDER BY p.ix`,
    [tenant, createdSec],
  );
  await conn.run(`CREATE OR REPLACE TEMP TABLE demo_store_ids AS SELECT ix, CAST(id AS UUID) AS id, code FROM demo_stores`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE demo_product_ids AS SELECT ix, CAST(id AS UUID) AS id, sku FROM demo_products`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE demo_supplier_ids AS SELECT ix, CAST(id AS UUID) AS id FROM demo_suppliers`);

  let exchangeRates = 0;
  if (sim.rates) {
    const r = await conn.run(
      `INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate, source, created_by, created_at)
       SELECT $1, 'USD', c.date, c.fx, 'BCV', 'demo', to_timestamp(c.base + $3)
       FROM demo_cal c WHERE c.ix <= $2 ORDER BY c.ix`,
      [tenant, sim.days, INITIAL_SECOND],
    );
    exchangeRates = r.rowsChanged;
  }

  // ---- sales ---------------------------------------------------------------------------------
  progress('sales: staging', 0.1);
  // Store-major order makes the tickets arrive sorted, which is much cheaper for the primary-key index.
  const order = groupStable(sim.sales.column('store'), S);
  const col = (name: SalesColumn) => gather(sim.sales.column(name), order);
  await stage(conn, 'demo_sales', [
    ['store', 'INTEGER', col('store')],
    ['day', 'INTEGER', col('day')],
    ['seq', 'INTEGER', col('seq')],
    ['line', 'INTEGER', col('line')],
    ['product', 'INTEGER', col('product')],
    ['qty', 'INTEGER', col('qty')],
    ['sec', 'INTEGER', col('sec')],
    ['price', 'INTEGER', col('price')],
    ['cost', 'INTEGER', col('cost')],
    ['discount', 'INTEGER', col('discount')],
  ]);
  progress('sales', 0.2);
  // Lines are priced in the tenant's own currency, so their rate to it is 1; the day's BCV rate
  // lives in exchange_rates (fx_rate is for lines sold in another currency).
  const fxExpr = 'CAST(1 AS DECIMAL(18, 6))';
  const ventas = await conn.run(
    [
      `INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity,
                           unit_price, discount, unit_cost, currency, fx_rate, created_by, created_at)
       SELECT $1, s.code || '-' || c.ymd || '-' || lpad(CAST(v.seq AS VARCHAR), 6, '0'), v.line, s.id, p.id,
              to_timestamp(c.base + v.sec), c.date, v.qty,
              demo_cents(v.price), demo_cents(v.discount), demo_cents(v.cost), $2,`,
      fxExpr,
      `, 'demo', to_timestamp(c.base + v.sec)
       FROM demo_sales v
       JOIN demo_cal c ON c.ix = v.day
       JOIN demo_store_ids s ON s.ix = v.store
       JOIN demo_product_ids p ON p.ix = v.product`,
    ].join(''),
    [tenant, currency],
  );
  await conn.run('DROP TABLE temp.main.demo_sales');

  // ---- purchase orders -----------------------------------------------------------------------
  progress('purchase orders', 0.6);
  const orders = sim.orders;
  await stage(conn, 'demo_orders', [
    ['ix', 'INTEGER', range(orders.length)],
    ['store', 'INTEGER', orders.column('store')],
    ['supplier', 'INTEGER', orders.column('supplier')],
    ['created', 'INTEGER', orders.column('created')],
    ['expected', 'INTEGER', orders.column('expected')],
    ['status', 'INTEGER', orders.column('status')],
    ['closed', 'INTEGER', orders.column('closed')],
  ]);
  const lines = sim.orderLines;
  await stage(conn, 'demo_order_lines', [
    ['ord', 'INTEGER', lines.column('order')],
    ['line', 'INTEGER', lines.column('line')],
    ['product', 'INTEGER', lines.column('product')],
    ['qty', 'INTEGER', lines.column('qty')],
    ['cost', 'INTEGER', lines.column('cost')],
    ['received', 'INTEGER', lines.column('received')],
  ]);
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE demo_order_ids AS
     SELECT ix, demo_uuid($1 || ':order:' || CAST(ix + 1 AS VARCHAR)) AS id FROM demo_orders`,
    [tenant],
  );
  // Status codes are simulate.ts ORDER_DRAFT(0) / SUBMITTED(1) / RECEIVED(2) / CANCELLED(3).
  const orderRows = await conn.run(
    `INSERT INTO orders (tenant_id, id, number, supplier_id, store_id, status, currency, total, expected_date, notes,
                         created_by, created_at, updated_at, submitted_at, received_at, cancelled_at)
     SELECT $1, oi.id, o.ix + 1, sp.id, st.id,
            CASE o.status WHEN 0 THEN 'draft' WHEN 1 THEN 'submitted' WHEN 2 THEN 'received' ELSE 'cancelled' END,
            $2, demo_cents(COALESCE(t.total, 0)),
            CASE WHEN o.expected >= 0 THEN ce.date END,
            NULL, 'demo',
            to_timestamp(cc.base + $3),
            to_timestamp(COALESCE(cx.base + CASE o.status WHEN 2 THEN $4 ELSE $5 END, cc.base + $3)),
            CASE WHEN o.status > 0 THEN to_timestamp(cc.base + $3) END,
            CASE WHEN o.status = 2 THEN to_timestamp(cx.base + $4) END,
            CASE WHEN o.status = 3 THEN to_timestamp(cx.base + $5) END
     FROM demo_orders o
     JOIN demo_order_ids oi ON oi.ix = o.ix
     JOIN demo_supplier_ids sp ON sp.ix = o.supplier
     JOIN demo_store_ids st ON st.ix = o.store
     JOIN demo_cal cc ON cc.ix = o.created
     LEFT JOIN demo_cal ce ON ce.ix = o.expected
     LEFT JOIN demo_cal cx ON cx.ix = o.closed
     LEFT JOIN (SELECT ord, sum(CAST(qty AS BIGINT) * cost) AS total FROM demo_order_lines GROUP BY ord) t ON t.ord = o.ix
     ORDER BY o.ix`,
    [tenant, currency, ORDER_SECOND, RECEIPT_SECOND, CANCEL_SECOND],
  );
  const lineRows = await conn.run(
    `INSERT INTO order_lines (tenant_id, order_id, line, product_id, quantity, unit_cost, received_quantity)
     SELECT $1, oi.id, l.line, p.id, l.qty, demo_cents(l.cost), CASE WHEN l.received >= 0 THEN l.received END
     FROM demo_order_lines l
     JOIN demo_order_ids oi ON oi.ix = l.ord
     JOIN demo_product_ids p ON p.ix = l.product
     ORDER BY l.ord, l.line`,
    [tenant],
  );

  // ---- stock and its ledger ------------------------------------------------------------------
  progress('stock ledger', 0.7);
  // Item by item, each item's movements in time order: both the primary key (sequential ids)
  // and the (store, product, created_at) index then receive their keys in order.
  const moves = sim.movements;
  const items = new Int32Array(moves.length);
  const mStore = moves.column('store');
  const mProduct = moves.column('product');
  for (let i = 0; i < moves.length; i++) items[i] = mStore[i]! * P + mProduct[i]!;
  const byItem = groupStable(items, S * P);
  const mcol = (name: MovementColumn) => gather(moves.column(name), byItem);
  await stage(conn, 'demo_moves', [
    ['ix', 'INTEGER', range(moves.length)],
    ['store', 'INTEGER', mcol('store')],
    ['product', 'INTEGER', mcol('product')],
    ['day', 'INTEGER', mcol('day')],
    ['sec', 'INTEGER', mcol('sec')],
    ['kind', 'INTEGER', mcol('kind')],
    ['delta', 'INTEGER', mcol('delta')],
    ['after', 'INTEGER', mcol('after')],
    ['ord', 'INTEGER', mcol('order')],
  ]);
  // Kinds are simulate.ts MOVE_INITIAL(0) / MOVE_RECEIPT(1) / MOVE_SALE(2).
  // Ids as ids.ts demoSequentialUuid: the row's sequence number in front keeps the primary-key
  // index fed in order, the md5 of tenant:movement:n behind.
  const movementRows = await conn.run(
    `INSERT INTO inventory_movements (tenant_id, id, store_id, product_id, delta, quantity_after, reason, ref_type, ref_id,
                                      actor, note, created_at)
     SELECT $1,
            CAST(format('{:08x}', m.ix) || '-' || substr(m.h, 9, 4) || '-4' || substr(m.h, 14, 3) || '-8' || substr(m.h, 18, 3) || '-' || substr(m.h, 21, 12) AS UUID),
            s.id, p.id, m.delta, m.after,
            CASE m.kind WHEN 0 THEN 'initial' WHEN 1 THEN 'receipt' ELSE 'sale' END,
            CASE m.kind WHEN 1 THEN 'order' WHEN 2 THEN 'daily' END,
            CASE m.kind WHEN 1 THEN CAST(oi.id AS VARCHAR) WHEN 2 THEN CAST(c.date AS VARCHAR) END,
            'demo',
            CASE m.kind WHEN 0 THEN $2 WHEN 1 THEN $3 || CAST(m.ord + 1 AS VARCHAR) END,
            to_timestamp(c.base + m.sec)
     FROM (SELECT *, md5($1 || ':movement:' || CAST(ix AS VARCHAR)) AS h FROM demo_moves) m
     JOIN demo_cal c ON c.ix = m.day
     JOIN demo_store_ids s ON s.ix = m.store
     JOIN demo_product_ids p ON p.ix = m.product
     LEFT JOIN demo_order_ids oi ON oi.ix = m.ord`,
    [tenant, text.initial, text.receipt],
  );
  await conn.run('DROP TABLE temp.main.demo_moves');

  progress('inventory', 0.9);
  const stocked: number[] = [];
  for (let i = 0; i < S * P; i++) if (sim.carried[i] === 1) stocked.push(i);
  const pick = (values: Int32Array) => Int32Array.from(stocked, (i) => values[i]!);
  await stage(conn, 'demo_inventory', [
    ['store', 'INTEGER', Int32Array.from(stocked, (i) => Math.floor(i / P))],
    ['product', 'INTEGER', Int32Array.from(stocked, (i) => i % P)],
    ['qty', 'INTEGER', pick(sim.stock)],
    ['min_stock', 'INTEGER', pick(sim.minStock)],
    ['max_stock', 'INTEGER', pick(sim.maxStock)],
    ['last_day', 'INTEGER', pick(sim.lastMoveDay)],
    ['last_sec', 'INTEGER', pick(sim.lastMoveSec)],
  ]);
  const inventoryRows = await conn.run(
    `INSERT INTO inventory (id, tenant_id, store_id, product_id, quantity, min_stock, max_stock, unit_cost, created_at, updated_at)
     SELECT demo_uuid($1 || ':inventory:' || s.code || '/' || p.sku), $1, s.id, p.id, i.qty, i.min_stock, i.max_stock,
            CAST(demo_cents(dp.cost) AS DECIMAL(10, 2)), to_timestamp($2), to_timestamp(c.base + i.last_sec)
     FROM demo_inventory i
     JOIN demo_store_ids s ON s.ix = i.store
     JOIN demo_product_ids p ON p.ix = i.product
     JOIN demo_products dp ON dp.ix = i.product
     JOIN demo_cal c ON c.ix = i.last_day
     ORDER BY i.store, i.product`,
    [tenant, createdSec],
  );
  progress('inventory', 1);

  return {
    stores: S,
    suppliers: spec.suppliers.length,
    productos: P,
    exchange_rates: exchangeRates,
    ventas: ventas.rowsChanged,
    inventory: inventoryRows.rowsChanged,
    inventory_movements: movementRows.rowsChanged,
    orders: orderRows.rowsChanged,
    order_lines: lineRows.rowsChanged,
  };
}
