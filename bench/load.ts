/**
 * Load: a real server process (`fluxion serve` on a fresh data directory with the demo tenants)
 * held at 256 concurrent connections (clients) for 60 s, on a mix of reads and writes across
 * both demo tenants, each request with its tenant's Host and an API key of that tenant:
 *
 *   reads (80 %): inventory, stats, sales, products, orders, stores lists
 *   writes (20 %): a sale of one unit and a +1 stock adjustment, alternating (stock stays level)
 *
 * Each connection is a client that sends its next request as soon as it has an answer, and after a
 * 503 or 429 waits the Retry-After the server asked for, as the web app does (`--no-backoff`: it
 * retries at once, a hostile client). Prints throughput, latency p50/p99/p99.9 of the requests
 * served and of the refusals, answers by status and transport errors by kind (the goal: nothing
 * but deliberate 429/503), and the server's memory (RSS) before, every 10 s during, and after the
 * run, so growth that does not level off shows.
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

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '256' },
    duration: { type: 'string', default: '60' },
    scale: { type: 'string', default: 'small' },
    'rate-limits': { type: 'boolean', default: false },
    'shed-latency': { type: 'string' },
    port: { type: 'string', default: '4390' },
    'no-backoff': { type: 'boolean', default: false },
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
interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

async function requestsFor(tenant: Tenant, key: string): Promise<LoadRequest[]> {
  const host = `${tenant}.localhost`;
  const headers = { host, authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const inventory = (await request('GET', '/api/v1/inventory?limit=500', host, key)).json as { items: Array<{ store: { id: string }; product: { id: string }; quantity: number }> };
  const item = inventory.items.filter((i) => i.quantity > 0).sort((a, b) => b.quantity - a.quantity)[0];
  if (!item) throw new Error(`${tenant} has no stock to sell`);
  const ids = { store_id: item.store.id, product_id: item.product.id };
  const read = (url: string): LoadRequest => ({ method: 'GET', path: url, headers });
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
  const sale: LoadRequest = { method: 'POST', path: '/api/v1/sales', headers, body: JSON.stringify({ store_id: ids.store_id, lines: [{ product_id: ids.product_id, quantity: 1 }] }) };
  const adjustment: LoadRequest = {
    method: 'POST',
    path: '/api/v1/inventory/adjustments',
    headers,
    body: JSON.stringify({ ...ids, delta: 2, reason: 'count', note: 'load bench' }),
  };
  // 8 reads, then a write: 4 reads, a sale, 4 reads, an adjustment → 80 % reads, 20 % writes.
  return [...reads.slice(0, 4), sale, ...reads.slice(4), adjustment];
}

/** The first body of each unexpected status, to say what went wrong. */
const examples = new Map<number, string>();

interface Drive {
  total: number;
  byStatus: Map<number, number>;
  transportErrors: Map<string, number>;
  served: number[];
  refused: number[];
  perSecond: number[];
  byRequest: Map<string, number[]>;
}

