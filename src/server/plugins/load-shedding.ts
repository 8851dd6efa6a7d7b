/**
 * Load shedding: when the server cannot keep up, the requests beyond what it can serve promptly
 * are refused at once with 503 `service_unavailable` and Retry-After, instead of joining a queue
 * that makes every request slow (a client can retry a quick 503; a page that takes 30 s is lost
 * anyway).
 *
 * An adaptive limit on requests in flight (additive increase, multiplicative decrease), driven by
 * one cheap signal, a standing queue (CoDel's idea): every one of the (at least MIN_COMPLETED)
 * requests that finished in the last interval took longer than `latencyMs`, or the event loop
 * itself lagged that much. Slow requests (an export, a forecast run) among quick ones do not trip
 * it; only when even the quickest ones wait. Then the limit halves, from the interval's peak
 * concurrency, so the queue drains while the server keeps working at its capacity; each interval
 * without a queue raises it again, and once demand is well under it the limit goes away.
 * Reads and writes are limited apart, since they queue at different places (a DuckDB file has one
 * writer: writes wait for each other while reads run on a pool): a write queue sheds writes and
 * lets reads through. `maxInFlight` is a fixed cap on all requests on top. Liveness, readiness and metrics are never shed: a load
 * balancer that sees /healthz fail under load would replace a busy server with a cold one, and the
 * metrics are how people see the overload.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, toErrorBody } from '../errors.js';

export interface LoadSheddingOptions {
  /** A standing queue is the quickest request of a busy interval taking longer than this (ms); 0: no adaptive limit. */
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

export type RequestClass = 'read' | 'write';

interface ClassState {
  /** Requests of the class admitted at once (Infinity: no adaptive limit now). */
  limit: number;
  inFlight: number;
  shed: number;
}

export interface LoadShedding {
  /** Close the interval: adjust the limits for the next one. */
  sample(): void;
  readonly state: Record<RequestClass, ClassState> & { inFlight: number };
}

const NEVER_SHED = new Set(['/healthz', '/readyz', '/metrics']);
/** Requests an interval must finish before its quickest one says anything about a queue. */
export const MIN_COMPLETED = 10;
/** The limit never goes below this: a few requests always get through. */
export const MIN_LIMIT = 4;
const started = Symbol('fluxion.loadShedding.started');
type Tracked = FastifyRequest & { [started]?: number };

const classOf = (method: string): RequestClass => (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write');

/** One class's adaptive limit over an interval. */
class Limiter {
  readonly state: ClassState = { limit: Infinity, inFlight: 0, shed: 0 };
  private quickest = Infinity;
  private completed = 0;
  private peak = 0;

  admit(): void {
    this.state.inFlight += 1;
    this.peak = Math.max(this.peak, this.state.inFlight);
  }

  finish(ms: number): void {
    this.state.inFlight -= 1;
    this.completed += 1;
    this.quickest = Math.min(this.quickest, ms);
  }

  /** Ends the interval; returns what changed, for the log, when shedding starts or stops. */
  sample(latencyMs: number, lagged: boolean): Record<string, unknown> | null {
    const s = this.state;
    const limited = s.limit !== Infinity;
    // A queue: a busy interval whose quickest request was slow, a lagging event loop, or (while
    // limited) requests in flight that finished nothing in a whole interval.
    const queue = latencyMs > 0 && ((this.completed >= MIN_COMPLETED && this.quickest > latencyMs) || lagged || (limited && this.completed === 0 && s.inFlight > 0));
    const before = s.limit;
    if (queue) s.limit = Math.max(MIN_LIMIT, Math.floor(Math.min(s.limit, this.peak) / 2));
    else if (limited) {
      const raised = s.limit + Math.max(MIN_LIMIT, Math.ceil(s.limit / 4));
      s.limit = raised > 2 * this.peak ? Infinity : raised;
    }
    const facts = (before === Infinity) !== (s.limit === Infinity)
      ? { limit: s.limit === Infinity ? null : s.limit, completed: this.completed, quickestMs: this.quickest === Infinity ? null : Math.round(this.quickest), inFlight: s.inFlight, shed: s.shed }
      : null;
    this.quickest = Infinity;
    this.completed = 0;
    this.peak = s.inFlight;
    return facts;
  }
}

export function loadSheddingPlugin(app: FastifyInstance, options: LoadSheddingOptions): LoadShedding {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 1000;
  const limiters: Record<RequestClass, Limiter> = { read: new Limiter(), write: new Limiter() };
  const state = { read: limiters.read.state, write: limiters.write.state, inFlight: 0 };
  const loop = options.latencyMs > 0 && options.timer !== false ? monitorEventLoopDelay({ resolution: 20 }) : null;
  loop?.enable();

  const sample = () => {
    const lagMs = loop ? loop.mean / 1e6 : 0;
    loop?.reset();
    for (const kind of ['read', 'write'] as const) {
      const changed = limiters[kind].sample(options.latencyMs, lagMs > options.latencyMs);
      if (changed) {
        const facts = { class: kind, eventLoopLagMs: Math.round(lagMs), ...changed };
        app.log.warn(facts, changed.limit === null ? `load shedding of ${kind}s stopped` : `load shedding of ${kind}s started: ${kind}s beyond the limit get 503`);
      }
    }
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
    limiters[classOf(request.method)].finish(now() - at);
  };

  app.addHook('onRequest', async (request: Tracked, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (NEVER_SHED.has(path)) return;
    const limiter = limiters[classOf(request.method)];
    const capped = options.maxInFlight > 0 && state.inFlight >= options.maxInFlight;
    if (capped || limiter.state.inFlight >= limiter.state.limit) {
      limiter.state.shed += 1;
      const retryAfter = capped ? 1 : 2;
      // Refusing must cost next to nothing: no log line per refusal (the start and end of shedding
      // are logged, and the metrics count the 503s).
      const { status, body } = toErrorBody(new AppError('service_unavailable', `The server is overloaded; try again in ${retryAfter} s.`, { retryAfter }), String(request.id));
      return reply.code(status).header('retry-after', String(retryAfter)).type('application/json; charset=utf-8').send(body);
    }
    request[started] = now();
    state.inFlight += 1;
    limiter.admit();
  });
  app.addHook('onResponse', async (request: Tracked) => finish(request));
  app.addHook('onRequestAbort', async (request: Tracked) => finish(request));

  return { sample, state };
}
