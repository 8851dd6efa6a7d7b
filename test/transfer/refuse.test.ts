/**
 * A transfer writes everything or nothing: a target that already holds data is refused and left
 * exactly as it was, a source with a table the copier does not know is refused before anything is
 * written, and a failure half-way through rolls the whole copy back (row-level security, foreign
 * keys and indexes included), so the same transfer can simply be run again.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { TargetNotEmptyError, TransferError, transferStore, verifyTransfer } from '../../src/store/transfer/index.js';
import { insertTenant } from '../../src/server/features/tenants/repository.js';
import { DEFAULT_SETTINGS } from '../../src/server/features/tenants/schema.js';
import { createAdmin } from '../../src/server/features/admin/service.js';
import type { Store } from '../../src/store/types.js';
import { fixtureHash } from '../support/principals.js';
import { asSuperuser, catalogue, duckStore, emptyTarget, fixtureSource, NON_SUPERUSER_OWNER, openTarget, rowCounts, type Target } from './support.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});
afterAll(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function source(): Promise<Store> {
  const { store } = await fixtureSource();
  cleanup.push(() => store.close());
  return store;
}

async function target(label: string, options: { owner?: string } = {}): Promise<Target> {
  const t = await emptyTarget(label, options);
  cleanup.push(() => t.drop());
  return t;
}

async function state(t: Target) {
  return asSuperuser(t, async (c) => ({ rows: await rowCounts(c), catalogue: await catalogue(c) }));
}

const failure = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err as Error);

describe('transferStore refuses', () => {
  it('a target that already holds tenants, naming them, and leaves it unchanged', async () => {
    const first = await source();
    const t = await target('refuse_tenants');
    const { schema } = await transferStore(first, t.urls);
    const before = await state(t);

    const other = await duckStore();
    cleanup.push(() => other.close());
    await insertTenant(other.platform, { id: 'otra', name: 'Otra', plan: 'standard', settings: DEFAULT_SETTINGS });
    const err = await failure(transferStore(other, t.urls));
    expect(err).toBeInstanceOf(TargetNotEmptyError);
    expect(err!.message).toContain('already holds 3 tenants: cliente2, dormida, granja');
    expect(err!.message).toContain('nothing was written');
    expect((err as TargetNotEmptyError).tenants).toEqual(['cliente2', 'dormida', 'granja']);

    expect(await state(t)).toEqual(before);
    const pg = await openTarget(t);
    try {
      expect((await verifyTransfer(first, pg, schema)).ok).toBe(true);
    } finally {
      await pg.close();
    }
  });

  it('a target with platform rows and no tenants, naming the tables', async () => {
    const t = await target('refuse_platform');
    await PostgresStore.migrateAsOwner(t.urls);
    const pg = await openTarget(t);
    try {
      await createAdmin(pg.platform, { email: 'early@fluxion.test', name: 'Early', passwordHash: await fixtureHash() });
    } finally {
      await pg.close();
    }
    const before = await state(t);
    const err = await failure(transferStore(await source(), t.urls));
    expect(err).toBeInstanceOf(TargetNotEmptyError);
    expect(err!.message).toContain('The target database is not empty: 1 platform_admins row.');
    expect(await state(t)).toEqual(before);
  });

  it('a source with a table the target schema does not have, before writing anything', async () => {
    const s = await source();
    await s.platform.run('CREATE TABLE loyalty_points (tenant_id VARCHAR(63) NOT NULL, points INTEGER, PRIMARY KEY (tenant_id))');
    const t = await target('refuse_unknown');
    const err = await failure(transferStore(s, t.urls));
    expect(err).toBeInstanceOf(TransferError);
    expect(err!.message).toContain('loyalty_points');
    expect(err!.message).toContain('refusing to copy without it');
    const after = await state(t);
    expect(Object.values(after.rows).every((n) => n === 0)).toBe(true);
  });
});

describe('a transfer that fails half-way', () => {
  it('leaves the target as it was (owner bound by forced RLS), and runs again cleanly once the cause is gone', async () => {
    const s = await source();
    const t = await target('halfway', { owner: NON_SUPERUSER_OWNER });
    await PostgresStore.migrateAsOwner(t.urls);
    const before = await state(t);
    // ventas comes late in the order: tenants, stores, products … are already copied when it fails.
    await asSuperuser(t, (c) =>
      c.query(`CREATE FUNCTION refuse_sales() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
               CREATE TRIGGER refuse_sales BEFORE INSERT ON ventas FOR EACH ROW EXECUTE FUNCTION refuse_sales();`),
    );
    const err = await failure(transferStore(s, t.urls));
    expect(err?.message).toContain('disk full (simulated)');
    expect(await state(t)).toEqual(before);

    await asSuperuser(t, (c) => c.query('DROP TRIGGER refuse_sales ON ventas; DROP FUNCTION refuse_sales()'));
    const { schema } = await transferStore(s, t.urls);
    const pg = await openTarget(t);
    try {
      expect((await verifyTransfer(s, pg, schema)).ok).toBe(true);
    } finally {
      await pg.close();
    }
    expect((await state(t)).catalogue).toEqual(before.catalogue);
  });
});
