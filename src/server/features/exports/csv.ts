/**
 * The CSV of an export, for people and spreadsheets: RFC 4180 (a field is quoted only when it
 * holds a comma, a double quote or a line break; quotes inside are doubled), CRLF line ends, UTF-8
 * with a byte-order mark so Excel reads accents right, NULL as an empty field.
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some
 * with a tab or carriage return) as a formula, so such a cell gets a leading apostrophe, which
 * spreadsheets show as text. Plain numbers are left alone: a quantity of -3 or an amount of -1.50
 * stays a number.
 *
 * The Parquet export reads its own temporary CSV (`typedCsvRecord`): values exactly as they are,
 * every non-null one quoted so an empty string differs from NULL, the dialect parquet.ts reads.
 */
import type { ExportColumn } from './columns.js';
import { valueAt } from './columns.js';

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

const text = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** One field of the CSV for people: guarded against formulas, quoted when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = text(value);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(columns: readonly ExportColumn[]): string {
  return columns.map((c) => csvField(c.name)).join(',') + CRLF;
}

export function csvRecord(columns: readonly ExportColumn[], item: unknown): string {
  return columns.map((c) => csvField(valueAt(item, c.path))).join(',') + CRLF;
}

/** One record of the temporary CSV a Parquet file is built from (see parquet.ts). */
export function typedCsvRecord(columns: readonly ExportColumn[], item: unknown): string {
  return (
    columns
      .map((c) => {
        const v = valueAt(item, c.path);
        return v === null ? '' : `"${text(v).replace(/"/g, '""')}"`;
      })
      .join(',') + CRLF
  );
}
