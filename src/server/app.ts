/**
 * Builds the HTTP application. The load order is the architecture:
 * infrastructure (errors, request ids, docs, route-policy check) → cross-cutting (tenancy) →
 * feature routes. Tests build it with a real store and call it through `app.inject`.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Store } from '../store/types.js';
import { installErrorHandlers, sendError } from './errors.js';
import { validatorCompiler } from './http/validation.js';
import { genReqId, requestContextPlugin } from './plugins/request-context.js';
import { loadSheddingPlugin } from './plugins/load-shedding.js';
import { docsPlugin } from './plugins/docs.js';
import { routePolicyCheck, type RegisteredRoute } from './plugins/route-policy.js';
import { tenancyPlugin } from './plugins/tenancy.js';
import { authPlugin } from './plugins/auth.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import cookie from '@fastify/cookie';
import { TenantRegistry } from './features/tenants/registry.js';
import { healthRoutes } from './features/health/routes.js';
import { tenantRoutes } from './features/tenants/routes.js';
import { installMetrics } from './features/metrics/collector.js';
import { metricsRoutes } from './features/metrics/routes.js';
import { installRequestStats } from './features/telemetry/install.js';
import type { RequestRecorder } from './features/telemetry/recorder.js';
import { EventEmitter } from 'node:events';
import { FEATURE_ROUTES, type AppEvents } from './features/index.js';
import { systemClock, type Clock } from './clock.js';
import type { SharedState } from './cluster/shared-state.js';
import { InProcessSharedState } from './cluster/memory.js';
import { shareTenantInvalidations } from './cluster/tenant-invalidation.js';

export interface AppDeps {
  config: Config;
  store: Store;
  registry?: TenantRegistry;
  clock?: Clock;
  /** Where JSON log lines go (tests read them); default standard output. */
  logStream?: NodeJS.WritableStream;
  /**
   * State shared with the other server processes (tenant invalidations, counters); the caller
   * opens and closes it. Default: an in-process one, closed with the app.
   */
  sharedState?: SharedState;
  /** `serve --workers N`: this worker's number, sent as `x-fluxion-worker` outside production. */
  workerId?: number;
}

export interface App {
  app: FastifyInstance;
  registry: TenantRegistry;
  sharedState: SharedState;
  routes: RegisteredRoute[];
  /** This process's per-tenant request statistics (null when FLUXION_STATS_FLUSH_SECONDS=0). */
  requestStats: RequestRecorder | null;
}

function answerClientError(err: Error & { code?: string }, socket: import('node:net').Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify(
    tooLarge ? { error: 'bad_request', message: 'The request headers are larger than the server accepts.' } : { error: 'bad_request', message: 'The request is malformed (request line or headers).' },
  );
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** A hop count trusts that many proxies nearest the server (the hop index counts from the socket). */
function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust === false ? false : trust.split(',').map((s) => s.trim());
}

function loggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (stream) return { level: config.logLevel === 'silent' ? 'info' : config.logLevel, stream };
  if (config.logLevel === 'silent') return false;
  const pretty = process.stdout.isTTY && config.env !== 'production';
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, store } = deps;
  const clock = deps.clock ?? systemClock;
  const registry = deps.registry ?? new TenantRegistry(store.platform, config.tenantCacheSeconds * 1000);
  const sharedState = deps.sharedState ?? new InProcessSharedState({ now: clock });
  const app = Fastify({
    logger: loggerOptions(config, deps.logStream),
    genReqId,
    // One line per request, written by request-context.ts once the tenant is known.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimit,
    trustProxy: trustProxyOption(config.trustProxy),
    return503OnClosing: true,
    // Failures in the router itself (a path parameter over maxParamLength, a malformed %-escape)
    // answer in the one error shape too, instead of Fastify's own body.
    frameworkErrors: (err, request, reply) => sendError(reply, request, err),
    // Requests Node's HTTP parser refuses (CR/LF/NUL in a header, headers over its limit, a broken
    // request line) never reach the app: they get the same JSON error shape, then the connection closes.
    clientErrorHandler: answerClientError,
    // A request without Host reaches tenancy, which refuses it in the JSON shape (Node's own check
    // would answer an empty 400).
    http: { requireHostHeader: false },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const unshare = shareTenantInvalidations(registry, sharedState);
  app.addHook('onClose', async () => {
    unshare();
    if (!deps.sharedState) await sharedState.close();
  });
  if (deps.workerId !== undefined && config.env !== 'production') {
    const worker = String(deps.workerId);
    app.addHook('onRequest', async (_request, reply) => void reply.header('x-fluxion-worker', worker));
  }

  app.setValidatorCompiler(validatorCompiler());
  installErrorHandlers(app);
  const routes = routePolicyCheck(app);
  requestContextPlugin(app, { cloudwatchMetrics: config.cloudwatchMetrics });
  // First of the request hooks after the log line: a shed request costs no tenant lookup.
  loadSheddingPlugin(app, { latencyMs: config.shedLatencyMs, maxInFlight: config.maxInFlight });
  // JSON (and, for uploads, multipart) only: a text/plain body is what a cross-site HTML form can
  // send without a CORS preflight.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await securityHeadersPlugin(app, { config, registry });
  await docsPlugin(app, config);
  tenancyPlugin(app, { config, store, registry });
  // Between the two: the plan is known, and a tenant over its budget is refused before auth's lookups.
  rateLimitPlugin(app, { limits: config.rateLimits, sharedState, clock });
  authPlugin(app, { config, store, clock });

  healthRoutes(app, { store });
  metricsRoutes(app, { config, metrics: installMetrics(app, store) });
  const requestStats = installRequestStats(app, { config, store, clock });
  tenantRoutes(app);
  const events: AppEvents = new EventEmitter();
  for (const register of FEATURE_ROUTES) await app.register(async (scope) => register(scope, { config, store, registry, clock, requestStats, events }));

  return { app, registry, sharedState, routes, requestStats };
}
