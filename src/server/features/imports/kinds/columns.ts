/**
 * What an import kind is made of: its columns (canonical name, type, header aliases in Spanish and
 * English), its natural key, and the set-based SQL that moves checked rows from the staging table
 * into the tenant's tables. Each kind is one file in this folder; the engine knows nothing else.
 */
import type { StagingColumn, TenantDb } from '../../../../store/types.js';
import type { ImportKind } from '../../../../store/migrations/006_imports.js';
import type { Rejections } from '../rejections.js';

export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'currency' | 'enum' | 'reference';

export interface ColumnSpec {
  /** Canonical name: the staging column and the template's header. */
  name: string;
  type: ColumnType;
  /** Needed on every row (a file without a header for it is refused). */
  required?: boolean;
  /** Header spellings that map to this column, compared after normaliseHeader (accents, case, punctuation). */
  aliases: readonly string[];
  description: string;
  /** Text: longest value. */
  maxLength?: number;
  /** Numbers: smallest and largest value. */
  min?: number;
  max?: number;
  /** Decimals: digits kept after the point (rounded half away from zero). */
  scale?: number;
  /** Enums: accepted spellings (normalised) → stored value. */
  values?: Readonly<Record<string, string>>;
  /** Example values for the template (two rows). */
  examples: readonly [string, string];
}

export interface ApplyContext {
  tx: TenantDb;
  importId: string;
  actor: string;
  /** Create unknown products, stores and suppliers instead of rejecting their rows. */
  createUnknown: boolean;
  baseCurrency: string;
  /** The import's instant (ISO), written as created_at/updated_at. */
  now: string;
  rejections: Rejections;
  /** Which canonical columns the file has (a missing optional column leaves stored values alone). */
  present: ReadonlySet<string>;
  /** Rows in the staging table (the rows no value check rejected). */
  staged: number;
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Products, stores or suppliers created for unknown references. */
  created_references: number;
  /** Kind-specific figures (movements written, …). */
  extra?: Record<string, number>;
}

export interface KindSpec {
  kind: ImportKind;
  /** Canonical columns that identify a row (for duplicate detection and the docs). */
  naturalKey: readonly string[];
  columns: readonly ColumnSpec[];
  /**
   * Check the staged rows against the database (unknown references, duplicates, stored conflicts)
   * and record rejections; then, unless any row is rejected, write. `staging` is the table name.
   */
  apply(ctx: ApplyContext, staging: string): Promise<ApplyCounts>;
}

/** The staging table's columns for a kind: the file line, then each column (a datetime adds `<name>_date`). */
export function stagingColumns(spec: KindSpec): StagingColumn[] {
  const out: StagingColumn[] = [{ name: 'line_no', type: 'integer' }];
  for (const c of spec.columns) {
    if (c.type === 'datetime') {
      out.push({ name: c.name, type: 'timestamptz' }, { name: `${c.name}_date`, type: 'date' });
    } else {
      out.push({ name: c.name, type: STAGING_TYPE[c.type] });
    }
  }
  return out;
}

const STAGING_TYPE: Record<Exclude<ColumnType, 'datetime'>, StagingColumn['type']> = {
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  boolean: 'boolean',
  currency: 'text',
  enum: 'text',
  reference: 'text',
};