/** `connections` clients for `seconds`, each cycling through `requests` from its own offset. */
async function drive(requests: LoadRequest[], connections: number, seconds: number, backoff: boolean): Promise<Drive> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const out: Drive = { total: 0, byStatus: new Map(), transportErrors: new Map(), served: [], refused: [], perSecond: [], byRequest: new Map() };
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const one = (r: LoadRequest) =>
    new Promise<{ status: number; retryAfter: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, agent, method: r.method, path: r.path, headers: r.headers, timeout: 60_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c.length < 300 ? c : ''));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 0), body }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(r.body);
    });
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = c; performance.now() < deadline; i++) {
        const r = requests[i % requests.length]!;
        const t0 = performance.now();
        try {
          const res = await one(r);
          const ms = performance.now() - t0;
          out.total += 1;
          out.byStatus.set(res.status, (out.byStatus.get(res.status) ?? 0) + 1);
          const second = Math.floor((performance.now() - start) / 1000);
          out.perSecond[second] = (out.perSecond[second] ?? 0) + 1;
          const refusal = res.status === 503 || res.status === 429;
          (refusal ? out.refused : out.served).push(ms);
          if (!refusal) {
            const name = `${r.method} ${r.path.split('?')[0]}`;
            out.byRequest.set(name, [...(out.byRequest.get(name) ?? []), ms]);
          }
          if ((res.status >= 300 && !refusal) || (refusal && !examples.has(res.status))) {
            if (!examples.has(res.status)) examples.set(res.status, `${r.method} ${r.path} → ${res.body.slice(0, 200)}`);
          }
          if (refusal && backoff) await new Promise((w) => setTimeout(w, Math.max(1, res.retryAfter) * 1000));
        } catch (err) {
          const kind = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
          out.transportErrors.set(kind, (out.transportErrors.get(kind) ?? 0) + 1);
        }
      }
    }),
  );
  agent.destroy();
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const pcts = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return xs.length === 0 ? 'none' : `p50 ${ms(percentile(s, 50))}, p99 ${ms(percentile(s, 99))}, p99.9 ${ms(percentile(s, 99.9))}, max ${ms(s.at(-1)!)}`;
};

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  process.stderr.write(`Loading the ${args.scale} demo into ${dataDir}…\n`);
  cli(['demo', '--scale', args.scale!]);
  const keys = {} as Record<Tenant, string>;
  for (const t of TENANTS) keys[t] = (JSON.parse(cli(['apikey', 'create', '--tenant', t, '--name', 'load bench', '--role', 'manager', '--json'])) as { apiKey: { key: string } }).apiKey.key;
  const server = await startServer();
  try {
    const requests = (await Promise.all(TENANTS.map((t) => requestsFor(t, keys[t])))).flat();
    const backoff = !args['no-backoff'];
    // Warm-up: 5 s at the same concurrency, so "before" is a warm process.
    await drive(requests, connections, 5, backoff);
    examples.clear();
    const before = rssOf(server.pid!);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssOf(server.pid!)), 10_000);
    process.stderr.write(`${connections} connections for ${duration} s…\n`);
    const result = await drive(requests, connections, duration, backoff);
    clearInterval(sampler);
    const after = rssOf(server.pid!);
    // A quiet moment, then once more: memory a GC can give back is not growth.
    await new Promise((r) => setTimeout(r, 5000));
    const settled = rssOf(server.pid!);

    const statuses = [...result.byStatus].sort(([a], [b]) => a - b);
    const unexpected = statuses.filter(([code]) => code >= 300 && code !== 429 && code !== 503).reduce((n, [, c]) => n + c, 0);
    const transport = [...result.transportErrors].reduce((n, [, c]) => n + c, 0);
    const servedPerSecond = result.served.length / duration;
    const secs = result.perSecond.slice(0, duration);
    console.log(`\nLoad: ${connections} connections, ${duration} s, reads 80 % / writes 20 % across granja and cliente2 (${args.scale} demo, DuckDB, ${os.cpus().length} cores${args['rate-limits'] ? ', plan rate limits on' : ', rate limits off'}, clients ${backoff ? 'honour Retry-After' : 'retry at once'})`);
    console.log(`  answers:       ${result.total.toLocaleString('en-US')} in ${duration} s → ${(result.total / duration).toFixed(0)} per second (min ${Math.min(...secs)}, max ${Math.max(...secs)}); served ${result.served.length.toLocaleString('en-US')} → ${servedPerSecond.toFixed(0)} req/s`);
    console.log(`  latency:       served ${pcts(result.served)}`);
    console.log(`                 refused (503/429) ${pcts(result.refused)}`);
    for (const [name, xs] of [...result.byRequest].sort(([a], [b]) => a.localeCompare(b))) console.log(`    ${name.padEnd(34)} ${String(xs.length).padStart(6)} served, ${pcts(xs)}`);
    console.log(`  by status:     ${statuses.map(([code, n]) => `${code}: ${n.toLocaleString('en-US')}`).join(', ')}`);
    console.log(`  errors:        ${unexpected} unexpected statuses, ${transport} transport errors${transport ? ` (${[...result.transportErrors].map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''} (429/503 are deliberate: rate limits and load shedding)`);
    for (const [status, example] of examples) console.log(`    e.g. ${status}: ${example}`);
    console.log(`  server memory: RSS ${mb(before)} before → ${samples.map(mb).join(' → ')} → ${mb(after)} at the end, ${mb(settled)} 5 s later`);
    if (unexpected > 0 || transport > 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
