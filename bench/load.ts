/**
 * Load: a real server process (`fluxion serve` on a fresh data directory with the demo tenants)
 * held at 256 concurrent connections for 60 s by autocannon, on a mix of reads and writes across
 * both demo tenants, each request with its tenant's Host and an API key of that tenant:
 *
 *   reads (80 %): inventory, stats, sales, products, orders, stores lists
 *   writes (20 %): a sale of one unit and a +1 stock adjustment, alternating (stock stays level)
 *
 * Prints throughput, latency p50/p99/p99.9, answers by status and transport errors by kind (the
 * goal: nothing but deliberate 429/503), and the server's memory (RSS) before, every 10 s during,
 * and after the run, so growth that does not level off shows.
 *
 *   npm run bench:load                                   # 256 connections, 60 s, small demo
 *   npm run bench:load -- --connections 64 --duration 20
 *   npm run bench:load -- --scale full                   # the full demo (loading takes minutes)
 *   npm run bench:load -- --rate-limits                  # keep the plans' per-tenant limits (429s)
 *   npm run bench:load -- --shed-latency 250             # shed earlier (FLUXION_SHED_LATENCY_MS)
 *
 * Rate limits are off by default: the point is the server's capacity, not the plans' budgets (a
 * standard plan allows 600 requests a minute, a few milliseconds of this run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import http from 'node:http';
import autocannon from 'autocannon';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '256' },
    duration: { type: 'string', default: '60' },
    scale: { type: 'string', default: 'small' },
    'rate-limits': { type: 'boolean', default: false },
    'shed-latency': { type: 'string' },
    port: { type: 'string', default: '4390' },
  },
});
const connections = Number(args.connections);
const duration = Number(args.duration);
const port = Number(args.port);
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-bench-load-'));
const TENANTS = ['granja', 'cliente2'] as const;
type Tenant = (typeof TENANTS)[number];

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  FLUXION_PUBLIC_PROTOCOL: 'http',
  FLUXION_BASE_DOMAIN: 'localhost',
  LOG_LEVEL: 'warn',
  FLUXION_FORECAST_HOUR: 'off',
  FLUXION_STATS_FLUSH_SECONDS: '5',
  ...(args['rate-limits'] ? {} : { FLUXION_RATE_LIMITS: 'off' }),
  ...(args['shed-latency'] ? { FLUXION_SHED_LATENCY_MS: args['shed-latency'] } : {}),
};
delete env.DATABASE_URL;
delete env.REDIS_URL;

function cli(argv: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), '--data-dir', dataDir, ...argv], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fluxion ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function request(method: string, url: string, host: string, key: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: { host, authorization: `Bearer ${key}`, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), '--data-dir', dataDir, 'serve', '--port', String(port)], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await request('GET', '/readyz', 'localhost', '')).status === 200) return child;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready in 60 s');
}

/** The requests of one tenant: reads and writes with ids of its own data. */
async function requestsFor(tenant: Tenant, key: string): Promise<autocannon.Request[]> {
  const host = `${tenant}.localhost`;
  const headers = { host, authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const inventory = (await request('GET', '/api/v1/inventory?limit=500', host, key)).json as { items: Array<{ store: { id: string }; product: { id: string }; quantity: number }> };
  const item = inventory.items.filter((i) => i.quantity > 0).sort((a, b) => b.quantity - a.quantity)[0];
  if (!item) throw new Error(`${tenant} has no stock to sell`);
  const ids = { store_id: item.store.id, product_id: item.product.id };
  const read = (url: string): autocannon.Request => ({ method: 'GET', path: url, headers });
  const reads = [
    read('/api/v1/inventory?limit=50'),
    read('/api/v1/stats'),
    read('/api/v1/sales?limit=50'),
    read('/api/v1/products?limit=50'),
    read('/api/v1/orders?limit=20'),
    read(`/api/v1/inventory?store_id=${ids.store_id}&low_stock=true`),
    read('/api/v1/stores'),
    read('/api/v1/products?limit=20&q=a'),
  ];
  const sale: autocannon.Request = { method: 'POST', path: '/api/v1/sales', headers, body: JSON.stringify({ store_id: ids.store_id, lines: [{ product_id: ids.product_id, quantity: 1 }] }) };
  const adjustment: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/inventory/adjustments',
    headers,
    body: JSON.stringify({ ...ids, delta: 1, reason: 'count', note: 'load bench' }),
  };
  // 8 reads, then a write: 4 reads, a sale, 4 reads, an adjustment → 80 % reads, 20 % writes.
  return [...reads.slice(0, 4), sale, ...reads.slice(4), adjustment];
}

