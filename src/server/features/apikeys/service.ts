/** API keys for integrations (POS, ETL): shown once, stored as a hash, bound to one tenant and a role. */
import type { TenantDb } from '../../../store/types.js';
import { AppError } from '../../errors.js';
import type { Role } from '../../permissions.js';
import { newApiKey } from '../auth/tokens.js';

export interface CreatedApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  /** The secret itself: returned once, never stored. */
  key: string;
}

export async function createApiKey(tdb: TenantDb, input: { name: string; role: Role; createdBy: string }): Promise<CreatedApiKey> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new AppError('validation_error', 'An API key needs a name of 1 to 100 characters.');
  const { key, hash, prefix } = newApiKey(tdb.tenantId);
  const row = await tdb.get(
    'INSERT INTO api_keys (tenant_id, name, prefix, key_hash, role, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [name, prefix, hash, input.role, input.createdBy.slice(0, 254)],
  );
  return { id: String(row!.id), name, role: input.role, prefix, key };
}
