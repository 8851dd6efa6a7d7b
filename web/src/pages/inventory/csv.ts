/**
 * CSV built in the browser (RFC 4180): fields with a comma, quote or line break are quoted with
 * quotes doubled; lines end in CRLF; a UTF-8 byte-order mark lets Excel read accents right.
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field; `text` fields are guarded against formula injection, numbers are written as they are. */
export function csvField(value: Cell, text = false): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => Cell;
  /** Free text typed by people (names, notes): guarded against formulas. */
  text?: boolean;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.header, true)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row), c.text)).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The CSV as a file the browser downloads (with the UTF-8 BOM). */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
