/** Tenant-side SQL the settings need besides the tenants row (that one is tenants/repository.ts). */
import type { TenantDb } from '../../../store/types.js';

/** End every impersonation session of the tenant, as soon as its owners stop allowing them. */
export async function endImpersonationSessions(tdb: TenantDb): Promise<number> {
  return tdb.run('DELETE FROM sessions WHERE tenant_id = $1 AND impersonator_id IS NOT NULL');
}
