/**
 * Demo sign-ins, created with the demo data and only then: owner@, manager@, staff@ and viewer@
 * `<tenant>.demo` for each demo tenant, and the platform admin admin@fluxion.demo, all with the
 * password DEMO_PASSWORD. One argon2id hash serves them all.
 */
import type { Store } from '../store/types.js';
import { ROLES } from '../server/permissions.js';
import { hashPassword } from '../server/features/auth/passwords.js';
import { createUser } from '../server/features/users/service.js';
import { createAdmin } from '../server/features/admin/service.js';

export const DEMO_PASSWORD = 'fluxion-demo';
export const DEMO_ADMIN_EMAIL = 'admin@fluxion.demo';

export const demoEmail = (tenant: string, role: string) => `${role}@${tenant}.demo`;

export async function createDemoAccounts(store: Store, tenants: readonly string[]): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const tenant of tenants) {
    const tdb = store.forTenant(tenant);
    for (const role of ROLES) {
      const email = demoEmail(tenant, role);
      const name = `${role[0]!.toUpperCase()}${role.slice(1)} (demo)`;
      await createUser(tdb, { email, name, role, passwordHash });
      created.push(email);
    }
  }
  if (await createDemoAdmin(store, passwordHash)) created.push(DEMO_ADMIN_EMAIL);
  return created;
}

/** The demo platform admin, unless it exists already; true when created. */
export async function createDemoAdmin(store: Store, passwordHash: string): Promise<boolean> {
  const admin = await store.platform.get('SELECT id FROM platform_admins WHERE email = $1', [DEMO_ADMIN_EMAIL]);
  if (admin) return false;
  await createAdmin(store.platform, { email: DEMO_ADMIN_EMAIL, name: 'Fluxion admin (demo)', passwordHash });
  return true;
}
