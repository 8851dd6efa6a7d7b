/**
 * An import that meets a full disk (the database's write fails with ENOSPC or DuckDB's "No space
 * left on device") is recorded as insufficient_storage with a message saying nothing was
 * written — not as an internal error — and nothing of it is in the tenant's tables. The disk is
 * not really filled here (test/resilience/disk-full.test.ts does that, as root): the import's
 * transaction is given a handle whose bulk load fails the way a full disk makes it fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import type { TenantDb } from '../../src/store/types.js';
import { findTenant } from '../../src/server/features/tenants/repository.js';
import { executeImport, inspectFile, recordImport } from '../../src/server/features/imports/service.js';
import { findImport } from '../../src/server/features/imports/repository.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

/** The tenant handle, with every transaction's bulk load failing as on a full disk. */
function fullDisk(tdb: TenantDb, error: () => Error): TenantDb {
  const failing = (tx: TenantDb): TenantDb => ({ ...tx, tenantId: tx.tenantId, dialect: tx.dialect, stage: () => Promise.reject(error()), tx: (fn) => fn(failing(tx)) });
  return { ...tdb, tenantId: tdb.tenantId, dialect: tdb.dialect, tx: (fn) => tdb.tx((tx) => fn(failing(tx))) };
}

describe('imports: a full disk', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-import-enospc-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const errors: Array<[string, () => Error]> = [
    ['ENOSPC from the file system', () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })],
    ["DuckDB's IO error", () => new Error('IO Error: Could not write file "x.duckdb.wal": No space left on device')],
  ];

  it.each(errors)('%s is recorded as insufficient_storage, and nothing is written', async (_, error) => {
    const file = path.join(dir, 'ventas.csv');
    fs.writeFileSync(file, 'ticket;linea;fecha;tienda;sku;cantidad;precio\nENOSPC-1;1;27/11/2026 09:30;S1;P-001;1;45,00\n');
    const tdb = t.store.forTenant('granja');
    const tenant = (await findTenant(t.store.platform, 'granja'))!;
    const options = { kind: 'sales' as const, dryRun: false, createUnknown: false };
    const accepted = await inspectFile(file, 'ventas.csv', options);
    const who = { actor: { type: 'system' as const, label: 'test' } };
    const id = await recordImport(tdb, accepted, options, who, 'cli', new Date(NOW));
    const logged: unknown[] = [];
    await executeImport(id, accepted, options, { tdb: fullDisk(tdb, error), tenant, who, now: () => new Date(NOW), persistProgress: false, log: (err) => logged.push(err) });
    const record = await findImport(tdb, id);
    expect(record).toMatchObject({
      status: 'failed',
      error: { error: 'insufficient_storage', message: "The server's storage is full: nothing of this import was written. Free space and import the file again." },
    });
    expect(logged).toEqual([]);
    expect(Number((await tdb.get("SELECT count(*) AS n FROM ventas WHERE tenant_id = $1 AND ticket = 'ENOSPC-1'"))?.n)).toBe(0);
    // The API answers the same.
    const res = await t.on('granja', `/api/v1/imports/${id}`);
    expect(res.json()).toMatchObject({ status: 'failed', error: { error: 'insufficient_storage' } });
  });
});
