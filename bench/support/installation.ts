/**
 * Bench helpers shared by bench/backends.ts and bench/rls.ts: the demo installation on DuckDB,
 * copied to a throw-away PostgreSQL database with `fluxion migrate-data`, and `fluxion serve`
 * child processes on either backend.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import { loadDemo, type DemoScale } from '../../src/demo/index.js';
import { createApiKey } from '../../src/server/features/apikeys/service.js';
import { applyStockChange } from '../../src/server/features/inventory/ledger.js';
import { withDatabase } from '../../src/store/postgres/connection.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
export const ADMIN_URL = process.env.FLUXION_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Installation {
  dir: string;
  duckDir: string;
  postgresUrl: string;
  /** Owner API key of granja (valid on both copies). */
  key: string;
  /** A (store, product) of granja with a million units, for the write path. */
  sale: { store_id: string; lines: Array<{ product_id: string; quantity: number }> };
  cleanup(): Promise<void>;
}

const say = (s: string) => process.stdout.write(`${s}\n`);

export function build(): void {
  say('Building (npm run build) …');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Where `--keep` leaves the description of an installation for the next bench's `--reuse`. */
const keptFile = (scale: DemoScale) => path.join(os.tmpdir(), `fluxion-bench-${scale}.json`);

/**
 * Demo data at `scale` in a DuckDB data directory, and the same data in a new PostgreSQL database.
 * `keep`: leave both in place (and say where) for a later `reuse`, which skips the preparation.
 */
export async function prepareInstallation(scale: DemoScale, options: { keep?: boolean; reuse?: boolean } = {}): Promise<Installation> {
  if (options.reuse && fs.existsSync(keptFile(scale))) {
    const kept = JSON.parse(fs.readFileSync(keptFile(scale), 'utf8')) as Omit<Installation, 'cleanup'>;
    say(`Reusing the ${scale} installation kept in ${kept.dir} and ${kept.postgresUrl}`);
    return { ...kept, cleanup: async () => undefined };
  }
  const installation = await freshInstallation(scale);
  if (!options.keep) return installation;
  const { cleanup: _cleanup, ...kept } = installation;
  fs.writeFileSync(keptFile(scale), JSON.stringify(kept));
  say(`Keeping the installation for --reuse (${keptFile(scale)}); drop the database and remove ${kept.dir} when done.`);
  return { ...installation, cleanup: async () => undefined };
}

async function freshInstallation(scale: DemoScale): Promise<Installation> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fx-bench-'));
  const duckDir = path.join(dir, 'duck');
  say(`Loading the ${scale} demo data into ${duckDir} …`);
  const store = await openStore({ dataDir: duckDir });
  const t0 = performance.now();
  await loadDemo(store, { scale });
  const granja = store.forTenant('granja');
  const { key } = await createApiKey(granja, { name: 'bench', role: 'owner', createdBy: 'bench' });
  const item = await granja.get(
    'SELECT store_id, product_id FROM inventory WHERE tenant_id = $1 ORDER BY quantity DESC, store_id, product_id LIMIT 1',
  );
  const sale = { store_id: String(item!.store_id), lines: [{ product_id: String(item!.product_id), quantity: 1 }] };
  await granja.tx((tx) => applyStockChange(tx, { storeId: sale.store_id, productId: sale.lines[0]!.product_id, delta: 1_000_000, reason: 'correction', actor: 'bench', note: 'stock for the write benchmark' }));
  await store.close();
  say(`  loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const database = `fluxion_bench_${process.pid}_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE ${database}`);
  const postgresUrl = withDatabase(ADMIN_URL, database);
  say(`Copying it to PostgreSQL (${database}) with fluxion migrate-data …`);
  const t1 = performance.now();
  const copy = spawnSync(process.execPath, [CLI, 'migrate-data', '--from', path.join(duckDir, 'fluxion.duckdb'), '--to', postgresUrl], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FLUXION_DATA_DIR: dir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  if (copy.status !== 0) throw new Error(`migrate-data failed:\n${copy.stdout}`);
  say(`  copied and verified in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  await admin(`ANALYZE`).catch(() => undefined);
  return {
    dir,
    duckDir,
    postgresUrl,
    key,
    sale,
    cleanup: async () => {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Server {
  port: number;
  stop(): Promise<void>;
}

/** `fluxion serve` as a child process; resolves once /healthz answers. */
export async function startServer(options: { port: number; dataDir: string; databaseUrl?: string; workers?: number }): Promise<Server> {
  const args = [CLI, 'serve', '--port', String(options.port)];
  if (options.workers && options.workers > 1) args.push('--workers', String(options.workers));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', FLUXION_PUBLIC_PROTOCOL: 'http', LOG_LEVEL: 'silent', FLUXION_DATA_DIR: options.dataDir, HOST: '127.0.0.1' };
  // Benches flood one tenant: a budget no run reaches, so they measure throughput, not 429s.
  env.FLUXION_RATE_LIMITS ||= 'free=100000000,standard=100000000,premium=100000000';
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${options.port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`fluxion serve exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('fluxion serve did not answer /healthz within 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port: options.port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
