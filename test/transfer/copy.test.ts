/**
 * The fixtures, plus values that are easy to get wrong in transit (quotes, commas and a line
 * break in one text, an empty string beside NULL, microseconds, nested JSON), copied from DuckDB
 * into a PostgreSQL database owned by a non-superuser, read back in pages of two rows so every
 * composite key crosses page boundaries. Verification must find every table of every tenant equal,
 * and the target must keep its constraints, indexes and row-level security exactly as migrated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { transferStore, verifyTransfer, PLATFORM_GROUP, type TransferReport, type VerifyReport } from '../../src/store/transfer/index.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import type { Store } from '../../src/store/types.js';
import { T } from '../support/fixtures.js';
import { fixtureHash } from '../support/principals.js';
import { asSuperuser, catalogue, emptyTarget, fixtureSource, NON_SUPERUSER_OWNER, openTarget, rowCounts, type Target } from './support.js';

const AWKWARD_NAME = 'Queso "llanero", duro\nsegunda línea; 100% ñandú';
const NESTED = { b: [1, 2, { z: null, a: 'x' }], a: 1.5, 'ключ': 'значение' };

let source: Store;
let target: Target;
let fresh: Target;
let pgStore: PostgresStore;
let copy: TransferReport;
let verify: VerifyReport;
let sourceCounts: Record<string, number>;

beforeAll(async () => {
  ({ store: source } = await fixtureSource());
  const db = source.platform;
  await db.run(`UPDATE productos SET name = $1 WHERE tenant_id = 'granja' AND id = $2`, [AWKWARD_NAME, T.granja.products.queso]);
  await db.run(
    `INSERT INTO inventory_movements (tenant_id, store_id, product_id, delta, quantity_after, reason, actor, note, created_at)
     VALUES ('granja', $1, $2, 0, 100, 'count', 'transfer-test', '', '2026-11-02 14:00:00.123456+00')`,
    [T.granja.stores.caracas, T.granja.products.harina],
  );
  await db.run(
    `INSERT INTO audit_log (tenant_id, occurred_at, actor_type, actor, action, details) VALUES ('cliente2', now(), 'system', 'transfer-test', 'test.nested', $1)`,
    [JSON.stringify(NESTED)],
  );
  await createAdmin(db, { email: 'keeper@fluxion.test', name: 'Keeper', passwordHash: await fixtureHash() });
  sourceCounts = {};
  for (const r of await db.all(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`)) {
    sourceCounts[String(r.t)] = Number((await db.get(`SELECT count(*) AS n FROM "${String(r.t)}"`))?.n);
  }

  [target, fresh] = await Promise.all([emptyTarget('copy', { owner: NON_SUPERUSER_OWNER }), emptyTarget('fresh', { owner: NON_SUPERUSER_OWNER })]);
  copy = await transferStore(source, target.urls, { pageSize: 2 });
  pgStore = await openTarget(target);
  verify = await verifyTransfer(source, pgStore, copy.schema, { pageSize: 2 });
  await PostgresStore.migrateAsOwner(fresh.urls);
});

afterAll(async () => {
  await pgStore?.close();
  await source?.close();
  await Promise.all([target?.drop(), fresh?.drop()]);
});

describe('transferStore + verifyTransfer on the fixtures', () => {
  it('copies every table the schema has, parents before children, with the source row counts', async () => {
    const names = copy.tables.map((t) => t.name);
    expect([...names].sort()).toEqual(Object.keys(sourceCounts).sort());
    for (const [child, parent] of <Array<[string, string]>>[['stores', 'tenants'], ['productos', 'suppliers'], ['ventas', 'productos'], ['order_lines', 'orders'], ['sessions', 'users'], ['platform_sessions', 'platform_admins']]) {
      expect(names.indexOf(child), `${child} after ${parent}`).toBeGreaterThan(names.indexOf(parent));
    }
    expect(Object.fromEntries(copy.tables.map((t) => [t.name, t.rows]))).toEqual(sourceCounts);
    expect(await asSuperuser(target, rowCounts)).toEqual(sourceCounts);
    expect(copy.tenants).toEqual(['cliente2', 'dormida', 'granja']);
  });

  it('verifies every table of every tenant, and the platform tables, as equal', () => {
    expect(verify.ok).toBe(true);
    expect(new Set(verify.rows.map((r) => r.group))).toEqual(new Set([PLATFORM_GROUP, 'cliente2', 'dormida', 'granja']));
    for (const r of verify.rows) {
      expect(r.equal, `${r.group}/${r.table}`).toBe(true);
      expect(r.target).toEqual(r.source);
    }
    const rows = (group: string, table: string) => verify.rows.find((r) => r.group === group && r.table === table)!.source.rows;
    expect(rows('granja', 'ventas')).toBe(3);
    expect(rows('cliente2', 'ventas')).toBe(1);
    expect(rows('granja', 'inventory_movements')).toBe(4);
    expect(rows(PLATFORM_GROUP, 'tenants')).toBe(3);
    expect(rows(PLATFORM_GROUP, 'platform_admins')).toBe(1);
    // Per-tenant groups add up to the tables: nothing was verified twice or left out.
    const total = verify.rows.filter((r) => r.table === 'users').reduce((a, r) => a + r.source.rows, 0);
    expect(total).toBe(sourceCounts.users);
  });

  it('carries text, empty strings, NULLs, microseconds and JSON exactly', async () => {
    await asSuperuser(target, async (c) => {
      const p = await c.query(`SELECT name FROM productos WHERE tenant_id = 'granja' AND id = $1`, [T.granja.products.queso]);
      expect(p.rows[0].name).toBe(AWKWARD_NAME);
      const m = await c.query(`SELECT note, ref_type, created_at::text AS at FROM inventory_movements WHERE actor = 'transfer-test'`);
      expect(m.rows).toEqual([{ note: '', ref_type: null, at: '2026-11-02 14:00:00.123456+00' }]);
      const a = await c.query(`SELECT details FROM audit_log WHERE action = 'test.nested'`);
      expect(a.rows[0].details).toEqual(NESTED);
      const s = await c.query(`SELECT settings->>'currency' AS currency FROM tenants WHERE id = 'granja'`);
      expect(s.rows[0].currency).toBe('VES');
    });
  });

  it('leaves the schema as migrated: constraints, indexes, forced row-level security and policies', async () => {
    const [copied, migrated] = await Promise.all([asSuperuser(target, catalogue), asSuperuser(fresh, catalogue)]);
    expect(copied).toEqual(migrated);
    expect(copied).toContain('table ventas rls=t force=t');
    expect(copied.filter((l) => l.includes('FOREIGN KEY')).length).toBeGreaterThan(10);
  });

  it('serves the copy through the serving roles under row-level security', async () => {
    const granja = await pgStore.forTenant('granja').all('SELECT DISTINCT tenant_id FROM ventas WHERE tenant_id = $1 OR true');
    expect(granja).toEqual([{ tenant_id: 'granja' }]);
    const product = await pgStore.forTenant('granja').get('SELECT name FROM productos WHERE tenant_id = $1 AND id = $2', [T.granja.products.queso]);
    expect(product?.name).toBe(AWKWARD_NAME);
  });
});
