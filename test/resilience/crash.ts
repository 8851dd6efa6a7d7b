/**
 * Crash safety, measured: a real server process (`fluxion serve` on a DuckDB data directory with
 * the small demo) takes concurrent writes — sales of two lines, stock adjustments, purchase orders
 * created, submitted and received, sales imports — and is killed with SIGKILL at a random moment,
 * again and again. After each kill, before the next start, the database file is opened here (it
 * must open) and checked:
 *
 * - every write the server acknowledged (a 2xx reached the client) is there, whole;
 * - every write in flight at the kill is wholly there or wholly absent (a sale has both its lines
 *   or none, an import all its rows or none, a received order all its receipts);
 * - stock equals the sum of its ledger everywhere, and every order's total is the sum of its lines;
 * - after the restart, no import is left queued or running (settled at start).
 *
 * test/resilience/crash.test.ts runs a short trial in `npm test`; `npm run test:crash` the long one.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { DuckDbStore } from '../../src/store/duckdb/store.js';
import { multipart } from '../support/multipart.js';
import { removeDir, runCli, startServerProcess, tempDataDir, type ServerProcess } from '../cli/support.js';

export interface CrashReport {
  kills: number;
  acknowledged: Record<Kind, number>;
  inFlight: Record<Kind, { whole: number; absent: number }>;
  violations: string[];
  seconds: number;
}

type Kind = 'sale' | 'adjustment' | 'order' | 'import';
const KINDS: Kind[] = ['sale', 'adjustment', 'order', 'import'];
const TENANT = 'granja';
const HOST = `${TENANT}.localhost`;
const IMPORT_LINES = 40;

interface Write {
  kind: Kind;
  key: string;
  /** The order's last acknowledged step (created, submitted, received). */
  step?: 'created' | 'submitted' | 'received';
  acknowledged: boolean;
  /** The server answered with a refusal (4xx): the write must have left nothing. */
  refused?: boolean;
}

interface Ids {
  store: string;
  storeCode: string;
  supplier: string;
  products: Array<{ id: string; sku: string }>;
}

/** A tiny seeded generator, so a failing trial can be repeated. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function send(port: number, key: string, method: string, url: string, body?: { payload: Buffer | string; type: string }): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, headers: { host: HOST, authorization: `Bearer ${key}`, ...(body ? { 'content-type': body.type } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
          } catch {
            resolve({ status: res.statusCode ?? 0, json: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body?.payload);
  });
}
const json = (value: unknown) => ({ payload: JSON.stringify(value), type: 'application/json' });

async function readIds(file: string): Promise<Ids> {
  const store = await DuckDbStore.open({ file });
  try {
    const db = store.forTenant(TENANT);
    const s = await db.get(`SELECT CAST(id AS VARCHAR) AS id, code FROM stores WHERE tenant_id = $1 ORDER BY code LIMIT 1`);
    const sup = await db.get(`SELECT CAST(id AS VARCHAR) AS id FROM suppliers WHERE tenant_id = $1 ORDER BY name LIMIT 1`);
    const products = await db.all(`SELECT CAST(id AS VARCHAR) AS id, sku FROM productos WHERE tenant_id = $1 ORDER BY sku LIMIT 6`);
    return { store: String(s!.id), storeCode: String(s!.code), supplier: String(sup!.id), products: products.map((p) => ({ id: String(p.id), sku: String(p.sku) })) };
  } finally {
    await store.close();
  }
}

/** One writer: picks writes at random until stopped; records each as acknowledged or in flight. */
async function writer(port: number, key: string, ids: Ids, tag: string, next: () => number, writes: Write[], stop: AbortSignal): Promise<void> {
  // No new write once the kill is decided; the ones under way are cut by the kill itself.
  let n = 0;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  while (!stop.aborted) {
    n += 1;
    const r = next();
    const kind: Kind = r < 0.4 ? 'sale' : r < 0.75 ? 'adjustment' : r < 0.93 ? 'order' : 'import';
    const w: Write = { kind, key: `${tag}-${n}`, acknowledged: false };
    writes.push(w);
    try {
      if (kind === 'sale') {
        const [a, b] = [pick(ids.products), pick(ids.products)];
        const res = await send(port, key, 'POST', '/api/v1/sales', json({ store_id: ids.store, ticket: w.key, lines: [{ product_id: a.id, quantity: 1 }, { product_id: b.id, quantity: 1 }] }));
        w.acknowledged = res.status === 201;
        w.refused = res.status >= 400 && res.status < 500;
      } else if (kind === 'adjustment') {
        const p = pick(ids.products);
        const res = await send(port, key, 'POST', '/api/v1/inventory/adjustments', json({ store_id: ids.store, product_id: p.id, delta: 3, reason: 'count', note: w.key }));
        w.acknowledged = res.status === 201;
        w.refused = res.status >= 400 && res.status < 500;
      } else if (kind === 'order') {
        const lines = [pick(ids.products), pick(ids.products)].map((p, i) => ({ product_id: p.id, quantity: 2 + i }));
        const created = await send(port, key, 'POST', '/api/v1/orders', json({ supplier_id: ids.supplier, store_id: ids.store, lines, notes: w.key }));
        if (created.status !== 201) continue;
        w.acknowledged = true;
        w.step = 'created';
        const id = String(created.json.id);
        w.key = id;
        if ((await send(port, key, 'POST', `/api/v1/orders/${id}/submit`, undefined)).status !== 200) continue;
        w.step = 'submitted';
        if ((await send(port, key, 'POST', `/api/v1/orders/${id}/receive`, json({}))).status !== 200) continue;
        w.step = 'received';
      } else {
        const rows = Array.from({ length: IMPORT_LINES }, (_, i) => `${w.key}-I;1;27/11/2026 10:${String(i % 60).padStart(2, '0')};${ids.storeCode};${pick(ids.products).sku};1;10,00`);
        const body = multipart({ kind: 'sales' }, { name: `${w.key}.csv`, content: `Factura;Renglon;Fecha;Tienda;Producto;Cantidad;Precio\n${rows.map((row, i) => row.replace('-I;1;', `-I;${i + 1};`)).join('\n')}\n` });
        const res = await send(port, key, 'POST', '/api/v1/imports?wait=30', { payload: body.payload, type: body.headers['content-type']! });
        w.acknowledged = res.status === 201 && res.json?.status === 'succeeded';
        w.refused = res.status >= 400 && res.status < 500;
      }
    } catch {
      // The kill (or the abort) cut the request: the write is in flight, its outcome unknown.
    }
  }
}

