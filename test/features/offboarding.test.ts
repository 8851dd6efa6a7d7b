/**
 * Tenant offboarding on the suite's backend (DuckDB, or PostgreSQL with FLUXION_TEST_BACKEND):
 * the catalogue of tenant tables, the export archive checked against the database (untarred here,
 * every file's checksum, CSV parsed, Parquet read back with an in-memory DuckDB), and deletion:
 * refusals change nothing, and a deletion leaves no row of the tenant in any table of the
 * catalogue while every other tenant's tables keep exactly their rows.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../support/multipart.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { adminQuery, createTestDatabase, dropTestDatabase, TEST_BACKEND } from '../support/backend.js';
import { httpGet, removeDir, runCli, startServerProcess, tempDataDir } from '../cli/support.js';
import { TINY_PNG } from '../support/images.js';
import { T } from '../support/fixtures.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import { TenantService } from '../../src/server/features/tenants/service.js';
import { RequestRecorder } from '../../src/server/features/telemetry/recorder.js';
import { openTenantExport, type ExportManifest } from '../../src/server/features/offboarding/export.js';
import { deletionLevels, quoteIdent, tenantCatalogue, tenantTables, type TableInfo } from '../../src/store/catalogue.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { runOperation } from '../../src/cli/operations.js';
import type { ExportResult } from '../../src/cli/offboarding.js';
import type { DeletionReport } from '../../src/server/features/offboarding/service.js';
import { runForecasts } from '../../src/server/features/forecasting/runs.js';

const ADMIN_HOST = 'admin.localhost';
const ADMIN = { email: 'offboarding@fluxion.test', password: 'platform-keeper-2026!' };
/** A table a later migration might add: the catalogue must find it without a code change. */
const FUTURE_TABLE = 'future_notes';
const TRICKY_ADDRESS = 'Av. "Principal", piso 2\nLocal 3 — Caracas, Petare ñ';

// ---------------------------------------------------------------------------------------------
// Reading the archive
// ---------------------------------------------------------------------------------------------

interface TarFile {
  type: 'file' | 'directory';
  body: Buffer;
}

