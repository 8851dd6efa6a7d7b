/**
 * Row-level security at the database level, in the spirit of PostgreSQL's own `rowsecurity`
 * regression tests. Runs on PostgreSQL whichever backend the rest of the suite uses: a throw-away
 * database owned by a non-superuser (as on a managed service), migrated by Fluxion, filled with
 * the two-tenant fixtures; then raw connections as each role probe what the policies allow.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { postgresUrls } from '../../src/store/postgres/connection.js';
import { TENANT_SETTING } from '../../src/store/postgres/security.js';
import { toErrorBody } from '../../src/server/errors.js';
import { loadFixtures, T } from '../support/fixtures.js';
import { loadPrincipals } from '../support/principals.js';
import { scratchDatabase } from '../support/backend.js';

const A = T.granja.id;
const B = T.cliente2.id;

let drop: () => Promise<void>;
let store: PostgresStore;
let app: pg.Client;
let owner: pg.Client;
let platform: pg.Client;
let tenantTables: string[];
/** Rows per tenant per table, as the platform role sees them. */
let counts: Map<string, Record<string, number>>;

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

async function countsByTenant(client: pg.Client): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const t of tenantTables) {
    const { rows } = await client.query<{ tenant_id: string; n: number }>(`SELECT tenant_id, count(*)::int AS n FROM ${t} GROUP BY tenant_id`);
    out.set(t, Object.fromEntries(rows.map((r) => [r.tenant_id, r.n])));
  }
  return out;
}

/** Run `fn` as the app role in a transaction with `tenant` set (or none), always rolled back. */
async function asTenant<T>(tenant: string | null, fn: () => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    if (tenant !== null) await app.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenant]);
    return await fn();
  } finally {
    await app.query('ROLLBACK');
  }
}

const errorOf = async (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err as Error & { code?: string });

beforeAll(async () => {
  const db = await scratchDatabase('rls', { owner: 'fluxion_test_owner' });
  drop = db.drop;
  store = await PostgresStore.open({ url: db.url, poolSize: 2 });
  await loadFixtures(store);
  await loadPrincipals(store);
  const urls = postgresUrls(db.url);
  [app, owner, platform] = await Promise.all([connect(urls.app), connect(urls.owner), connect(urls.platform)]);
  tenantTables = (
    await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    )
  ).rows.map((r) => r.table_name);
  counts = await countsByTenant(platform);
});

afterAll(async () => {
  await Promise.all([app?.end(), owner?.end(), platform?.end()]);
  await store?.close();
  await drop?.();
});

