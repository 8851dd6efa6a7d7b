/**
 * Which tenant owns which value: every UUID in every row of every table with a tenant_id column,
 * and the natural keys people see (SKUs, store and supplier codes, tickets, barcodes, emails,
 * names, key prefixes). A response to tenant A that carries a value only tenant B owns is a leak.
 */
import type { Store } from '../../src/store/types.js';
import { quoteTable, tenantTables } from './helpers.js';

export const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Columns whose values identify a tenant's things to a person. Actor labels (created_by, actor) are
 * not among them: 'apikey:test owner' names a role's key in every tenant alike; a user's email is.
 */
const NATURAL_KEY_COLUMNS = new Set(['sku', 'code', 'ticket', 'barcode', 'email', 'name', 'prefix']);

export interface Ownership {
  uuids: Map<string, Set<string>>;
  keys: Map<string, Set<string>>;
  tables: string[];
}

function own(map: Map<string, Set<string>>, value: string, tenant: string): void {
  let owners = map.get(value);
  if (!owners) map.set(value, (owners = new Set()));
  owners.add(tenant);
}

export async function readOwnership(store: Store): Promise<Ownership> {
  const tables = await tenantTables(store);
  const uuids = new Map<string, Set<string>>();
  const keys = new Map<string, Set<string>>();
  for (const table of tables) {
    for (const row of await store.platform.all('SELECT * FROM ' + quoteTable(table))) {
      const tenant = String(row.tenant_id);
      for (const [column, value] of Object.entries(row)) {
        if (value === null || column === 'tenant_id') continue;
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        for (const u of text.match(UUID_RE) ?? []) own(uuids, u.toLowerCase(), tenant);
        // Bookkeeping labels ('fixtures', 'system') are not anyone's data.
        if (NATURAL_KEY_COLUMNS.has(column) && typeof value === 'string' && value.length >= 2 && !/^(fixtures|system|matrix)$/.test(value)) {
          own(keys, value, tenant);
        }
      }
    }
  }
  return { uuids, keys, tables };
}

/** Values in `body` owned by tenants, none of which is `tenant`, that the request did not itself send. */
export function foreignValues(o: Ownership, tenant: string, body: string, sent: string): string[] {
  const found: string[] = [];
  for (const u of body.match(UUID_RE) ?? []) {
    const owners = o.uuids.get(u.toLowerCase());
    if (owners && !owners.has(tenant) && !sent.toLowerCase().includes(u.toLowerCase())) found.push(`uuid ${u} of ${[...owners].join(',')}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return found;
  }
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      const owners = o.keys.get(v);
      if (owners && !owners.has(tenant) && !sent.includes(v)) found.push(`${path} = '${v}' of ${[...owners].join(',')}`);
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(parsed, '');
  return found;
}

/** Fields that name a tenant (`tenant_id`, `tenant` or `tenant.id`) and name another one than `tenant`. */
export function foreignTenantFields(body: string, tenant: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      const at = path ? `${path}.${k}` : k;
      if ((k === 'tenant_id' || k === 'tenant') && typeof x === 'string' && x !== tenant) found.push(`${at} = ${x}`);
      if (k === 'tenant' && x && typeof x === 'object' && 'id' in x && (x as { id: unknown }).id !== tenant) found.push(`${at}.id = ${String((x as { id: unknown }).id)}`);
      walk(x, at);
    }
  };
  walk(parsed, '');
  return found;
}