/** A strict ustar reader: checksums, magic, padding and the two-block end marker are checked. */
function untar(gz: Buffer): Map<string, TarFile> {
  const tar = zlib.gunzipSync(gz);
  expect(tar.length % 512).toBe(0);
  const entries = new Map<string, TarFile>();
  let offset = 0;
  for (;;) {
    const header = tar.subarray(offset, offset + 512);
    expect(header.length).toBe(512);
    if (header.every((b) => b === 0)) {
      expect(tar.subarray(offset + 512, offset + 1024).every((b) => b === 0)).toBe(true);
      break;
    }
    const text = (from: number, to: number) => header.subarray(from, to).toString('utf8').replace(/\0.*$/s, '');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
    expect(parseInt(text(148, 156).trim(), 8)).toBe(sum);
    expect(text(257, 263)).toBe('ustar');
    const name = [text(345, 500), text(0, 100)].filter((s) => s !== '').join('/');
    const size = parseInt(text(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    offset += 512;
    expect(entries.has(name), `${name} twice`).toBe(false);
    entries.set(name, { type: type === '5' ? 'directory' : 'file', body: Buffer.from(tar.subarray(offset, offset + size)) });
    offset += Math.ceil(size / 512) * 512;
  }
  return entries;
}

type CsvValue = string | null;

/** RFC 4180 with CRLF records; an unquoted empty field is NULL, a quoted one the empty string. */
function parseCsv(text: string): CsvValue[][] {
  const rows: CsvValue[][] = [];
  let row: CsvValue[] = [];
  let i = 0;
  while (i < text.length) {
    let value: CsvValue;
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            v += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else v += text[i++];
      }
      value = v;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++;
      const raw = text.slice(i, j);
      expect(raw).not.toContain('"');
      value = raw === '' ? null : raw;
      i = j;
    }
    row.push(value);
    if (text[i] === ',') {
      i++;
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      rows.push(row);
      row = [];
    } else {
      throw new Error(`not RFC 4180 at ${i}: ${JSON.stringify(text.slice(i, i + 12))}`);
    }
  }
  expect(row).toEqual([]);
  return rows;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const NUMERIC = /^(INTEGER|BIGINT|SMALLINT|DOUBLE|FLOAT|DECIMAL\(\d+,\d+\))$/;
/** DuckDB's DESCRIBE spelling of a manifest type. */
const described = (type: string) => (type === 'TIMESTAMPTZ' ? 'TIMESTAMP WITH TIME ZONE' : type);

interface ColumnFacts {
  nulls: number;
  /** Sum of a numeric column. */
  sum?: number;
}

/** Row count and per-column facts of the tenant's rows, from the database. */
async function dbFacts(t: TestApp, table: TableInfo, tenant: string): Promise<{ rows: number; columns: Record<string, ColumnFacts>; keys: string[] }> {
  const q = quoteIdent;
  const select = [
    'count(*) AS n',
    ...table.columns.map((c, i) => `count(*) - count(${q(c.name)}) AS nulls_${i}`),
    ...table.columns.map((c, i) => (NUMERIC.test(c.type) ? `CAST(sum(${q(c.name)}) AS VARCHAR) AS sum_${i}` : null)).filter(Boolean),
  ];
  const row = (await t.store.platform.get(`SELECT ${select.join(', ')} FROM ${q(table.name)} WHERE ${q(table.tenantColumn)} = $1`, [tenant]))!;
  const columns: Record<string, ColumnFacts> = {};
  table.columns.forEach((c, i) => {
    columns[c.name] = { nulls: Number(row[`nulls_${i}`]), ...(NUMERIC.test(c.type) ? { sum: Number(row[`sum_${i}`] ?? 0) } : {}) };
  });
  const key = table.primaryKey.map((k) => `CAST(${q(k)} AS VARCHAR)`).join(` || '|' || `);
  const keys = (await t.store.platform.all(`SELECT ${key} AS k FROM ${q(table.name)} WHERE ${q(table.tenantColumn)} = $1`, [tenant])).map((r) => String(r.k)).sort();
  return { rows: Number(row.n), columns, keys };
}

function csvFacts(table: TableInfo, rows: CsvValue[][]): { columns: Record<string, ColumnFacts>; keys: string[] } {
  const columns: Record<string, ColumnFacts> = {};
  table.columns.forEach((c, i) => {
    const values = rows.map((r) => r[i] ?? null);
    columns[c.name] = {
      nulls: values.filter((v) => v === null).length,
      ...(NUMERIC.test(c.type) ? { sum: values.reduce((a: number, v) => a + (v === null ? 0 : Number(v)), 0) } : {}),
    };
  });
  const at = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  return { columns, keys: rows.map((r) => at.map((i) => r[i]).join('|')).sort() };
}

let duck: { instance: DuckDBInstance; conn: DuckDBConnection } | undefined;
async function parquetConn(): Promise<DuckDBConnection> {
  if (!duck) {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
    duck = { instance, conn };
  }
  return duck.conn;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fx-offboarding-test-'));
let scratchFiles = 0;

/** A Parquet file read back by DuckDB: rows, column types, per-column facts, and a query. */
async function readParquet(body: Buffer, table: TableInfo) {
  const file = path.join(scratch, `${++scratchFiles}.parquet`);
  fs.writeFileSync(file, body);
  const conn = await parquetConn();
  const from = `read_parquet('${file}')`;
  const types = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJson().map((r) => [String(r.column_name), String(r.column_type)]);
  const select = [
    'count(*)::INTEGER AS n',
    ...table.columns.map((c, i) => `(count(*) - count("${c.name}"))::INTEGER AS nulls_${i}`),
    ...table.columns.map((c, i) => (NUMERIC.test(c.type) ? `CAST(sum("${c.name}") AS DOUBLE) AS sum_${i}` : null)).filter(Boolean),
  ];
  const row = (await conn.runAndReadAll(`SELECT ${select.join(', ')} FROM ${from}`)).getRowObjectsJson()[0]!;
  const columns: Record<string, ColumnFacts> = {};
  table.columns.forEach((c, i) => {
    columns[c.name] = { nulls: Number(row[`nulls_${i}`]), ...(NUMERIC.test(c.type) ? { sum: Number(row[`sum_${i}`] ?? 0) } : {}) };
  });
  const query = async (sql: string) => (await conn.runAndReadAll(sql.replace('$file', from))).getRowObjectsJson();
  return { rows: Number(row.n), types, columns, query };
}

const closeTo = (a: Record<string, ColumnFacts>, b: Record<string, ColumnFacts>) => {
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const [name, f] of Object.entries(a)) {
    expect({ column: name, nulls: f.nulls }).toEqual({ column: name, nulls: b[name]!.nulls });
    if (f.sum !== undefined) expect(f.sum, name).toBeCloseTo(b[name]!.sum!, 4);
  }
};

// ---------------------------------------------------------------------------------------------
// The app and its data
// ---------------------------------------------------------------------------------------------

async function signIn(t: TestApp): Promise<string> {
  const r = await t.on(ADMIN_HOST, { method: 'POST', url: '/api/v1/admin/auth/login', payload: ADMIN });
  expect(r.statusCode, r.body).toBe(200);
  const set = r.headers['set-cookie'];
  return (Array.isArray(set) ? set : [String(set)]).find((c) => c.startsWith('fluxion_admin='))!.split(';')[0]!;
}

/** Run DDL as the schema's owner (on PostgreSQL the serving roles may not), then re-apply the grants and policies. */
async function ownerDdl(t: TestApp, sql: string): Promise<void> {
  if (t.store instanceof PostgresStore) {
    await adminQuery(t.store.urls.owner, sql);
    await t.store.migrate();
  } else {
    await t.store.platform.run(sql);
  }
}

/** Rows in every table of the catalogue for `tenant`, through the same API a tenant uses where there is one. */
async function seedEveryTable(t: TestApp, tenant: 'granja' | 'cliente2', cookie: string): Promise<void> {
  const tdb = t.store.forTenant(tenant);
  const ok = (r: { statusCode: number; body: string }, status: number) => expect(r.statusCode, r.body).toBe(status);
  // sessions, audit_log (sign-in), login_throttle (a failed one)
  await t.login(tenant, 'owner');
  ok(await t.on(tenant, { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: `nobody@${tenant}.test`, password: 'wrong-password-here-1' } }), 401);
  ok(await t.on(tenant, { method: 'POST', url: '/api/v1/users/invites', payload: { email: `new@${tenant}.test`, role: 'viewer' } }), 201);
  ok(await t.on(tenant, { method: 'PUT', url: '/api/v1/exchange-rates', payload: { currency: 'EUR', date: '2026-11-02', rate: '40.5', source: 'BCV' } }), 200);
  ok(await t.on(tenant, { method: 'PUT', url: '/api/v1/tenant/logo', payload: TINY_PNG, headers: { 'content-type': 'image/png' } }), 200);
  const store = Object.values(T[tenant].stores)[0]!;
  const product = Object.values(T[tenant].products)[0]!;
  ok(await t.on(tenant, { method: 'POST', url: '/api/v1/sales', payload: { store_id: store, lines: [{ product_id: product, quantity: 1 }] } }), 201);
  ok(
    await t.on(ADMIN_HOST, {
      method: 'POST',
      url: `/api/v1/admin/tenants/${tenant}/impersonate`,
      headers: { cookie },
      payload: { reason: 'Offboarding test: an impersonation grant row' },
    }),
    201,
  );
  // imports: a dry run of a products file, waited for
  const form = multipart({ kind: 'products', dry_run: 'true' }, { name: 'p.csv', content: 'sku;precio\nP-001;45\n' });
  ok(await t.on(tenant, { method: 'POST', url: '/api/v1/imports?wait=30', ...form }), 201);
  // forecast_runs, forecasts: a forecasting run (as the CLI runs it: cliente2 has no forecasting feature for the API)
  await runForecasts(tdb, { trigger: 'cli', actor: 'cli', timeZone: 'America/Caracas', now: new Date(t.clock()) });
  // request_stats, as the server's recorder writes them
  const recorder = new RequestRecorder(t.store, t.clock, { warn: () => undefined }, 0);
  recorder.record(tenant, 'GET', '/api/v1/stores', 200, 12.5);
  recorder.record(tenant, 'GET', '/api/v1/stores', 404, 3);
  await recorder.flush();
  // Values CSV must quote and escape, an empty string that is not NULL, a non-ASCII letter.
  await tdb.run("INSERT INTO stores (tenant_id, id, code, name, city, address) VALUES ($1, gen_random_uuid(), 'S9', 'Tricky, \"quoted\"', '', $2)", [TRICKY_ADDRESS]);
  await tdb.run(`INSERT INTO ${FUTURE_TABLE} (tenant_id, store_id, n, note) VALUES ($1, $2, 1, 'first'), ($1, $2, 2, NULL)`, [store]);
}

