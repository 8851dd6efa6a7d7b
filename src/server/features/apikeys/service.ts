/** API keys for integrations (POS, ETL): shown once, stored as a hash, bound to one tenant and a role. */
import type { TenantDb } from '../../../store/types.js';
import { AppError, notFound } from '../../errors.js';
import type { PageOf } from '../../http/schemas.js';
import type { Role } from '../../permissions.js';
import type { Auditor } from '../audit/writer.js';
import { newApiKey } from '../auth/tokens.js';
import * as repo from './repository.js';
import type { ApiKey, ApiKeyQuery, CreatedApiKeyResponse } from './schema.js';

export interface CreatedApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  /** The secret itself: returned once, never stored. */
  key: string;
}

export async function createApiKey(
  tdb: TenantDb,
  input: { name: string; role: Role; createdBy: string; now?: number },
): Promise<CreatedApiKey> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new AppError('validation_error', 'An API key needs a name of 1 to 100 characters.');
  const { key, hash, prefix } = newApiKey(tdb.tenantId);
  const createdAt = input.now === undefined ? null : new Date(input.now).toISOString();
  const row = await tdb.get(
    `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, role, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::TIMESTAMPTZ, now())) RETURNING id`,
    [name, prefix, hash, input.role, input.createdBy.slice(0, 254), createdAt],
  );
  return { id: String(row!.id), name, role: input.role, prefix, key };
}

export const listApiKeys = (tdb: TenantDb, q: ApiKeyQuery): Promise<PageOf<ApiKey>> => repo.listApiKeys(tdb, q);

/** Create a key and record it in the audit trail, together. The answer is the only time the key is shown. */
export async function issueApiKey(
  tdb: TenantDb,
  input: { name: string; role: Role; createdBy: string },
  now: number,
  record: Auditor,
): Promise<CreatedApiKeyResponse> {
  return tdb.tx(async (tx) => {
    const created = await createApiKey(tx, { ...input, now });
    await record(tx, { action: 'apikey.created', targetType: 'apikey', targetId: created.id, details: { name: created.name, role: created.role, prefix: created.prefix } });
    const stored = await repo.findApiKeyById(tx, created.id);
    if (!stored) throw new Error('The API key was created but could not be read back.');
    return { ...stored, key: created.key };
  });
}

/**
 * Revoke a key: the auth plugin reads revoked_at on every request, so its next use is 401.
 * Revoking a revoked key changes nothing.
 */
export async function revokeApiKey(tdb: TenantDb, id: string, now: number, record: Auditor): Promise<void> {
  await tdb.tx(async (tx) => {
    const key = await repo.findApiKeyById(tx, id);
    if (!key) throw notFound('API key', id);
    if (!(await repo.revokeApiKey(tx, id, now))) return;
    await record(tx, { action: 'apikey.revoked', targetType: 'apikey', targetId: id, details: { name: key.name, role: key.role, prefix: key.prefix } });
  });
}
