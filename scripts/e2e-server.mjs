#!/usr/bin/env node
/**
 * A real Fluxion server for the end-to-end tests and the web benches, on data of its own:
 * a fresh temporary data directory loaded with the demo (granja, cliente2), a suspended
 * company "cerrada" and a scratch company "tienda3" (its owner signs in), then `fluxion serve` on FLUXION_E2E_PORT (default 4310) in test mode
 * (so `?tenant=` works on plain localhost). The directory (one per run, named after this
 * process) is removed when the server stops (SIGTERM, SIGINT or the server exiting), and one left
 * by a run that was killed outright is removed by the next start.
 *
 *   node scripts/e2e-server.mjs                 small demo (seconds), what the e2e tests use
 *   FLUXION_E2E_SCALE=full node scripts/…       the full demo (minutes)
 *
 * The web app is served from dist/web; when it was never built, it is built first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.FLUXION_E2E_PORT ?? 4310);
const scale = process.env.FLUXION_E2E_SCALE === 'full' ? 'full' : 'small';
const dataDir = process.env.FLUXION_E2E_DATA_DIR ?? join(tmpdir(), `fluxion-e2e-${port}-${process.pid}`);
/** The suspended company the tests visit (the demo has none); test/e2e/support/env.ts names it too. */
const SUSPENDED_TENANT = { id: 'cerrada', name: 'Comercial Cerrada C.A.' };
/** A company of its own for the tests that change branding and rates, so the demo tenants the
 *  other tests look at stay as they are; test/e2e/support/env.ts names it too. */
const SCRATCH_TENANT = { id: 'tienda3', name: 'Tienda Tres', owner: 'owner@tienda3.test', password: 'Tres-tiendas-e2e-2026!' };

// Two browsers click through the demo tenants far faster than people do: per-tenant limits well
// above what a run makes (the limits themselves are tested in test/features/rate-limit.test.ts).
const RATE_LIMITS = 'free=100000,standard=100000,premium=100000';
const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', FLUXION_PUBLIC_PROTOCOL: 'http', FORCE_COLOR: '0', FLUXION_RATE_LIMITS: process.env.FLUXION_RATE_LIMITS || RATE_LIMITS, FLUXION_FORECAST_HOUR: 'off', FLUXION_SHED_LATENCY_MS: '0' };
delete env.DATABASE_URL;
delete env.REDIS_URL;
const cli = (args) => [process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), '--data-dir', dataDir, ...args]];

function log(line) {
  process.stdout.write(`[e2e-server] ${line}\n`);
}

function runCli(args, input) {
  const [cmd, argv] = cli(args);
  const r = spawnSync(cmd, argv, { cwd: root, env, encoding: 'utf8', input });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`fluxion ${args.join(' ')} failed (exit ${r.status})`);
  }
}

function cleanUp() {
  rmSync(dataDir, { recursive: true, force: true });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Directories left by runs that were killed outright (their process is gone). */
function removeLeftovers() {
  for (const name of readdirSync(tmpdir())) {
    const m = /^fluxion-e2e-\d+-(\d+)$/.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

if (!existsSync(join(root, 'dist/web/index.html'))) {
  log('dist/web is missing: building the web app');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

removeLeftovers();
cleanUp();
const started = Date.now();
try {
  runCli(['demo', '--scale', scale]);
  // The forecasting pages read stored forecasts: make them now, and no automatic run during the tests.
  runCli(['forecast', '--tenant', 'granja']);
  runCli(['tenant', 'create', SUSPENDED_TENANT.id, '--name', SUSPENDED_TENANT.name, '--locale', 'es-VE', '--currency', 'VES', '--primary-color', '#b45309']);
  runCli(['tenant', 'suspend', SUSPENDED_TENANT.id]);
  const t = SCRATCH_TENANT;
  runCli(['tenant', 'create', t.id, '--name', t.name, '--locale', 'en-US', '--currency', 'VES', '--timezone', 'America/Caracas', '--primary-color', '#0f766e']);
  runCli(['user', 'add', '--tenant', t.id, '--email', t.owner, '--role', 'owner', '--name', 'Owner Tres', '--password-stdin'], t.password);
} catch (e) {
  cleanUp();
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
log(`${scale} demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s into ${dataDir}`);

const [cmd, argv] = cli(['serve', '--port', String(port)]);
const server = spawn(cmd, argv, { cwd: root, env: { ...env, HOST: '127.0.0.1' }, stdio: 'inherit' });
log(`serving on http://granja.localhost:${port} and http://cliente2.localhost:${port} (pid ${server.pid})`);

let stopping = false;
const running = () => server.exitCode === null && server.signalCode === null;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  // A signal sent to the whole process group (Playwright, timeout, Ctrl+C) reaches the server
  // too; a second one would make it skip its clean shutdown. Pass it on only if it is still up.
  setTimeout(() => running() && server.kill(signal), 1500).unref();
  setTimeout(() => running() && server.kill('SIGKILL'), 12_000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGHUP', () => stop('SIGTERM'));
server.on('exit', (code, signal) => {
  cleanUp();
  if (!stopping) log(`the server stopped by itself (${signal ?? `exit ${code}`})`);
  process.exit(stopping ? 0 : 1);
});