/** Rows per table of the catalogue for `tenant`. */
async function countsOf(t: TestApp, tenant: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tenantTables(t.store.platform)) {
    const row = await t.store.platform.get(`SELECT count(*) AS n FROM ${quoteIdent(table.name)} WHERE ${quoteIdent(table.tenantColumn)} = $1`, [tenant]);
    out[table.name] = Number(row!.n);
  }
  return out;
}

/** Rows of the platform's own tables (no tenant column). */
async function platformCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of ['platform_admins', 'platform_sessions', 'platform_login_throttle', 'schema_migrations']) {
    out[name] = Number((await t.store.platform.get(`SELECT count(*) AS n FROM ${name}`))!.n);
  }
  return out;
}

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  // No background flush of request statistics: counts must only change when the test changes them.
  t = await createTestApp({ config: { statsFlushSeconds: 0 } });
  await createAdmin(t.store.platform, ADMIN);
  cookie = await signIn(t);
  await ownerDdl(
    t,
    `CREATE TABLE ${FUTURE_TABLE} (
       tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
       store_id UUID NOT NULL,
       n INTEGER NOT NULL,
       note VARCHAR(100),
       PRIMARY KEY (tenant_id, store_id, n),
       FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id)
     )`,
  );
  await seedEveryTable(t, 'granja', cookie);
  await seedEveryTable(t, 'cliente2', cookie);
}, 120_000);

afterAll(async () => {
  duck?.conn.closeSync();
  duck?.instance.closeSync();
  fs.rmSync(scratch, { recursive: true, force: true });
  await t.close();
});

// ---------------------------------------------------------------------------------------------

