/** SQL for tenant_assets (the logo). The bytes travel as base64 text (see migration 003). */
import type { TenantDb } from '../../../store/types.js';
import type { AssetContentType, AssetKind } from '../../../store/migrations/003_assets.js';

export interface AssetMeta {
  contentType: AssetContentType;
  bytes: number;
  sha256: string;
  updatedAt: string;
}

export interface Asset extends AssetMeta {
  content: Buffer;
}

export async function findAssetMeta(tdb: TenantDb, kind: AssetKind): Promise<AssetMeta | undefined> {
  const row = await tdb.get(
    'SELECT a.content_type, a.byte_size, a.sha256, a.updated_at FROM tenant_assets a WHERE a.tenant_id = $1 AND a.kind = $2::VARCHAR',
    [kind],
  );
  return row
    ? { contentType: row.content_type as AssetContentType, bytes: Number(row.byte_size), sha256: String(row.sha256), updatedAt: String(row.updated_at) }
    : undefined;
}

export async function findAsset(tdb: TenantDb, kind: AssetKind): Promise<Asset | undefined> {
  const row = await tdb.get(
    `SELECT a.content_type, a.byte_size, a.sha256, a.updated_at, a.content_base64
     FROM tenant_assets a
     WHERE a.tenant_id = $1 AND a.kind = $2::VARCHAR`,
    [kind],
  );
  if (!row) return undefined;
  return {
    contentType: row.content_type as AssetContentType,
    bytes: Number(row.byte_size),
    sha256: String(row.sha256),
    updatedAt: String(row.updated_at),
    content: Buffer.from(String(row.content_base64), 'base64'),
  };
}

export async function putAsset(
  tdb: TenantDb,
  a: { kind: AssetKind; contentType: AssetContentType; content: Buffer; sha256: string; updatedBy: string; updatedAt: string },
): Promise<void> {
  await tdb.run(
    `INSERT INTO tenant_assets (tenant_id, kind, content_type, byte_size, sha256, content_base64, updated_by, updated_at)
     VALUES ($1, $2::VARCHAR, $3::VARCHAR, $4::INTEGER, $5::VARCHAR, $6::TEXT, $7::VARCHAR, $8::TIMESTAMPTZ)
     ON CONFLICT (tenant_id, kind)
     DO UPDATE SET content_type = EXCLUDED.content_type, byte_size = EXCLUDED.byte_size, sha256 = EXCLUDED.sha256,
                   content_base64 = EXCLUDED.content_base64, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [a.kind, a.contentType, a.content.length, a.sha256, a.content.toString('base64'), a.updatedBy, a.updatedAt],
  );
}

export async function deleteAsset(tdb: TenantDb, kind: AssetKind): Promise<number> {
  return tdb.run('DELETE FROM tenant_assets WHERE tenant_id = $1 AND kind = $2::VARCHAR', [kind]);
}
