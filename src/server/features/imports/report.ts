/** The rejected rows of an import as CSV, with cells that a spreadsheet would run as formulas escaped. */
import type { Rejection } from './rejections.js';

/** A cell starting with = + - @ (or a tab / carriage return) gets a leading quote, unless it is a plain number. */
export function safeCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function rejectionsCsv(rows: readonly Rejection[]): string {
  const lines = ['line,column,value,reason,message'];
  for (const r of rows) lines.push([String(r.line), r.column ?? '', r.value ?? '', r.reason, r.message].map(safeCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
