/**
 * Backups on the suite's backend (DuckDB, or PostgreSQL with FLUXION_TEST_BACKEND): a backup taken
 * while sales are being written is one consistent instant (restored, stock equals its ledger and
 * every table's rows and checksum equal the manifest); a whole restore equals the source table by
 * table; damaged, incomplete or mismatched backups and non-empty targets are refused with nothing
 * written; a tenant comes back from its export beside the others, which stay exactly as they were,
 * and an archive carrying another tenant's rows is refused. Then the commands as processes, through
 * a running server.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, dropTestDatabase, openTestStore, TEST_BACKEND } from '../support/backend.js';
import { ledgerMismatches } from '../support/invariants.js';
import { T } from '../support/fixtures.js';
import { httpGet, removeDir, runCli, startServerProcess, tempDataDir } from '../cli/support.js';
import { runOperation } from '../../src/cli/operations.js';
import type { BackupSummary } from '../../src/cli/backups.js';
import type { ExportResult } from '../../src/cli/offboarding.js';
import { installationTables, tenantTables, type TableInfo } from '../../src/store/catalogue.js';
import { tableDigest } from '../../src/store/backup/load.js';
import type { BackupManifest } from '../../src/store/backup/format.js';
import type { RestoreReport } from '../../src/store/backup/restore.js';
import type { TenantRestoreReport } from '../../src/store/backup/tenant-restore.js';
import { untarExport } from '../../src/store/backup/untar.js';
import { tarHeader, tarPadding, TAR_END } from '../../src/server/features/offboarding/tar.js';
import { TenantService } from '../../src/server/features/tenants/service.js';
import type { Store } from '../../src/store/types.js';

const G = T.granja;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let scratch: string;
const ctx = (store: Store = t.store) => ({ store, registry: t.registry, config: t.config, via: 'direct' as const, clock: t.clock });

async function digests(store: Store, tables: TableInfo[], tenant?: string): Promise<Record<string, { rows: number; checksum: string }>> {
  const out: Record<string, { rows: number; checksum: string }> = {};
  for (const table of tables) out[table.name] = await tableDigest(store.platform, table, tenant);
  return out;
}

const manifestOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;

async function isEmpty(store: Store): Promise<boolean> {
  for (const table of await installationTables(store.platform)) {
    if (Number((await store.platform.get(`SELECT count(*) AS n FROM "${table.name}"`))?.n) > 0) return false;
  }
  return true;
}

beforeAll(async () => {
  t = await createTestApp();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-backup-test-'));
}, 120_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('fluxion backup and fluxion restore (the operations behind the commands)', () => {
  it('a backup taken while sales are written is one instant: restored, stock equals the ledger and every table its manifest', async () => {
    const products = [G.products.harina, G.products.arroz, G.products.queso];
    let stop = false;
    let sold = 0;
    const writer = (async () => {
      for (let i = 0; !stop && i < 400; i++) {
        const r = await t.on('granja', {
          method: 'POST',
          url: '/api/v1/sales',
          payload: { store_id: G.stores.caracas, ticket: `BK-${i}`, fecha_venta: '2026-11-20T15:00:00Z', lines: [{ product_id: products[i % 3], quantity: 1 }] },
        });
        if (r.statusCode === 201) sold += 1;
      }
    })();
    // The backup starts once writes are under way and runs while they go on.
    while (sold < 5) await new Promise((r) => setImmediate(r));
    const backup = (await runOperation(ctx(), 'backup', { dir: scratch })) as BackupSummary;
    const soldAtEnd = sold;
    stop = true;
    await writer;
    expect(soldAtEnd).toBeGreaterThan(5);

    expect(fs.readdirSync(scratch).filter((f) => f.includes('.partial'))).toEqual([]);
    const manifest = manifestOf(backup.dir);
    expect(manifest).toMatchObject({ format: 'fluxion-backup', format_version: 1, tenants: expect.arrayContaining(['granja', 'cliente2']) });
    expect(manifest.tables.map((x) => x.name).sort()).toEqual((await installationTables(t.store.platform)).map((x) => x.name).sort());
    for (const entry of manifest.tables) {
      const bytes = fs.readFileSync(path.join(backup.dir, entry.file));
      expect({ table: entry.name, sha256: sha256(bytes), bytes: bytes.length }).toEqual({ table: entry.name, sha256: entry.sha256, bytes: entry.bytes });
    }

    const target = await openTestStore();
    try {
      const report = (await runOperation(ctx(target), 'restore', { dir: backup.dir })) as RestoreReport;
      expect(report.total_rows).toBe(manifest.total_rows);
      expect(report.tables.every((x) => x.verified)).toBe(true);
      // Consistent: the ledger and the stock it explains agree in the restored copy.
      expect(await ledgerMismatches({ store: target })).toEqual([]);
      const restored = await digests(target, await installationTables(target.platform));
      for (const entry of manifest.tables) expect({ table: entry.name, ...restored[entry.name] }).toEqual({ table: entry.name, rows: entry.rows, checksum: entry.checksum });
      // Some of the sales written meanwhile are in it, and none that came after it.
      const tickets = Number((await target.platform.get("SELECT count(DISTINCT ticket) AS n FROM ventas WHERE tenant_id = 'granja' AND ticket LIKE 'BK-%'"))?.n);
      expect(tickets).toBeGreaterThanOrEqual(5);
      expect(tickets).toBeLessThanOrEqual(soldAtEnd);
    } finally {
      await target.close();
    }
  });

  it('a quiet installation restores equal to its source, table by table, rows and checksums', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'quiet-'));
    const backup = (await runOperation(ctx(), 'backup', { dir })) as BackupSummary;
    const source = await digests(t.store, await installationTables(t.store.platform));
    const target = await openTestStore();
    try {
      await runOperation(ctx(target), 'restore', { dir: backup.dir });
      expect(await digests(target, await installationTables(target.platform))).toEqual(source);
      // The restored tenants work: a tenant query on the copy reads granja's products.
      expect((await target.forTenant('granja').all('SELECT id FROM productos WHERE tenant_id = $1', [])).length).toBeGreaterThan(0);
    } finally {
      await target.close();
    }
  });

  it('refuses a damaged, incomplete or foreign backup and a non-empty target, writing nothing', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'bad-'));
    const backup = (await runOperation(ctx(), 'backup', { dir })) as BackupSummary;
    const copy = (name: string) => {
      const to = path.join(scratch, name);
      fs.cpSync(backup.dir, to, { recursive: true });
      return to;
    };
    const m = manifestOf(backup.dir);
    const sales = m.tables.find((x) => x.rows > 0 && x.name === 'ventas') ?? m.tables.find((x) => x.rows > 0)!;

    const edited = copy('edited');
    const file = path.join(edited, sales.file);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = bytes[Math.floor(bytes.length / 2)] === 0x31 ? 0x32 : 0x31;
    fs.writeFileSync(file, bytes);
    const missing = copy('missing');
    fs.rmSync(path.join(missing, sales.file));
    const noManifest = copy('no-manifest');
    fs.rmSync(path.join(noManifest, 'manifest.json'));
    const traversal = copy('traversal');
    const tm = manifestOf(traversal);
    tm.tables[0]!.file = '../../etc/passwd';
    fs.writeFileSync(path.join(traversal, 'manifest.json'), JSON.stringify(tm));

    const target = await openTestStore();
    try {
      const cases: Array<[string, RegExp]> = [
        [edited, new RegExp(`${sales.file} does not match its SHA-256`)],
        [missing, new RegExp(`${sales.file} is missing`)],
        [noManifest, /has no manifest\.json/],
        [traversal, /not a table file/],
        [path.join(scratch, 'nowhere'), /does not exist/],
        [path.join(backup.dir, 'manifest.json'), /is not a directory/],
      ];
      for (const [from, message] of cases) {
        await expect(runOperation(ctx(target), 'restore', { dir: from }), from).rejects.toMatchObject({ code: 'validation_error', message: expect.stringMatching(message) });
        expect(await isEmpty(target)).toBe(true);
      }
      // The installation itself is not empty: a restore never merges.
      const before = await digests(t.store, await installationTables(t.store.platform));
      await expect(runOperation(ctx(), 'restore', { dir: backup.dir })).rejects.toMatchObject({ code: 'validation_error', message: expect.stringMatching(/is not empty/) });
      expect(await digests(t.store, await installationTables(t.store.platform))).toEqual(before);
      // A backup never overwrites: the parent must exist, and be absolute.
      await expect(runOperation(ctx(), 'backup', { dir: path.join(scratch, 'absent', 'x') })).rejects.toMatchObject({ code: 'validation_error' });
      await expect(runOperation(ctx(), 'backup', { dir: 'relative/dir' })).rejects.toMatchObject({ code: 'validation_error' });
    } finally {
      await target.close();
    }
  });
});

describe('fluxion tenant restore', () => {
  /** Write a tenant export archive from the files in `dir` (ustar, gzip), as the export does. */
  function tarGz(dir: string, root: string, out: string): void {
    const parts: Buffer[] = [tarHeader({ path: root, type: 'directory', size: 0, mtime: Date.now() })];
    for (const name of fs.readdirSync(dir).sort((a, b) => (a === 'manifest.json' ? 1 : b === 'manifest.json' ? -1 : a.localeCompare(b)))) {
      const body = fs.readFileSync(path.join(dir, name));
      parts.push(tarHeader({ path: `${root}/${name}`, size: body.length, mtime: Date.now() }), body, tarPadding(body.length));
    }
    parts.push(TAR_END);
    fs.writeFileSync(out, zlib.gzipSync(Buffer.concat(parts)));
  }

  it('brings a deleted tenant back exactly from its export; other tenants keep exactly their rows; audited; refused when it exists', async () => {
    const tables = await tenantTables(t.store.platform);
    const exported = (await runOperation(ctx(), 'tenant.export', { id: 'cliente2', out: scratch })) as ExportResult;
    const cliente2 = await digests(t.store, tables, 'cliente2');
    expect(Object.values(cliente2).reduce((a, d) => a + d.rows, 0)).toBeGreaterThan(10);

    await expect(runOperation(ctx(), 'tenant.restore', { archive: exported.file })).rejects.toMatchObject({ code: 'validation_error', message: expect.stringMatching(/already exists/) });

    await new TenantService(t.store.platform, t.registry).suspend('cliente2');
    await runOperation(ctx(), 'tenant.delete', { id: 'cliente2', confirm: 'cliente2' });
    const granja = await digests(t.store, tables, 'granja');
    expect((await t.on('cliente2', '/api/v1/tenant')).statusCode).toBe(404);

    const report = (await runOperation(ctx(), 'tenant.restore', { archive: exported.file })) as TenantRestoreReport;
    expect(report.tenant_id).toBe('cliente2');
    expect(report.total_rows).toBe(exported.total_rows);
    const back = await digests(t.store, tables, 'cliente2');
    // The export was taken of the active tenant; the deletion suspended it first.
    expect({ ...back, tenants: undefined }).toEqual({ ...cliente2, tenants: undefined });
    expect(await digests(t.store, tables, 'granja')).toEqual(granja);
    expect((await t.on('cliente2', '/api/v1/tenant')).statusCode).toBe(200);
    expect((await t.on('cliente2', '/api/v1/inventory')).statusCode).toBe(200);
    const audit = await t.store.platform.all("SELECT actor, details FROM platform_audit_log WHERE action = 'tenant.restored' AND subject_tenant = 'cliente2'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', details: { archive: exported.file } });
  });

  it('refuses an archive carrying another tenant\'s rows, a damaged one and one that is not an export, writing nothing', async () => {
    const tables = await tenantTables(t.store.platform);
    const exported = (await runOperation(ctx(), 'tenant.export', { id: 'cliente2', out: fs.mkdtempSync(path.join(scratch, 'export-')) })) as ExportResult;
    await new TenantService(t.store.platform, t.registry).suspend('cliente2');
    await runOperation(ctx(), 'tenant.delete', { id: 'cliente2', confirm: 'cliente2' });
    const before = await digests(t.store, await installationTables(t.store.platform));

    // An edited archive, its manifest's checksums made to match: products of granja inside.
    const unpacked = fs.mkdtempSync(path.join(scratch, 'unpacked-'));
    await untarExport(exported.file, unpacked);
    const products = path.join(unpacked, 'productos.csv');
    const text = fs.readFileSync(products, 'utf8');
    const lines = text.split('\r\n');
    lines[1] = lines[1]!.replace('"cliente2"', '"granja"').replace(/"[0-9a-f-]{36}"/, '"00000000-0000-4000-8000-00000000abcd"');
    fs.writeFileSync(products, lines.join('\r\n'));
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8')) as { tables: Array<{ name: string; files: Array<{ path: string; bytes: number; sha256: string }> }> };
    const entry = manifest.tables.find((x) => x.name === 'productos')!.files.find((f) => f.path === 'productos.csv')!;
    entry.bytes = fs.statSync(products).size;
    entry.sha256 = sha256(fs.readFileSync(products));
    fs.writeFileSync(path.join(unpacked, 'manifest.json'), JSON.stringify(manifest));
    const forged = path.join(scratch, 'forged.tar.gz');
    tarGz(unpacked, 'cliente2-forged', forged);

    const damaged = path.join(scratch, 'damaged.tar.gz');
    const bytes = fs.readFileSync(exported.file);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const notGzip = path.join(scratch, 'not-an-export.tar.gz');
    fs.writeFileSync(notGzip, 'id,name\n1,x\n');

    const cases: Array<[string, RegExp]> = [
      [forged, /holds 1 row\(s\) of another tenant/],
      [damaged, /truncated|unexpected end|damaged/i],
      [notGzip, /not a gzip file/],
      [path.join(scratch, 'absent.tar.gz'), /does not exist/],
      [scratch, /is a directory/],
    ];
    for (const [archive, message] of cases) {
      await expect(runOperation(ctx(), 'tenant.restore', { archive }), archive).rejects.toMatchObject({ message: expect.stringMatching(message) });
      expect(await digests(t.store, await installationTables(t.store.platform))).toEqual(before);
    }
    expect(await t.store.platform.get("SELECT id FROM tenants WHERE id = 'cliente2'")).toBeUndefined();
    // And the genuine archive still restores.
    const report = (await runOperation(ctx(), 'tenant.restore', { archive: exported.file })) as TenantRestoreReport;
    expect(report.total_rows).toBe(exported.total_rows);
    expect(Object.fromEntries(Object.entries(await digests(t.store, tables, 'cliente2')).map(([k, d]) => [k, d.rows]))).toEqual(exported.rows);
    expect(await t.store.platform.get("SELECT id FROM tenants WHERE id = 'cliente2'")).toEqual({ id: 'cliente2' });
  });
});

