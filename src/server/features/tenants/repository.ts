/** The tenant registry table. Platform-level: tenants are not tenant data. */
import type { PlatformDb, Row } from '../../../store/types.js';
import { DEFAULT_SETTINGS, type Plan, type TenantContext, type TenantSettings, type TenantStatus } from './schema.js';

const COLUMNS = 'id, name, status, plan, settings, created_at, updated_at';

function toTenant(row: Row): TenantContext {
  const stored = (typeof row.settings === 'string' ? JSON.parse(row.settings) : row.settings) as Partial<TenantSettings>;
  return {
    id: String(row.id),
    name: String(row.name),
    status: row.status as TenantStatus,
    plan: row.plan as Plan,
    settings: { ...DEFAULT_SETTINGS, ...stored },
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

export async function findTenant(db: PlatformDb, id: string): Promise<TenantContext | undefined> {
  const row = await db.get(
    `SELECT
       ${COLUMNS}
     FROM tenants WHERE id = $1`,
    [id],
  );
  return row ? toTenant(row) : undefined;
}

export async function listTenants(db: PlatformDb): Promise<TenantContext[]> {
  const rows = await db.all(
    `SELECT
       ${COLUMNS}
     FROM tenants ORDER BY id`,
  );
  return rows.map(toTenant);
}

export interface NewTenant {
  id: string;
  name: string;
  plan: Plan;
  status?: TenantStatus;
  settings: TenantSettings;
}

export async function insertTenant(db: PlatformDb, t: NewTenant): Promise<void> {
  await db.run('INSERT INTO tenants (id, name, plan, status, settings) VALUES ($1, $2, $3, $4, $5)', [
    t.id,
    t.name,
    t.plan,
    t.status ?? 'active',
    JSON.stringify(t.settings),
  ]);
}

export async function updateTenant(
  db: PlatformDb,
  id: string,
  patch: { name?: string; plan?: Plan; status?: TenantStatus; settings?: TenantSettings },
): Promise<boolean> {
  const current = await findTenant(db, id);
  if (!current) return false;
  await db.run('UPDATE tenants SET name = $2, plan = $3, status = $4, settings = $5, updated_at = now() WHERE id = $1', [
    id,
    patch.name ?? current.name,
    patch.plan ?? current.plan,
    patch.status ?? current.status,
    JSON.stringify(patch.settings ?? current.settings),
  ]);
  return true;
}

export interface TenantCounts {
  stores: number;
  products: number;
  inventoryRows: number;
  salesLines: number;
}

/** How much data a tenant holds, for `fluxion tenant show` and the admin console. */
export async function countTenantData(db: PlatformDb, id: string): Promise<TenantCounts> {
  const row = await db.get(
    `SELECT
       (SELECT count(*) FROM stores s WHERE s.tenant_id = $1) AS stores,
       (SELECT count(*) FROM productos p WHERE p.tenant_id = $1) AS products,
       (SELECT count(*) FROM inventory i WHERE i.tenant_id = $1) AS inventory_rows,
       (SELECT count(*) FROM ventas v WHERE v.tenant_id = $1) AS sales_lines`,
    [id],
  );
  return {
    stores: Number(row?.stores ?? 0),
    products: Number(row?.products ?? 0),
    inventoryRows: Number(row?.inventory_rows ?? 0),
    salesLines: Number(row?.sales_lines ?? 0),
  };
}
