/**
 * Which shared state a process uses: Redis when REDIS_URL is set; otherwise the workers of
 * `fluxion serve --workers N` share through their primary (IPC), and a single process keeps it
 * in-process.
 *
 * Redis keys and channels are namespaced by the database the processes serve
 * (`fluxion:<PostgreSQL database name>:`, or a hash of the DuckDB file's path), so processes
 * serving the same data share state and other deployments (or test runs) on the same Redis do
 * not collide.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config.js';
import { databaseOf } from '../../store/postgres/connection.js';
import { databaseFile } from '../../store/open.js';
import { ClusterHub, WorkerChannel } from './ipc.js';
import { InProcessSharedState } from './memory.js';
import { RedisSharedState } from './redis.js';
import { silentLog, type SharedLog, type SharedState } from './shared-state.js';

export function redisNamespace(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (config.databaseUrl) return `fluxion:${databaseOf(config.databaseUrl)}:`;
  const file = path.resolve(databaseFile(config.dataDir));
  return `fluxion:duckdb-${crypto.createHash('sha256').update(file).digest('hex').slice(0, 12)}:`;
}

export interface OpenSharedStateOptions {
  /** 'single': one server process; 'primary' / 'worker': `serve --workers N`. */
  role?: 'single' | 'primary' | 'worker';
  log?: SharedLog;
}

/** Open the configured shared state and wait (briefly, never failing) for its first connection. */
export async function openSharedState(config: Pick<Config, 'redisUrl' | 'databaseUrl' | 'dataDir'>, options: OpenSharedStateOptions = {}): Promise<SharedState> {
  const log = options.log ?? silentLog;
  if (config.redisUrl) {
    const shared = new RedisSharedState({ url: config.redisUrl, namespace: redisNamespace(config), log, connectionName: `fluxion-${process.pid}` });
    await shared.ready();
    return shared;
  }
  if (options.role === 'primary') return new ClusterHub();
  if (options.role === 'worker') return new WorkerChannel();
  return new InProcessSharedState();
}
