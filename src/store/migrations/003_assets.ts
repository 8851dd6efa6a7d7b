/**
 * Tenant assets: files a tenant uploads for its branding (the logo). One row per (tenant, kind).
 *
 * The bytes are kept as base64 text rather than BLOB/BYTEA: the Store port carries plain JSON
 * values only (no driver Buffer or DuckDB blob object leaves an adapter), and the generic copy
 * and checksum of `fluxion migrate-data` move text columns unchanged between DuckDB and
 * PostgreSQL. A 512 KB logo is about 700 KB of text, read only when the logo is served.
 */
import type { Migration } from './index.js';

export const ASSET_KINDS = ['logo'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const;
export type AssetContentType = (typeof ASSET_CONTENT_TYPES)[number];
/** The largest asset accepted, in bytes (512 KB). */
export const ASSET_MAX_BYTES = 512 * 1024;

export const assets: Migration = {
  version: 3,
  name: 'assets',
  up: (d) => [
    `CREATE TABLE tenant_assets (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      kind VARCHAR(16) NOT NULL CHECK (kind IN (${d.list(ASSET_KINDS)})),
      content_type VARCHAR(32) NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
      byte_size INTEGER NOT NULL CHECK (byte_size BETWEEN 1 AND ${ASSET_MAX_BYTES}),
      sha256 VARCHAR(64) NOT NULL,
      content_base64 TEXT NOT NULL,
      updated_by VARCHAR(200),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, kind)
    )`,
  ],
};
