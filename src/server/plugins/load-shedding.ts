/**
 * Load shedding: when the server cannot keep up, new requests are refused at once with 503
 * `service_unavailable` and Retry-After, instead of joining a queue that makes every request slow
 * (a client can retry a quick 503; a page that takes 30 s is lost anyway).
 *
 * Two signals, both cheap:
 * - a standing queue (CoDel's idea): every one of the (at least MIN_COMPLETED) requests that
 *   finished in the last interval took longer than `latencyMs`, or the event loop itself lagged that
 *   much. Slow requests (an export, a forecast run) among quick ones do not trip it; only when even
 *   the quickest ones wait does the server shed, and it stops once the queue has drained;
 * - a hard cap on requests in flight in this process.
 * Liveness, readiness and metrics are never shed: a load balancer that sees /healthz fail under load
 * would replace a busy server with a cold one, and the metrics are how people see the overload.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, sendError } from '../errors.js';

export interface LoadSheddingOptions {
  /** Shed while the quickest request of an interval took longer than this (ms); 0: never. */
  latencyMs: number;
  /** Refuse new requests while this many are in flight; 0: no cap. */
  maxInFlight: number;
  /** Length of a sampling interval (ms). */
  intervalMs?: number;
  /** Clock in ms (tests move it). */
  now?: () => number;
  /** false: the caller drives sampling through `sample()` (tests). */
  timer?: boolean;
}

export interface LoadShedding {
  /** Close the interval: decide whether the next one sheds. */
  sample(): void;
  readonly state: { shedding: boolean; inFlight: number; shed: number };
}

const NEVER_SHED = new Set(['/healthz', '/readyz', '/metrics']);
/** Requests an interval must finish before its quickest one says anything about a queue. */
export const MIN_COMPLETED = 10;
const started = Symbol('fluxion.loadShedding.started');
type Tracked = FastifyRequest & { [started]?: number };

export function loadSheddingPlugin(app: FastifyInstance, options: LoadSheddingOptions): LoadShedding {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 1000;
  const state = { shedding: false, inFlight: 0, shed: 0 };
  let quickest = Infinity;
  let completed = 0;
  const loop = options.latencyMs > 0 && options.timer !== false ? monitorEventLoopDelay({ resolution: 20 }) : null;
  loop?.enable();

  const sample = () => {
    const lagMs = loop ? loop.mean / 1e6 : 0;
    loop?.reset();
    // Shedding starts on an interval busy enough to judge (one slow export finishing alone is not a
    // queue) and goes on until the queue has drained: while nothing finishes and requests are still
    // in flight, or while even the quickest is slow.
    const standing = state.shedding
      ? completed === 0
        ? state.inFlight > 0
        : quickest > options.latencyMs
      : completed >= MIN_COMPLETED && quickest > options.latencyMs;
    const was = state.shedding;
    state.shedding = options.latencyMs > 0 && (standing || lagMs > options.latencyMs);
    if (state.shedding !== was) {
      const facts = { completed, quickestMs: quickest === Infinity ? null : Math.round(quickest), eventLoopLagMs: Math.round(lagMs), inFlight: state.inFlight, shed: state.shed };
      app.log.warn(facts, state.shedding ? 'load shedding started: new requests get 503' : 'load shedding stopped');
    }
    quickest = Infinity;
    completed = 0;
  };
  if (options.timer !== false && options.latencyMs > 0) {
    const timer = setInterval(sample, intervalMs);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      loop?.disable();
    });
  }

  const finish = (request: Tracked) => {
    const at = request[started];
    if (at === undefined) return;
    request[started] = undefined;
    state.inFlight -= 1;
    completed += 1;
    quickest = Math.min(quickest, now() - at);
  };

  app.addHook('onRequest', async (request: Tracked, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (NEVER_SHED.has(path)) return;
    const full = options.maxInFlight > 0 && state.inFlight >= options.maxInFlight;
    if (state.shedding || full) {
      state.shed += 1;
      const retryAfter = state.shedding ? 5 : 1;
      reply.header('retry-after', String(retryAfter));
      return sendError(reply, request, new AppError('service_unavailable', `The server is overloaded; try again in ${retryAfter} s.`, { retryAfter }));
    }
    request[started] = now();
    state.inFlight += 1;
  });
  app.addHook('onResponse', async (request: Tracked) => finish(request));
  app.addHook('onRequestAbort', async (request: Tracked) => finish(request));

  return { sample, state };
}
