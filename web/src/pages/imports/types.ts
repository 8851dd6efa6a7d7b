/** The imports API's shapes as the page reads them (contract: src/server/features/imports/). */

export const KINDS = ['stores', 'suppliers', 'products', 'inventory', 'sales', 'exchange_rates'] as const;
export type ImportKind = (typeof KINDS)[number];

export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'currency' | 'enum' | 'reference';

export interface KindColumn {
  name: string;
  required: boolean;
  type: ColumnType;
  aliases: string[];
  description: string;
}

export interface KindSpec {
  kind: ImportKind;
  natural_key: string[];
  columns: KindColumn[];
}

export type DateOrder = 'dmy' | 'mdy' | 'ymd';
export type DecimalMark = 'comma' | 'dot';
/** Header → column name, or null for a header that is ignored. */
export type Mapping = Record<string, string | null>;

export interface Preview {
  kind: ImportKind;
  format: 'csv' | 'parquet';
  encoding: string;
  delimiter: string | null;
  decimal: DecimalMark;
  date_order: DateOrder;
  headers: string[];
  mapping: Mapping;
  missing: string[];
  rows: string[][];
}

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type ImportPhase = 'queued' | 'reading' | 'checking' | 'writing' | 'done';

export interface Rejection {
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
  message: string;
}

export interface RowCounts {
  total: number;
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  created_references: number;
}

export interface ImportRun {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  dry_run: boolean;
  file_name: string;
  size_bytes: number;
  checksum: string | null;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  options: Record<string, unknown>;
  progress: { phase: ImportPhase; fraction: number; rows_read: number };
  /** null until the file has been read. */
  rows: RowCounts | null;
  rejections: Rejection[];
  reasons: Record<string, number>;
  /** Kind-specific figures (inventory: `movements` written to the ledger). */
  extra: Record<string, number>;
  error: { error: string; message: string } | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

/** What the user chose before sending the file. */
export interface ImportOptions {
  kind: ImportKind;
  dryRun: boolean;
  unknown: 'reject' | 'create';
  /** Sent only when the user changed the detected mapping. */
  mapping: Mapping | null;
  dateOrder: DateOrder | null;
  decimal: DecimalMark | null;
}

const NO_ROWS: RowCounts = { total: 0, accepted: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, created_references: 0 };
export const rowsOf = (run: Pick<ImportRun, 'rows'>): RowCounts => run.rows ?? NO_ROWS;

export const finished = (run: Pick<ImportRun, 'status'>): boolean => run.status === 'succeeded' || run.status === 'failed';
