/**
 * Rows as PostgreSQL `COPY … FROM STDIN (FORMAT csv)` input, formatted by the source database
 * itself: one select-list expression turns a row into its CSV line, so a row crosses the Store
 * port as one string instead of one value per column (the per-value conversion is most of the
 * cost of reading millions of rows). The expression is plain SQL that DuckDB and PostgreSQL read
 * alike.
 *
 * Every value is the source's own text form of it (`CAST(col AS VARCHAR)`): timestamps keep their
 * microseconds, decimals their digits, JSON its text. In CSV an unquoted empty field is NULL and a
 * quoted one the empty string, so every non-null value is quoted (`||` with NULL gives NULL, which
 * COALESCE turns into the empty field).
 */
import type { Row } from '../types.js';

export const CSV_LINE = 'csv_line';

/** `<expr> AS csv_line` for these (already quoted) column references. */
export function csvLineSql(columns: readonly string[]): string {
  const fields = columns.map((c) => `COALESCE('"' || replace(CAST(${c} AS VARCHAR), '"', '""') || '"', '')`);
  return `${fields.join(` || ',' || `)} AS ${CSV_LINE}`;
}

export function csvLines(rows: readonly Row[]): string {
  let out = '';
  for (const row of rows) out += `${row[CSV_LINE] as string}\n`;
  return out;
}
