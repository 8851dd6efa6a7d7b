/**
 * Forecast accuracy and speed. Every series of a tenant (product × store, daily units) is forecast
 * by the engine at four rolling origins over the last 8 weeks — 56, 49, 42 and 35 days before the
 * end, each scored on its full 28-day horizon, each choosing its model only from what came before
 * — and by the plain weekly seasonal naive method at the same origins. Prints MASE of the engine
 * against the naive benchmark overall, per ABC class, per demand class and per chosen model,
 * the 80 %/95 % interval coverage, and the time per series and in total (the production forecast
 * at the end included, as a nightly run does it).
 *
 *   npm run bench:forecast                          # full demo, tenant granja (loads it first: ~35 s)
 *   npm run bench:forecast -- --scale small
 *   npm run bench:forecast -- --data-dir /tmp/demo   # keep the loaded demo there and reuse it next time
 *   npm run bench:forecast -- --csv ventas.csv      # any sales CSV: date, store, product, quantity
 *       [--date fecha --store tienda --product sku --quantity cantidad --price precio]
 *
 * A CSV is read by DuckDB (delimiter and types detected); the columns are found by their usual
 * Spanish or English names unless named. It has no stock ledger, so no day is censored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore } from '../src/store/open.js';
import { loadDemo } from '../src/demo/index.js';
import { estimateCalendar, epochDay, isoDay } from '../src/analytics/calendar.js';
import { summarise, type Aggregate, type SeriesData } from '../src/analytics/run.js';
import { runSeriesInParallel } from '../src/analytics/parallel.js';
import { abcClasses } from '../src/analytics/insights/abc-xyz.js';
import { loadSeries } from '../src/server/features/forecasting/series.js';
import { HISTORY_DAYS } from '../src/server/features/forecasting/constants.js';

const { values: args } = parseArgs({
  options: {
    csv: { type: 'string' },
    scale: { type: 'string', default: 'full' },
    'data-dir': { type: 'string' },
    tenant: { type: 'string', default: 'granja' },
    date: { type: 'string' },
    store: { type: 'string' },
    product: { type: 'string' },
    quantity: { type: 'string' },
    price: { type: 'string' },
  },
});
const say = (s: string) => process.stdout.write(`${s}\n`);

interface Input {
  label: string;
  start: number;
  series: SeriesData[];
  total: number[];
  totalStart: number;
  /** Product of each series key, and revenue (or units) per product. */
  productOf: Map<string, string>;
  weight: Map<string, number>;
}

async function fromDemo(): Promise<Input> {
  const keep = args['data-dir'];
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-bench-forecast-'));
  const reuse = keep !== undefined && fs.existsSync(path.join(dir, 'fluxion.duckdb'));
  fs.mkdirSync(dir, { recursive: true });
  const store = await openStore({ dataDir: dir });
  try {
    await store.migrate();
    if (reuse) say(`Using the demo already in ${dir}`);
    else {
      say(`Loading the ${args.scale} demo into ${dir} …`);
      const t0 = performance.now();
      await loadDemo(store, { scale: args.scale === 'small' ? 'small' : 'full' });
      say(`  loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const tenant = await store.platform.get('SELECT settings FROM tenants WHERE id = $1', [args.tenant]);
    if (!tenant) throw new Error(`No tenant '${args.tenant}' in the demo`);
    const settings = typeof tenant.settings === 'string' ? JSON.parse(tenant.settings) : tenant.settings;
    const timeZone = String(settings?.timezone ?? 'UTC');
    const asOf = new Date().toISOString().slice(0, 10);
    const t1 = performance.now();
    const data = await loadSeries(store.forTenant(args.tenant), asOf, HISTORY_DAYS, timeZone);
    say(`  read ${data.series.length} series × ${data.days} days in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    return {
      label: `demo tenant ${args.tenant} (${args.scale}), as of ${asOf}`,
      start: data.start,
      series: data.series,
      total: data.total,
      totalStart: data.totalStart,
      productOf: new Map(data.series.map((s) => [s.key, s.productId])),
      weight: data.revenue,
    };
  } finally {
    await store.close();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ALIASES: Record<'date' | 'store' | 'product' | 'quantity' | 'price', string[]> = {
  date: ['date', 'fecha', 'business_date', 'fecha_venta', 'day', 'dia'],
  store: ['store', 'tienda', 'store_id', 'store_code', 'sucursal', 'location'],
  product: ['product', 'producto', 'sku', 'product_id', 'item', 'articulo', 'codigo'],
  quantity: ['quantity', 'cantidad', 'qty', 'units', 'unidades', 'sales', 'ventas'],
  price: ['price', 'precio', 'unit_price', 'precio_unitario', 'sell_price'],
};

async function fromCsv(file: string): Promise<Input> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const esc = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const head = await db.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${esc(file)})`);
  const names = head.getRowObjects().map((r) => String(r.column_name));
  const pick = (kind: keyof typeof ALIASES, required: boolean) => {
    const given = args[kind];
    const found = given ?? names.find((n) => ALIASES[kind].includes(n.toLowerCase().trim()));
    if (required && (!found || !names.includes(found))) throw new Error(`No ${kind} column in ${file} (columns: ${names.join(', ')}); name it with --${kind}`);
    return found && names.includes(found) ? `"${found.replace(/"/g, '""')}"` : null;
  };
  const [d, s, p, q, pr] = [pick('date', true), pick('store', true), pick('product', true), pick('quantity', true), pick('price', false)];
  const reader = await db.runAndReadAll(
    `SELECT CAST(${s} AS VARCHAR) AS store, CAST(${p} AS VARCHAR) AS product, CAST(${d} AS DATE) AS day,
            sum(CAST(${q} AS DOUBLE)) AS units, sum(CAST(${q} AS DOUBLE) * ${pr ? `CAST(${pr} AS DOUBLE)` : '1'}) AS amount
     FROM read_csv(${esc(file)}) GROUP BY ALL`,
  );
  const rows = reader.getRowObjects();
  if (rows.length === 0) throw new Error(`${file} holds no sales`);
  let last = -Infinity;
  let first = Infinity;
  for (const r of rows) {
    last = Math.max(last, epochDay(String(r.day)));
    first = Math.min(first, epochDay(String(r.day)));
  }
  // The calendar learns from every day of the file; the series use the last HISTORY_DAYS.
  const total = new Array<number>(last + 1 - first).fill(0);
  const days = HISTORY_DAYS;
  const start = last + 1 - days;
  const byKey = new Map<string, SeriesData>();
  const productOf = new Map<string, string>();
  const weight = new Map<string, number>();
  for (const r of rows) {
    total[epochDay(String(r.day)) - first]! += Number(r.units);
    const t = epochDay(String(r.day)) - start;
    if (t < 0) continue;
    const key = `${String(r.store)}/${String(r.product)}`;
    let series = byKey.get(key);
    if (!series) byKey.set(key, (series = { key, start, values: new Array<number>(days).fill(0) }));
    productOf.set(key, String(r.product));
    series.values[t]! += Number(r.units);
    weight.set(String(r.product), (weight.get(String(r.product)) ?? 0) + Number(r.amount));
  }
  return { label: `${path.basename(file)} (${rows.length} store × product × day rows, last day ${isoDay(last)})`, start, series: [...byKey.values()], total, totalStart: first, productOf, weight };
}

