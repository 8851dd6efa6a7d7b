/**
 * Data imports: one row per uploaded file (CLI or API), written when the file is accepted and
 * updated as its background job runs. The row is the import's record — who, when, which file
 * (name, size, sha256), what was detected, the counts and the first rejected rows — and stays
 * after the job whatever its outcome. The imported rows themselves are written in one separate
 * transaction: a failed import changes nothing but this row.
 */
import type { Migration } from './index.js';

export const IMPORT_KINDS = ['stores', 'suppliers', 'products', 'inventory', 'sales', 'exchange_rates'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const imports: Migration = {
  version: 6,
  name: 'imports',
  up: (d) => [
    `CREATE TABLE imports (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL,
      kind VARCHAR(20) NOT NULL CHECK (kind IN (${d.list(IMPORT_KINDS)})),
      status VARCHAR(12) NOT NULL CHECK (status IN (${d.list(IMPORT_STATUSES)})),
      dry_run BOOLEAN NOT NULL,
      source VARCHAR(8) NOT NULL CHECK (source IN ('api', 'cli')),
      file_name VARCHAR(255) NOT NULL,
      size_bytes BIGINT NOT NULL,
      checksum VARCHAR(64),
      facts ${d.json},
      options ${d.json} NOT NULL,
      progress ${d.json} NOT NULL,
      result ${d.json},
      error ${d.json},
      created_by VARCHAR(254) NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      started_at TIMESTAMPTZ,
      finished_at TIMESTAMPTZ,
      duration_ms INTEGER,
      PRIMARY KEY (tenant_id, id)
    )`,
    `CREATE INDEX idx_imports_tenant_created ON imports (tenant_id, created_at)`,
  ],
};
