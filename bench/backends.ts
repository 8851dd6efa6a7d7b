/**
 * The core API on both backends, side by side: requests/s and p99 of inventory, stats and a
 * write path (POST /sales), on DuckDB (one process) and on PostgreSQL with 1, 2 and 4 workers.
 *
 *   npm run bench:backends                          # full demo data
 *   npm run bench:backends -- --scale small --duration 5
 *   npm run bench:backends -- --workers 1,2 --connections 32
 *
 * Servers run as `fluxion serve` child processes (production mode, logging off); autocannon runs
 * in this process, on the same machine, so on a 2-core machine the load generator competes with
 * the servers for CPU: the figures are comparative, not capacity.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import autocannon from 'autocannon';
import type { DemoScale } from '../src/demo/index.js';
import { build, prepareInstallation, startServer, type Installation, type Server } from './support/installation.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    workers: { type: 'string', default: '1,2,4' },
    port: { type: 'string', default: '3900' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const workerCounts = args.workers.split(',').map(Number);

interface Result {
  backend: string;
  endpoint: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function endpoints(inst: Installation) {
  return [
    { name: 'inventory', method: 'GET' as const, path: '/api/v1/inventory?limit=50' },
    { name: 'stats', method: 'GET' as const, path: '/api/v1/stats' },
    { name: 'sales (write)', method: 'POST' as const, path: '/api/v1/sales', body: JSON.stringify(inst.sale) },
  ];
}

async function measure(backend: string, server: Server, inst: Installation): Promise<Result[]> {
  const out: Result[] = [];
  const headers = { host: 'granja.localhost', authorization: `Bearer ${inst.key}`, 'content-type': 'application/json' };
  for (const e of endpoints(inst)) {
    process.stdout.write(`  ${backend}: ${e.name} (${duration} s, ${connections} connections) …\n`);
    const r = await autocannon({ url: `http://127.0.0.1:${server.port}${e.path}`, method: e.method, headers, connections, duration, ...(e.body ? { body: e.body } : {}) });
    out.push({ backend, endpoint: e.name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors });
  }
  return out;
}

async function main() {
  build();
  const inst = await prepareInstallation(args.scale as DemoScale, { keep: args.keep, reuse: args.reuse });
  const results: Result[] = [];
  let port = Number(args.port);
  try {
    process.stdout.write('Measuring …\n');
    const duck = await startServer({ port: port++, dataDir: inst.duckDir });
    results.push(...(await measure('duckdb', duck, inst)));
    await duck.stop();
    for (const n of workerCounts) {
      const server = await startServer({ port: port++, dataDir: path.join(inst.dir, `pg-${n}`), databaseUrl: inst.postgresUrl, workers: n });
      results.push(...(await measure(`postgres ×${n}`, server, inst)));
      await server.stop();
    }
  } finally {
    await inst.cleanup();
  }
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  process.stdout.write(`\n${'endpoint'.padEnd(15)}${'backend'.padEnd(14)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('non-2xx', 9)}\n`);
  for (const name of [...new Set(results.map((r) => r.endpoint))]) {
    for (const r of results.filter((x) => x.endpoint === name)) {
      process.stdout.write(`${r.endpoint.padEnd(15)}${r.backend.padEnd(14)}${pad(r.rps.toFixed(0), 8)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.errors, 9)}\n`);
    }
  }
}

await main();
