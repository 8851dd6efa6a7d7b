/** Liveness and readiness, for load balancers and orchestrators. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publicRoute } from '../../access.js';
import type { Store } from '../../../store/types.js';
import { pendingMigrations } from '../../../store/migrations/index.js';

const Readiness = Type.Object({ status: Type.String(), database: Type.String(), pendingMigrations: Type.Array(Type.Integer()) });

export function healthRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.get(
    '/healthz',
    { config: publicRoute(), schema: { tags: ['platform'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    { config: publicRoute(), schema: { tags: ['platform'], response: { 200: Readiness, 503: Readiness } } },
    async (_request, reply) => {
      try {
        await deps.store.platform.get('SELECT 1 AS ok');
        const pending = await pendingMigrations(deps.store.platform);
        const ready = pending.length === 0;
        return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'migrations_pending', database: 'ok', pendingMigrations: pending });
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'unreachable', pendingMigrations: [] });
      }
    },
  );
}