/** The first body of each unexpected status, to say what went wrong. */
const examples = new Map<number, string>();
function noting(requests: autocannon.Request[]): autocannon.Request[] {
  return requests.map((r) => ({
    ...r,
    onResponse: (status: number, body: string) => {
      if (status >= 300 && !examples.has(status)) examples.set(status, `${r.method} ${r.path} → ${body.slice(0, 200)}`);
    },
  }));
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  process.stderr.write(`Loading the ${args.scale} demo into ${dataDir}…\n`);
  cli(['demo', '--scale', args.scale!]);
  const keys = {} as Record<Tenant, string>;
  for (const t of TENANTS) keys[t] = (JSON.parse(cli(['apikey', 'create', '--tenant', t, '--name', 'load bench', '--role', 'manager', '--json'])) as { apiKey: { key: string } }).apiKey.key;
  const server = await startServer();
  try {
    const requests = noting((await Promise.all(TENANTS.map((t) => requestsFor(t, keys[t])))).flat());
    // Warm-up: every request once, then 5 s at the same concurrency, so "before" is a warm process.
    await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: 5, requests });
    const before = rssOf(server.pid!);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssOf(server.pid!)), 10_000);
    process.stderr.write(`${connections} connections for ${duration} s…\n`);
    const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, requests, timeout: 30 });
    clearInterval(sampler);
    const after = rssOf(server.pid!);
    // A quiet moment, then once more: memory a GC can give back is not growth.
    await new Promise((r) => setTimeout(r, 5000));
    const settled = rssOf(server.pid!);

    const byStatus = Object.entries(result.statusCodeStats as unknown as Record<string, { count: number }>)
      .map(([code, s]) => `${code}: ${s.count.toLocaleString('en-US')}`)
      .join(', ');
    const unexpected = Object.entries(result.statusCodeStats as unknown as Record<string, { count: number }>)
      .filter(([code]) => !/^2/.test(code) && code !== '429' && code !== '503')
      .reduce((n, [, s]) => n + s.count, 0);
    const lat = result.latency as unknown as Record<string, number>;
    console.log(`\nLoad: ${connections} connections, ${duration} s, reads 80 % / writes 20 % across granja and cliente2 (${args.scale} demo, DuckDB, ${os.cpus().length} cores${args['rate-limits'] ? ', plan rate limits on' : ', rate limits off'})`);
    console.log(`  requests:      ${result.requests.total.toLocaleString('en-US')} in ${duration} s → ${result.requests.average.toFixed(0)} req/s (min ${result.requests.min}, max ${result.requests.max} per second)`);
    console.log(`  latency:       p50 ${ms(lat.p50!)}, p99 ${ms(lat.p99!)}, p99.9 ${ms(lat.p99_9!)}, max ${ms(lat.max!)}`);
    console.log(`  answers:       ${byStatus}`);
    console.log(`  errors:        ${unexpected} unexpected statuses, ${result.errors} transport errors, ${result.timeouts} timeouts (429/503 are deliberate: rate limits and load shedding)`);
    for (const [status, example] of examples) console.log(`    e.g. ${status}: ${example}`);
    console.log(`  server memory: RSS ${mb(before)} before → ${samples.map(mb).join(' → ')} → ${mb(after)} at the end, ${mb(settled)} 5 s later`);
    if (unexpected > 0 || result.errors > 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