describe('the fluxion command: backup through a running server, restore into a new database', () => {
  const SLOW = 180_000;
  let dataDir: string;
  let restoreDir: string;
  let databaseUrl: string | undefined;
  let restoreUrl: string | undefined;

  beforeAll(async () => {
    dataDir = tempDataDir();
    restoreDir = tempDataDir();
    if (TEST_BACKEND === 'postgres') {
      databaseUrl = await createTestDatabase();
      restoreUrl = await createTestDatabase();
    }
  }, SLOW);
  afterAll(async () => {
    removeDir(dataDir);
    removeDir(restoreDir);
    if (databaseUrl) await dropTestDatabase(databaseUrl);
    if (restoreUrl) await dropTestDatabase(restoreUrl);
  });

  it('backs up through the running server, restores a deleted tenant through it, and the backup restores verified into an empty database', { timeout: SLOW }, async () => {
    const env = databaseUrl ? { DATABASE_URL: databaseUrl } : {};
    const server = await startServerProcess({ dataDir, env });
    let backupDir: string;
    try {
      expect((await runCli(['tenant', 'create', 'acme', '--name', 'Acme C.A.'], { dataDir, env })).code).toBe(0);
      const backups = path.join(dataDir, 'backups');
      fs.mkdirSync(backups);
      const done = await runCli(['backup', backups], { dataDir, env });
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toMatch(/done by the Fluxion server running on this data directory/);
      backupDir = /Backup written to (\S+)/.exec(done.stdout)![1]!;
      expect(path.basename(backupDir)).toMatch(/^fluxion-backup-\d{8}T\d{6}Z$/);
      expect(manifestOf(backupDir).tenants).toContain('acme');
      expect((await httpGet(server.port, 'acme.localhost', '/api/v1/tenant')).status).toBe(200);

      // One tenant, exported, deleted and restored through the running server, which serves it again.
      const archive = path.join(dataDir, 'acme.tar.gz');
      expect((await runCli(['tenant', 'export', 'acme', '--out', archive], { dataDir, env })).code).toBe(0);
      expect((await runCli(['tenant', 'suspend', 'acme'], { dataDir, env })).code).toBe(0);
      expect((await runCli(['tenant', 'delete', 'acme', '--confirm', 'acme'], { dataDir, env })).code).toBe(0);
      expect((await httpGet(server.port, 'acme.localhost', '/api/v1/tenant')).status).toBe(404);
      const back = await runCli(['tenant', 'restore', archive], { dataDir, env });
      expect(back.code, back.stderr).toBe(0);
      expect(back.stderr).toMatch(/done by the Fluxion server running on this data directory/);
      expect(back.stdout).toMatch(/Restored tenant acme \(Acme C\.A\.\)/);
      // It comes back as the export saw it: active.
      expect((await httpGet(server.port, 'acme.localhost', '/api/v1/tenant')).status).toBe(200);
      const twice = await runCli(['tenant', 'restore', archive], { dataDir, env });
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/already exists here/);
    } finally {
      await server.stop();
    }

    const renv = restoreUrl ? { DATABASE_URL: restoreUrl } : {};
    const restored = await runCli(['restore', backupDir], { dataDir: restoreDir, env: renv });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored the backup of/);
    expect(restored.stdout).toMatch(/acme/);
    const again = await runCli(['restore', backupDir], { dataDir: restoreDir, env: renv });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);
    expect(again.stderr).not.toMatch(/at .*\.js:\d+/);
    const listed = await runCli(['tenant', 'list'], { dataDir: restoreDir, env: renv });
    expect(listed.stdout).toMatch(/acme/);
  });
});
