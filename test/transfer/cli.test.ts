/**
 * `fluxion migrate-data` end to end: the real entry point as a child process, a DuckDB file in a
 * temporary data directory, a throw-away PostgreSQL database as the target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/store.js';
import { databaseFile } from '../../src/store/open.js';
import { loadFixtures } from '../support/fixtures.js';
import { loadPrincipals } from '../support/principals.js';
import { removeDir, runCli, startServerProcess, tempDataDir } from '../cli/support.js';
import { asSuperuser, emptyTarget, type Target } from './support.js';

// Each command is a fresh Node process compiling TypeScript through tsx: seconds on a busy machine.
const SLOW = 180_000;

let dir: string;
let target: Target;
const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { dataDir: dir, env: { DATABASE_URL: undefined, ...env } });

beforeAll(async () => {
  dir = tempDataDir();
  const store = await DuckDbStore.open({ file: databaseFile(dir) });
  await store.migrate();
  await loadFixtures(store);
  await loadPrincipals(store);
  await store.close();
  target = await emptyTarget('cli');
});

afterAll(async () => {
  removeDir(dir);
  await target?.drop();
});

describe('fluxion migrate-data', () => {
  it('has help with an example', { timeout: SLOW }, async () => {
    const [help, top] = await Promise.all([cli(['migrate-data', '--help']), cli(['--help'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Example');
    expect(help.stdout).toContain('--from');
    expect(help.stdout).toContain('--to');
    expect(top.stdout).toMatch(/^ {2}migrate-data\b/m);
  });

  it('copies the data directory\'s database, verifies it, and reports every table', { timeout: SLOW }, async () => {
    const r = await cli(['migrate-data', '--to', target.url]);
    expect(r.stderr).not.toMatch(/Unexpected error|at .*\.ts:\d+/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`from ${databaseFile(dir)} to ${target.url}`);
    expect(r.stdout).toMatch(/TENANT\s+TABLE\s+SOURCE ROWS\s+TARGET ROWS\s+CHECKSUM/);
    expect(r.stdout).toMatch(/^granja\s+ventas\s+3\s+3\s+equal$/m);
    expect(r.stdout).toMatch(/^platform\s+tenants\s+3\s+3\s+equal$/m);
    expect(r.stdout).toContain('every table of every tenant is equal on both sides');
    // Progress goes to standard error, away from the report.
    expect(r.stderr).toContain('Copied');
    expect(r.stderr).toContain('Verified');
    const tenants = await asSuperuser(target, async (c) => (await c.query('SELECT id FROM tenants ORDER BY id')).rows.map((x) => x.id));
    expect(tenants).toEqual(['cliente2', 'dormida', 'granja']);
  });

  it('refuses a target that already holds data, saying which tenants, exit 1', { timeout: SLOW }, async () => {
    const r = await cli(['migrate-data', '--to', target.url, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: The target database already holds 3 tenants: cliente2, dormida, granja');
    expect(r.stderr).toContain('nothing was written');
    expect(r.stdout).toBe('');
  });

  it('explains a DuckDB file held by a running server instead of showing a lock error', { timeout: SLOW }, async () => {
    const holder = await DuckDbStore.open({ file: databaseFile(dir) });
    try {
      const r = await cli(['migrate-data', '--to', target.url]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The database ${databaseFile(dir)} is in use by another process (pid ${process.pid}`);
      expect(r.stderr).toContain('Stop the Fluxion server that uses it first');
      expect(r.stderr).not.toMatch(/IO Error|Could not set lock/);
    } finally {
      await holder.close();
    }
  });

  it('refuses while a Fluxion server serves the data directory, naming it', { timeout: SLOW }, async () => {
    const server = await startServerProcess({ dataDir: dir, env: { DATABASE_URL: undefined } });
    try {
      const r = await cli(['migrate-data', '--to', target.url]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`A Fluxion server is running on ${dir} (pid ${server.child.pid}) and uses ${databaseFile(dir)}. Stop it first`);
    } finally {
      await server.stop();
    }
  });

  it('says what is wrong with the command line or the files, in one line', { timeout: SLOW }, async () => {
    const [noTarget, badUrl, noFile, noDb] = await Promise.all([
      cli(['migrate-data']),
      cli(['migrate-data', '--to', 'mysql://x@y/z']),
      cli(['migrate-data', '--from', `${dir}/nothing.duckdb`, '--to', target.url]),
      cli(['migrate-data', '--to', `${target.url}_missing`]),
    ]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('--to postgres://');
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('must be a PostgreSQL URL');
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain(`There is no DuckDB file at ${dir}/nothing.duckdb`);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('that database does not exist');
    for (const r of [noTarget, badUrl, noFile, noDb]) expect(r.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  });
});
