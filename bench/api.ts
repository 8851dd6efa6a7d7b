/**
 * Core API benchmark: the full stack (tenancy, auth, validation, serialization, logging hooks)
 * against a bare Fastify route that runs the identical SQL on the same DuckDB. The ratio of the
 * two is the number we track (goal: full ≥ 0.7 × bare).
 *
 *   npm run bench                      # full demo data in a temporary directory
 *   npm run bench -- --scale small     # quick run on the small demo data
 *   npm run bench -- --duration 20 --connections 32
 *
 * A third server is the same full stack with the per-tenant request windows off
 * (FLUXION_STATS_FLUSH_SECONDS=0): the "windows" column is req/s with them over req/s without
 * (goal: ≥ 0.95, i.e. at most 5 % for the console's live figures). Both are measured twice,
 * alternating, and averaged, so drift of a busy machine falls on both sides alike.
 *
 * "Identical SQL": one request of each endpoint is made through the full stack with a recording
 * store, and the bare route replays exactly the statements and parameters it ran.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openStore } from '../src/store/open.js';
import { loadDemo, type DemoScale } from '../src/demo/index.js';
import { createApiKey } from '../src/server/features/apikeys/service.js';
import type { SqlParam, Store, TenantDb } from '../src/store/types.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
  },
});
const scale = args.scale as DemoScale;
const duration = Number(args.duration);
const connections = Number(args.connections);

interface Statement {
  sql: string;
  params: SqlParam[];
}

/** A store whose tenant handles note every statement while `recording` is set. */
function recording(store: Store): { store: Store; take(): Statement[]; start(): void } {
  let log: Statement[] | null = null;
  const wrap = (db: TenantDb): TenantDb => ({
    ...db,
    all: (sql, params = []) => (log?.push({ sql, params: [...params] }), db.all(sql, params)),
    get: (sql, params = []) => (log?.push({ sql, params: [...params] }), db.get(sql, params)),
    tx: (fn) => db.tx((inner) => fn(wrap(inner))),
  });
  return {
    store: { ...store, dialect: store.dialect, location: store.location, platform: store.platform, close: () => store.close(), forTenant: (id) => wrap(store.forTenant(id)) },
    start: () => {
      log = [];
    },
    take: () => {
      const taken = log ?? [];
      log = null;
      return taken;
    },
  };
}

async function measure(name: string, url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections, duration, headers });
  const non2xx = result.non2xx + result.errors;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: non2xx };
}

function mean(a: Awaited<ReturnType<typeof measure>>, b: Awaited<ReturnType<typeof measure>>) {
  return { name: a.name, rps: (a.rps + b.rps) / 2, p50: (a.p50 + b.p50) / 2, p99: Math.max(a.p99, b.p99), errors: a.errors + b.errors };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-bench-'));
  // The limiter stays in the measured stack, with a budget no run reaches (premium's 3000/min would answer 429s).
  const rateLimits = process.env.FLUXION_RATE_LIMITS || 'free=100000000,standard=100000000,premium=100000000';
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', FLUXION_DATA_DIR: dir, FLUXION_PUBLIC_PROTOCOL: 'http', FLUXION_RATE_LIMITS: rateLimits });
  process.stdout.write(`Loading ${scale} demo data into ${dir} …\n`);
  const raw = await openStore({ dataDir: dir });
  const t0 = Date.now();
  await loadDemo(raw, { scale });
  process.stdout.write(`  loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const rec = recording(raw);
  const { key } = await createApiKey(raw.forTenant('granja'), { name: 'bench', role: 'owner', createdBy: 'bench' });

  const { app } = await buildApp({ config, store: rec.store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const fullPort = (app.server.address() as { port: number }).port;
  const { app: noWindows } = await buildApp({ config: { ...config, statsFlushSeconds: 0 }, store: raw });
  await noWindows.listen({ port: 0, host: '127.0.0.1' });
  const noWindowsPort = (noWindows.server.address() as { port: number }).port;
  const headers = { host: 'granja.localhost', authorization: `Bearer ${key}` };

  const endpoints = [
    { name: 'tenant', path: '/api/v1/tenant' },
    { name: 'inventory', path: '/api/v1/inventory?limit=50' },
    { name: 'stats', path: '/api/v1/stats' },
  ];

  // Record the statements one request of each endpoint runs.
  const scripts = new Map<string, Statement[]>();
  for (const e of endpoints) {
    rec.start();
    const r = await app.inject({ method: 'GET', url: e.path, headers });
    if (r.statusCode !== 200) throw new Error(`${e.path} answered ${r.statusCode}: ${r.body}`);
    scripts.set(e.name, rec.take());
  }

  // The bare server: no plugins, no schemas, no tenancy, no auth; the same statements.
  const bare = Fastify({ logger: false });
  const tdb = raw.forTenant('granja');
  for (const e of endpoints) {
    const statements = scripts.get(e.name)!;
    bare.get(`/bare/${e.name}`, async () => {
      const results = [];
      // Recorded on the tenant handle, so the parameters exclude the tenant id it adds itself.
      for (const s of statements) results.push(await tdb.all(s.sql, s.params));
      return results;
    });
  }
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;

  const rows = [];
  for (const e of endpoints) {
    process.stdout.write(`Measuring ${e.name} (${duration} s × 6, ${connections} connections) …\n`);
    const on1 = await measure(`${e.name} (full stack)`, `http://127.0.0.1:${fullPort}${e.path}`, headers);
    const off1 = await measure(`${e.name} (no windows)`, `http://127.0.0.1:${noWindowsPort}${e.path}`, headers);
    const off2 = await measure(`${e.name} (no windows)`, `http://127.0.0.1:${noWindowsPort}${e.path}`, headers);
    const on2 = await measure(`${e.name} (full stack)`, `http://127.0.0.1:${fullPort}${e.path}`, headers);
    const full = mean(on1, on2);
    const windows = full.rps / mean(off1, off2).rps;
    const check = await bare.inject({ method: 'GET', url: `/bare/${e.name}` });
    if (check.statusCode !== 200) throw new Error(`bare ${e.name} answered ${check.statusCode}: ${check.body.slice(0, 300)}`);
    const b = await measure(`${e.name} (bare SQL)`, `http://127.0.0.1:${barePort}/bare/${e.name}`, {});
    rows.push({ endpoint: e.name, statements: scripts.get(e.name)!.length, full, bare: b, ratio: full.rps / b.rps, windows });
  }

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  process.stdout.write('\nendpoint     stmts |  full req/s   p50 ms   p99 ms  errors |  bare req/s   p50 ms   p99 ms  errors | full/bare | windows on/off\n');
  for (const r of rows) {
    process.stdout.write(
      `${r.endpoint.padEnd(12)} ${pad(r.statements, 5)} | ${pad(r.full.rps.toFixed(0), 11)} ${pad(r.full.p50, 8)} ${pad(r.full.p99, 8)} ${pad(r.full.errors, 7)} |` +
        ` ${pad(r.bare.rps.toFixed(0), 11)} ${pad(r.bare.p50, 8)} ${pad(r.bare.p99, 8)} ${pad(r.bare.errors, 7)} | ${pad(r.ratio.toFixed(2), 9)}${r.ratio >= 0.7 ? '' : ' (below 0.7)'} | ${pad(r.windows.toFixed(3), 14)}${r.windows >= 0.95 ? '' : '  (below the 0.95 goal)'}\n`,
    );
  }
  await app.close();
  await noWindows.close();
  await bare.close();
  await raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
