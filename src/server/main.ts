/**
 * The server process: open the store, migrate, optionally load demo data, serve HTTP, answer CLI
 * commands on the local admin socket, and shut down cleanly on SIGTERM/SIGINT.
 *
 * The admin socket opens before the demo data loads, so a `fluxion` command run meanwhile hears
 * "still starting" instead of a lock error; it runs commands only once the server is listening.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { settleInterruptedImports } from './features/imports/interrupted.js';
import { storeOptions, type Config } from './config.js';
import { AppError } from './errors.js';
import type { TenantRegistry } from './features/tenants/registry.js';
import { listTenants } from './features/tenants/repository.js';
import type { TenantContext } from './features/tenants/schema.js';
import { adminUrl, docsUrl, homeUrl, tenantSiteUrl } from './urls.js';
import { ADMIN_PROTOCOL_VERSION, adminSocketPath, type AdminStatus } from './admin-socket/protocol.js';
import { startAdminSocket, type AdminSocket } from './admin-socket/server.js';
import { runOperation, type OperationContext } from '../cli/operations.js';
import { DemoDataExistsError, loadDemo, type DemoReport, type DemoScale } from '../demo/index.js';
import { databaseFile, migrateDatabase, openStore } from '../store/open.js';
import { migrate, type MigrationReport } from '../store/migrations/index.js';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoEmail } from '../demo/accounts.js';
import { DEMO_TENANT_IDS } from '../demo/index.js';
import { ROLES } from './permissions.js';
import type { Store } from '../store/types.js';
import { FLUXION_VERSION } from './version.js';
import { openSharedState } from './cluster/open.js';
import type { SharedState } from './cluster/shared-state.js';

export type DemoMode = 'never' | 'if-empty' | 'force';

export interface StartServerOptions {
  config: Config;
  /** never: `fluxion serve`; if-empty: `fluxion start` (first run); force: replace the demo data. */
  demo?: DemoMode;
  demoScale?: DemoScale;
  onProgress?: (phase: string, fraction: number) => void;
  /** Where the banner and notes go (default: stdout). */
  print?: (text: string) => void;
  /** Install SIGTERM/SIGINT handlers that close and exit (default true). */
  handleSignals?: boolean;
  /** How the signal handler ends the process (default process.exit). */
  exit?: (code: number) => void;
}

export interface ServerUrls {
  tenants: Array<{ id: string; name: string; status: TenantContext['status']; url: string }>;
  admin: string;
  /** The landing page on the apex host. */
  home: string;
  docs: string;
  /** The demo sign-ins, when the demo data (and so the demo accounts) is loaded. */
  demoLogins: { password: string; tenants: Array<{ id: string; emails: string[] }>; admin: string } | null;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  registry: TenantRegistry;
  /** Tenant invalidations and counters shared with other server processes (REDIS_URL), else in-process. */
  sharedState: SharedState;
  /** The configuration as served: `port` is the bound port (PORT=0 picks a free one). */
  config: Config;
  migrations: MigrationReport;
  demo: DemoReport | null;
  urls: ServerUrls;
  /** Undefined when the socket could not be created (the server runs without it). */
  adminSocket: string | undefined;
  close(): Promise<void>;
}

/** The demo data could not be loaded; the server did not start. */
export class DemoLoadError extends Error {
  constructor(cause: unknown) {
    super(`Could not load the demo data: ${(cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, "")}`, { cause });
    this.name = 'DemoLoadError';
  }
}

/** Whether to load demo data. "Empty" means no database file before this start, or no tenants in it. */
export function demoDecision(mode: DemoMode, state: { databaseExisted: boolean; tenantCount: number }): 'load' | 'replace' | 'skip' {
  if (mode === 'force') return 'replace';
  if (mode === 'if-empty' && (!state.databaseExisted || state.tenantCount === 0)) return 'load';
  return 'skip';
}

