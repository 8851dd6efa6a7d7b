/** The `imports` table: an import's record from upload to outcome. The only SQL on it. */
import type { TenantDb, Row } from '../../../store/types.js';
import type { ImportKind, ImportStatus } from '../../../store/migrations/006_imports.js';

export interface ImportRecord {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  dry_run: boolean;
  source: 'api' | 'cli';
  file_name: string;
  size_bytes: number;
  checksum: string | null;
  facts: Record<string, unknown> | null;
  options: Record<string, unknown>;
  progress: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: { error: string; message: string } | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

const COLUMNS = 'id, kind, status, dry_run, source, file_name, size_bytes, checksum, facts, options, progress, result, error, created_by, created_at, started_at, finished_at, duration_ms';

const toRecord = (r: Row): ImportRecord => ({ ...(r as unknown as ImportRecord), id: String(r.id) });

export interface NewImport {
  id: string;
  kind: ImportKind;
  dryRun: boolean;
  source: 'api' | 'cli';
  fileName: string;
  sizeBytes: number;
  checksum: string;
  facts: Record<string, unknown>;
  options: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
}

export async function insertImport(tdb: TenantDb, i: NewImport): Promise<void> {
  await tdb.run(
    `INSERT INTO imports (tenant_id, id, kind, status, dry_run, source, file_name, size_bytes, checksum, facts, options, progress, created_by, created_at)
     VALUES ($1, $2::UUID, $3, 'queued', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::TIMESTAMPTZ)`,
    [i.id, i.kind, i.dryRun, i.source, i.fileName, i.sizeBytes, i.checksum, JSON.stringify(i.facts), JSON.stringify(i.options), JSON.stringify({ phase: 'queued', fraction: 0, rows_read: 0 }), i.createdBy, i.createdAt],
  );
}

export async function markStarted(tdb: TenantDb, id: string, at: string): Promise<void> {
  await tdb.run(`UPDATE imports SET status = 'running', started_at = $3::TIMESTAMPTZ WHERE tenant_id = $1 AND id = $2::UUID`, [id, at]);
}

export async function saveProgress(tdb: TenantDb, id: string, progress: object): Promise<void> {
  await tdb.run(`UPDATE imports SET progress = $3 WHERE tenant_id = $1 AND id = $2::UUID AND status = 'running'`, [id, JSON.stringify(progress)]);
}

export interface Finish {
  status: 'succeeded' | 'failed';
  progress: object;
  result: object | null;
  error: { error: string; message: string } | null;
  facts?: object;
  finishedAt: string;
  durationMs: number;
}

export async function markFinished(tdb: TenantDb, id: string, f: Finish): Promise<void> {
  await tdb.run(
    `UPDATE imports SET status = $3, progress = $4, result = $5, error = $6, facts = COALESCE($7, facts), finished_at = $8::TIMESTAMPTZ, duration_ms = $9
     WHERE tenant_id = $1 AND id = $2::UUID`,
    [id, f.status, JSON.stringify(f.progress), f.result ? JSON.stringify(f.result) : null, f.error ? JSON.stringify(f.error) : null, f.facts ? JSON.stringify(f.facts) : null, f.finishedAt, Math.round(f.durationMs)],
  );
}

export async function findImport(tdb: TenantDb, id: string): Promise<ImportRecord | undefined> {
  const row = await tdb.get(`SELECT ${COLUMNS} FROM imports WHERE tenant_id = $1 AND id = $2::UUID`, [id]);
  return row ? toRecord(row) : undefined;
}

export async function listImports(tdb: TenantDb, limit: number): Promise<ImportRecord[]> {
  const rows = await tdb.all(`SELECT ${COLUMNS} FROM imports WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [limit]);
  return rows.map(toRecord);
}
