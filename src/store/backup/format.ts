/**
 * What a backup directory holds, and the checks every reader makes before trusting it.
 *
 *   fluxion-backup-<UTC time>/
 *     <table>.csv       every row of the table, no header, RFC 4180, every non-null value quoted
 *                       (an unquoted empty field is NULL, "" the empty string), values in their
 *                       JSON form through the Store port (timestamps ISO-8601 UTC, decimals exact)
 *     manifest.json     schema version, tables parents first with columns, rows, bytes, SHA-256 of
 *                       the file and a content checksum (RowSum of the rows, backend-independent)
 *
 * The files' SHA-256 catch a damaged or edited file before anything is written; the content
 * checksum proves, after the rows are written, that the database holds exactly what was read.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ColumnInfo } from '../catalogue.js';

export const BACKUP_FORMAT = 'fluxion-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface BackupTable {
  name: string;
  columns: ColumnInfo[];
  primary_key: string[];
  parents: string[];
  rows: number;
  file: string;
  bytes: number;
  sha256: string;
  /** RowSum of the rows as the Store port returns them (64 hex digits). */
  checksum: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  format_version: number;
  created_at: string;
  schema_version: number;
  source: { backend: string; location: string; fluxion_version: string };
  tenants: string[];
  /** Parents before children: the order to restore in. */
  tables: BackupTable[];
  total_rows: number;
}

/** A backup that cannot be used, or a target that cannot take it; nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A value in the backup's CSV: quoted unless NULL; JSON columns always as JSON text. */
export function csvField(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '';
  const text = json || typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

const SAFE_FILE = /^[a-z_][a-z0-9_]*\.csv$/;

/**
 * Read `dir`'s manifest and check every file it names against its size and SHA-256. Every problem
 * found is listed in one error: a backup is trusted whole or not at all.
 */
export async function openBackup(dir: string, onProgress?: (phase: string, fraction: number) => void): Promise<BackupManifest> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new BackupError(`${dir} does not exist.`);
  }
  if (!stat.isDirectory()) throw new BackupError(`${dir} is not a directory: a backup is the directory fluxion backup wrote.`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BackupError(`${dir} has ${missing ? 'no' : 'an unreadable'} ${MANIFEST_FILE}: it is not a Fluxion backup, or not a whole one.`);
  }
  if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.tables)) throw new BackupError(`${dir}/${MANIFEST_FILE} is not the manifest of a Fluxion backup.`);
  if (manifest.format_version !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(`The backup is in format version ${String(manifest.format_version)}; this Fluxion reads version ${BACKUP_FORMAT_VERSION}.`);
  }
  const problems: string[] = [];
  let checked = 0;
  for (const t of manifest.tables) {
    onProgress?.(`checking ${t.file}`, checked / Math.max(1, manifest.tables.length));
    checked += 1;
    if (typeof t.file !== 'string' || !SAFE_FILE.test(t.file)) {
      problems.push(`the manifest names the file '${String(t.file).slice(0, 80)}', which is not a table file`);
      continue;
    }
    const file = path.join(dir, t.file);
    if (!fs.existsSync(file)) {
      problems.push(`${t.file} is missing`);
      continue;
    }
    const actual = await sha256File(file);
    if (actual.bytes !== t.bytes) problems.push(`${t.file} has ${actual.bytes} bytes, the manifest says ${t.bytes}`);
    else if (actual.sha256 !== t.sha256) problems.push(`${t.file} does not match its SHA-256 (changed or damaged)`);
  }
  if (problems.length > 0) throw new BackupError(`The backup in ${dir} cannot be trusted: ${problems.join('; ')}. Nothing was written.`);
  return manifest;
}
