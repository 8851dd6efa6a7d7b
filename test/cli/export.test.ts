/**
 * `fluxion export <kind>`: the operation on the fixtures (the same file the API sends, filters
 * checked as the API checks them), then the real command as a process, directly on the database
 * and through a running server's admin socket, to a file with progress and to stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, dropTestDatabase, TEST_BACKEND } from '../support/backend.js';
import { T } from '../support/fixtures.js';
import { runOperation } from '../../src/cli/operations.js';
import type { ListExportResult } from '../../src/cli/exports.js';
import { AppError } from '../../src/server/errors.js';
import { removeDir, runCli, startServerProcess, tempDataDir } from './support.js';

const G = T.granja;

describe('the export operation', () => {
  let t: TestApp;
  let scratch: string;
  const ctx = () => ({ store: t.store, registry: t.registry, config: t.config, via: 'direct' as const, clock: t.clock });
  beforeAll(async () => {
    t = await createTestApp();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-cli-export-'));
  });
  afterAll(async () => {
    await t.close();
    removeDir(scratch);
  });

  it('writes the file the API sends for the same filters, and reports its rows', async () => {
    const out = path.join(scratch, 'inventory.csv');
    const progress: Array<[string, number]> = [];
    const result = (await runOperation(
      { ...ctx(), onProgress: (p, f) => progress.push([p, f]) },
      'export',
      { kind: 'inventory', tenant: 'granja', format: 'csv', out, filters: { store_id: G.stores.caracas, low_stock: 'true' } },
    )) as ListExportResult;
    const api = await t.on('granja', `/api/v1/exports/inventory?store_id=${G.stores.caracas}&low_stock=true`);
    const bytes = fs.readFileSync(out);
    expect(bytes.equals(api.rawPayload)).toBe(true);
    expect(result).toEqual({ tenant_id: 'granja', kind: 'inventory', format: 'csv', file: out, rows: 2, bytes: bytes.length });
    expect(progress.at(-1)).toEqual(['2 rows', 0.99]);
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');
  });

  it('writes Parquet, and refuses bad filters, an existing file, a relative path and an unknown tenant', async () => {
    const parquet = path.join(scratch, 'sales.parquet');
    const r = (await runOperation(ctx(), 'export', { kind: 'sales', tenant: 'granja', format: 'parquet', out: parquet, filters: {} })) as ListExportResult;
    expect(r.rows).toBe(3);
    expect(fs.readFileSync(parquet).subarray(0, 4).toString('latin1')).toBe('PAR1');

    const refusal = (filters: Record<string, string>, out = path.join(scratch, 'x.csv'), tenant = 'granja') =>
      runOperation(ctx(), 'export', { kind: 'sales', tenant, format: 'csv', out, filters }).then(
        () => undefined,
        (err: unknown) => (err instanceof AppError ? `${err.code}: ${err.message}` : String(err)),
      );
    expect(await refusal({ store_id: 'nope' })).toMatch(/^validation_error: --filter store_id: /);
    expect(await refusal({ colour: 'red' })).toMatch(/^validation_error: --filter colour: /);
    expect(await refusal({ limit: '5' })).toMatch(/^validation_error: --filter limit: /);
    expect(await refusal({ format: 'csv' })).toMatch(/^validation_error: Give the format with --format/);
    expect(await refusal({ from: '2026-02-01', to: '2026-01-01' })).toMatch(/^validation_error: 'from' \(2026-02-01\) is after 'to'/);
    expect(await refusal({}, parquet)).toMatch(/^already_exists: /);
    expect(await refusal({}, 'relative.csv')).toMatch(/^validation_error: The output path must be absolute/);
    expect(await refusal({}, path.join(scratch, 'y.csv'), 'nobody')).toMatch(/^tenant_not_found: /);
    expect(fs.existsSync(path.join(scratch, 'x.csv'))).toBe(false);
  });
});

describe('fluxion export, as a process', () => {
  const SLOW = 180_000;
  let dataDir: string;
  let databaseUrl: string | undefined;
  const env = () => (databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  const fluxion = (...args: string[]) => runCli(args, { dataDir, env: env() });

  beforeAll(async () => {
    dataDir = tempDataDir();
    if (TEST_BACKEND === 'postgres') databaseUrl = await createTestDatabase();
    else expect((await fluxion('migrate')).code).toBe(0);
    expect((await fluxion('tenant', 'create', 'acme', '--name', 'Acme C.A.')).code).toBe(0);
  }, SLOW);
  afterAll(async () => {
    removeDir(dataDir);
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('writes to stdout, or to --out with progress on stderr; refuses a bad filter with exit 1', { timeout: SLOW }, async () => {
    const stdout = await fluxion('export', 'stores', '--tenant', 'acme');
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(stdout.stdout).toBe('\uFEFFid,code,name,city,address,active,created_at,updated_at\r\n');

    const out = path.join(dataDir, 'products.csv');
    const toFile = await fluxion('export', 'products', '--tenant', 'acme', '--out', out, '--filter', 'active=true');
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toMatch(/^Exported 0 products rows of acme to .*products\.csv \(csv, \d+ bytes\)\n$/);
    expect(toFile.stderr).toMatch(/Exported products of acme/);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFFid,sku,barcode,name,/);

    const bad = await fluxion('export', 'sales', '--tenant', 'acme', '--filter', 'from=yesterday');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: --filter from: must match format "date"/m);
    const usage = await fluxion('export', 'users', '--tenant', 'acme');
    expect(usage.code).toBe(2);
  });

  it('runs inside a running server, which writes the file', { timeout: SLOW }, async () => {
    const server = await startServerProcess({ dataDir, env: env() });
    try {
      const out = path.join(dataDir, 'suppliers.parquet');
      const r = await fluxion('export', 'suppliers', '--tenant', 'acme', '--format', 'parquet', '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/done by the Fluxion server running on this data directory/);
      expect(fs.readFileSync(out).subarray(0, 4).toString('latin1')).toBe('PAR1');
      const piped = await fluxion('export', 'orders', '--tenant', 'acme');
      expect(piped.code, piped.stderr).toBe(0);
      expect(piped.stdout).toMatch(/^\uFEFFid,number,reference,status,supplier_id,/);
    } finally {
      await server.stop();
    }
  });
});
