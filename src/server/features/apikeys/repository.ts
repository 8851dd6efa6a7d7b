/** SQL for listing and revoking API keys (the auth plugin has its own look-up by hash). */
import type { Row, TenantDb } from '../../../store/types.js';
import type { PageOf } from '../../http/schemas.js';
import { SqlFilter, fetchPage, mapPage } from '../../http/sql.js';
import type { Role } from '../../permissions.js';
import type { ApiKey, ApiKeyQuery } from './schema.js';

const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Never key_hash: it has no business outside the auth plugin. */
const COLUMNS = 'k.id, k.name, k.role, k.prefix, k.created_by, k.created_at, k.last_used_at, k.revoked_at';

function toApiKey(r: Row): ApiKey {
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as Role,
    prefix: String(r.prefix),
    created_by: String(r.created_by),
    created_at: String(r.created_at),
    last_used_at: strOrNull(r.last_used_at),
    revoked_at: strOrNull(r.revoked_at),
  };
}

export async function listApiKeys(tdb: TenantDb, q: ApiKeyQuery): Promise<PageOf<ApiKey>> {
  const f = new SqlFilter();
  if (q.status === 'active') f.and('k.revoked_at IS NULL');
  if (q.status === 'revoked') f.and('k.revoked_at IS NOT NULL');
  const page = await fetchPage(f, q, (paging, params) =>
    tdb.all(
      `SELECT
         ${COLUMNS},
         count(*) OVER () AS total_count
       FROM api_keys k
       WHERE k.tenant_id = $1
         AND ${f.sql}
       ORDER BY k.created_at DESC, k.id DESC
       ${paging}`,
      params,
    ),
  );
  return mapPage(page, toApiKey);
}

export async function findApiKeyById(tdb: TenantDb, id: string): Promise<ApiKey | undefined> {
  const row = await tdb.get(
    `SELECT
       ${COLUMNS}
     FROM api_keys k
     WHERE k.tenant_id = $1 AND k.id = $2::UUID`,
    [id],
  );
  return row ? toApiKey(row) : undefined;
}

/** revoked_at is not indexed: an in-place update. True when this call revoked it. */
export async function revokeApiKey(tdb: TenantDb, id: string, now: number): Promise<boolean> {
  const changed = await tdb.run(
    'UPDATE api_keys SET revoked_at = $3::TIMESTAMPTZ WHERE tenant_id = $1 AND id = $2::UUID AND revoked_at IS NULL',
    [id, new Date(now).toISOString()],
  );
  return changed === 1;
}
