/**
 * Moving an installation between stores: DuckDB → PostgreSQL for `fluxion migrate-data`, and
 * demo data generated in DuckDB onto a PostgreSQL database. Copy (copy.ts), verify (verify.ts),
 * both driven by the migrated schema (schema.ts).
 */
export { transferStore, TargetNotEmptyError, type TransferOptions, type TransferReport, type Progress } from './copy.js';
export { verifyTransfer, canonicalJson, PLATFORM_GROUP, ORPHAN_GROUP, type VerifyReport, type VerifyRow, type Digest } from './verify.js';
export { readSchema, checkSource, TransferError, type TransferSchema, type TableSchema } from './schema.js';
export { migrateData, type MigrateDataOptions, type MigrateDataReport } from './migrate-data.js';
