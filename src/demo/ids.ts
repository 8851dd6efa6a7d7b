/**
 * Deterministic ids. A demo row's UUID is the MD5 of `tenant:kind:key`, shaped like a version-4
 * UUID, so reloading the demo (any seed) gives the same ids for the same stores, products and
 * orders: bookmarks and test expectations survive a reload. Bulk rows (movements) get theirs in
 * SQL with the same formula (`SQL_UUID_FROM_MD5`), so both sides always agree.
 */
import { createHash } from 'node:crypto';

export function demoUuid(tenant: string, kind: string, key: string | number): string {
  return uuidFromMd5(createHash('md5').update(`${tenant}:${kind}:${key}`).digest('hex'));
}

/**
 * For bulk rows (ledger movements): the first 32 bits are the row's sequence number, the rest the
 * hash. Inserting a million rows whose keys arrive in order is far cheaper for the primary-key
 * index than random keys, and the ids still never collide across tenants or kinds.
 */
export function demoSequentialUuid(tenant: string, kind: string, n: number): string {
  const h = createHash('md5').update(`${tenant}:${kind}:${n}`).digest('hex');
  return uuidFromMd5(n.toString(16).padStart(8, '0') + h.slice(8));
}

/** 32 hex digits → xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx (version 4, RFC 4122 variant). */
export function uuidFromMd5(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The same shaping in SQL, over a column `h` holding md5 hex (compute it once, in a subquery). */
export const SQL_UUID_FROM_MD5 =
  "CAST(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12) AS UUID)";
