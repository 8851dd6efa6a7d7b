/**
 * Who holds the database file. DuckDB names the holder in its lock error ("Conflicting lock is
 * held in /usr/bin/node (PID 123)"); the store's DatabaseLockedError does not carry it, so ask
 * again with a read-only open, which fails the same way without side effects.
 */
import { DuckDBInstance } from '@duckdb/node-api';

export interface LockHolder {
  pid?: number;
  program?: string;
}

export function parseLockHolder(message: string): LockHolder {
  const m = /held in (.+?) \(PID (\d+)\)/i.exec(message);
  return m ? { program: m[1], pid: Number(m[2]) } : {};
}

export async function lockHolder(file: string): Promise<LockHolder> {
  try {
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    // The holder let go in the meantime.
    instance.closeSync();
    return {};
  } catch (err) {
    return err instanceof Error ? parseLockHolder(err.message) : {};
  }
}
