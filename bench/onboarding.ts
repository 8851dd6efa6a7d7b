/**
 * Onboarding latency: from the console's "create tenant" request to the first branded page
 * served on the new sub-domain (goal: under 2 s). A real server on a fresh DuckDB file (the
 * production configuration: tenant cache on, telemetry on), a platform admin signed in over HTTP;
 * each round creates a tenant with colours, a logo and an owner, then asks its sub-domain for
 * its home page until the page carries the new name and colour.
 *
 *   npm run bench:onboarding                 # 20 tenants
 *   npm run bench:onboarding -- --rounds 50
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openStore } from '../src/store/open.js';
import { createAdmin } from '../src/server/features/admin/service.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number ≥ 1');

/** A 1×1 PNG: the logo every tenant gets. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function request(port: number, host: string, method: string, url: string, headers: Record<string, string> = {}, body?: unknown) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, headers: { host: `${host}:${port}`, ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-bench-onboarding-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', FLUXION_DATA_DIR: dir, FLUXION_PUBLIC_PROTOCOL: 'http' });
  const store = await openStore({ dataDir: dir });
  await store.migrate();
  const admin = { email: 'bench@fluxion.test', password: 'tenants-in-seconds-2026!' };
  await createAdmin(store.platform, admin);
  const { app } = await buildApp({ config, store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const login = await request(port, 'admin.localhost', 'POST', '/api/v1/admin/auth/login', {}, admin);
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}: ${login.body}`);
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;

  process.stdout.write(`Onboarding ${rounds} tenants on ${store.location} …\n`);
  const times: number[] = [];
  const createTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = `bench-${Date.now().toString(36)}-${i}`;
    const color = `#${(0x100000 + ((i * 7919) % 0xefffff)).toString(16).padStart(6, '0')}`;
    const name = `Bench Store ${i}`;
    // Ask for the sub-domain before it exists, as a visitor might: the "unknown" answer is cached.
    const before = await request(port, `${id}.localhost`, 'GET', '/');
    if (before.status !== 404) throw new Error(`an unknown sub-domain answered ${before.status}`);
    const t0 = performance.now();
    const created = await request(port, 'admin.localhost', 'POST', '/api/v1/admin/tenants', { cookie }, {
      id,
      name,
      plan: 'standard',
      settings: { currency: 'USD', timezone: 'America/Caracas', locale: 'es-VE', primaryColor: color, secondaryColor: '#111827' },
      owner: { email: `owner@${id}.test` },
      logo: { content_type: 'image/png', data_base64: PNG.toString('base64') },
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
    const t1 = performance.now();
    let page = await request(port, `${id}.localhost`, 'GET', '/');
    let tries = 1;
    while (!(page.status === 200 && page.body.includes(name) && page.body.includes(color))) {
      if (++tries > 100) throw new Error(`the new sub-domain never served its branded page (last: ${page.status})`);
      page = await request(port, `${id}.localhost`, 'GET', '/');
    }
    const t2 = performance.now();
    createTimes.push(t1 - t0);
    times.push(t2 - t0);
    process.stdout.write(`  ${String(i + 1).padStart(3)}/${rounds}  ${id.padEnd(28)} created in ${(t1 - t0).toFixed(1)} ms, branded page after ${(t2 - t0).toFixed(1)} ms (${tries} page request${tries === 1 ? '' : 's'})\n`);
  }
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
  const worst = Math.max(...times);
  process.stdout.write(
    `\ncreate request:              p50 ${q(createTimes, 0.5).toFixed(1)} ms   p95 ${q(createTimes, 0.95).toFixed(1)} ms   max ${Math.max(...createTimes).toFixed(1)} ms\n` +
      `create → first branded page: p50 ${q(times, 0.5).toFixed(1)} ms   p95 ${q(times, 0.95).toFixed(1)} ms   max ${worst.toFixed(1)} ms` +
      `   (goal < 2000 ms: ${worst < 2000 ? 'met' : 'NOT met'})\n`,
  );
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
