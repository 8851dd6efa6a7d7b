/**
 * One worker of `fluxion serve --workers N` (a node:cluster worker: the primary holds the port and
 * hands it connections). It serves HTTP only: the primary has migrated the database, serves the
 * admin socket and printed the banner. The primary coordinates stopping: SIGTERM (which the
 * primary sends) finishes in-flight requests and exits; SIGINT, which Ctrl+C sends to every
 * process of the terminal, is left to the primary; losing the primary stops the worker too.
 */
import { buildApp } from '../app.js';
import { storeOptions, type Config } from '../config.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/types.js';
import type { FastifyInstance } from 'fastify';
import { openSharedState } from './open.js';
import type { SharedState } from './shared-state.js';

/** The environment variable through which the primary tells a worker its number (1 … N). */
export const WORKER_SLOT_VAR = 'FLUXION_WORKER_SLOT';

export function workerSlot(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env[WORKER_SLOT_VAR]);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export async function runWorker(config: Config, slot = workerSlot()): Promise<void> {
  let store: Store | undefined;
  let shared: SharedState | undefined;
  let app: FastifyInstance | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (code: number) =>
    (stopping ??= (async () => {
      try {
        await app?.close();
        await shared?.close();
        await store?.close();
      } finally {
        process.exit(code);
      }
    })());

  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => void stop(0));
  process.on('disconnect', () => void stop(0));

  try {
    store = await openStore({ ...storeOptions(config), migrate: false });
    shared = await openSharedState(config, {
      role: 'worker',
      log: { info: (m) => app?.log.info(m), warn: (m) => (app ? app.log.warn(m) : process.stderr.write(`Worker ${slot}: warning: ${m}\n`)) },
    });
    app = (await buildApp({ config, store, sharedState: shared, workerId: slot })).app;
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    process.stderr.write(`Worker ${slot} (pid ${process.pid}) could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    await stop(1);
  }
}