describe('the catalogue of tenant tables', () => {
  it('lists every base table with a tenant_id column and the registry, parents before children, with keys and types', async () => {
    const { tables, outsideReferences } = await tenantCatalogue(t.store.platform);
    const expected = (
      await t.store.platform.all(
        `SELECT DISTINCT c.table_name AS name FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'`,
      )
    ).map((r) => String(r.name));
    expect(tables.map((x) => x.name).sort()).toEqual([...expected, 'tenants'].sort());
    // The table created by this suite (as a later migration would) is there, with its parents.
    expect(tables.find((x) => x.name === FUTURE_TABLE)).toMatchObject({
      tenantColumn: 'tenant_id',
      primaryKey: ['tenant_id', 'store_id', 'n'],
      parents: ['stores', 'tenants'],
      columns: [
        { name: 'tenant_id', type: 'VARCHAR', nullable: false },
        { name: 'store_id', type: 'UUID', nullable: false },
        { name: 'n', type: 'INTEGER', nullable: false },
        { name: 'note', type: 'VARCHAR', nullable: true },
      ],
    });
    expect(tables[0]).toMatchObject({ name: 'tenants', tenantColumn: 'id', primaryKey: ['id'], parents: [] });
    const position = new Map(tables.map((x, i) => [x.name, i]));
    for (const table of tables) for (const parent of table.parents) expect(position.get(parent)!, `${parent} before ${table.name}`).toBeLessThan(position.get(table.name)!);
    expect(tables.find((x) => x.name === 'ventas')).toMatchObject({ primaryKey: ['tenant_id', 'ticket', 'line'], parents: ['productos', 'stores'] });
    const ventas = tables.find((x) => x.name === 'ventas')!.columns;
    expect(Object.fromEntries(ventas.map((c) => [c.name, c.type]))).toMatchObject({
      fecha_venta: 'TIMESTAMPTZ',
      business_date: 'DATE',
      unit_price: 'DECIMAL(18,2)',
      fx_rate: 'DECIMAL(18,6)',
      quantity: 'INTEGER',
      store_id: 'UUID',
    });
    expect(tables.find((x) => x.name === 'tenants')!.columns.find((c) => c.name === 'settings')!.type).toBe('JSON');
    // Platform tables are not tenant data, and nothing outside the set points into it.
    expect(tables.map((x) => x.name)).not.toContain('platform_audit_log');
    expect(outsideReferences).toEqual([]);
  });

  it('groups the tables for deletion children first, the registry alone and last', async () => {
    const tables = await tenantTables(t.store.platform);
    const levels = deletionLevels(tables);
    expect(levels.at(-1)).toEqual(['tenants']);
    expect(levels.flat().sort()).toEqual(tables.map((x) => x.name).sort());
    const level = new Map(levels.flatMap((names, i) => names.map((n) => [n, i] as const)));
    for (const table of tables) for (const parent of table.parents) expect(level.get(parent)!, `${table.name} before ${parent}`).toBeGreaterThan(level.get(table.name)!);
  });
});

