/**
 * Prometheus metrics of one app: requests by tenant, route and status class, latency by route,
 * the tenants by status and the database's size; the process's own metrics (CPU, memory, event
 * loop, GC) are collected once per process and added at scrape time.
 *
 * Label values are bounded: `tenant` is the id of a tenant the registry knows (or `_platform` /
 * `_none`), `route` is the route's template (`/api/v1/orders/:id`, or `unmatched`), never a raw
 * URL, id or query.
 */
import { statSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../../../store/types.js';
import { listTenants } from '../tenants/repository.js';

let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'fluxion_' });
  }
  return processRegistry;
}

export function tenantLabel(request: FastifyRequest): string {
  if (request.tenant) return request.tenant.id;
  return request.resolution?.kind === 'platform' ? '_platform' : '_none';
}

export interface Metrics {
  registry: Registry;
  /** The exposition text: this app's metrics and the process's. */
  render(): Promise<{ contentType: string; body: string }>;
}

export function installMetrics(app: FastifyInstance, store: Store): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'fluxion_http_requests_total',
    help: 'HTTP requests by tenant, route template, method and status class',
    labelNames: ['tenant', 'route', 'method', 'status_class'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'fluxion_http_request_duration_seconds',
    help: 'HTTP request latency by route template and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'fluxion_tenants',
    help: 'Tenants in the registry by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const t of await listTenants(store.platform)) this.inc({ status: t.status });
    },
  });
  new Gauge({
    name: 'fluxion_database_size_bytes',
    help: 'Size of the database: the DuckDB file (and its WAL), or the PostgreSQL database',
    registers: [registry],
    async collect() {
      const size = await databaseSize(store);
      if (size !== null) this.set(size);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
    requests.inc({ tenant: tenantLabel(request), route, method, status_class: `${Math.floor(reply.statusCode / 100)}xx` });
    duration.observe({ route, method }, reply.elapsedTime / 1000);
  });

  return {
    registry,
    async render() {
      const merged = Registry.merge([registry, processMetrics()]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

async function databaseSize(store: Store): Promise<number | null> {
  if (store.location.startsWith('postgres')) {
    const row = await store.platform.get('SELECT pg_database_size(current_database()) AS n').catch(() => undefined);
    return row ? Number(row.n) : null;
  }
  let total = 0;
  for (const file of [store.location, `${store.location}.wal`]) {
    try {
      total += statSync(file).size;
    } catch {
      /* in memory, or no WAL right now */
    }
  }
  return total;
}
