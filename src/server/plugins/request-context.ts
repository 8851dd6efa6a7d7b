/** Request ids: accepted from a trusted-looking X-Request-Id, or made here; echoed on every response. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, RawRequestDefaultExpression } from 'fastify';
import type { CloudwatchMetrics } from '../config.js';
import { embeddedMetrics } from '../features/metrics/cloudwatch.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function genReqId(req: RawRequestDefaultExpression): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/**
 * One log line per request, written when it completes, so it carries the tenant the request
 * selected (Fastify's own 'incoming request' line is written before the tenant is known). With
 * CloudWatch metrics on, the same line is also a CloudWatch embedded-metric document.
 */
export function requestContextPlugin(app: FastifyInstance, options: { cloudwatchMetrics: CloudwatchMetrics }): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    request.log.info(
      {
        method: request.method,
        url: request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        ms,
        ip: request.ip,
        ...(options.cloudwatchMetrics === 'off' ? {} : embeddedMetrics(request, reply.statusCode, ms, options.cloudwatchMetrics)),
      },
      'request completed',
    );
  });
}