describe('GET /api/v1/admin/tenants/:id/export', () => {
  let archive: Buffer;
  let files: Map<string, TarFile>;
  let manifest: ExportManifest;
  let root: string;
  let exportedAt: number;

  beforeAll(async () => {
    exportedAt = t.clock();
    const r = await t.on(ADMIN_HOST, { method: 'GET', url: '/api/v1/admin/tenants/granja/export', headers: { cookie } });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/gzip');
    root = `granja-${new Date(exportedAt).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${root}.tar.gz"`);
    expect(r.headers['cache-control']).toBe('no-store');
    archive = r.rawPayload;
    files = untar(archive);
    manifest = JSON.parse(files.get(`${root}/manifest.json`)!.body.toString('utf8')) as ExportManifest;
  }, 60_000);

  it('holds one directory with a CSV and a Parquet file per table of the catalogue, and the manifest last', async () => {
    const tables = await tenantTables(t.store.platform);
    const names = [...files.keys()];
    expect(names[0]).toBe(`${root}/`);
    expect(files.get(`${root}/`)!.type).toBe('directory');
    expect(names.at(-1)).toBe(`${root}/manifest.json`);
    expect(names.slice(1, -1)).toEqual(tables.flatMap((x) => [`${root}/${x.name}.csv`, `${root}/${x.name}.parquet`]));
    expect(manifest.tables.map((x) => x.name)).toEqual(tables.map((x) => x.name));
    expect(manifest.tables.find((x) => x.name === FUTURE_TABLE)!.rows).toBe(2);
  });

  it('has a manifest naming the tenant, the time, the schema version and the format', async () => {
    const version = Number((await t.store.platform.get('SELECT max(version) AS v FROM schema_migrations'))!.v);
    expect(manifest).toMatchObject({
      format: 'fluxion-tenant-export',
      format_version: 1,
      tenant: { id: 'granja', name: 'La Granja Mercado', plan: 'premium', status: 'active' },
      exported_at: new Date(exportedAt).toISOString(),
      schema_version: version,
      source: { backend: TEST_BACKEND },
      csv: { standard: 'RFC 4180', header: true, line_ending: 'CRLF' },
    });
    expect(manifest.total_rows).toBe(manifest.tables.reduce((a, x) => a + x.rows, 0));
  });

  it('lists for every file its size and SHA-256, both matching the bytes in the archive', () => {
    for (const table of manifest.tables) {
      expect(table.files.map((f) => [f.path, f.format])).toEqual([
        [`${table.name}.csv`, 'csv'],
        [`${table.name}.parquet`, 'parquet'],
      ]);
      for (const f of table.files) {
        const body = files.get(`${root}/${f.path}`)!.body;
        expect({ file: f.path, bytes: body.length, sha256: sha256(body) }).toEqual({ file: f.path, bytes: f.bytes, sha256: f.sha256 });
      }
    }
  });

  it('every table: manifest rows = SELECT count(*); the CSV parses to those rows, keys, nulls and sums; the Parquet file too, typed', async () => {
    for (const table of await tenantTables(t.store.platform)) {
      const entry = manifest.tables.find((x) => x.name === table.name)!;
      const db = await dbFacts(t, table, 'granja');
      expect({ table: table.name, rows: entry.rows }).toEqual({ table: table.name, rows: db.rows });
      expect(entry.columns).toEqual(table.columns);
      expect(entry.primary_key).toEqual(table.primaryKey);

      const [header, ...rows] = parseCsv(files.get(`${root}/${table.name}.csv`)!.body.toString('utf8'));
      expect(header).toEqual(table.columns.map((c) => c.name));
      expect(rows.length, table.name).toBe(db.rows);
      for (const r of rows) expect(r.length).toBe(table.columns.length);
      const csv = csvFacts(table, rows);
      expect(csv.keys, table.name).toEqual(db.keys);
      closeTo(csv.columns, db.columns);
      // Nothing of another tenant.
      const tenantAt = table.columns.findIndex((c) => c.name === table.tenantColumn);
      expect(new Set(rows.map((r) => r[tenantAt]))).toEqual(new Set(rows.length > 0 ? ['granja'] : []));

      const parquet = await readParquet(files.get(`${root}/${table.name}.parquet`)!.body, table);
      expect({ table: table.name, rows: parquet.rows }).toEqual({ table: table.name, rows: db.rows });
      expect(parquet.types).toEqual(table.columns.map((c) => [c.name, described(c.type)]));
      closeTo(parquet.columns, db.columns);
    }
  });

  it('keeps text exactly: quotes, commas, line breaks, non-ASCII letters, and the empty string apart from NULL', async () => {
    const stores = (await tenantTables(t.store.platform)).find((x) => x.name === 'stores')!;
    const [header, ...rows] = parseCsv(files.get(`${root}/stores.csv`)!.body.toString('utf8'));
    const col = (name: string) => header!.indexOf(name);
    const tricky = rows.find((r) => r[col('code')] === 'S9')!;
    expect(tricky[col('name')]).toBe('Tricky, "quoted"');
    expect(tricky[col('address')]).toBe(TRICKY_ADDRESS);
    expect(tricky[col('city')]).toBe('');
    expect(rows.find((r) => r[col('code')] === 'S1')![col('address')]).toBeNull();
    const parquet = await readParquet(files.get(`${root}/stores.parquet`)!.body, stores);
    expect(await parquet.query("SELECT name, city, address, city IS NULL AS city_null FROM $file WHERE code = 'S9'")).toEqual([
      { name: 'Tricky, "quoted"', city: '', address: TRICKY_ADDRESS, city_null: false },
    ]);

    const tenants = parseCsv(files.get(`${root}/tenants.csv`)!.body.toString('utf8'));
    expect(tenants).toHaveLength(2);
    const settings = JSON.parse(tenants[1]![tenants[0]!.indexOf('settings')]!) as Record<string, unknown>;
    expect(settings).toMatchObject({ currency: 'VES', timezone: 'America/Caracas', primaryColor: '#10b981' });
    const ventas = (await tenantTables(t.store.platform)).find((x) => x.name === 'ventas')!;
    const v = await readParquet(files.get(`${root}/ventas.parquet`)!.body, ventas);
    expect(await v.query("SELECT CAST(fecha_venta AS VARCHAR) AS at, CAST(unit_price AS VARCHAR) AS price FROM $file WHERE ticket = 'T-1001' AND line = 1")).toEqual([
      { at: '2026-11-02 14:00:00+00', price: '45.00' },
    ]);
  });

  it('records the export in the platform audit trail with the counts and the archive\'s SHA-256', async () => {
    const rows = await t.store.platform.all("SELECT actor, subject_tenant, target_id, details FROM platform_audit_log WHERE action = 'tenant.exported' AND subject_tenant = 'granja'");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: ADMIN.email, subject_tenant: 'granja', target_id: 'granja' });
    const details = rows[0]!.details as Record<string, unknown>;
    expect(details).toMatchObject({ archive: `${root}.tar.gz`, bytes: archive.length, sha256: sha256(archive), total_rows: manifest.total_rows });
    expect(details.rows).toEqual(Object.fromEntries(manifest.tables.map((x) => [x.name, x.rows])));
  });

  it('reads big tables page by page: the same CSV files with two rows per page', async () => {
    const chunks: Buffer[] = [];
    const exp = await openTenantExport(t.store, 'granja', { now: exportedAt, pageSize: 2 });
    for await (const chunk of exp.stream) chunks.push(chunk as Buffer);
    const summary = await exp.done;
    const paged = untar(Buffer.concat(chunks));
    for (const table of manifest.tables) {
      expect(paged.get(`${root}/${table.name}.csv`)!.body.equals(files.get(`${root}/${table.name}.csv`)!.body), table.name).toBe(true);
    }
    expect(summary).toMatchObject({ tenantId: 'granja', totalRows: manifest.total_rows, bytes: Buffer.concat(chunks).length, sha256: sha256(Buffer.concat(chunks)) });
  });

  it('stops and removes its temporary files when the reader goes away', async () => {
    const tempRoot = fs.mkdtempSync(path.join(scratch, 'temp-'));
    const exp = await openTenantExport(t.store, 'granja', { now: exportedAt, tempRoot, pageSize: 1 });
    const first = await new Promise<Buffer>((resolve) => exp.stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    exp.stream.destroy();
    await expect(exp.done).rejects.toThrow();
    expect(fs.readdirSync(tempRoot)).toEqual([]);
    // A finished export leaves nothing behind either.
    const whole = await openTenantExport(t.store, 'dormida', { now: exportedAt, tempRoot });
    for await (const _ of whole.stream) void _;
    await whole.done;
    expect(fs.readdirSync(tempRoot)).toEqual([]);
  });

  it('exports a tenant with no data: header-only CSVs, empty typed Parquet files, its own row', async () => {
    const r = await t.on(ADMIN_HOST, { method: 'GET', url: '/api/v1/admin/tenants/dormida/export', headers: { cookie } });
    expect(r.statusCode).toBe(200);
    const got = untar(r.rawPayload);
    const dir = [...got.keys()][0]!;
    const m = JSON.parse(got.get(`${dir}manifest.json`)!.body.toString('utf8')) as ExportManifest;
    expect(m.tenant).toMatchObject({ id: 'dormida', status: 'suspended' });
    for (const table of await tenantTables(t.store.platform)) {
      const expected = table.name === 'tenants' ? 1 : 0;
      expect({ table: table.name, rows: m.tables.find((x) => x.name === table.name)!.rows }).toEqual({ table: table.name, rows: expected });
      expect(parseCsv(got.get(`${dir}${table.name}.csv`)!.body.toString('utf8'))).toHaveLength(1 + expected);
      const parquet = await readParquet(got.get(`${dir}${table.name}.parquet`)!.body, table);
      expect(parquet.rows).toBe(expected);
      expect(parquet.types).toEqual(table.columns.map((c) => [c.name, described(c.type)]));
    }
  });

  it('is 404 for an unknown tenant and 400 for an id that is not one', async () => {
    const unknown = await t.on(ADMIN_HOST, { method: 'GET', url: '/api/v1/admin/tenants/nadie/export', headers: { cookie } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('tenant_not_found');
    const bad = await t.on(ADMIN_HOST, { method: 'GET', url: '/api/v1/admin/tenants/Granja_1/export', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
  });

  it('is refused to anonymous callers and tenant users, on every host', async () => {
    const url = '/api/v1/admin/tenants/granja/export';
    const anon = await t.on(ADMIN_HOST, { method: 'GET', url });
    expect([anon.statusCode, anon.json().error]).toEqual([401, 'unauthenticated']);
    const ownerKey = await t.on(ADMIN_HOST, { method: 'GET', url, headers: { authorization: `Bearer ${t.keys.granja!.owner}` } });
    expect([ownerKey.statusCode, ownerKey.json().error]).toEqual([401, 'unauthenticated']);
    const onTenantHost = await t.on('granja', { method: 'GET', url });
    expect([onTenantHost.statusCode, onTenantHost.json().error]).toEqual([404, 'not_found']);
    const adminOnTenantHost = await t.on('granja', { method: 'GET', url, headers: { cookie } });
    expect(adminOnTenantHost.statusCode).toBe(404);
  });
});

describe('DELETE /api/v1/admin/tenants/:id', () => {
  const del = (id: string, body: unknown, headers: Record<string, string> = { cookie }) =>
    t.on(ADMIN_HOST, { method: 'DELETE', url: `/api/v1/admin/tenants/${id}`, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });

  it('refuses, changing nothing: tenant users, anonymous callers, a wrong confirmation, an active tenant, an unknown one', async () => {
    const before = { granja: await countsOf(t, 'granja'), cliente2: await countsOf(t, 'cliente2') };
    const problems: string[] = [];
    const expectRefusal = (what: string, r: { statusCode: number; json(): { error?: string; message?: string } }, status: number, error: string) => {
      if (r.statusCode !== status || r.json().error !== error) problems.push(`${what}: expected ${status} ${error}, got ${r.statusCode} ${JSON.stringify(r.json())}`);
    };
    expectRefusal('anonymous', await del('granja', { confirm: 'granja' }, {}), 401, 'unauthenticated');
    for (const role of ['owner', 'manager', 'viewer'] as const) {
      expectRefusal(`${role} key on the admin host`, await del('granja', { confirm: 'granja' }, { authorization: `Bearer ${t.keys.granja![role]}` }), 401, 'unauthenticated');
      const onHost = await t.on('granja', { method: 'DELETE', url: '/api/v1/admin/tenants/granja', as: role, payload: { confirm: 'granja' } });
      expectRefusal(`${role} on its own host`, onHost, 404, 'not_found');
    }
    const session = await t.login('granja', 'owner');
    expectRefusal('owner session on the admin host', await del('granja', { confirm: 'granja' }, { cookie: session }), 401, 'unauthenticated');

    const mismatch = await del('granja', { confirm: 'granj' });
    expectRefusal('wrong confirmation', mismatch, 400, 'confirmation_mismatch');
    expect(mismatch.json().message).toMatch(/type the tenant's id exactly \('granja'\)/);
    expectRefusal('confirmation of another tenant', await del('granja', { confirm: 'cliente2' }), 400, 'confirmation_mismatch');
    expectRefusal('no confirmation', await del('granja', {}), 400, 'validation_error');
    expectRefusal('no body', await del('granja', undefined), 400, 'validation_error');
    const active = await del('granja', { confirm: 'granja' });
    expectRefusal('active tenant', active, 409, 'invalid_state');
    expect(active.json().message).toMatch(/is active\. Suspend it first/);
    expectRefusal('unknown tenant', await del('nadie', { confirm: 'nadie' }), 404, 'tenant_not_found');
    expect(problems).toEqual([]);

    // The failed attempts wrote only the sign-in above (a session and an audit row).
    const after = { granja: await countsOf(t, 'granja'), cliente2: await countsOf(t, 'cliente2') };
    expect(after.cliente2).toEqual(before.cliente2);
    expect({ ...after.granja, sessions: before.granja.sessions, audit_log: before.granja.audit_log }).toEqual(before.granja);
    expect(after.granja.sessions).toBe(before.granja.sessions! + 1);
    expect(await t.store.platform.get("SELECT count(*) AS n FROM platform_audit_log WHERE action = 'tenant.deleted'")).toEqual({ n: 0 });
  });

  it('deletes a suspended tenant whole: no table of the catalogue keeps a row of it, other tenants keep exactly theirs', async () => {
    const session = await t.login('granja', 'manager');
    await new TenantService(t.store.platform, t.registry).suspend('granja');
    // The registry now has granja cached as suspended.
    expect((await t.on('granja', { method: 'GET', url: '/api/v1/tenant', as: 'anonymous' })).statusCode).toBe(200);
    expect((await t.on('granja', '/api/v1/stores')).json().error).toBe('tenant_suspended');

    const tables = await tenantTables(t.store.platform);
    const before = await countsOf(t, 'granja');
    const empty = Object.entries(before).filter(([, n]) => n === 0).map(([name]) => name);
    expect(empty, 'every table should hold rows of the tenant before it is deleted: seed them in seedEveryTable()').toEqual([]);
    const others = { cliente2: await countsOf(t, 'cliente2'), dormida: await countsOf(t, 'dormida') };
    const platform = await platformCounts(t);
    const platformAuditBefore = await t.store.platform.all("SELECT id FROM platform_audit_log WHERE subject_tenant = 'granja' ORDER BY id");

    const r = await del('granja', { confirm: 'granja' });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json() as DeletionReport;
    expect(report.tenant_id).toBe('granja');
    expect(report.deleted).toEqual(before);
    expect(report.total_rows).toBe(Object.values(before).reduce((a, b) => a + b, 0));

    for (const table of tables) {
      const left = await t.store.platform.get(`SELECT count(*) AS n FROM ${quoteIdent(table.name)} WHERE ${quoteIdent(table.tenantColumn)} = $1`, ['granja']);
      expect({ table: table.name, left: Number(left!.n) }).toEqual({ table: table.name, left: 0 });
    }
    expect(await countsOf(t, 'cliente2')).toEqual(others.cliente2);
    expect(await countsOf(t, 'dormida')).toEqual(others.dormida);
    expect(await platformCounts(t)).toEqual(platform);

    // The platform's record is kept, and the deletion is in it.
    const kept = await t.store.platform.all("SELECT id FROM platform_audit_log WHERE subject_tenant = 'granja' AND action <> 'tenant.deleted' ORDER BY id");
    expect(kept).toEqual(platformAuditBefore);
    const event = await t.store.platform.all("SELECT actor, target_id, details FROM platform_audit_log WHERE action = 'tenant.deleted'");
    expect(event).toHaveLength(1);
    expect(event[0]).toMatchObject({ actor: ADMIN.email, target_id: 'granja', details: { deleted: before, total_rows: report.total_rows } });

    // At once: the host is an unknown company, its keys and sessions are nobody's.
    const branding = await t.on('granja', { method: 'GET', url: '/api/v1/tenant', as: 'anonymous' });
    expect([branding.statusCode, branding.json().error]).toEqual([404, 'tenant_not_found']);
    expect((await t.on('api.localhost', { method: 'GET', url: '/api/v1/stores', headers: { 'x-tenant-id': 'granja', authorization: `Bearer ${t.keys.granja!.owner}` } })).statusCode).toBe(404);
    expect((await t.on('granja', { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session } })).statusCode).toBe(404);
    // cliente2 is served as before.
    expect((await t.on('cliente2', '/api/v1/stores')).statusCode).toBe(200);

    // Gone: a second deletion is a 404, and the id can be used again for a new, empty tenant.
    expect((await del('granja', { confirm: 'granja' })).statusCode).toBe(404);
    await new TenantService(t.store.platform, t.registry).create({ id: 'granja', name: 'Granja otra vez' });
    const fresh = await countsOf(t, 'granja');
    expect(Object.entries(fresh).filter(([, n]) => n > 0)).toEqual([['tenants', 1]]);
  });
});

describe('fluxion tenant export | delete (the operations behind the commands)', () => {
  const ctx = () => ({ store: t.store, registry: t.registry, config: t.config, via: 'direct' as const, clock: t.clock });

  it('exports to a file, never over an existing one, and records it as done by cli', async () => {
    const out = path.join(scratch, 'cliente2.tar.gz');
    const result = (await runOperation(ctx(), 'tenant.export', { id: 'cliente2', out })) as ExportResult;
    const bytes = fs.readFileSync(out);
    expect(result).toMatchObject({ tenant_id: 'cliente2', file: out, bytes: bytes.length, sha256: sha256(bytes) });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const files = untar(bytes);
    const m = JSON.parse([...files].find(([name]) => name.endsWith('/manifest.json'))![1].body.toString('utf8')) as ExportManifest;
    expect(m.tenant.id).toBe('cliente2');
    expect(result.rows).toEqual(Object.fromEntries(m.tables.map((x) => [x.name, x.rows])));
    expect(result.rows).toEqual(await countsOf(t, 'cliente2'));
    const audit = await t.store.platform.all("SELECT actor, details FROM platform_audit_log WHERE action = 'tenant.exported' AND subject_tenant = 'cliente2'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', details: { sha256: result.sha256, destination: out } });

    await expect(runOperation(ctx(), 'tenant.export', { id: 'cliente2', out })).rejects.toMatchObject({ code: 'already_exists' });
    expect(fs.readFileSync(out).equals(bytes)).toBe(true);
    // A directory keeps the archive's own name.
    const inDir = (await runOperation(ctx(), 'tenant.export', { id: 'cliente2', out: scratch })) as ExportResult;
    expect(path.dirname(inDir.file)).toBe(scratch);
    expect(path.basename(inDir.file)).toMatch(/^cliente2-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(fs.readdirSync(scratch).filter((f) => f.includes('.partial'))).toEqual([]);
    await expect(runOperation(ctx(), 'tenant.export', { id: 'nadie', out: path.join(scratch, 'x.tar.gz') })).rejects.toMatchObject({ code: 'tenant_not_found' });
  });

  it('deletes only with the id confirmed and the tenant suspended', async () => {
    await expect(runOperation(ctx(), 'tenant.delete', { id: 'cliente2', confirm: 'cliente' })).rejects.toMatchObject({ code: 'confirmation_mismatch' });
    await expect(runOperation(ctx(), 'tenant.delete', { id: 'cliente2', confirm: 'cliente2' })).rejects.toMatchObject({ code: 'invalid_state' });
    expect(Object.values(await countsOf(t, 'cliente2')).every((n) => n > 0)).toBe(true);
    await new TenantService(t.store.platform, t.registry).suspend('cliente2');
    const report = (await runOperation(ctx(), 'tenant.delete', { id: 'cliente2', confirm: 'cliente2' })) as DeletionReport;
    expect(report.deleted.tenants).toBe(1);
    expect(Object.values(await countsOf(t, 'cliente2')).every((n) => n === 0)).toBe(true);
    const audit = await t.store.platform.all("SELECT actor FROM platform_audit_log WHERE action = 'tenant.deleted' AND subject_tenant = 'cliente2'");
    expect(audit).toEqual([{ actor: 'cli' }]);
  });
});

describe('the fluxion command: tenant export and tenant delete, as processes', () => {
  const SLOW = 180_000;
  let dataDir: string;
  let databaseUrl: string | undefined;
  const env = () => (databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  const fluxion = (...args: string[]) => runCli(args, { dataDir, env: env() });

  beforeAll(async () => {
    dataDir = tempDataDir();
    // The suite's backend: a DuckDB file in the data directory, or a PostgreSQL database of this run.
    if (TEST_BACKEND === 'postgres') databaseUrl = await createTestDatabase();
    else expect((await fluxion('migrate')).code).toBe(0);
  }, SLOW);
  afterAll(async () => {
    removeDir(dataDir);
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('exports with progress on stderr; refuses a missing or wrong confirmation and an active tenant; then deletes', { timeout: SLOW }, async () => {
    expect((await fluxion('tenant', 'create', 'acme', '--name', 'Acme C.A.')).code).toBe(0);
    const exported = await fluxion('tenant', 'export', 'acme', '--out', dataDir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/Exporting acme: .*100%/);
    const file = /Exported tenant acme to (\S+\.tar\.gz)/.exec(exported.stdout)![1]!;
    expect(path.dirname(file)).toBe(fs.realpathSync(dataDir));
    const files = untar(fs.readFileSync(file));
    const m = JSON.parse([...files].find(([name]) => name.endsWith('/manifest.json'))![1].body.toString('utf8')) as ExportManifest;
    expect(m.tenant).toMatchObject({ id: 'acme', name: 'Acme C.A.' });
    expect(exported.stdout).toContain(sha256(fs.readFileSync(file)));

    const noConfirm = await fluxion('tenant', 'delete', 'acme');
    expect(noConfirm.code).toBe(2);
    expect(noConfirm.stderr).toMatch(/--confirm/);
    const wrong = await fluxion('tenant', 'delete', 'acme', '--confirm', 'acm');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^Error: The confirmation does not match/m);
    const active = await fluxion('tenant', 'delete', 'acme', '--confirm', 'acme');
    expect(active.code).toBe(1);
    expect(active.stderr).toMatch(/is active\. Suspend it first/);

    expect((await fluxion('tenant', 'suspend', 'acme')).code).toBe(0);
    const deleted = await fluxion('tenant', 'delete', 'acme', '--confirm', 'acme');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toMatch(/Deleted tenant acme: 1 row from 1 table\./);
  });

  it('both run inside a running server, which answers "unknown company" at once', { timeout: SLOW }, async () => {
    const server = await startServerProcess({ dataDir, env: env() });
    try {
      expect((await fluxion('tenant', 'create', 'beta', '--name', 'Beta')).code).toBe(0);
      const out = path.join(dataDir, 'beta.tar.gz');
      const exported = await fluxion('tenant', 'export', 'beta', '--out', out);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toMatch(/done by the Fluxion server running on this data directory/);
      expect(untar(fs.readFileSync(out)).size).toBeGreaterThan(3);
      expect((await httpGet(server.port, 'beta.localhost', '/api/v1/tenant')).status).toBe(200);
      expect((await fluxion('tenant', 'suspend', 'beta')).code).toBe(0);
      const deleted = await fluxion('tenant', 'delete', 'beta', '--confirm', 'beta');
      expect(deleted.code, deleted.stderr).toBe(0);
      const after = await httpGet(server.port, 'beta.localhost', '/api/v1/tenant');
      expect(after.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
