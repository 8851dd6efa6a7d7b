/**
 * GET /metrics in the Prometheus text format. Not for the public: with FLUXION_METRICS_TOKEN set
 * the scraper sends `Authorization: Bearer <token>`; without it only this machine (loopback) may
 * scrape. Anyone else gets the same 404 as any unknown path.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { publicRoute } from '../../access.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Metrics } from './collector.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (s: string) => createHash('sha256').update(s).digest();

export function mayScrape(request: FastifyRequest, token: string): boolean {
  if (!token) return LOOPBACK.has(request.socket.remoteAddress ?? '');
  const given = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token));
}

export function metricsRoutes(app: FastifyInstance, deps: { config: Config; metrics: Metrics }): void {
  app.get('/metrics', { config: publicRoute(), schema: { hide: true } }, async (request, reply) => {
    if (!mayScrape(request, deps.config.metricsToken)) throw new AppError('not_found', 'No route GET /metrics.');
    const { contentType, body } = await deps.metrics.render();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
}
