/**
 * What the chosen mapping leaves unresolved: required columns no header maps to, and columns
 * two headers claim. Required means what the server said after detection (`missing`), plus the
 * required columns the user unmapped since.
 */
import type { KindSpec, Mapping, Preview } from './types';

export function missingColumns(spec: KindSpec, preview: Preview, mapping: Mapping): string[] {
  const chosen = new Set(Object.values(mapping));
  const detected = new Set(Object.values(preview.mapping));
  return spec.columns
    .filter((c) => c.required && !chosen.has(c.name) && (preview.missing.includes(c.name) || detected.has(c.name)))
    .map((c) => c.name);
}

export function duplicateColumns(mapping: Mapping): string[] {
  const seen = new Map<string, number>();
  for (const column of Object.values(mapping)) if (column) seen.set(column, (seen.get(column) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([column]) => column);
}

export function sameMapping(a: Mapping, b: Mapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}
