/**
 * Small helpers for repositories that build list queries from optional filters.
 *
 * A tenant handle binds `$1` to the tenant itself, so a `SqlFilter` numbers its parameters from
 * `$2`. Values only ever travel as parameters; the text a filter returns is made of fragments the
 * repository wrote and of placeholders. Sort columns come from a fixed map, never from the request.
 *
 *   const f = new SqlFilter();
 *   f.when(query.category, (p) => `p.category = ${p}::VARCHAR`);   // skipped when undefined
 *   f.search(['p.name', 'p.sku'], query.q);                          // case-insensitive "contains"
 *   const { rows, total } = await fetchPage(f, query, (paging, params) =>
 *     tdb.all(
 *       `SELECT p.id, p.name, count(*) OVER () AS total_count
 *        FROM productos p
 *        WHERE p.tenant_id = $1
 *          AND ${f.sql}
 *        ORDER BY ${orderBy(PRODUCT_SORT, query.sort, query.order, 'p.id')}
 *        ${paging}`,
 *       params,
 *     ),
 *   );
 */
import type { Row, SqlParam } from '../../store/types.js';
import type { PageOf } from './schemas.js';

export type SortDirection = 'asc' | 'desc';

/** Escape LIKE's wildcards (`%`, `_`) and the escape character itself (`\`) in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class SqlFilter {
  private readonly conditions: string[] = [];
  private readonly values: SqlParam[] = [];

  /** `firstIndex` is 2 on tenant handles (where `$1` is the tenant). */
  constructor(private readonly firstIndex = 2) {}

  /** Register a value and return its placeholder (`$2`, `$3`, …). */
  param(value: SqlParam): string {
    this.values.push(value);
    return `$${this.firstIndex + this.values.length - 1}`;
  }

  /** Add a condition that always applies. */
  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** Add `build(placeholder)` when `value` is given; `undefined` means "no filter". */
  when<T extends SqlParam>(value: T | undefined, build: (placeholder: string) => string): this {
    if (value !== undefined) this.conditions.push(build(this.param(value)));
    return this;
  }

  /**
   * Case-insensitive "contains" of `text` on any of `columns`, with the user's `%`, `_` and `\`
   * taken literally. `lower(...) LIKE ... ESCAPE` behaves the same on DuckDB and PostgreSQL,
   * unlike ILIKE. Blank text means no filter.
   */
  search(columns: readonly string[], text: string | undefined): this {
    const trimmed = text?.trim();
    if (!trimmed) return this;
    const p = this.param(`%${escapeLike(trimmed)}%`);
    const matches = columns.map((c) => `lower(${c}) LIKE lower(${p}::VARCHAR) ESCAPE '\\'`);
    this.conditions.push(matches.join(' OR '));
    return this;
  }

  /** The conditions joined with AND, each parenthesised; `TRUE` when there are none. */
  get sql(): string {
    return this.conditions.length === 0 ? 'TRUE' : this.conditions.map((c) => `(${c})`).join(' AND ');
  }

  /** The parameters so far, in placeholder order. */
  get params(): SqlParam[] {
    return [...this.values];
  }

  /** `LIMIT … OFFSET …` numbered after this filter's parameters, with the full parameter list. Does not change the filter. */
  page(limit: number, offset: number): { sql: string; params: SqlParam[] } {
    const n = this.firstIndex + this.values.length;
    return { sql: `LIMIT $${n}::INTEGER OFFSET $${n + 1}::INTEGER`, params: [...this.values, limit, offset] };
  }
}

/**
 * `ORDER BY` text from a fixed map of sort keys to SQL expressions, with a unique tiebreaker so
 * pages never overlap or skip rows. NULLS LAST is spelled out because DuckDB and PostgreSQL
 * disagree on the default for descending order.
 */
export function orderBy<K extends string>(columns: Record<K, string>, key: K, direction: SortDirection, tiebreaker: string): string {
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return `${columns[key]} ${dir} NULLS LAST, ${tiebreaker} ${dir}`;
}

/**
 * Run a paged list query and read its total. The query must select `count(*) OVER () AS
 * total_count` and end with the `paging` text it is given. A page past the end has no rows to
 * carry the total, so the first row is fetched once more to count.
 */
export async function fetchPage(
  filter: SqlFilter,
  page: { limit?: number; offset?: number },
  run: (paging: string, params: SqlParam[]) => Promise<Row[]>,
): Promise<{ rows: Row[]; total: number; limit: number; offset: number }> {
  const limit = page.limit ?? 50;
  const offset = page.offset ?? 0;
  const current = filter.page(limit, offset);
  const rows = await run(current.sql, current.params);
  let total = rows.length > 0 ? Number(rows[0]!.total_count) : 0;
  if (rows.length === 0 && offset > 0) {
    const probe = filter.page(1, 0);
    const first = await run(probe.sql, probe.params);
    total = first.length > 0 ? Number(first[0]!.total_count) : 0;
  }
  return { rows, total, limit, offset };
}

/** A fetched page as the API's `{ items, total, limit, offset }`, rows mapped to domain types. */
export function mapPage<T>(page: { rows: Row[]; total: number; limit: number; offset: number }, map: (row: Row) => T): PageOf<T> {
  return { items: page.rows.map(map), total: page.total, limit: page.limit, offset: page.offset };
}