function bar(done: number, total: number, t0: number): void {
  if (!process.stdout.isTTY && done !== total && done % 500 !== 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(`${process.stdout.isTTY ? '\r' : ''}  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} series, ${s.toFixed(1)} s${process.stdout.isTTY ? '' : '\n'}`);
}

const f = (x: number | null, d = 3) => (x === null ? '—' : x.toFixed(d));
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
function row(label: string, a: Aggregate): string {
  return `${label.padEnd(26)} ${String(a.n).padStart(7)} ${f(a.mase).padStart(8)} ${f(a.meanMase).padStart(8)} ${f(a.naiveMase).padStart(8)} ${f(a.ratio).padStart(7)} ${pct(a.coverage80).padStart(8)} ${pct(a.coverage95).padStart(8)}`;
}

const input = args.csv ? await fromCsv(args.csv) : await fromDemo();
say(`\nForecasting ${input.series.length} series of ${input.label}`);
const t0 = performance.now();
const calendar = estimateCalendar(input.total, input.totalStart);
const outcomes = await runSeriesInParallel(input.series, calendar, { onProgress: (done, total) => bar(done, total, t0) });
if (process.stdout.isTTY) process.stdout.write('\n');
const classes = abcClasses(input.weight);
const summary = summarise(outcomes, (key) => classes.get(input.productOf.get(key) ?? ''));
const seconds = (performance.now() - t0) / 1000;

say(`\nCalendar factors: ${Object.entries(calendar.factors).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
say(`Weekday profile (Sun…Sat): ${calendar.weekday.map((w) => w.toFixed(2)).join(' ')}; closed every year: ${calendar.closed.join(', ') || 'none'}`);
say(`\nBacktest: 4 origins (56, 49, 42, 35 days before the end), 28-day horizon; MASE scaled by each history's weekly naive MAE,`);
say(`of the point forecast (the predictive median) and, for comparison, of the mean forecast; ratio = MASE ÷ naive`);
say(`${'group'.padEnd(26)} ${'n'.padStart(7)} ${'MASE'.padStart(8)} ${'of mean'.padStart(8)} ${'naive'.padStart(8)} ${'ratio'.padStart(7)} ${'cov 80'.padStart(8)} ${'cov 95'.padStart(8)}`);
say(row('overall', summary.overall));
for (const [k, a] of Object.entries(summary.byGroup)) say(row(`ABC ${k}`, a));
for (const [k, a] of Object.entries(summary.byDemandClass)) say(row(`${k}`, a));
for (const [k, a] of Object.entries(summary.byModel)) say(row(`model ${k}`, a));
const chosen = new Map<string, number>();
for (const s of summary.series) chosen.set(s.model, (chosen.get(s.model) ?? 0) + 1);
say(`\nModels chosen for the forecast: ${[...chosen].sort((a, b) => b[1] - a[1]).map(([m, c]) => `${m} ${c}`).join(', ')}`);
say(`\nGoal: ratio ≤ 0.85 overall → ${summary.overall.ratio !== null && summary.overall.ratio <= 0.85 ? 'met' : 'NOT met'} (${f(summary.overall.ratio)}); coverage within 5 points of 80 % / 95 % → ${pct(summary.overall.coverage80)} / ${pct(summary.overall.coverage95)}`);
say(`Time: ${seconds.toFixed(1)} s for ${input.series.length} series on ${Math.min(os.availableParallelism(), 2)}+ worker threads (${((seconds * 1000) / Math.max(1, input.series.length)).toFixed(2)} ms per series: 5 forecasts each with their model selection), goal < 60 s`);