/** Checks the killed server's database; returns what is wrong, and counts in-flight outcomes. */
async function check(file: string, writes: Write[], report: CrashReport): Promise<void> {
  const store = await DuckDbStore.open({ file });
  const wrong = (s: string) => report.violations.push(s);
  try {
    const db = store.forTenant(TENANT);
    for (const w of writes) {
      let present: boolean;
      if (w.kind === 'sale') {
        const n = Number((await db.get(`SELECT count(*) AS n FROM ventas WHERE tenant_id = $1 AND ticket = $2`, [w.key]))?.n);
        if (n !== 0 && n !== 2) wrong(`sale ${w.key} has ${n} of its 2 lines`);
        present = n > 0;
      } else if (w.kind === 'adjustment') {
        const n = Number((await db.get(`SELECT count(*) AS n FROM inventory_movements WHERE tenant_id = $1 AND note = $2`, [w.key]))?.n);
        if (n > 1) wrong(`adjustment ${w.key} recorded ${n} times`);
        present = n > 0;
      } else if (w.kind === 'order') {
        if (!w.step) continue; // never created as far as the client knows: nothing to find by id
        const o = await db.get(`SELECT status FROM orders WHERE tenant_id = $1 AND id = CAST($2 AS UUID)`, [w.key]);
        if (!o) wrong(`order ${w.key} acknowledged as ${w.step} is missing`);
        const order = ['created', 'submitted', 'received'];
        const status = o?.status === 'draft' ? 'created' : String(o?.status);
        if (o && order.indexOf(status) < order.indexOf(w.step)) wrong(`order ${w.key} acknowledged as ${w.step} is ${String(o.status)}`);
        if (status === 'received') {
          const receipts = Number((await db.get(`SELECT count(*) AS n FROM inventory_movements WHERE tenant_id = $1 AND ref_type = 'order' AND ref_id = $2`, [w.key]))?.n);
          if (receipts !== 2) wrong(`received order ${w.key} has ${receipts} of its 2 receipts`);
        }
        present = Boolean(o);
      } else {
        const n = Number((await db.get(`SELECT count(*) AS n FROM ventas WHERE tenant_id = $1 AND ticket = $2`, [`${w.key}-I`]))?.n);
        if (n !== 0 && n !== IMPORT_LINES) wrong(`import ${w.key} has ${n} of its ${IMPORT_LINES} lines`);
        present = n > 0;
      }
      if (w.refused) {
        if (present) wrong(`refused ${w.kind} ${w.key} left data behind`);
      } else if (w.acknowledged) {
        report.acknowledged[w.kind] += 1;
        if (!present) wrong(`acknowledged ${w.kind} ${w.key} is missing`);
      } else {
        report.inFlight[w.kind][present ? 'whole' : 'absent'] += 1;
      }
    }
    const ledger = await store.platform.all(
      `SELECT i.tenant_id, i.store_id, i.product_id, i.quantity, COALESCE(sum(m.delta), 0) AS ledger FROM inventory i
       LEFT JOIN inventory_movements m ON m.tenant_id = i.tenant_id AND m.store_id = i.store_id AND m.product_id = i.product_id
       GROUP BY ALL HAVING i.quantity <> COALESCE(sum(m.delta), 0)`,
    );
    for (const r of ledger) wrong(`stock ${String(r.quantity)} ≠ ledger ${String(r.ledger)} for ${String(r.product_id)} in ${String(r.store_id)}`);
    const totals = await store.platform.all(
      `SELECT o.id, o.total, COALESCE(sum(l.quantity * l.unit_cost), 0) AS lines FROM orders o
       LEFT JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id GROUP BY ALL HAVING o.total <> COALESCE(sum(l.quantity * l.unit_cost), 0)`,
    );
    for (const r of totals) wrong(`order ${String(r.id)} total ${String(r.total)} ≠ its lines ${String(r.lines)}`);
  } finally {
    await store.close();
  }
}

