/**
 * Noisy neighbour: does one tenant flooding the API hurt another tenant's normal work, and what do
 * the per-tenant rate limits (src/server/plugins/rate-limit.ts) change?
 *
 * One process serves the demo data twice over the same store, as bench/api.ts does: an app with
 * the plan limits (FLUXION_RATE_LIMITS, default free 60 / standard 600 / premium 3000 a minute)
 * and an app with limits off. Three phases of --duration seconds each:
 *
 *   1. tenant B (cliente2, standard plan) alone: --rate requests/s of realistic reads with an API key;
 *   2. B again while tenant A (granja, premium plan) floods — --flood-rate requests/s offered on
 *      --connections connections, paging through lists, never backing off — with limits on;
 *   3. the same with limits off.
 *
 * It prints B's p50/p99 latency in each phase and A's 2xx/429 counts. No assertions: tests never
 * assert times. The flood offers a fixed rate, so both flood phases put the same demand on the
 * server; its client runs in a worker thread (autocannon's `workers`), not on the event loop it
 * measures. B's client is light and runs on the server's loop.
 *
 *   npm run bench:noisy                              # small demo, 12 s phases: about a minute
 *   npm run bench:noisy -- --limits premium=300      # a budget the flood exhausts within the phase
 *   npm run bench:noisy -- --duration 30 --flood-rate 500 --rate 20
 *   npm run bench:noisy -- --scale full              # the full demo (its loading takes minutes)
 *
 * A limit protects B only once A has used up its budget: within a minute A is served as fast as
 * the server can until then. Windows are fixed minutes, so a flood phase that crosses a minute
 * boundary gets a second budget of real work (the `windows` column).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openStore } from '../src/store/open.js';
import { loadDemo, type DemoScale } from '../src/demo/index.js';
import { createApiKey } from '../src/server/features/apikeys/service.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    duration: { type: 'string', default: '12' },
    connections: { type: 'string', default: '64' },
    'flood-rate': { type: 'string', default: '200' },
    rate: { type: 'string', default: '10' },
    flood: { type: 'string', default: '/api/v1/inventory?limit=50,/api/v1/products?limit=50' },
    /** FLUXION_RATE_LIMITS for the limited app (default: the environment's, else the product defaults). */
    limits: { type: 'string' },
  },
});
const scale = args.scale as DemoScale;
const duration = Number(args.duration);
const connections = Number(args.connections);
const rate = Number(args.rate);
const floodRate = Number(args['flood-rate']);
for (const [name, v] of [['duration', duration], ['connections', connections], ['rate', rate], ['flood-rate', floodRate]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
}
if (scale !== 'small' && scale !== 'full') throw new Error('--scale is small or full');

const say = (s: string) => process.stdout.write(`${s}\n`);

/** Tenant B's normal work: the reads its dashboard and inventory screens make. */
const B_REQUESTS = [
  '/api/v1/inventory?limit=50&low_stock=true',
  '/api/v1/products?limit=20',
  '/api/v1/sales?limit=20',
  '/api/v1/stats',
  '/api/v1/stores',
].map((p) => ({ method: 'GET' as const, path: p }));
/** Tenant A's flood: a runaway integration paging through lists (--flood to change). */
const A_REQUESTS = args.flood.split(',').map((p) => ({ method: 'GET' as const, path: p.trim() }));

interface Phase {
  name: string;
  b: { requests: number; p50: number; p99: number; max: number; non2xx: number };
  a?: { requests: number; ok: number; limited: number; other: number; rps: number; windows: number };
}

/** Tenant B at a steady rate on `port`, optionally while A floods the same server. */
async function phase(name: string, port: number, b: Record<string, string>, a?: Record<string, string>): Promise<Phase> {
  say(`  ${name} …`);
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  // The flood starts a second before B and ends after it, so B is measured under a steady flood.
  const flood = a
    ? autocannon({ url: base, connections, overallRate: floodRate, duration: duration + 2, headers: a, requests: A_REQUESTS, workers: 1 })
    : undefined;
  if (flood) await new Promise((resolve) => setTimeout(resolve, 1000));
  const work = await autocannon({ url: base, connections: Math.min(rate, 20), overallRate: rate, duration, headers: b, requests: B_REQUESTS });
  const flooded = flood ? await flood : undefined;
  const windows = Math.floor(Date.now() / 60_000) - Math.floor(started / 60_000) + 1;
  const codes = (flooded?.statusCodeStats ?? {}) as Record<string, { count: number }>;
  const count = (code: string) => Number(codes[code]?.count ?? 0);
  const total = flooded ? Object.values(codes).reduce((s, c) => s + Number(c.count), 0) : 0;
  return {
    name,
    b: { requests: work.requests.total, p50: work.latency.p50, p99: work.latency.p99, max: work.latency.max, non2xx: work.non2xx + work.errors },
    ...(flooded
      ? { a: { requests: total, ok: flooded['2xx'], limited: count('429'), other: total - flooded['2xx'] - count('429') + flooded.errors, rps: flooded.requests.average, windows } }
      : {}),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-noisy-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', FLUXION_DATA_DIR: dir, FLUXION_PUBLIC_PROTOCOL: 'http' };
  if (args.limits !== undefined) env.FLUXION_RATE_LIMITS = args.limits;
  const limited = loadConfig(env);
  if (!limited.rateLimits) throw new Error('FLUXION_RATE_LIMITS is off: this bench compares limits on and off');
  const unlimited = loadConfig(env, { rateLimits: null });
  say(`Loading the ${scale} demo data into ${dir} …`);
  const store = await openStore({ dataDir: dir });
  const t0 = Date.now();
  await loadDemo(store, { scale });
  say(`  loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const keyA = (await createApiKey(store.forTenant('granja'), { name: 'bench flood', role: 'owner', createdBy: 'bench' })).key;
  const keyB = (await createApiKey(store.forTenant('cliente2'), { name: 'bench work', role: 'manager', createdBy: 'bench' })).key;
  const headersA = { host: 'granja.localhost', authorization: `Bearer ${keyA}` };
  const headersB = { host: 'cliente2.localhost', authorization: `Bearer ${keyB}` };

  const on = await buildApp({ config: limited, store });
  const off = await buildApp({ config: unlimited, store });
  const ports: number[] = [];
  for (const { app } of [on, off]) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    ports.push((app.server.address() as { port: number }).port);
    for (const [h, p] of [[headersA, A_REQUESTS], [headersB, B_REQUESTS]] as const) {
      for (const r of p) {
        const res = await app.inject({ method: 'GET', url: r.path, headers: h });
        if (res.statusCode !== 200) throw new Error(`${h.host}${r.path} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      }
    }
  }
  const [portOn, portOff] = ports as [number, number];

  const l = limited.rateLimits;
  say(`\nLimits: free ${l.free}, standard ${l.standard}, premium ${l.premium} requests/min (--limits to change).`);
  say(`A = granja (premium) offers ${floodRate} req/s on ${connections} connections; B = cliente2 (standard) sends ${rate} req/s over ${B_REQUESTS.length} endpoints. ${duration} s per phase.`);
  if (rate * 60 > l.standard) say(`(B's own ${rate} req/s exceeds the standard plan's ${l.standard}/min: expect B non-2xx.)`);
  const phases = [
    await phase('B alone', portOn, headersB),
    await phase('B while A floods, limits on', portOn, headersB, headersA),
    await phase('B while A floods, limits off', portOff, headersB, headersA),
  ];

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  say('\nphase                          |  B reqs  p50 ms  p99 ms  max ms  B non-2xx |   A reqs   A 2xx   A 429  A other  A req/s  windows');
  for (const p of phases) {
    const a = p.a ? `${pad(p.a.requests, 8)} ${pad(p.a.ok, 7)} ${pad(p.a.limited, 7)} ${pad(p.a.other, 8)} ${pad(p.a.rps.toFixed(0), 8)} ${pad(p.a.windows, 8)}` : `${pad('-', 8)} ${pad('-', 7)} ${pad('-', 7)} ${pad('-', 8)} ${pad('-', 8)} ${pad('-', 8)}`;
    say(`${p.name.padEnd(30)} | ${pad(p.b.requests, 6)} ${pad(p.b.p50, 7)} ${pad(p.b.p99, 7)} ${pad(p.b.max, 7)} ${pad(p.b.non2xx, 10)} | ${a}`);
  }
  const [alone, limitedFlood, unlimitedFlood] = phases as [Phase, Phase, Phase];
  say(`\nB's p99: ${alone.b.p99} ms alone, ${limitedFlood.b.p99} ms under the flood with limits, ${unlimitedFlood.b.p99} ms without.`);
  if (limitedFlood.a && limitedFlood.a.limited === 0) {
    say(
      `A never went over its budget (premium: ${l.premium}/min; it got ${limitedFlood.a.ok} answers in ${duration + 2} s): the server cannot serve` +
        ` A's budget within the phase, so the limit did not engage. Try --limits premium=300, or a longer --duration.`,
    );
  }

  await on.app.close();
  await off.app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
