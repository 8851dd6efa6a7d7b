/** Conversion of DuckDB result values to the Store's plain JSON row values. */
import type { DuckDBType } from '@duckdb/node-api';
import type { Row } from '../types.js';
import { parseJsonColumn } from '../json.js';

type Converter = (v: unknown) => unknown;

const toNumber: Converter = (v) => (v === null ? null : Number(v));
const toJson: Converter = (v) => (v === null || typeof v !== 'string' ? v : parseJsonColumn(v));
/** '2026-11-27 15:35:58.776607+00' → '2026-11-27T15:35:58.776Z' */
const toIso: Converter = (v) => {
  if (v === null || typeof v !== 'string') return v;
  const d = new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
};

function converterFor(type: DuckDBType): Converter | null {
  const name = type.alias ?? type.toString();
  if (name === 'BIGINT' || name === 'HUGEINT' || name === 'UBIGINT' || name === 'UINTEGER') return toNumber;
  if (name === 'JSON') return toJson;
  if (name === 'TIMESTAMP WITH TIME ZONE' || name === 'TIMESTAMP') return toIso;
  return null;
}

export function convertRows(columns: readonly string[], types: readonly DuckDBType[], rows: Row[]): Row[] {
  const plan: Array<[string, Converter]> = [];
  columns.forEach((c, i) => {
    const conv = converterFor(types[i]!);
    if (conv) plan.push([c, conv]);
  });
  if (plan.length === 0) return rows;
  for (const row of rows) for (const [c, conv] of plan) row[c] = conv(row[c]);
  return rows;
}
