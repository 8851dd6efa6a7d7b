/**
 * Database constraint violations, recognised the same way on both backends (PostgreSQL's SQLSTATE,
 * DuckDB's "Constraint Error" messages). The HTTP layer turns an unexpected one into a generic
 * 4xx: the database's own message names constraints, columns and — on PostgreSQL — the
 * conflicting key's values, which may belong to another tenant, so it never reaches a client.
 */
export type ConstraintKind = 'unique' | 'foreign_key' | 'check' | 'not_null';

const SQLSTATE: Record<string, ConstraintKind> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
};

const DUCKDB: Array<[RegExp, ConstraintKind]> = [
  [/Constraint Error:.*(?:Duplicate key|PRIMARY KEY or UNIQUE constraint)/i, 'unique'],
  [/Constraint Error:.*foreign key/i, 'foreign_key'],
  [/Constraint Error:.*CHECK constraint/i, 'check'],
  [/Constraint Error:.*NOT NULL constraint/i, 'not_null'],
];

export function constraintViolation(err: unknown): ConstraintKind | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && SQLSTATE[code]) return SQLSTATE[code];
  for (const [pattern, kind] of DUCKDB) if (pattern.test(err.message)) return kind;
  return null;
}

export const isUniqueViolation = (err: unknown): boolean => constraintViolation(err) === 'unique';

/**
 * The disk (or the database's) is full: a file system's ENOSPC/EDQUOT, DuckDB's "No space left on
 * device" when it writes its WAL or file, PostgreSQL's disk_full (53100). The write that met it
 * was not committed (both databases roll the transaction back), so the answer can say so.
 */
export function storageFull(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return true;
  return /No space left on device|Disk quota exceeded|could not extend file/i.test(err.message);
}
