/**
 * The primary of `fluxion serve --workers N` (PostgreSQL only: a DuckDB file is writable by one
 * process). It migrates the database once, then forks N node:cluster workers that share the port
 * (`worker.ts`), and prints the banner once all of them listen. It serves the admin socket
 * itself, on its own connections, so `fluxion tenant …` works while the workers serve; tenant
 * changes made there reach the workers through the shared state (Redis, or IPC relayed here).
 *
 * It restarts a worker that stops unexpectedly after a growing delay (`restart-backoff.ts`), and
 * on SIGTERM/SIGINT it stops every worker with SIGTERM (each finishes its in-flight requests)
 * before closing its own connections. A worker that fails while the cluster is still starting
 * stops the start: the failure is in the setup, and retrying it would only repeat the message.
 */
import cluster, { type Address, type Worker } from 'node:cluster';
import fs from 'node:fs';
import type { Config } from '../config.js';
import { storeOptions } from '../config.js';
import { AppError } from '../errors.js';
import { TenantRegistry } from '../features/tenants/registry.js';
import { listTenants } from '../features/tenants/repository.js';
import { ADMIN_PROTOCOL_VERSION, adminSocketPath, type AdminStatus } from '../admin-socket/protocol.js';
import { startAdminSocket, type AdminSocket } from '../admin-socket/server.js';
import { collectUrls, DemoLoadError, demoDecision, formatBanner, type DemoMode } from '../main.js';
import { FLUXION_VERSION } from '../version.js';
import { runOperation, type OperationContext } from '../../cli/operations.js';
import type { DemoScale } from '../../demo/index.js';
import { migrateDatabase, openStore } from '../../store/open.js';
import { settleInterruptedImports } from '../features/imports/interrupted.js';
import type { Store } from '../../store/types.js';
import { openSharedState } from './open.js';
import { RestartBackoff } from './restart-backoff.js';
import type { SharedState } from './shared-state.js';
import { shareTenantInvalidations } from './tenant-invalidation.js';
import { WORKER_SLOT_VAR } from './worker.js';

const SHUTDOWN_GRACE_MS = 30_000;

export interface StartClusterOptions {
  config: Config;
  workers: number;
  demo?: DemoMode;
  demoScale?: DemoScale;
  onProgress?: (phase: string, fraction: number) => void;
  print?: (text: string) => void;
  exit?: (code: number) => void;
}

/** A worker stopped before it listened while the cluster was starting; its own output says why. */
export class WorkerStartError extends Error {
  constructor(
    readonly slot: number,
    readonly detail: string,
  ) {
    super(`Worker ${slot} stopped before it was ready (${detail}); its message is above. No worker is running.`);
    this.name = 'WorkerStartError';
  }
}

type Level = 'info' | 'warn' | 'error';
const LEVEL_NUMBERS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;

