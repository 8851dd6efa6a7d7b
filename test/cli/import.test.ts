/**
 * `fluxion import`: the operation on the fixtures (recorded as a CLI import, audited as 'cli'),
 * then the real command as a process on a fresh data directory: progress on stderr, the summary
 * on stdout, exit 1 with the rejected rows when the file is refused, and nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { runOperation } from '../../src/cli/operations.js';
import type { ImportView } from '../../src/server/features/imports/schema.js';
import { DuckDbStore } from '../../src/store/duckdb/store.js';
import { databaseFile } from '../../src/store/open.js';
import { removeDir, runCli, tempDataDir } from './support.js';

const SLOW = 180_000;

describe('the import operation', () => {
  let t: TestApp;
  let scratch: string;
  beforeAll(async () => {
    t = await createTestApp();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-cli-import-'));
  });
  afterAll(async () => {
    await t.close();
    removeDir(scratch);
  });

  it('imports a file by its absolute path, recorded as a CLI import with progress', async () => {
    const file = path.join(scratch, 'precios.csv');
    fs.writeFileSync(file, 'sku;precio\nP-001;46,00\nP-002;38,50\n');
    const progress: string[] = [];
    const ctx = { store: t.store, registry: t.registry, config: t.config, via: 'direct' as const, clock: t.clock, onProgress: (p: string) => progress.push(p) };
    const view = (await runOperation(ctx, 'import', { tenant: 'granja', kind: 'products', file, dry_run: false })) as ImportView;
    expect(view).toMatchObject({ status: 'succeeded', source: 'cli', created_by: 'cli', file_name: 'precios.csv', rows: { total: 2, updated: 1, unchanged: 1 } });
    expect(progress).toContain('reading');
    expect(progress.at(-1)).toBe('done');
    expect(await t.store.platform.get("SELECT price FROM productos WHERE tenant_id = 'granja' AND sku = 'P-001'")).toEqual({ price: '46.00' });
    expect(await t.store.platform.get("SELECT actor, action FROM audit_log WHERE tenant_id = 'granja' AND target_id = $1", [view.id])).toEqual({ actor: 'cli', action: 'import.completed' });
    await expect(runOperation(ctx, 'import', { tenant: 'granja', kind: 'products', file: 'precios.csv', dry_run: false })).rejects.toMatchObject({ code: 'validation_error' });
    await expect(runOperation(ctx, 'import', { tenant: 'granja', kind: 'products', file: path.join(scratch, 'none.csv'), dry_run: false })).rejects.toMatchObject({ code: 'not_found' });
    await expect(runOperation(ctx, 'import', { tenant: 'nadie', kind: 'products', file, dry_run: false })).rejects.toMatchObject({ code: 'tenant_not_found' });
  });
});

describe('fluxion import (the command)', () => {
  let dir: string;
  const cli = (args: string[]) => runCli(args, { dataDir: dir });
  beforeAll(async () => {
    dir = tempDataDir();
    expect((await cli(['migrate'])).code).toBe(0);
    expect((await cli(['tenant', 'create', 'tienda', '--name', 'Tienda Uno', '--currency', 'VES', '--timezone', 'America/Caracas'])).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'tiendas.csv'), 'codigo;nombre\nT1;Centro\nT2;Este\n');
    fs.writeFileSync(path.join(dir, 'productos.csv'), 'sku;nombre;precio\nA-1;Arroz;10,50\nA-2;Azúcar;abc\n');
  });
  afterAll(() => removeDir(dir));

  it('prints a summary and exits 0; a refused file exits 1 with its rejected rows and writes nothing', { timeout: SLOW }, async () => {
    const ok = await cli(['import', 'stores', path.join(dir, 'tiendas.csv'), '--tenant', 'tienda']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Import of tiendas.csv as stores: done');
    expect(ok.stdout).toContain('rows 2: 2 new, 0 updated, 0 unchanged, 0 rejected');
    expect(ok.stdout).toMatch(/csv, utf-8, delimiter ';'/);
    const bad = await cli(['import', 'products', path.join(dir, 'productos.csv'), '--tenant', 'tienda']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAILED, nothing written');
    expect(bad.stdout).toMatch(/3\s+price\s+abc\s+'price' must be a number/);
    const dry = await cli(['--json', 'import', 'stores', path.join(dir, 'tiendas.csv'), '--tenant', 'tienda', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, rows: { total: 2, unchanged: 2 } });
    const store = await DuckDbStore.open({ file: databaseFile(dir) });
    try {
      expect(await store.platform.all("SELECT code FROM stores WHERE tenant_id = 'tienda' ORDER BY code")).toEqual([{ code: 'T1' }, { code: 'T2' }]);
      expect(await store.platform.all("SELECT sku FROM productos WHERE tenant_id = 'tienda'")).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