describe('row-level security (PostgreSQL)', () => {
  it('covers the tenant tables and the fixtures fill the main ones for both tenants', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['stores', 'productos', 'inventory', 'inventory_movements', 'ventas', 'orders', 'order_lines', 'users', 'sessions', 'api_keys', 'audit_log', 'exchange_rates']));
    for (const t of ['stores', 'productos', 'inventory', 'users', 'api_keys']) {
      expect(counts.get(t)?.[A], `${t} rows of ${A}`).toBeGreaterThan(0);
      expect(counts.get(t)?.[B], `${t} rows of ${B}`).toBeGreaterThan(0);
    }
  });

  it('every table with a tenant_id column has forced RLS and a policy for the app role', async () => {
    const { rows } = await owner.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; app_policies: number }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname AND 'fluxion_app' = ANY (p.roles)) AS app_policies
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1)`,
      [tenantTables],
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...tenantTables].sort());
    const unprotected = rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity || r.app_policies === 0).map((r) => r.relname);
    expect(unprotected).toEqual([]);
  });

  it('the serving roles own nothing, are not superusers and cannot bypass RLS; views are security_invoker', async () => {
    const { rows } = await owner.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
      `SELECT r.rolname, r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname IN ('fluxion_app', 'fluxion_platform') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { rolname: 'fluxion_app', rolsuper: false, rolbypassrls: false, owned: 0 },
      { rolname: 'fluxion_platform', rolsuper: false, rolbypassrls: false, owned: 0 },
    ]);
    const views = await owner.query<{ relname: string; invoker: boolean }>(
      `SELECT relname, coalesce('security_invoker=true' = ANY (reloptions), false) AS invoker
         FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'v'`,
    );
    expect(views.rows.filter((v) => !v.invoker)).toEqual([]);
  });

  it('the app role has no privilege at all on platform tables', async () => {
    const { rows } = await owner.query<{ table_name: string; any: boolean }>(
      `SELECT table_name, has_table_privilege('fluxion_app', quote_ident(table_name), 'SELECT, INSERT, UPDATE, DELETE') AS any
         FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY ($1))`,
      [tenantTables],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.any).map((r) => r.table_name)).toEqual([]);
    const err = await errorOf(app.query('SELECT count(*) FROM tenants'));
    expect(err?.code).toBe('42501');
  });

  it('with no tenant set, the app role sees zero rows in every tenant table', async () => {
    for (const t of tenantTables) {
      const outside = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
      expect(outside.rows[0]!.n, t).toBe(0);
      const inTx = await asTenant(null, () => app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`));
      expect(inTx.rows[0]!.n, t).toBe(0);
    }
  });

  it('FORCE binds the table owner too: without a policy of its own it sees nothing', async () => {
    for (const t of tenantTables) {
      const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
      expect(rows[0]!.n, t).toBe(0);
    }
  });

  it("with tenant A set, every table shows all of A's rows and none of B's", async () => {
    await asTenant(A, async () => {
      for (const t of tenantTables) {
        const { rows } = await app.query<{ tenant_id: string; n: number }>(`SELECT tenant_id, count(*)::int AS n FROM ${t} GROUP BY tenant_id`);
        const seen = Object.fromEntries(rows.map((r) => [r.tenant_id, r.n]));
        expect(seen, t).toEqual(counts.get(t)?.[A] ? { [A]: counts.get(t)![A] } : {});
      }
    });
  });

  it("with tenant A set, updates and deletes of B's rows touch nothing", async () => {
    await asTenant(A, async () => {
      for (const t of tenantTables) {
        expect((await app.query(`UPDATE ${t} SET tenant_id = tenant_id WHERE tenant_id = $1`, [B])).rowCount, `update ${t}`).toBe(0);
        expect((await app.query(`DELETE FROM ${t} WHERE tenant_id = $1`, [B])).rowCount, `delete ${t}`).toBe(0);
      }
    });
    expect(await countsByTenant(platform)).toEqual(counts);
  });

  it('with tenant A set, inserting a row for B, or moving a row to B, fails', async () => {
    const insert = await asTenant(A, () => errorOf(app.query(`INSERT INTO stores (tenant_id, code, name) VALUES ($1, 'INTRUSO', 'x')`, [B])));
    expect(insert?.code).toBe('42501');
    expect(insert?.message).toMatch(/row-level security/);
    const move = await asTenant(A, () => errorOf(app.query(`UPDATE stores SET tenant_id = $1 WHERE id = $2`, [B, T.granja.stores.caracas])));
    expect(move?.code).toBe('42501');
    const own = await asTenant(A, () => app.query(`INSERT INTO stores (tenant_id, code, name) VALUES ($1, 'PROPIA', 'x')`, [A]));
    expect(own.rowCount).toBe(1);
    expect(await countsByTenant(platform)).toEqual(counts);
  });

  it('SET LOCAL ends with the transaction: the next one on the same connection sees nothing', async () => {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [A]);
    expect((await app.query<{ n: number }>('SELECT count(*)::int AS n FROM productos')).rows[0]!.n).toBe(counts.get('productos')![A]);
    await app.query('COMMIT');
    expect((await app.query<{ n: number }>('SELECT count(*)::int AS n FROM productos')).rows[0]!.n).toBe(0);
  });

  it("through the Store, a query that forgets its tenant filter still sees only the handle's tenant", async () => {
    for (const t of tenantTables) {
      const rows = await store.forTenant(A).all(`SELECT DISTINCT tenant_id FROM ${t} WHERE $1::text IS NOT NULL`);
      expect(rows.map((r) => r.tenant_id), t).toEqual(counts.get(t)?.[A] ? [A] : []);
    }
  });

  it("every unique key of a tenant table starts with tenant_id, so a violation can only involve the tenant's own rows", async () => {
    const { rows } = await owner.query<{ def: string }>(
      `SELECT pg_get_indexdef(x.indexrelid) AS def FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
        WHERE x.indisunique AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1)`,
      [tenantTables],
    );
    expect(rows.length).toBeGreaterThan(tenantTables.length - 1);
    expect(rows.map((r) => r.def).filter((d) => !/\(tenant_id[,)]/.test(d))).toEqual([]);
  });

  it("a unique-constraint error reaches the client as a generic 409 without the database's key values", async () => {
    const err = await asTenant(A, () => errorOf(app.query(`INSERT INTO stores (tenant_id, code, name) SELECT tenant_id, code, 'dup' FROM stores LIMIT 1`)));
    expect(err?.code).toBe('23505');
    expect(err?.message + String((err as { detail?: string }).detail)).toMatch(/stores_tenant_id_code_key|Key \(/);
    const { status, body } = toErrorBody(err, 'req-1');
    expect(status).toBe(409);
    expect(body.error).toBe('conflict');
    expect(body.message).not.toMatch(/tenant_id|Key \(|stores_|granja|duplicate key/i);
  });
});
