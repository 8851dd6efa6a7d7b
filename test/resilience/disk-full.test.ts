/**
 * Disk full: the DuckDB file lives on a small tmpfs of its own, filled to the last byte by a
 * filler file. Writes then answer 507 insufficient_storage (JSON, no internals), every write
 * acknowledged before is there, nothing is half-written (stock and ledger agree), reads go on
 * working, writes work again once space returns, and the database reopens with the same data.
 *
 * Mounting a file system needs root (CAP_SYS_ADMIN), as CI has on this machine; without it the test
 * fails saying so, rather than passing untested.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/store.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { ledgerMismatches } from '../support/invariants.js';
import { internalsIn } from '../security/helpers.js';

const G = T.granja;
const SIZE_MB = 48;

describe('disk full (DuckDB on a full file system)', () => {
  let mount: string;
  let file: string;
  let filler: string;
  let t: TestApp;
  beforeAll(async () => {
    mount = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-diskfull-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE_MB}m`, 'tmpfs', mount], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(`This test mounts a ${SIZE_MB} MB tmpfs and needs root (CAP_SYS_ADMIN): ${(err as { stderr?: Buffer }).stderr?.toString().trim() ?? String(err)}`);
    }
    file = path.join(mount, 'fluxion.duckdb');
    filler = path.join(mount, 'filler');
    const store = await DuckDbStore.open({ file });
    await store.migrate();
    t = await createTestApp({ store });
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    execFileSync('umount', [mount], { stdio: 'pipe' });
    fs.rmSync(mount, { recursive: true, force: true });
  });

  const quantity = async () => {
    const r = await t.on('granja', `/api/v1/inventory?store_id=${G.stores.caracas}&limit=500`);
    expect(r.statusCode).toBe(200);
    return (r.json() as { items: Array<{ product: { id: string }; quantity: number }> }).items.find((i) => i.product.id === G.products.harina)!.quantity;
  };
  const adjust = () =>
    t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments', payload: { store_id: G.stores.caracas, product_id: G.products.harina, delta: 1, reason: 'count', note: 'disk full' } });

  /** Fills the file system to its last byte. */
  function fill() {
    const fd = fs.openSync(filler, 'a');
    const block = Buffer.alloc(64 * 1024, 0x5a);
    try {
      for (;;) fs.writeSync(fd, block);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    }
    for (let size = 4096; size >= 1; size >>= 1) {
      try {
        for (;;) fs.writeSync(fd, block, 0, size);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      }
    }
    fs.closeSync(fd);
  }

  it('refuses writes with 507, keeps every acknowledged one, serves reads, and writes again when space returns', async () => {
    const start = await quantity();
    fill();
    let acknowledged = 0;
    let refused: Awaited<ReturnType<typeof adjust>> | null = null;
    // The WAL's last page may have room for a few small writes; the disk is full within a few hundred.
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await adjust();
      if (r.statusCode === 201) acknowledged += 1;
      else refused = r;
    }
    expect(refused, 'no write was refused on a full disk').not.toBeNull();
    expect(refused!.statusCode).toBe(507);
    expect(refused!.json()).toMatchObject({ error: 'insufficient_storage', message: expect.stringContaining('nothing of this request was saved') });
    expect(internalsIn(refused!.body)).toBeNull();
    expect(refused!.body).not.toContain(mount);

    // Reads still work and show exactly the acknowledged writes; nothing half-written.
    expect(await quantity()).toBe(start + acknowledged);
    expect(await ledgerMismatches(t)).toEqual([]);
    const again = await adjust();
    expect(again.statusCode).toBe(507);
    expect(await quantity()).toBe(start + acknowledged);

    // Space returns: writes work again, without a restart.
    fs.rmSync(filler);
    const after = await adjust();
    expect(after.statusCode).toBe(201);
    expect(await quantity()).toBe(start + acknowledged + 1);

    // And the file opens again with everything acknowledged in it.
    await t.close();
    const reopened = await DuckDbStore.open({ file });
    try {
      const row = await reopened.forTenant('granja').get('SELECT quantity FROM inventory WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3', [G.stores.caracas, G.products.harina]);
      expect(Number(row?.quantity)).toBe(start + acknowledged + 1);
      expect(await ledgerMismatches({ store: reopened })).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
