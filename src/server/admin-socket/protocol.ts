/**
 * The local admin socket: how `fluxion` commands reach a running server, which holds the database
 * file (DuckDB lets one process open it). JSON over HTTP on a Unix domain socket in the data
 * directory, mode 0600, so only the user running the server can use it.
 *
 *   GET  /status                      → { ok: true, output: AdminStatus }
 *   POST /cli  { command, args }      → { ok: true, output } | { ok: false, error: { code, message } }
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ErrorCode } from '../errors.js';

export const ADMIN_SOCKET_FILE = 'fluxion.sock';
export const ADMIN_PROTOCOL_VERSION = 1;

/** `<dataDir>/fluxion.sock`; on Windows a named pipe derived from the data directory. */
export function adminSocketPath(dataDir: string): string {
  const dir = path.resolve(dataDir);
  if (process.platform === 'win32') {
    return `\\\\.\\pipe\\fluxion-${createHash('sha256').update(dir.toLowerCase()).digest('hex').slice(0, 16)}`;
  }
  return path.join(dir, ADMIN_SOCKET_FILE);
}

export interface AdminStatus {
  protocol: number;
  pid: number;
  version: string;
  startedAt: string;
  /** False while the server is still starting (migrations, demo data). */
  ready: boolean;
  dataDir: string;
  database: string;
}

export interface CliRequest {
  command: string;
  args: unknown;
}

export type AdminResponse<T = unknown> =
  | { ok: true; output: T }
  | { ok: false; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
