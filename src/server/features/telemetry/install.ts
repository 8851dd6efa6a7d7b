/** Wires the request recorder into an app: one onResponse hook, a flush timer, a final flush on close. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Clock } from '../../clock.js';
import type { Store } from '../../../store/types.js';
import { RequestRecorder } from './recorder.js';

export function installRequestStats(app: FastifyInstance, deps: { config: Config; store: Store; clock: Clock }): RequestRecorder | null {
  if (deps.config.statsFlushSeconds === 0) return null;
  const recorder = new RequestRecorder(deps.store, deps.clock, app.log, deps.config.statsFlushSeconds * 1000);
  app.addHook('onResponse', async (request, reply) => {
    const tenant = request.tenant;
    if (tenant) recorder.record(tenant.id, request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime);
  });
  app.addHook('onReady', async () => recorder.start());
  app.addHook('onClose', async () => recorder.stop());
  return recorder;
}
