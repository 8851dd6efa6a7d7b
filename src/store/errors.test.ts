import { describe, expect, it } from 'vitest';
import { constraintViolation, storageFull } from './errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storageFull: a full disk recognised the same way on both backends', () => {
  it('the file system (ENOSPC, EDQUOT) and PostgreSQL disk_full (53100)', () => {
    expect(storageFull(withCode('ENOSPC: no space left on device, write', 'ENOSPC'))).toBe(true);
    expect(storageFull(withCode('EDQUOT: disk quota exceeded', 'EDQUOT'))).toBe(true);
    expect(storageFull(withCode('could not write to file "base/pgsql_tmp/pgsql_tmp123.0": No space left on device', '53100'))).toBe(true);
  });

  it("DuckDB's messages (no code) and PostgreSQL's 'could not extend file'", () => {
    expect(storageFull(new Error('IO Error: Could not write file "/data/fluxion.duckdb.wal": No space left on device'))).toBe(true);
    expect(storageFull(new Error('could not extend file "base/16384/16397": wrote only 4096 of 8192 bytes at block 12'))).toBe(true);
  });

  it('not other failures, nor what is not an Error', () => {
    expect(storageFull(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(storageFull(new Error('TransactionContext Error: Conflict on update!'))).toBe(false);
    expect(storageFull('No space left on device')).toBe(false);
    expect(storageFull(undefined)).toBe(false);
  });

  it('a constraint violation is not taken for a full disk, nor the reverse', () => {
    expect(constraintViolation(withCode('No space left on device', '53100'))).toBeNull();
    expect(constraintViolation(withCode('duplicate key value violates unique constraint "x"', '23505'))).toBe('unique');
  });
});