export async function runCrashTrial(options: { kills: number; seed?: number; writers?: number; log?: (line: string) => void }): Promise<CrashReport> {
  const seed = options.seed ?? Date.now() % 1_000_000;
  const next = random(seed);
  const log = options.log ?? (() => undefined);
  const report: CrashReport = {
    kills: 0,
    acknowledged: { sale: 0, adjustment: 0, order: 0, import: 0 },
    inFlight: { sale: { whole: 0, absent: 0 }, adjustment: { whole: 0, absent: 0 }, order: { whole: 0, absent: 0 }, import: { whole: 0, absent: 0 } },
    violations: [],
    seconds: 0,
  };
  const t0 = performance.now();
  const dataDir = tempDataDir();
  const file = path.join(dataDir, 'fluxion.duckdb');
  const env = { FLUXION_FORECAST_HOUR: 'off', FLUXION_RATE_LIMITS: 'off', FLUXION_STATS_FLUSH_SECONDS: '1' };
  try {
    log(`seed ${seed}; loading the small demo…`);
    const demo = await runCli(['demo', '--scale', 'small'], { dataDir, env });
    if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
    const made = await runCli(['apikey', 'create', '--tenant', TENANT, '--name', 'crash trial', '--role', 'owner', '--json'], { dataDir, env });
    const key = String(JSON.parse(made.stdout).apiKey.key);
    const ids = await readIds(file);
    for (let round = 1; round <= options.kills; round++) {
      const server: ServerProcess = await startServerProcess({ dataDir, env });
      if (round > 1) {
        const open = await send(server.port, key, 'GET', '/api/v1/imports?limit=100');
        const stuck = (open.json?.items ?? []).filter((i: { status: string }) => i.status === 'queued' || i.status === 'running');
        if (open.status !== 200) report.violations.push(`round ${round}: the import list answered ${open.status}`);
        if (stuck.length > 0) report.violations.push(`round ${round}: ${stuck.length} imports still queued/running after the restart`);
      }
      const stop = new AbortController();
      const writes: Write[] = [];
      const writers = Array.from({ length: options.writers ?? 4 }, (_, w) => writer(server.port, key, ids, `R${round}W${w}`, next, writes, stop.signal));
      // Kill at a random moment once writes are flowing: 50 ms to 1.5 s in.
      await new Promise((r) => setTimeout(r, 50 + Math.floor(next() * 1450)));
      stop.abort();
      server.child.kill('SIGKILL');
      await server.exited;
      await Promise.all(writers);
      report.kills += 1;
      await check(file, writes, report);
      const acked = writes.filter((w) => w.acknowledged).length;
      log(`kill ${round}/${options.kills}: ${writes.length} writes, ${acked} acknowledged, ${report.violations.length} violations so far`);
    }
    // A last start: the database opens and serves after all of it.
    const last = await startServerProcess({ dataDir, env });
    const stock = await send(last.port, key, 'GET', '/api/v1/inventory?limit=1');
    if (stock.status !== 200) report.violations.push(`after the last kill the inventory answered ${stock.status}`);
    await last.stop();
  } finally {
    removeDir(dataDir);
    report.seconds = (performance.now() - t0) / 1000;
  }
  return report;
}

export function renderCrashReport(r: CrashReport): string {
  const lines = [`${r.kills} SIGKILLs in ${r.seconds.toFixed(0)} s`];
  for (const k of KINDS) lines.push(`  ${k.padEnd(10)} acknowledged ${String(r.acknowledged[k]).padStart(5)} (all present)   in flight at the kill: ${r.inFlight[k].whole} whole, ${r.inFlight[k].absent} absent`);
  lines.push(r.violations.length === 0 ? '  violations: none (stock = ledger, order totals = lines, no half-written sale, order or import)' : `  violations (${r.violations.length}):\n    ${r.violations.slice(0, 50).join('\n    ')}`);
  return lines.join('\n');
}

// `tsx test/resilience/crash.ts --kills 200 [--seed N]`
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const report = await runCrashTrial({ kills: Number(arg('--kills') ?? 200), seed: arg('--seed') ? Number(arg('--seed')) : undefined, log: (l) => process.stderr.write(`${l}\n`) });
  console.log(renderCrashReport(report));
  if (report.violations.length > 0) process.exitCode = 1;
}
