/**
 * Set-based checks and writes shared by the kinds: rejections found in SQL (unknown references,
 * duplicate keys, rows missing what a new record needs), creation of unknown references, and the
 * upsert of catalogue rows by their natural key. Everything runs on the tenant handle inside the
 * import's transaction; staging tables hold this import's rows only, and every statement names
 * the tenant (`$1`) — where a statement reads staging alone, as `CAST($1 AS VARCHAR) IS NOT NULL`.
 */
import type { ApplyContext } from './columns.js';
import { MAX_KEPT, type RejectReason } from '../rejections.js';

export const TENANT_GUARD = 'CAST($1 AS VARCHAR) IS NOT NULL';

/**
 * Reject the staged rows `from` (a FROM … WHERE … over staging alias `s`) selects: the first
 * MAX_KEPT with their value, and the count of all of them.
 */
export async function rejectRows(
  ctx: ApplyContext,
  reason: RejectReason,
  column: string | null,
  valueSql: string,
  from: string,
  message: (value: string | null) => string,
  params: readonly (string | number | null)[] = [],
): Promise<number> {
  const count = Number((await ctx.tx.get(`SELECT count(*) AS n ${from}`, params))?.n ?? 0);
  if (count === 0) return 0;
  const rows = await ctx.tx.all(`SELECT s.line_no AS line, CAST(${valueSql} AS VARCHAR) AS value ${from} ORDER BY s.line_no LIMIT ${MAX_KEPT}`, params);
  ctx.rejections.addCounted(
    reason,
    count,
    rows.map((r) => {
      const value = r.value === null || r.value === undefined ? null : String(r.value);
      return { line: Number(r.line), column, value, reason, message: message(value) };
    }),
  );
  return count;
}

/** Reject the later rows of a natural key that appears more than once in the file. */
export function rejectDuplicates(ctx: ApplyContext, staging: string, key: readonly string[], keyLabel: string, source = staging): Promise<number> {
  const keyList = key.map((k) => `s0.${k}`).join(', ');
  const valueSql = key.length === 1 ? `s.${key[0]}` : key.map((k) => `CAST(s.${k} AS VARCHAR)`).join(` || ' / ' || `);
  return rejectRows(
    ctx,
    'duplicate_key',
    key.join('+'),
    `${valueSql} || ' (first on line ' || CAST(s.first_line AS VARCHAR) || ')'`,
    `FROM (SELECT s0.*, min(s0.line_no) OVER (PARTITION BY ${keyList}) AS first_line FROM ${source} s0) s
     WHERE ${TENANT_GUARD} AND s.line_no <> s.first_line AND ${key.map((k) => `s.${k} IS NOT NULL`).join(' AND ')}`,
    (v) => `The same ${keyLabel} appears more than once in the file: ${v}.`,
  );
}

export interface Reference {
  /** Staging column holding the code or sku. */
  column: string;
  table: 'productos' | 'stores' | 'suppliers';
  /** The table's natural key column. */
  key: 'sku' | 'code';
  reason: Extract<RejectReason, 'unknown_product' | 'unknown_store' | 'unknown_supplier'>;
  label: string;
}

export const PRODUCT_REF: Omit<Reference, 'column'> = { table: 'productos', key: 'sku', reason: 'unknown_product', label: 'product (sku)' };
export const STORE_REF: Omit<Reference, 'column'> = { table: 'stores', key: 'code', reason: 'unknown_store', label: 'store (code)' };
export const SUPPLIER_REF: Omit<Reference, 'column'> = { table: 'suppliers', key: 'code', reason: 'unknown_supplier', label: 'supplier (code)' };

const unknownWhere = (staging: string, ref: Reference) =>
  `FROM ${staging} s WHERE s.${ref.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ref.table} r WHERE r.tenant_id = $1 AND r.${ref.key} = s.${ref.column})`;

/**
 * Unknown references: rejected, or (createUnknown) created with what the file says of them —
 * a product named by its sku in category 'General' at the row's price, a store or supplier named
 * by its code. Returns how many were created.
 */
