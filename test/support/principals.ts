/**
 * Users and API keys for every role of the fixture tenants. One argon2 hash per process: every
 * fixture user has the password FIXTURE_PASSWORD.
 */
import type { Store } from '../../src/store/types.js';
import { hashPassword } from '../../src/server/features/auth/passwords.js';
import { createUser } from '../../src/server/features/users/service.js';
import { createApiKey } from '../../src/server/features/apikeys/service.js';
import { ROLES, type Role } from '../../src/server/permissions.js';

export const FIXTURE_PASSWORD = 'correct-horse-battery-staple-42';
export const FIXTURE_TENANTS = ['granja', 'cliente2'] as const;

let hashed: Promise<string> | null = null;
export function fixtureHash(): Promise<string> {
  hashed ??= hashPassword(FIXTURE_PASSWORD);
  return hashed;
}

export type Keys = Record<string, Record<Role, string>>;
export type Users = Record<string, Record<Role, { id: string; email: string }>>;

export const emailOf = (tenant: string, role: Role) => `${role}@${tenant}.test`;

export async function loadPrincipals(store: Store): Promise<{ keys: Keys; users: Users }> {
  const keys: Keys = {};
  const users: Users = {};
  const passwordHash = await fixtureHash();
  for (const tenant of FIXTURE_TENANTS) {
    const tdb = store.forTenant(tenant);
    keys[tenant] = {} as Record<Role, string>;
    users[tenant] = {} as Users[string];
    for (const role of ROLES) {
      users[tenant][role] = await createUser(tdb, { email: emailOf(tenant, role), name: `${role} of ${tenant}`, role, passwordHash });
      keys[tenant][role] = (await createApiKey(tdb, { name: `test ${role}`, role, createdBy: 'fixtures' })).key;
    }
  }
  return { keys, users };
}
