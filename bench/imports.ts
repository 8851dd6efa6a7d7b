/**
 * Import throughput: a generated sales CSV of N rows (default 1,000,000; Spanish headers, ';',
 * decimal comma, dd/mm/yyyy hh:mm in the tenant's zone, as a Venezuelan POS exports it) imported
 * through Fluxion's import (the same code as `fluxion import` and the API's job), against DuckDB's
 * own `read_csv` + `INSERT … SELECT` of the same file into the same table, with the same lookups
 * (store code, sku) and time-zone conversion, in the same run. Then the same file again: the time
 * of a re-import and proof that it added no row. Peak memory (RSS and JS heap) is sampled through
 * the Fluxion import.
 *
 *   npm run bench:imports                       # 1,000,000 rows, DuckDB file in a temp dir
 *   npm run bench:imports -- --rows 200000
 *   DATABASE_URL=postgres://postgres@127.0.0.1/fluxion_bench npm run bench:imports   # Fluxion on PostgreSQL (empty database)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/open.js';
import { DuckDbStore } from '../src/store/duckdb/store.js';
import type { Store } from '../src/store/types.js';
import { insertTenant } from '../src/server/features/tenants/repository.js';
import { DEFAULT_SETTINGS, type TenantContext } from '../src/server/features/tenants/schema.js';
import { executeImport, inspectFile, recordImport } from '../src/server/features/imports/service.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false } } });
const ROWS = Number(args.rows);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a whole number ≥ 1');
const STORES = 12;
const PRODUCTS = 3000;
const TZ = 'America/Caracas';
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function generate(file: string): void {
  const fd = fs.openSync(file, 'w');
  let out = 'Factura;Renglon;Fecha;Tienda;Producto;Cantidad;Precio;Descuento\n';
  let rng = 42;
  const rand = (k: number) => ((rng = (rng * 1103515245 + 12345) & 0x7fffffff) % k);
  const start = Date.parse('2025-01-01T12:00:00Z');
  let row = 0;
  let ticket = 0;
  while (row < ROWS) {
    ticket++;
    const lines = 1 + rand(6);
    const at = new Date(start + ticket * 29_000);
    const p2 = (x: number) => String(x).padStart(2, '0');
    // Local time in Caracas (UTC−4, no DST): the instant minus four hours.
    const local = new Date(at.getTime() - 4 * 3600_000);
    const fecha = `${p2(local.getUTCDate())}/${p2(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}`;
    const store = `T${p2(1 + (ticket % STORES))}`;
    for (let l = 1; l <= lines && row < ROWS; l++, row++) {
      const price = 100 + rand(500_000);
      const priceText = `${Math.floor(price / 100).toLocaleString('de-DE')},${p2(price % 100)}`;
      out += `F-${ticket};${l};${fecha};${store};SKU-${String(1 + rand(PRODUCTS)).padStart(5, '0')};${1 + rand(5)};${priceText};${rand(10) === 0 ? '1,00' : '0'}\n`;
    }
    if (out.length > 1 << 20) {
      fs.writeSync(fd, out);
      out = '';
    }
  }
  fs.writeSync(fd, out);
  fs.closeSync(fd);
}

async function seedTenant(store: Store, id: string): Promise<TenantContext> {
  const settings = { ...DEFAULT_SETTINGS, currency: 'VES', timezone: TZ };
  await insertTenant(store.platform, { id, name: `Bench ${id}`, plan: 'premium', settings });
  const tdb = store.forTenant(id);
  await tdb.tx(async (tx) => {
    for (let s = 1; s <= STORES; s++) await tx.run('INSERT INTO stores (tenant_id, code, name) VALUES ($1, $2, $3)', [`T${String(s).padStart(2, '0')}`, `Store ${s}`]);
    for (let p = 1; p <= PRODUCTS; p += 500) {
      const values: string[] = [];
      const params: string[] = [];
      for (let q = p; q < p + 500 && q <= PRODUCTS; q++) {
        const sku = `SKU-${String(q).padStart(5, '0')}`;
        params.push(sku);
        values.push(`($1, $${params.length + 1}, $${params.length + 1}, 'General', 10, 5)`);
      }
      await tx.run(`INSERT INTO productos (tenant_id, sku, name, category, price, cost) VALUES ${values.join(', ')}`, params);
    }
  });
  const now = new Date().toISOString();
  return { id, name: `Bench ${id}`, status: 'active', plan: 'premium', settings, createdAt: now, updatedAt: now };
}

async function fluxionImport(store: Store, tenant: TenantContext, file: string) {
  const tdb = store.forTenant(tenant.id);
  const options = { kind: 'sales' as const, dryRun: false, createUnknown: false };
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  let lastPhase = '';
  const t0 = performance.now();
  const accepted = await inspectFile(file, path.basename(file), options);
  const who = { actor: { type: 'system' as const, label: 'bench' } };
  const id = await recordImport(tdb, accepted, options, who, 'cli', new Date());
  const outcome = await executeImport(id, accepted, options, {
    tdb,
    tenant,
    who,
    now: () => new Date(),
    persistProgress: false,
    onProgress: (p) => {
      if (p.phase !== lastPhase) {
        lastPhase = p.phase;
        process.stderr.write(`  ${p.phase} at ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (!outcome?.ok) throw new Error(`import failed: ${JSON.stringify(outcome?.error ?? outcome)}`);
  return { seconds, rows: outcome.rows, peakRss, peakHeap };
}

async function duckdbBaseline(store: DuckDbStore, file: string, tenant: string): Promise<number> {
  const t0 = performance.now();
  await store.withWriter(async (conn) => {
    await conn.run(`INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity, unit_price, discount, unit_cost, currency, fx_rate, created_by, created_at)
      SELECT '${tenant}', f.Factura, f.Renglon, st.id, p.id, timezone('${TZ}', f.Fecha), CAST(timezone('${TZ}', f.Fecha) AT TIME ZONE '${TZ}' AS DATE),
             f.Cantidad, f.Precio, f.Descuento, p.cost, 'VES', 1, 'baseline', now()
      FROM read_csv('${file}', header = true, delim = ';', decimal_separator = ',', thousands = '.', timestampformat = '%d/%m/%Y %H:%M',
             columns = {'Factura': 'VARCHAR', 'Renglon': 'INTEGER', 'Fecha': 'TIMESTAMP', 'Tienda': 'VARCHAR', 'Producto': 'VARCHAR', 'Cantidad': 'INTEGER', 'Precio': 'DECIMAL(18,2)', 'Descuento': 'DECIMAL(18,2)'}) f
      JOIN stores st ON st.tenant_id = '${tenant}' AND st.code = f.Tienda
      JOIN productos p ON p.tenant_id = '${tenant}' AND p.sku = f.Producto`);
  });
  return (performance.now() - t0) / 1000;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-bench-imports-'));
  const file = path.join(dir, 'ventas.csv');
  process.stderr.write(`Generating ${n(ROWS)} sales rows…\n`);
  generate(file);
  const size = fs.statSync(file).size;
  const backend = process.env.DATABASE_URL ? 'postgres' : 'duckdb';
  const store = await openStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
  // The baseline has a database file of its own: neither run pays for the other's rows (index
  // size, checkpoints).
  const baselineStore = await DuckDbStore.open({ file: path.join(dir, 'baseline.duckdb') });
  await baselineStore.migrate();
  const tenant = await seedTenant(store, 'bench');
  await seedTenant(baselineStore, 'baseline');
  const count = async (s: Store, t: string) => Number((await s.platform.get('SELECT count(*) AS n FROM ventas WHERE tenant_id = $1', [t]))?.n);

  process.stderr.write('DuckDB read_csv + INSERT…\n');
  const baseline = await duckdbBaseline(baselineStore, file, 'baseline');
  const baselineRows = await count(baselineStore, 'baseline');
  process.stderr.write('Fluxion import…\n');
  const first = await fluxionImport(store, tenant, file);
  const afterFirst = await count(store, 'bench');
  process.stderr.write('Fluxion re-import of the same file…\n');
  const second = await fluxionImport(store, tenant, file);
  const afterSecond = await count(store, 'bench');

  const rate = ROWS / first.seconds;
  const baseRate = baselineRows / baseline;
  console.log(`\nSales import, ${n(ROWS)} rows, ${mb(size)} CSV (';', decimal comma, dd/mm/yyyy hh:mm ${TZ}); Fluxion on ${backend}, ${os.cpus().length} cores`);
  console.log(`  DuckDB read_csv + INSERT:   ${baseline.toFixed(2)} s  ${n(baseRate)} rows/s  (${n(baselineRows)} rows)`);
  console.log(`  Fluxion import:             ${first.seconds.toFixed(2)} s  ${n(rate)} rows/s  (${n(first.rows.inserted)} inserted)`);
  console.log(`  ratio Fluxion / DuckDB:     ${(rate / baseRate).toFixed(2)}  (goal ≥ 0.5)`);
  console.log(`  peak memory during import:  RSS ${mb(first.peakRss)}, JS heap ${mb(first.peakHeap)}`);
  console.log(`  re-import of the same file: ${second.seconds.toFixed(2)} s, ${n(second.rows.inserted)} inserted, ${n(second.rows.unchanged)} unchanged; ventas rows ${n(afterFirst)} → ${n(afterSecond)} (${afterSecond === afterFirst ? 'no new rows' : 'NEW ROWS'})`);
  console.log(`  peak memory during re-import: RSS ${mb(second.peakRss)}, JS heap ${mb(second.peakHeap)}`);
  await baselineStore.close();
  await store.close();
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  if (afterSecond !== afterFirst || afterFirst !== ROWS) process.exitCode = 1;
}

await main();
