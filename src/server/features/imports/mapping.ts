/**
 * The header row → the kind's columns. Each header cell is normalised (case, accents, punctuation)
 * and looked up among the aliases; the caller may override any header's column. A file whose
 * header maps nothing is refused (no_header), one that fits another kind better is refused
 * (wrong_kind, naming it), and one missing a required column is refused naming it — all before
 * any row is read.
 */
import { AppError } from '../../errors.js';
import { normaliseHeader } from './read/values.js';
import type { KindSpec } from './kinds/columns.js';
import { KINDS } from './kinds/index.js';

export interface Mapping {
  /** header text → canonical column (null: ignored), in file order. */
  byHeader: Array<{ header: string; column: string | null }>;
  /** For each column of the kind, the index of its cell (or -1). */
  index: number[];
  /** Canonical columns present. */
  present: Set<string>;
  /** Required columns no header maps to. */
  missing: string[];
}

function aliasTable(spec: KindSpec): Map<string, string> {
  const table = new Map<string, string>();
  for (const c of spec.columns) {
    table.set(normaliseHeader(c.name), c.name);
    for (const a of c.aliases) table.set(normaliseHeader(a), c.name);
  }
  return table;
}

/** Map a header row; `overrides` (header text → column or null) win over the aliases. */
export function mapHeader(spec: KindSpec, header: readonly string[], overrides: Record<string, string | null> = {}): Mapping {
  const aliases = aliasTable(spec);
  const known = new Set(spec.columns.map((c) => c.name));
  for (const [h, col] of Object.entries(overrides)) {
    if (col !== null && !known.has(col)) {
      throw new AppError('validation_error', `mapping: '${h}' → '${col}': ${spec.kind} has no column '${col}' (columns: ${[...known].join(', ')}).`);
    }
  }
  const taken = new Set<string>();
  const byHeader = header.map((raw) => {
    const h = raw.trim();
    let column = Object.hasOwn(overrides, h) ? overrides[h]! : (aliases.get(normaliseHeader(h)) ?? null);
    if (column !== null && taken.has(column)) column = null; // the first header of a column wins
    if (column !== null) taken.add(column);
    return { header: h, column };
  });
  const index = spec.columns.map((c) => byHeader.findIndex((b) => b.column === c.name));
  const present = new Set(byHeader.flatMap((b) => (b.column ? [b.column] : [])));
  const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  return { byHeader, index, present, missing };
}

/** The kind whose required columns the header has (other than `kind`), if any. */
function betterKind(kind: string, header: readonly string[]): string | null {
  let best: { kind: string; score: number } | null = null;
  for (const spec of Object.values(KINDS)) {
    if (spec.kind === kind) continue;
    const m = mapHeader(spec, header);
    if (m.missing.length > 0) continue;
    const score = m.present.size;
    if (!best || score > best.score) best = { kind: spec.kind, score };
  }
  return best?.kind ?? null;
}

/** Map and refuse headers that cannot be imported as `spec`. */
export function checkHeader(spec: KindSpec, header: readonly string[], overrides?: Record<string, string | null>): Mapping {
  const m = mapHeader(spec, header, overrides);
  const expected = spec.columns.filter((c) => c.required).map((c) => `${c.name} (${c.aliases.slice(0, 3).join(', ')})`).join('; ');
  if (m.missing.length === 0) return m;
  const other = betterKind(spec.kind, header);
  if (other && m.present.size < mapHeader(KINDS[other as keyof typeof KINDS], header).present.size) {
    throw new AppError('wrong_kind', `This file looks like a ${other} file, not ${spec.kind}: import it as ${other}, or check its header.`, { looks_like: other, headers: header.slice(0, 50) });
  }
  if (m.present.size === 0) {
    const first = header.slice(0, 6).map((h) => `'${h.slice(0, 40)}'`).join(', ');
    throw new AppError('no_header', `The first row (${first}) names none of the ${spec.kind} columns. A ${spec.kind} file starts with a header row naming its columns; required: ${expected}.`, { headers: header.slice(0, 50) });
  }
  throw new AppError('validation_error', `The header has no column for ${m.missing.map((c) => `'${c}'`).join(', ')} (required: ${expected}). Rename the header or map it.`, { missing: m.missing, headers: header.slice(0, 50) });
}
