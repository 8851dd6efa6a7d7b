/**
 * The permission table: the one source that decides what each role may do. Every route names one
 * permission in its policy (src/server/access.ts); docs/security.md shows this table, generated
 * from here by `npm run docs:permissions` (a test fails when the two drift).
 */
import type { Permission } from './access.js';
import { ROLES, type Role } from '../store/migrations/002_accounts.js';

export { ROLES, type Role };

export const PERMISSION_DESCRIPTIONS: Record<Exclude<Permission, 'anyone'>, string> = {
  'tenant:read': 'read the tenant\'s settings',
  'catalog:read': 'read stores, suppliers and products',
  'inventory:read': 'read stock levels and the movements ledger',
  'inventory:adjust': 'adjust stock (counts, damage, theft, expiry…)',
  'sales:read': 'read sales',
  'sales:write': 'record sales',
  'orders:read': 'read purchase orders',
  'orders:write': 'create, submit, receive and cancel purchase orders',
  'stats:read': 'read statistics and dashboards',
  'imports:write': 'import data files',
  'forecasts:run': 'start a forecasting run',
  'rates:write': 'enter exchange rates',
  'audit:read': 'read the audit trail',
  'users:read': 'list users',
  'users:manage': 'invite users, change roles, disable users',
  'apikeys:manage': 'create and revoke API keys',
  'settings:write': 'change branding and settings',
  'platform:read': 'platform console (platform admins only)',
  'platform:write': 'platform changes (platform admins only)',
};

const VIEWER: Permission[] = ['tenant:read', 'catalog:read', 'inventory:read', 'sales:read', 'orders:read', 'stats:read'];
const STAFF: Permission[] = [...VIEWER, 'inventory:adjust', 'sales:write'];
const MANAGER: Permission[] = [...STAFF, 'orders:write', 'imports:write', 'forecasts:run', 'rates:write', 'audit:read', 'users:read'];
const OWNER: Permission[] = [...MANAGER, 'users:manage', 'apikeys:manage', 'settings:write'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  staff: new Set(STAFF),
  manager: new Set(MANAGER),
  owner: new Set(OWNER),
};

export function roleCan(role: Role, permission: Permission): boolean {
  return permission === 'anyone' || ROLE_PERMISSIONS[role].has(permission);
}

/** The Markdown table for docs/security.md. */
export function permissionTableMarkdown(): string {
  const header = `| permission | what it allows | ${ROLES.join(' | ')} |`;
  const rule = `| --- | --- | ${ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = (Object.keys(PERMISSION_DESCRIPTIONS) as Array<Exclude<Permission, 'anyone'>>)
    .filter((p) => !p.startsWith('platform:'))
    .map((p) => `| \`${p}\` | ${PERMISSION_DESCRIPTIONS[p]} | ${ROLES.map((r) => (roleCan(r, p) ? '✔' : '')).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}
