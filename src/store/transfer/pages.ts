/**
 * A table read in keyset pages through the Store port, in primary-key order. One pass first reads
 * the key of every n-th row (the page boundaries); each page is then the rows between two
 * boundaries. Memory stays at one or two pages whatever the table's size, every page query costs
 * the same however far into the table it is, and no row is read twice or skipped.
 *
 * Boundary keys are the columns cast to text (KEY_PREFIX<i>), so they are exact on both backends
 * whatever their type, a timestamp with microseconds included; both databases cast the text
 * parameter back to the column's type when comparing.
 */
import type { Queryable, Row, SqlParam } from '../types.js';
import { quoteIdent } from './schema.js';

export const KEY_PREFIX = '__transfer_key_';

export interface PageQuery {
  db: Queryable;
  table: string;
  /** The columns to order and continue by: the primary key (less a column the filter fixes). */
  key: readonly string[];
  /**
   * Select-list expressions for the row itself. Column references should be qualified by
   * `column()`: an output alias named like a column would otherwise take its place in ORDER BY.
   */
  select: readonly string[];
  /** A fixed condition, and how many parameters it uses ($1 … $n); a tenant handle supplies $1 itself. */
  where?: { sql: string; params: number };
  pageSize: number;
}

/** `"table"."column"`: always the stored column, never an output alias of the same name. */
export function column(table: string, name: string): string {
  return `${quoteIdent(table)}.${quoteIdent(name)}`;
}

/** `(a > $3 OR (a = $3 AND (b > $4)))`: strictly after the key ($first, $first+1, …) in key order. */
function after(table: string, key: readonly string[], first: number): string {
  const [head, ...rest] = key;
  const col = column(table, head!);
  const p = `$${first}`;
  return rest.length === 0 ? `${col} > ${p}` : `(${col} > ${p} OR (${col} = ${p} AND ${after(table, rest, first + 1)}))`;
}

const keyColumns = (q: PageQuery) => q.key.map((k, i) => `CAST(${column(q.table, k)} AS VARCHAR) AS ${KEY_PREFIX}${i}`);

/**
 * The key of every pageSize-th row, in key order: the page boundaries, read in one pass. A page
 * is then "after the previous boundary, up to this one", so each page query touches its own rows
 * only; "the next n rows after k" would make the database rank every remaining row, page after
 * page, and build the select list for all of them (DuckDB does), which grows with the table.
 */
function boundsSql(q: PageQuery, pageSize: number): string {
  const where = q.where ? `WHERE ${q.where.sql}` : '';
  return [
    `SELECT ${q.key.map((_, i) => `${KEY_PREFIX}${i}`).join(', ')}`,
    `FROM (SELECT ${keyColumns(q).join(', ')}, row_number() OVER (ORDER BY ${q.key.map((k) => column(q.table, k)).join(', ')}) AS ${KEY_PREFIX}rn`,
    `      FROM ${quoteIdent(q.table)} ${where}) ranked`,
    `WHERE ${KEY_PREFIX}rn % ${pageSize} = 0`,
    `ORDER BY ${KEY_PREFIX}rn`,
  ].join('\n');
}

function pageSql(q: PageQuery, from: boolean, to: boolean): string {
  const first = (q.where?.params ?? 0) + 1;
  const conditions = [
    q.where?.sql,
    from ? after(q.table, q.key, first) : undefined,
    to ? `NOT ${after(q.table, q.key, first + (from ? q.key.length : 0))}` : undefined,
  ].filter(Boolean);
  return [
    `SELECT ${q.select.join(', ')}`,
    `FROM ${quoteIdent(q.table)}`,
    conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    `ORDER BY ${q.key.map((k) => column(q.table, k)).join(', ')}`,
  ].join('\n');
}

/**
 * Every row in key order, a page at a time. The next page is already being read while the caller
 * works on the current one. `fixed` are the parameters of `where` beyond what the handle supplies.
 * Rows added meanwhile are still read (the last page has no upper bound); pages only grow.
 */
export async function* keysetPages(q: PageQuery, fixed: readonly SqlParam[] = []): AsyncGenerator<Row[]> {
  const pageSize = Math.max(1, Math.floor(q.pageSize));
  const keyOf = (row: Row) => q.key.map((_, i) => row[`${KEY_PREFIX}${i}`] as string);
  const bounds = (await q.db.all(boundsSql(q, pageSize), fixed)).map(keyOf);
  const read = (i: number): Promise<Row[]> => {
    const lo = i > 0 ? bounds[i - 1] : undefined;
    const hi = i < bounds.length ? bounds[i] : undefined;
    return q.db.all(pageSql(q, lo !== undefined, hi !== undefined), [...fixed, ...(lo ?? []), ...(hi ?? [])]);
  };
  let pending: Promise<Row[]> | undefined = read(0);
  try {
    for (let i = 0; i <= bounds.length; i++) {
      const rows: Row[] = await pending!;
      pending = i < bounds.length ? read(i + 1) : undefined;
      // Awaited on the next turn; until then a failure must not count as unhandled.
      pending?.catch(() => undefined);
      if (rows.length > 0) yield rows;
    }
  } finally {
    // A caller that stops early (a failed COPY) must not leave a read running on a connection
    // that is about to be closed.
    await pending?.catch(() => undefined);
  }
}
