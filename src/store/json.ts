/**
 * JSON documents read from the database, in one key order on every backend. PostgreSQL's JSONB
 * keeps its own key order (shorter keys first) while DuckDB returns keys as written, so the same
 * stored document would serialise differently; both adapters parse JSON columns through here and
 * return objects with their keys sorted, recursively.
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

export const parseJsonColumn = (text: string): unknown => sortKeys(JSON.parse(text));
