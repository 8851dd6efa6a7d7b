/**
 * The database as the second wall between tenants: roles, grants and row-level security,
 * derived from the schema itself after every migration, so a new tenant table cannot be left
 * unprotected by forgetting a line.
 *
 * - Every table with a `tenant_id` column gets ENABLE + FORCE ROW LEVEL SECURITY (FORCE: even
 *   the owner is subject to it) and two policies:
 *   `tenant_isolation` for the app role — rows whose tenant_id is the one the request's
 *   transaction set with `SET LOCAL app.tenant_id`; no tenant set, no rows;
 *   `platform_access` for the platform role — the explicit, separate path for the tenant
 *   registry, the console and cross-tenant work. RLS is never switched off.
 * - The app role gets DML on tenant tables only; platform tables are out of its reach entirely.
 * - Every view is made `security_invoker`, so a view cannot become a way around the policies.
 */
import type pg from 'pg';

export const TENANT_SETTING = 'app.tenant_id';

/** The predicate both USING and WITH CHECK use; `current_setting` is STABLE, so indexes apply. */
export const TENANT_PREDICATE = `tenant_id = current_setting('${TENANT_SETTING}', true)`;

export interface Roles {
  app: { name: string; password?: string | undefined };
  platform: { name: string; password?: string | undefined };
}

export class UnsafeRoleError extends Error {
  constructor(role: string, why: string) {
    super(`Refusing to use the database role '${role}' for Fluxion: ${why}.`);
    this.name = 'UnsafeRoleError';
  }
}

const ident = (client: pg.ClientBase, name: string) => client.escapeIdentifier(name);

async function ensureRole(client: pg.ClientBase, role: { name: string; password?: string | undefined }): Promise<void> {
  const existing = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [role.name]);
  const row = existing.rows[0];
  if (row) {
    if (row.rolsuper) throw new UnsafeRoleError(role.name, 'it is a superuser, which bypasses row-level security');
    if (row.rolbypassrls) throw new UnsafeRoleError(role.name, 'it has BYPASSRLS');
    return;
  }
  const password = role.password ? ` PASSWORD ${client.escapeLiteral(role.password)}` : '';
  try {
    await client.query(`CREATE ROLE ${ident(client, role.name)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT${password}`);
  } catch (err) {
    // Another process created it between the check and the CREATE: that is the same outcome.
    const code = (err as { code?: string }).code;
    if (code !== '42710' && code !== '23505' && code !== 'XX000') throw err;
  }
}

interface TableInfo {
  name: string;
  tenantScoped: boolean;
}

export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; tenant_scoped: boolean }>(
    `SELECT t.table_name AS name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                    WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'tenant_id') AS tenant_scoped
       FROM information_schema.tables t
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY t.table_name`,
  );
  return rows.map((r) => ({ name: r.name, tenantScoped: r.tenant_scoped }));
}

/** Create the roles if missing (refusing unsafe ones), then grants, policies and view options. */
export async function secureSchema(client: pg.ClientBase, roles: Roles): Promise<{ tenantTables: string[] }> {
  await ensureRole(client, roles.app);
  await ensureRole(client, roles.platform);
  const app = ident(client, roles.app.name);
  const platform = ident(client, roles.platform.name);
  const db = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;

  const tables = await listTables(client);
  const views = (await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.views WHERE table_schema = current_schema()`)).rows;
  await client.query('BEGIN');
  try {
    await client.query(`GRANT CONNECT ON DATABASE ${ident(client, db)} TO ${app}, ${platform}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${app}, ${platform}`);
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${app}, ${platform}`);
    for (const t of tables) {
      const table = ident(client, t.name);
      await client.query(`REVOKE ALL ON ${table} FROM PUBLIC, ${app}, ${platform}`);
      if (t.name === 'schema_migrations') {
        await client.query(`GRANT SELECT ON ${table} TO ${platform}`);
        continue;
      }
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${platform}`);
      if (!t.tenantScoped) continue;
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${app}`);
      await client.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await client.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await client.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
      await client.query(`CREATE POLICY tenant_isolation ON ${table} AS PERMISSIVE FOR ALL TO ${app} USING (${TENANT_PREDICATE}) WITH CHECK (${TENANT_PREDICATE})`);
      await client.query(`DROP POLICY IF EXISTS platform_access ON ${table}`);
      await client.query(`CREATE POLICY platform_access ON ${table} AS PERMISSIVE FOR ALL TO ${platform} USING (true) WITH CHECK (true)`);
    }
    for (const v of views) await client.query(`ALTER VIEW ${ident(client, v.name)} SET (security_invoker = true)`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { tenantTables: tables.filter((t) => t.tenantScoped).map((t) => t.name) };
}

/** Checked at every start: the serving roles must be bound by row-level security. */
export async function assertServingRole(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ name: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
    `SELECT r.rolname AS name, r.rolsuper, r.rolbypassrls,
            (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const r = rows[0]!;
  if (r.rolsuper) throw new UnsafeRoleError(r.name, 'it is a superuser, which bypasses row-level security');
  if (r.rolbypassrls) throw new UnsafeRoleError(r.name, 'it has BYPASSRLS');
  if (r.owned > 0) throw new UnsafeRoleError(r.name, `it owns ${r.owned} relation(s) in the schema; serving roles own nothing`);
}
