/**
 * Reading a whole list, page after page, for exports: the list's own filter and order, without
 * its count. Two ways, by the size a list can reach:
 *
 * - `keysetPages` for the long ledgers (sales, movements, orders) in their fixed order: the next
 *   page is "the rows after the last one read", so every page costs the same however deep it is
 *   (an OFFSET makes the database skip all earlier rows again, page after page). The key is read
 *   back as the database's own text of each value (`CAST … AS VARCHAR`): a timestamp keeps its
 *   microseconds, which the millisecond ISO strings of rows would lose.
 * - `offsetPages` for lists bounded by the catalogue (stock levels, products, stores, suppliers)
 *   whose order the user picks, NULLs included; their ORDER BY always ends in a unique column.
 */
import type { Row } from '../../store/types.js';
import type { SqlFilter } from './sql.js';

/** One column of a fixed list order; `sql` never NULL; `type` casts the key text back. */
export interface SortKey {
  sql: string;
  type: 'TIMESTAMPTZ' | 'VARCHAR' | 'INTEGER' | 'UUID';
  desc?: boolean;
}

const KEY_PREFIX = 'page_key_';

export function orderByKeys(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.sql} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
}

/** Select-list items that carry each row's key (`page_key_0`, …) out of the query. */
export function keyColumns(keys: readonly SortKey[]): string {
  return keys.map((k, i) => `CAST(${k.sql} AS VARCHAR) AS ${KEY_PREFIX}${i}`).join(', ');
}

/** Adds to `f` "strictly after `last` in the keys' order": `(a < $2 OR (a = $2 AND (b > $3)))`. */
export function afterKey(f: SqlFilter, keys: readonly SortKey[], last: readonly string[]): void {
  const placeholders = keys.map((k, i) => `${f.param(last[i]!)}::${k.type}`);
  const build = (i: number): string => {
    const k = keys[i]!;
    const beyond = `${k.sql} ${k.desc ? '<' : '>'} ${placeholders[i]}`;
    return i === keys.length - 1 ? beyond : `(${beyond} OR (${k.sql} = ${placeholders[i]} AND ${build(i + 1)}))`;
  };
  f.and(build(0));
}

/**
 * Every row in key order, `pageSize` at a time. `read(after, limit)` runs the list's query with
 * `afterKey` added when `after` is given, selecting `keyColumns(keys)` too.
 */
export async function* keysetPages<T>(
  keys: readonly SortKey[],
  pageSize: number,
  read: (after: string[] | undefined, limit: number) => Promise<Row[]>,
  map: (row: Row) => T,
): AsyncGenerator<T[]> {
  let after: string[] | undefined;
  for (;;) {
    const rows = await read(after, pageSize);
    if (rows.length > 0) yield rows.map(map);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = keys.map((_, i) => String(last[`${KEY_PREFIX}${i}`]));
  }
}

/** Every row of a list whose order ends in a unique column, by LIMIT/OFFSET. */
export async function* offsetPages<T>(pageSize: number, read: (limit: number, offset: number) => Promise<Row[]>, map: (row: Row) => T): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await read(pageSize, offset);
    if (rows.length > 0) yield rows.map(map);
    if (rows.length < pageSize) return;
  }
}
