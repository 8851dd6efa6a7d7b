/**
 * An export's columns, read from the list's own response schema so they can never drift from
 * what the API serves: every field of the list item in its order, a nested object flattened as
 * `parent_child` (`store.name` → `store_name`). Each column gets the typed Parquet column its
 * schema describes: integers, exact decimals (money), dates, instants, booleans, UUIDs, text.
 */
import type { TSchema } from 'typebox';
import { Money } from '../../http/schemas.js';
import type { ColumnInfo } from '../../../store/catalogue.js';

export interface ExportColumn extends ColumnInfo {
  /** The path of the value in a list item. */
  path: readonly string[];
}

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
}

const MONEY_PATTERN = (Money as JsonSchema).pattern;

/** The portable SQL type of a scalar schema (DuckDB spelling, as the catalogue's). */
function sqlType(s: JsonSchema): string {
  if (s.type === 'integer') return 'BIGINT';
  if (s.type === 'number') return 'DOUBLE';
  if (s.type === 'boolean') return 'BOOLEAN';
  if (s.format === 'date-time') return 'TIMESTAMPTZ';
  if (s.format === 'date') return 'DATE';
  if (s.format === 'uuid') return 'UUID';
  if (s.pattern !== undefined && s.pattern === MONEY_PATTERN) return 'DECIMAL(18,2)';
  return 'VARCHAR';
}

export function columnsOf(item: TSchema): ExportColumn[] {
  const out: ExportColumn[] = [];
  const walk = (schema: JsonSchema, path: string[], nullable: boolean) => {
    const options = schema.anyOf?.filter((s) => s.type !== 'null');
    if (options && options.length === 1) return walk(options[0]!, path, true);
    if (schema.type === 'object' && schema.properties) {
      for (const [key, child] of Object.entries(schema.properties)) walk(child, [...path, key], nullable);
      return;
    }
    out.push({ name: path.join('_'), path, type: sqlType(schema), nullable });
  };
  walk(item as JsonSchema, [], false);
  return out;
}

/** The value at `path` of a list item (null when absent). */
export function valueAt(item: unknown, path: readonly string[]): unknown {
  let v = item;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[key];
  }
  return v ?? null;
}