export async function collectUrls(store: Store, config: Config): Promise<ServerUrls> {
  // Oldest first: the tenants people have known longest lead the list.
  const tenants = (await listTenants(store.platform)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const demoAdmin = await store.platform.get('SELECT id FROM platform_admins WHERE email = $1', [DEMO_ADMIN_EMAIL]);
  const demoTenants = tenants.filter((t) => (DEMO_TENANT_IDS as readonly string[]).includes(t.id) && t.status === 'active');
  return {
    tenants: tenants.map((t) => ({ id: t.id, name: t.name, status: t.status, url: tenantSiteUrl(config, t.id) })),
    admin: adminUrl(config),
    home: homeUrl(config),
    docs: docsUrl(config),
    demoLogins: demoAdmin
      ? { password: DEMO_PASSWORD, admin: DEMO_ADMIN_EMAIL, tenants: demoTenants.map((t) => ({ id: t.id, emails: ROLES.map((r) => demoEmail(t.id, r)) })) }
      : null,
  };
}

const SHOWN_TENANTS = 12;

export function formatBanner(s: {
  config: Config;
  urls: ServerUrls;
  address: string;
  database: string;
  adminSocket: string | undefined;
  /** Said when it is not the in-process default. */
  sharedState?: string | undefined;
  /** `serve --workers N`: the worker processes. */
  workerPids?: number[] | undefined;
}): string {
  const rows: Array<[string, string]> = [];
  const active = s.urls.tenants.filter((t) => t.status === 'active');
  for (const t of active.slice(0, SHOWN_TENANTS)) rows.push([t.name, t.url]);
  rows.push(['Home page', s.urls.home], ['Platform console', s.urls.admin], ['API docs', s.urls.docs]);
  const width = Math.min(32, Math.max(...rows.map(([label]) => label.length)));
  const label = (l: string) => (l.length > width ? `${l.slice(0, width - 1)}…` : l.padEnd(width));
  const lines = [
    `Fluxion ${FLUXION_VERSION} listening on ${s.address} (pid ${process.pid})`,
    `Database: ${s.database}`,
    ...(s.workerPids ? [`Workers: ${s.workerPids.length} (pids ${s.workerPids.join(', ')})`] : []),
    ...(s.sharedState ? [`Shared state: ${s.sharedState}`] : []),
    '',
    'Open:',
    ...rows.map(([l, url]) => `  ${label(l)}  ${url}`),
  ];
  if (active.length > SHOWN_TENANTS) lines.push(`  … and ${active.length - SHOWN_TENANTS} more tenants (fluxion tenant list)`);
  const inactive = s.urls.tenants.length - active.length;
  if (inactive > 0) lines.push(`  (${inactive} suspended or inactive tenant${inactive === 1 ? '' : 's'} not shown)`);
  const demo = s.urls.demoLogins;
  if (demo) {
    lines.push('', `Demo sign-in (password: ${demo.password}):`);
    for (const t of demo.tenants) lines.push(`  ${t.id.padEnd(width)}  ${t.emails.join(', ')}`);
    lines.push(`  ${'Platform console'.padEnd(width)}  ${demo.admin}`);
  }
  if (s.urls.tenants.length === 0) {
    lines.push('', 'No tenants yet: load the demo data with `fluxion demo`, or create one with `fluxion tenant create <id> --name "…"`.');
  }
  lines.push(
    '',
    s.adminSocket
      ? 'Manage it from another terminal with `npx fluxion tenant list|create|suspend …`. Stop: Ctrl+C.'
      : 'Admin socket unavailable: `fluxion` commands cannot reach this server. Stop: Ctrl+C.',
  );
  return lines.join('\n');
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const print = options.print ?? ((text: string) => void process.stdout.write(`${text}\n`));
  let config = options.config;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = databaseFile(config.dataDir);
  const databaseExisted = config.databaseUrl ? true : fs.existsSync(file);
  const startedAt = new Date().toISOString();

  // PostgreSQL: the owner role migrates before the serving roles (which it provisions) connect.
  const ownerMigrations = config.databaseUrl ? await migrateDatabase(storeOptions(config)) : null;
  const store = await openStore({ ...storeOptions(config), migrate: false });
  let app: FastifyInstance | undefined;
  let admin: AdminSocket | undefined;
  let sharedState: SharedState | undefined;
  const cleanup = async () => {
    await admin?.close();
    await app?.close();
    await sharedState?.close();
    await store.close();
  };
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let phase = 'starting';

  // Until the server listens, a signal can only abandon the start. An unfinished demo load is one
  // uncommitted transaction, so nothing half-written stays behind.
  const abandon = (signal: NodeJS.Signals) => {
    const demoNote = phase === 'loading demo data' ? ' The demo data was not saved; it loads again on the next start.' : '';
    print(`${signal} received while starting (${phase}): exiting.${demoNote}`);
    if (admin) fs.rmSync(admin.path, { force: true });
    exit(130);
  };
  const earlySignals = (on: boolean) => {
    if (options.handleSignals === false) return;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      if (on) process.once(signal, abandon);
      else process.off(signal, abandon);
    }
  };
  earlySignals(true);

  try {
    const migrations = ownerMigrations ?? (await store.migrate());
    if (migrations.applied.length > 0) {
      print(`Applied migration${migrations.applied.length === 1 ? '' : 's'} ${migrations.applied.map((m) => `${m.version} (${m.name})`).join(', ')}.`);
    }

    const settled = await settleInterruptedImports(store, new Date());
    if (settled.succeeded + settled.failed > 0) print(`Settled imports a stopped server left unfinished: ${settled.succeeded} had completed, ${settled.failed} marked failed (interrupted).`);

    // A Redis outage is logged (through the app's logger once there is one) and never stops the server.
    sharedState = await openSharedState(config, {
      log: { info: (m) => app?.log.info(m), warn: (m) => (app ? app.log.warn(m) : print(`Warning: ${m}`)) },
    });
    const built = await buildApp({ config, store, sharedState });
    app = built.app;
    const registry = built.registry;
    let context: OperationContext | undefined;

    const socketPath = adminSocketPath(config.dataDir);
    const status = (): AdminStatus => ({
      protocol: ADMIN_PROTOCOL_VERSION,
      pid: process.pid,
      version: FLUXION_VERSION,
      startedAt,
      ready: context !== undefined,
      dataDir: config.dataDir,
      database: store.location,
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
        app.log,
      );
    } catch (err) {
      // Serving matters more than the admin channel; say clearly what is lost.
      print(`Warning: no admin socket at ${socketPath} (${err instanceof Error ? err.message : String(err)}); \`fluxion\` commands cannot reach this server while it runs.`);
    }

    const tenantCount = (await listTenants(store.platform)).length;
    const decision = demoDecision(options.demo ?? 'never', { databaseExisted, tenantCount });
    let demo: DemoReport | null = null;
    if (decision !== 'skip') {
      phase = 'loading demo data';
      print(decision === 'load' ? `The data directory is empty: loading the demo data into ${store.location}…` : 'Replacing the demo data…');
      try {
        demo = await loadDemo(store, {
          scale: options.demoScale ?? 'full',
          force: decision === 'replace',
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
      } catch (err) {
        // On a shared PostgreSQL database another server may have loaded it first: nothing to do.
        if (!(decision === 'load' && err instanceof DemoDataExistsError)) throw new DemoLoadError(err);
        print('The demo data was loaded meanwhile by another process.');
      }
      registry.invalidate();
    }

    phase = 'binding the port';
    await app.listen({ host: config.host, port: config.port });
    earlySignals(false);
    const bound = app.server.address() as AddressInfo;
    config = { ...config, port: bound.port };
    const urls = await collectUrls(store, config);
    context = { store, registry, config, via: 'server' };

    const address = `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
    const shared = sharedState.kind === 'memory' ? undefined : sharedState.description;
    print(formatBanner({ config, urls, address: `http://${address}`, database: store.location, adminSocket: admin?.path, sharedState: shared }));

    let closing: Promise<void> | undefined;
    const running: RunningServer = {
      app,
      store,
      registry,
      sharedState,
      config,
      migrations,
      demo,
      urls,
      adminSocket: admin?.path,
      // Order matters: stop taking CLI commands, then HTTP (in-flight requests finish), then shared state and the database.
      close: () => (closing ??= cleanup()),
    };
    if (options.handleSignals !== false) installShutdown(running, { print, exit });
    return running;
  } catch (err) {
    earlySignals(false);
    await cleanup().catch(() => undefined);
    throw err;
  }
}

const SHUTDOWN_GRACE_MS = 30_000;

function installShutdown(server: RunningServer, io: { print: (text: string) => void; exit: (code: number) => void }): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      io.print(`${signal} again: exiting without waiting.`);
      io.exit(1);
      return;
    }
    stopping = true;
    io.print(`${signal} received: finishing in-flight requests and closing the database…`);
    const timer = setTimeout(() => {
      io.print(`Shutdown took longer than ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway.`);
      io.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    server.close().then(
      () => {
        clearTimeout(timer);
        io.print('Fluxion stopped.');
        io.exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        io.print(`Error while shutting down: ${err instanceof Error ? err.message : String(err)}`);
        io.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