export async function resolveReference(ctx: ApplyContext, staging: string, ref: Reference, priceColumn?: string): Promise<number> {
  if (!ctx.createUnknown) {
    await rejectRows(ctx, ref.reason, ref.column, `s.${ref.column}`, unknownWhere(staging, ref), (v) => `No ${ref.label} '${v}' in this tenant.`);
    return 0;
  }
  if (ref.table === 'productos') {
    const price = priceColumn ? `COALESCE(round(max(s.${priceColumn}), 2), 0)` : '0';
    return ctx.tx.run(
      `INSERT INTO productos (tenant_id, sku, name, category, price, cost, created_at, updated_at)
       SELECT CAST($1 AS VARCHAR), s.${ref.column}, s.${ref.column}, 'General', ${price}, 0, $2::TIMESTAMPTZ, $2::TIMESTAMPTZ
       ${unknownWhere(staging, ref)} GROUP BY s.${ref.column}`,
      [ctx.now],
    );
  }
  return ctx.tx.run(
    `INSERT INTO ${ref.table} (tenant_id, code, name, created_at, updated_at)
     SELECT CAST($1 AS VARCHAR), s.${ref.column}, s.${ref.column}, $2::TIMESTAMPTZ, $2::TIMESTAMPTZ
     ${unknownWhere(staging, ref)} GROUP BY s.${ref.column}`,
    [ctx.now],
  );
}

export interface UpsertField {
  /** The table's column. */
  column: string;
  /** Its new value over staging alias `s` (and any joins); NULL keeps the stored value. */
  expr: string;
  /** The value a new row gets when `expr` is NULL (SQL); none = the column's default. */
  insertDefault?: string;
  /** A new row without it is rejected (required_for_new). */
  requiredForNew?: boolean;
  /** The file column it comes from: without that column in the file, stored rows keep their value untouched. */
  source?: string;
  /**
   * Updated by a statement of its own, on the rows where it changes only: for a foreign-key column,
   * which DuckDB cannot rewrite on a row that other rows reference (it updates an indexed column as
   * delete + insert), so an unchanged one must not appear in any SET.
   */
  separate?: boolean;
}

export interface UpsertSpec {
  table: string;
  /** The natural key: table column ↔ staging column (tenant_id is implied). */
  key: ReadonlyArray<{ column: string; staging: string }>;
  fields: readonly UpsertField[];
  /** Extra LEFT JOINs over `s` (resolved references). */
  joins?: string;
  /** Whether the table has created_at/updated_at. */
  timestamps?: 'both' | 'created';
  /** Values for `$3`, `$4`, … in insertDefault expressions (`$2` is the import's instant). */
  insertParams?: readonly string[];
}

/**
 * Insert the staged rows whose key is new, update the stored rows a staged row changes, and count
 * the unchanged ones. Rows new to the table that lack a requiredForNew field are rejected first.
 */
