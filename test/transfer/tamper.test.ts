/**
 * Verification finds what changed after a copy, and names the tenant and table: a deleted sales
 * line, a changed price, a changed JSON setting, an extra row. Everything untouched stays equal.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PostgresStore } from '../../src/store/postgres/store.js';
import { transferStore, verifyTransfer, PLATFORM_GROUP, type TransferSchema, type VerifyReport } from '../../src/store/transfer/index.js';
import type { Store } from '../../src/store/types.js';
import { asSuperuser, emptyTarget, fixtureSource, openTarget, type Target } from './support.js';

let source: Store;
let target: Target;
let pgStore: PostgresStore;
let schema: TransferSchema;

beforeAll(async () => {
  ({ store: source } = await fixtureSource());
  target = await emptyTarget('tamper');
  ({ schema } = await transferStore(source, target.urls));
  pgStore = await openTarget(target);
});

afterAll(async () => {
  await pgStore?.close();
  await source?.close();
  await target?.drop();
});

const differing = (r: VerifyReport) => r.rows.filter((x) => !x.equal).map((x) => `${x.group}/${x.table}`);

describe('verifyTransfer on a tampered copy', () => {
  beforeEach(async () => {
    // Each case starts from an intact copy.
    expect((await verifyTransfer(source, pgStore, schema)).ok).toBe(true);
  });

  it('reports a deleted row: that tenant and table, with both row counts', async () => {
    const where = `tenant_id = 'granja' AND ticket = 'T-1002'`;
    const saved = await asSuperuser(target, async (c) => {
      const row = (await c.query<{ j: string }>(`SELECT row_to_json(v)::text AS j FROM ventas v WHERE ${where}`)).rows[0]!.j;
      await c.query(`DELETE FROM ventas WHERE ${where}`);
      return row;
    });
    try {
      const report = await verifyTransfer(source, pgStore, schema);
      expect(report.ok).toBe(false);
      expect(differing(report)).toEqual(['granja/ventas']);
      const row = report.rows.find((r) => r.group === 'granja' && r.table === 'ventas')!;
      expect([row.source.rows, row.target.rows]).toEqual([3, 2]);
      // The other tenant's sales, with the same ticket numbers, are untouched and equal.
      expect(report.rows.find((r) => r.group === 'cliente2' && r.table === 'ventas')!.equal).toBe(true);
    } finally {
      await asSuperuser(target, (c) => c.query(`INSERT INTO ventas SELECT * FROM json_populate_record(NULL::ventas, $1::json)`, [saved]));
    }
  });

  it('reports a changed value with equal row counts: same rows, different checksum', async () => {
    await asSuperuser(target, (c) => c.query(`UPDATE productos SET price = price + 0.01 WHERE tenant_id = 'cliente2' AND sku = 'P-001'`));
    try {
      const report = await verifyTransfer(source, pgStore, schema);
      expect(differing(report)).toEqual(['cliente2/productos']);
      const row = report.rows.find((r) => r.group === 'cliente2' && r.table === 'productos')!;
      expect(row.source.rows).toBe(row.target.rows);
      expect(row.source.checksum).not.toBe(row.target.checksum);
    } finally {
      await asSuperuser(target, (c) => c.query(`UPDATE productos SET price = price - 0.01 WHERE tenant_id = 'cliente2' AND sku = 'P-001'`));
    }
  });

  it('reports a changed JSON document in a platform table as the platform group', async () => {
    await asSuperuser(target, (c) => c.query(`UPDATE tenants SET settings = jsonb_set(settings, '{currency}', '"EUR"') WHERE id = 'granja'`));
    try {
      expect(differing(await verifyTransfer(source, pgStore, schema))).toEqual([`${PLATFORM_GROUP}/tenants`]);
    } finally {
      await asSuperuser(target, (c) => c.query(`UPDATE tenants SET settings = jsonb_set(settings, '{currency}', '"VES"') WHERE id = 'granja'`));
    }
  });

  it('reports a row added on the target only', async () => {
    await asSuperuser(target, (c) =>
      c.query(`INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate) VALUES ('cliente2', 'EUR', '2026-11-01', 0.92)`),
    );
    try {
      const report = await verifyTransfer(source, pgStore, schema);
      expect(differing(report)).toEqual(['cliente2/exchange_rates']);
      const row = report.rows.find((r) => r.group === 'cliente2' && r.table === 'exchange_rates')!;
      expect([row.source.rows, row.target.rows]).toEqual([0, 1]);
    } finally {
      await asSuperuser(target, (c) => c.query(`DELETE FROM exchange_rates WHERE tenant_id = 'cliente2'`));
    }
  });
});
