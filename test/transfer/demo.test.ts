/**
 * Demo data and PostgreSQL: the small demo copies from DuckDB and verifies; `loadDemo` on a
 * PostgreSQL store generates into a temporary DuckDB file and copies the demo tenants and sign-ins
 * across (refusing, then replacing with force, like on DuckDB); and `fluxion start` on an empty
 * PostgreSQL database comes up with the demo loaded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoDataExistsError, loadDemo, type DemoReport } from '../../src/demo/index.js';
import { DEMO_ADMIN_EMAIL, demoEmail } from '../../src/demo/accounts.js';
import { testConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/main.js';
import { transferStore, verifyTransfer } from '../../src/store/transfer/index.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import type { Store } from '../../src/store/types.js';
import { duckStore, emptyTarget, openTarget, type Target } from './support.js';

const TODAY = new Date('2026-11-27T12:00:00Z');

async function counts(store: Store, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await store.platform.get(`SELECT count(*) AS n FROM "${t}"`))?.n);
  return out;
}

let duck: Store;
let duckDemo: DemoReport;
const DEMO_TABLES = ['tenants', 'stores', 'suppliers', 'productos', 'inventory', 'inventory_movements', 'ventas', 'orders', 'order_lines', 'exchange_rates', 'users'];

beforeAll(async () => {
  duck = await duckStore();
  duckDemo = await loadDemo(duck, { scale: 'small', today: TODAY });
});
afterAll(async () => {
  await duck?.close();
});

describe('the small demo, DuckDB → PostgreSQL', () => {
  it('copies and verifies equal', async () => {
    const target = await emptyTarget('demo_copy');
    try {
      const copy = await transferStore(duck, target.urls, { pageSize: 500 });
      expect(copy.tables.find((t) => t.name === 'ventas')!.rows).toBe(duckDemo.rows.ventas);
      expect(copy.tables.find((t) => t.name === 'inventory_movements')!.rows).toBe(duckDemo.rows.inventory_movements);
      const pg = await openTarget(target);
      try {
        const verify = await verifyTransfer(duck, pg, copy.schema, { pageSize: 500 });
        expect(verify.rows.filter((r) => !r.equal)).toEqual([]);
        expect(verify.ok).toBe(true);
        expect(verify.sourceRows).toBe(copy.rows);
      } finally {
        await pg.close();
      }
    } finally {
      await target.drop();
    }
  });
});

describe('loadDemo on a PostgreSQL store', () => {
  let target: Target;
  let pg: PostgresStore;
  beforeAll(async () => {
    target = await emptyTarget('demo_pg');
    // Migrated on opening, as the server does at start.
    pg = await PostgresStore.open({ url: target.url, poolSize: 3 });
  });
  afterAll(async () => {
    await pg?.close();
    await target?.drop();
  });

  it('loads the same demo as on DuckDB, with its sign-ins, and leaves no temporary file behind', async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('fluxion-demo-'));
    const phases: string[] = [];
    const report = await loadDemo(pg, { scale: 'small', today: TODAY, onProgress: (p) => phases.push(p) });
    expect(report.rows).toEqual(duckDemo.rows);
    expect(await counts(pg, DEMO_TABLES)).toEqual(await counts(duck, DEMO_TABLES));
    expect(phases.some((p) => p.startsWith('PostgreSQL: copying ventas'))).toBe(true);
    const owner = await pg.forTenant('granja').get('SELECT role FROM users WHERE tenant_id = $1 AND email = $2', [demoEmail('granja', 'owner')]);
    expect(owner?.role).toBe('owner');
    expect(await pg.platform.get('SELECT email FROM platform_admins WHERE email = $1', [DEMO_ADMIN_EMAIL])).toEqual({ email: DEMO_ADMIN_EMAIL });
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('fluxion-demo-'))).toEqual(before);
  });

  it('refuses to load over the demo tenants, and replaces them with force', async () => {
    const err = await loadDemo(pg, { scale: 'small', today: TODAY }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DemoDataExistsError);
    expect((err as DemoDataExistsError).tenants).toEqual(['cliente2', 'granja']);

    await pg.forTenant('granja').run(`DELETE FROM exchange_rates WHERE tenant_id = $1 AND rate_date > '2026-11-01'`);
    await loadDemo(pg, { scale: 'small', today: TODAY, force: true });
    expect(await counts(pg, DEMO_TABLES)).toEqual(await counts(duck, DEMO_TABLES));
    const admins = await pg.platform.all('SELECT email FROM platform_admins');
    expect(admins).toEqual([{ email: DEMO_ADMIN_EMAIL }]);
  });
});

describe('fluxion start on an empty PostgreSQL database', () => {
  it('loads the demo data through a temporary DuckDB file and serves it', async () => {
    const target = await emptyTarget('demo_start');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fx-tr-'));
    const printed: string[] = [];
    try {
      const config = testConfig({ dataDir, port: 0, host: '127.0.0.1', databaseUrl: target.url });
      const server = await startServer({ config, demo: 'if-empty', demoScale: 'small', print: (t) => void printed.push(t), handleSignals: false });
      try {
        expect(server.demo?.tenants.map((t) => t.id)).toEqual(['granja', 'cliente2']);
        expect(printed.join('\n')).toContain('Demo sign-in (password: fluxion-demo)');
        const r = await server.app.inject({ method: 'GET', url: '/api/v1/tenant', headers: { host: 'granja.localhost' } });
        expect(r.statusCode).toBe(200);
      } finally {
        await server.close();
      }
      // A second start finds the data and leaves it alone.
      const again = await startServer({ config, demo: 'if-empty', demoScale: 'small', print: () => undefined, handleSignals: false });
      try {
        expect(again.demo).toBeNull();
      } finally {
        await again.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await target.drop();
    }
  });
});