export async function upsert(ctx: ApplyContext, staging: string, spec: UpsertSpec): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const keyJoin = spec.key.map((k) => `t.${k.column} = s.${k.staging}`).join(' AND ');
  const isNew = `NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE t.tenant_id = $1 AND ${keyJoin})`;
  const from = `FROM ${staging} s ${spec.joins ?? ''}`;

  for (const f of spec.fields.filter((x) => x.requiredForNew)) {
    await rejectRows(ctx, 'required_for_new', f.column, `s.${spec.key[0]!.staging}`, `${from} WHERE ${isNew} AND (${f.expr}) IS NULL`, (v) => `'${v}' is new: a new row needs '${f.column}'.`);
  }
  if (ctx.rejections.any) return { inserted: 0, updated: 0, unchanged: 0 };

  // Only the columns the file has are compared and written: a file of prices leaves names alone.
  const given = spec.fields.filter((f) => !f.source || ctx.present.has(f.source));
  const differs = (f: UpsertField) => `((${f.expr}) IS NOT NULL AND (${f.expr}) IS DISTINCT FROM t.${f.column})`;
  const changed = given.length === 0 ? 'false' : given.map(differs).join(' OR ');
  const counts = await ctx.tx.get(
    `SELECT count(*) AS matched, count(*) FILTER (WHERE ${changed}) AS changed
     ${from} JOIN ${spec.table} t ON t.tenant_id = $1 AND ${keyJoin}`,
  );
  const matched = Number(counts?.matched ?? 0);
  const updated = Number(counts?.changed ?? 0);
  const stamp = spec.timestamps === 'created' ? [] : ['updated_at = $2::TIMESTAMPTZ'];
  const update = async (fields: readonly UpsertField[]) => {
    if (fields.length === 0) return;
    await ctx.tx.run(
      `UPDATE ${spec.table} AS t SET ${[...fields.map((f) => `${f.column} = COALESCE(${f.expr}, t.${f.column})`), ...stamp].join(', ')}
       ${from} WHERE t.tenant_id = $1 AND ${keyJoin} AND (${fields.map(differs).join(' OR ')})`,
      stamp.length > 0 ? [ctx.now] : [],
    );
  };
  if (updated > 0) {
    await update(given.filter((f) => !f.separate));
    for (const f of given.filter((x) => x.separate)) await update([f]);
  }
  const columns = [...spec.key.map((k) => k.column), ...spec.fields.map((f) => f.column)];
  const values = [...spec.key.map((k) => `s.${k.staging}`), ...spec.fields.map((f) => (f.insertDefault ? `COALESCE(${f.expr}, ${f.insertDefault})` : f.expr))];
  const stamps = spec.timestamps === 'created' ? ['created_at'] : ['created_at', 'updated_at'];
  const inserted = await ctx.tx.run(
    `INSERT INTO ${spec.table} (tenant_id, ${columns.join(', ')}, ${stamps.join(', ')})
     SELECT CAST($1 AS VARCHAR), ${values.join(', ')}, ${stamps.map(() => '$2::TIMESTAMPTZ').join(', ')}
     ${from} WHERE ${isNew}`,
    [ctx.now, ...(spec.insertParams ?? [])],
  );
  return { inserted, updated, unchanged: matched - updated };
}

/**
 * One pass for big files: `classified` is a subquery over the staged rows with `line_no`, `reason`
 * (the first check the row fails, NULL when it passes), `value` (what to show for that reason)
 * and `stored` (the row's key is already in the table). Rejections are added per reason (the
 * first MAX_KEPT rows in file order as samples); returns how many passing rows are stored already.
 */
export async function rejectClassified(
  ctx: ApplyContext,
  classified: string,
  columns: Partial<Record<RejectReason, string>>,
  messages: Partial<Record<RejectReason, (value: string | null) => string>>,
  params: readonly (string | number | null)[] = [],
): Promise<{ stored: number }> {
  const groups = await ctx.tx.all(`SELECT c.reason, c.stored, count(*) AS n FROM ${classified} c WHERE ${TENANT_GUARD} GROUP BY c.reason, c.stored`, params);
  let stored = 0;
  const totals = new Map<RejectReason, number>();
  for (const g of groups) {
    const n = Number(g.n);
    if (g.reason === null || g.reason === undefined) {
      if (g.stored === true) stored += n;
    } else {
      totals.set(g.reason as RejectReason, (totals.get(g.reason as RejectReason) ?? 0) + n);
    }
  }
  if (totals.size === 0) return { stored };
  const sample = await ctx.tx.all(
    `SELECT c.line_no, c.reason, CAST(c.value AS VARCHAR) AS value FROM ${classified} c WHERE ${TENANT_GUARD} AND c.reason IS NOT NULL ORDER BY c.line_no LIMIT ${MAX_KEPT}`,
    params,
  );
  for (const [reason, count] of totals) {
    const rows = sample
      .filter((r) => r.reason === reason)
      .map((r) => {
        const value = r.value === null || r.value === undefined ? null : String(r.value);
        return { line: Number(r.line_no), column: columns[reason] ?? null, value, reason, message: messages[reason]?.(value) ?? reason };
      });
    ctx.rejections.addCounted(reason, count, rows);
  }
  return { stored };
}
