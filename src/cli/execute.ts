/**
 * Where a command runs. The DuckDB file can be open in one process only, and a running server
 * holds it; so: a server answering on the data directory's admin socket runs the command
 * in-process; with none, the CLI opens the database itself; if something else holds the file,
 * the user is told exactly that and what to do, never shown a raw lock error.
 */
import fs from 'node:fs';
import { storeOptions, type Config } from '../server/config.js';
import { openSharedState } from '../server/cluster/open.js';
import { shareTenantInvalidations } from '../server/cluster/tenant-invalidation.js';
import type { SharedState } from '../server/cluster/shared-state.js';
import { TenantRegistry } from '../server/features/tenants/registry.js';
import { adminSocketPath, type AdminStatus } from '../server/admin-socket/protocol.js';
import { AdminSocketTimeoutError, runInServer, serverStatus } from '../server/admin-socket/client.js';
import { DatabaseLockedError } from '../store/duckdb/store.js';
import { databaseFile, openStore } from '../store/open.js';
import { CliError } from './errors.js';
import { lockHolder } from './lock.js';
import { runOperation, type ArgsOf, type CommandName, type ResultOf } from './operations.js';

/**
 * Commands that only read, or that need a tenant (which an absent database cannot hold): on a data
 * directory without a database they report that instead of creating one.
 */
const NEEDS_DATABASE: ReadonlySet<CommandName> = new Set([
  'tenant.list',
  'tenant.show',
  'tenant.export',
  'export',
  'backup',
  'tenant.delete',
  'admin.list',
  'user.add',
  'user.list',
  'user.set-role',
  'user.disable',
  'user.enable',
  'user.reset-password',
  'apikey.create',
  'apikey.list',
  'apikey.revoke',
]);

export interface ExecuteOptions {
  config: Config;
  onProgress?: (phase: string, fraction: number) => void;
  /** How long to wait for a running server to finish the command. */
  timeoutMs?: number;
}

export type Executed<C extends CommandName> = { result: ResultOf<C>; via: 'direct' } | { result: ResultOf<C>; via: 'server'; server: AdminStatus };

/** The running server of this data directory, if one answers. */
export async function findServer(config: Config): Promise<AdminStatus | undefined> {
  const socket = adminSocketPath(config.dataDir);
  const reach = await serverStatus(socket).catch((err: unknown) => {
    if (err instanceof AdminSocketTimeoutError) {
      throw new CliError(`A Fluxion server is on ${socket} but did not answer within ${err.seconds} s; it may be busy starting (loading demo data). Try again in a moment.`);
    }
    throw err;
  });
  if (reach.kind === 'forbidden') {
    throw new CliError(
      `A Fluxion server's admin socket ${socket} belongs to another user. Run this command as the user that runs the server.`,
    );
  }
  return reach.kind === 'answered' ? reach.value : undefined;
}

export async function lockedMessage(file: string, socket: string, purpose: 'command' | 'serve' = 'command'): Promise<string> {
  const holder = await lockHolder(file);
  const who = holder.pid ? ` (pid ${holder.pid}${holder.program ? `, ${holder.program}` : ''})` : '';
  const busy = `The database ${file} is in use by another process${who}.`;
  if (purpose === 'serve') {
    return `Cannot start: ${busy} Stop that process, or give this server another data directory (FLUXION_DATA_DIR or --data-dir).`;
  }
  return (
    `${busy} Stop it, or run this command on the machine where the server runs: a running Fluxion server answers ` +
    `\`fluxion\` commands on ${socket}, but none answered here.`
  );
}

/**
 * Another `fluxion` command holds the file for a second at most; wait that out (briefly, with
 * backoff) so scripts that run commands back to back or in parallel do not fail spuriously.
 */
async function openPatiently(config: Config, applyMigrations: boolean, budgetMs = 3000) {
  const deadline = Date.now() + budgetMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 400)) {
    try {
      return await openStore({ ...storeOptions(config), migrate: applyMigrations });
    } catch (err) {
      if (!(err instanceof DatabaseLockedError) || Date.now() + delay > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function execute<C extends CommandName>(command: C, args: ArgsOf<C>, options: ExecuteOptions): Promise<Executed<C>> {
  const { config } = options;
  const socket = adminSocketPath(config.dataDir);

  const server = await findServer(config);
  if (server) {
    const reach = await runInServer<ResultOf<C>>(socket, command, args, options.timeoutMs ?? 10 * 60_000).catch((err: unknown) => {
      if (err instanceof AdminSocketTimeoutError) {
        throw new CliError(`The server (pid ${server.pid}) did not finish the command within ${err.seconds} s. It may still complete; check with \`fluxion tenant list\` or the server log.`);
      }
      throw err;
    });
    if (reach.kind === 'answered') return { result: reach.value, via: 'server', server };
    // The server stopped between the two calls: fall through and open the file ourselves.
  }

  const file = databaseFile(config.dataDir);
  if (!config.databaseUrl && NEEDS_DATABASE.has(command) && !fs.existsSync(file)) {
    throw new CliError(
      `There is no Fluxion database in ${config.dataDir} yet (${file} does not exist). ` +
        'Create it with `fluxion migrate` or `fluxion start`. Wrong directory? Set FLUXION_DATA_DIR or pass --data-dir.',
    );
  }
  let store;
  let shared: SharedState | undefined;
  try {
    store = await openPatiently(config, command !== 'migrate');
  } catch (err) {
    if (err instanceof DatabaseLockedError) throw new CliError(await lockedMessage(err.file, socket));
    throw err;
  }
  try {
    const registry = new TenantRegistry(store.platform, 0);
    // Servers elsewhere (other hosts, same PostgreSQL) hear of a tenant changed here through Redis.
    shared = config.redisUrl ? await openSharedState(config) : undefined;
    if (shared) shareTenantInvalidations(registry, shared);
    const result = (await runOperation(
      { store, registry, config, via: 'direct', ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
      command,
      args,
    )) as ResultOf<C>;
    return { result, via: 'direct' };
  } finally {
    await shared?.close();
    await store.close();
  }
}