/** JSON log lines like the workers' (pino's shape), for the admin socket's few messages. */
function primaryLogger(config: Config) {
  const write =
    (level: Level) =>
    (...args: unknown[]): void => {
      const n = LEVEL_NUMBERS[level];
      if (n < LEVEL_NUMBERS[config.logLevel]) return;
      const [first, second] = args;
      const fields = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
      const msg = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
      const err = fields.err instanceof Error ? { err: { type: fields.err.name, message: fields.err.message } } : {};
      process.stdout.write(`${JSON.stringify({ level: n, time: Date.now(), pid: process.pid, role: 'primary', ...fields, ...err, msg })}\n`);
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

function formatAddress(address: Address): string {
  const host = address.address ?? '0.0.0.0';
  return address.addressType === 6 || host.includes(':') ? `[${host}]:${address.port}` : `${host}:${address.port}`;
}

export interface RunningCluster {
  config: Config;
  workerPids(): number[];
  /** Stop the workers, then the admin socket and the primary's connections. */
  close(): Promise<void>;
}

export async function startCluster(options: StartClusterOptions): Promise<RunningCluster> {
  if (!cluster.isPrimary) throw new Error('startCluster runs in the primary process');
  const print = options.print ?? ((text: string) => void process.stdout.write(`${text}\n`));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let config = options.config;
  if (!config.databaseUrl) throw new Error('Several workers need PostgreSQL (DATABASE_URL)');
  fs.mkdirSync(config.dataDir, { recursive: true });
  const startedAt = new Date().toISOString();

  let store: Store | undefined;
  let shared: SharedState | undefined;
  let unshare: (() => void) | undefined;
  let admin: AdminSocket | undefined;
  let context: OperationContext | undefined;
  let phase = 'migrating the database';
  let stopping = false;
  let listening = false;
  const slots = new Map<number, { worker: Worker; startedAt: number; backoff: RestartBackoff; timer?: NodeJS.Timeout }>();
  const liveWorkers = () => [...slots.values()].map((s) => s.worker).filter((w) => !w.isDead());

  const closeOwn = async () => {
    await admin?.close();
    unshare?.();
    await shared?.close();
    await store?.close();
  };

  /** SIGTERM every worker, wait for all of them to exit. */
  const stopWorkers = async () => {
    for (const s of slots.values()) clearTimeout(s.timer);
    const workers = liveWorkers();
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            if (w.isDead()) resolve();
            else w.process.kill('SIGTERM');
          }),
      ),
    );
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopping = true;
      await stopWorkers();
      await closeOwn();
    })());

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      print(`${signal} again: stopping the workers without waiting.`);
      for (const w of liveWorkers()) w.process.kill('SIGKILL');
      exit(1);
      return;
    }
    if (!listening) {
      print(`${signal} received while starting (${phase}): exiting.`);
      stopping = true;
      for (const w of liveWorkers()) w.process.kill('SIGTERM');
      if (admin) fs.rmSync(admin.path, { force: true });
      exit(130);
      return;
    }
    const n = liveWorkers().length;
    print(`${signal} received: stopping ${n} worker${n === 1 ? '' : 's'} (in-flight requests finish) and closing the database…`);
    const timer = setTimeout(() => {
      print(`Shutdown took longer than ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway.`);
      for (const w of liveWorkers()) w.process.kill('SIGKILL');
      exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    close().then(
      () => {
        clearTimeout(timer);
        print('Fluxion stopped.');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        print(`Error while shutting down: ${err instanceof Error ? err.message : String(err)}`);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    const migrations = await migrateDatabase(storeOptions(config));
    if (migrations.applied.length > 0) {
      print(`Applied migration${migrations.applied.length === 1 ? '' : 's'} ${migrations.applied.map((m) => `${m.version} (${m.name})`).join(', ')}.`);
    }
    const db = await openStore({ ...storeOptions(config), migrate: false });
    store = db;
    const settled = await settleInterruptedImports(db, new Date());
    if (settled.succeeded + settled.failed > 0) print(`Settled imports a stopped server left unfinished: ${settled.succeeded} had completed, ${settled.failed} marked failed (interrupted).`);
    shared = await openSharedState(config, {
      role: 'primary',
      log: { info: (m) => (listening ? print(m) : undefined), warn: (m) => print(`Warning: ${m}`) },
    });
    const registry = new TenantRegistry(db.platform, config.tenantCacheSeconds * 1000);
    unshare = shareTenantInvalidations(registry, shared);

    const socketPath = adminSocketPath(config.dataDir);
    const status = (): AdminStatus => ({
      protocol: ADMIN_PROTOCOL_VERSION,
      pid: process.pid,
      version: FLUXION_VERSION,
      startedAt,
      ready: context !== undefined,
      dataDir: config.dataDir,
      database: db.location,
    });
    try {
      admin = await startAdminSocket(
        socketPath,
        {
          status,
          run: (command, args) => {
            if (!context) throw new AppError('service_unavailable', `The server is still starting (${phase}). Try again in a moment.`);
            return runOperation(context, command, args);
          },
        },
        primaryLogger(config),
      );
    } catch (err) {
      print(`Warning: no admin socket at ${socketPath} (${err instanceof Error ? err.message : String(err)}); \`fluxion\` commands cannot reach this server while it runs.`);
    }

    const decision = demoDecision(options.demo ?? 'never', { databaseExisted: true, tenantCount: (await listTenants(db.platform)).length });
    if (decision !== 'skip') {
      phase = 'loading demo data';
      print(decision === 'load' ? `The database has no tenants: loading the demo data into ${db.location}…` : 'Replacing the demo data…');
      const { loadDemo } = await import('../../demo/index.js');
      try {
        await loadDemo(db, {
          scale: options.demoScale ?? 'full',
          force: decision === 'replace',
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
      } catch (err) {
        throw new DemoLoadError(err);
      }
      registry.invalidate();
    }

    phase = `starting ${options.workers} workers`;
    const fork = (slot: number, backoff = new RestartBackoff()) => {
      const worker = cluster.fork({ [WORKER_SLOT_VAR]: String(slot) });
      slots.set(slot, { worker, startedAt: Date.now(), backoff });
      return worker;
    };
    const address = await new Promise<Address>((resolve, reject) => {
      let pending = options.workers;
      let first: Address | undefined;
      const onListening = (_w: Worker, a: Address) => {
        first ??= a;
        if (--pending === 0) done(() => resolve(first!));
      };
      const onExit = (w: Worker, code: number | null, signal: string | null) => {
        const slot = [...slots].find(([, s]) => s.worker === w)?.[0] ?? 0;
        done(() => reject(new WorkerStartError(slot, signal ? `signal ${signal}` : `exit code ${code}`)));
      };
      const done = (then: () => void) => {
        cluster.off('listening', onListening);
        cluster.off('exit', onExit);
        then();
      };
      cluster.on('listening', onListening);
      cluster.on('exit', onExit);
      for (let slot = 1; slot <= options.workers; slot++) fork(slot);
    });

    // From here on a stopped worker is restarted, after a delay that grows while it keeps failing.
    cluster.on('exit', (w, code, signal) => {
      if (stopping) return;
      const entry = [...slots].find(([, s]) => s.worker === w);
      if (!entry) return;
      const [slot, s] = entry;
      const delay = s.backoff.next(Date.now() - s.startedAt);
      print(`Worker ${slot} (pid ${w.process.pid}) stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); restarting it in ${delay / 1000} s.`);
      s.timer = setTimeout(() => {
        if (stopping) return;
        const next = fork(slot, s.backoff);
        next.once('listening', () => print(`Worker ${slot} restarted (pid ${next.process.pid}).`));
      }, delay);
    });

    config = { ...config, port: address.port };
    const urls = await collectUrls(db, config);
    context = { store: db, registry, config, via: 'server' };
    listening = true;
    print(
      formatBanner({
        config,
        urls,
        address: `http://${formatAddress(address)}`,
        database: db.location,
        adminSocket: admin?.path,
        sharedState: shared.description,
        workerPids: liveWorkers().map((w) => w.process.pid ?? 0),
      }),
    );
    return { config, workerPids: () => liveWorkers().map((w) => w.process.pid ?? 0), close };
  } catch (err) {
    stopping = true;
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await stopWorkers().catch(() => undefined);
    await closeOwn().catch(() => undefined);
    throw err;
  }
}
