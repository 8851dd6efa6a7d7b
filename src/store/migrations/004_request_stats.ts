/**
 * Request statistics per tenant, minute, route template and method: what the platform console's
 * dashboard and tenant pages read (requests per minute, error rates, latency percentiles, the
 * last 24 hours). Written by each server process for its own requests (`process_id`), so
 * processes never update each other's rows: a process re-writes the full totals of its current
 * minute on every flush, and readers add the processes up.
 *
 * Latency is kept as counts per fixed bucket (a JSON array, boundaries in
 * src/server/features/telemetry/buckets.ts), so percentiles can be merged across rows and
 * processes; an average alone could not. Tenant data (it has tenant_id): row-level security on
 * PostgreSQL, and a tenant's offboarding removes its rows like any other table's.
 */
import type { Migration } from './index.js';

export const requestStats: Migration = {
  version: 4,
  name: 'request_stats',
  up: (d) => [
    `CREATE TABLE request_stats (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      minute TIMESTAMPTZ NOT NULL,
      process_id VARCHAR(36) NOT NULL,
      method VARCHAR(8) NOT NULL,
      route VARCHAR(200) NOT NULL,
      requests INTEGER NOT NULL CHECK (requests >= 0),
      status_2xx INTEGER NOT NULL,
      status_3xx INTEGER NOT NULL,
      status_4xx INTEGER NOT NULL,
      status_5xx INTEGER NOT NULL,
      duration_ms_sum DOUBLE PRECISION NOT NULL,
      latency_buckets ${d.json} NOT NULL,
      last_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (tenant_id, minute, process_id, method, route)
    )`,
  ],
};
