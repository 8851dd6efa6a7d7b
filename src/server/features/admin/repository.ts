/**
 * SQL of the platform console. Platform-level on purpose: admins, their sessions and the list of
 * tenants are not tenant data, and the merged audit trail is the one place that reads every
 * tenant's rows at once. Impersonation grants are tenant rows and go through a tenant handle.
 */
import type { PlatformDb, Row, TenantDb } from '../../../store/types.js';
import type { Plan, TenantStatus } from '../tenants/schema.js';
import type { AuditEntry, AuditTrail, TenantSummary } from './schema.js';

const iso = (ms: number) => new Date(ms).toISOString();
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

// ---- admins and their sessions ----

export async function adminEmailTaken(db: PlatformDb, email: string): Promise<boolean> {
  return (await db.get('SELECT id FROM platform_admins WHERE email = $1', [email])) !== undefined;
}

export async function insertAdmin(db: PlatformDb, a: { email: string; name: string | null; passwordHash: string }): Promise<string> {
  const row = await db.get('INSERT INTO platform_admins (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id', [a.email, a.name, a.passwordHash]);
  return String(row!.id);
}

export interface AdminSummary {
  id: string;
  email: string;
  name: string | null;
  status: 'active' | 'disabled';
  created_at: string;
  last_login_at: string | null;
}

/** Every platform admin, by email; never the password hash. */
export async function listAdmins(db: PlatformDb): Promise<AdminSummary[]> {
  const rows = await db.all('SELECT id, email, name, status, created_at, last_login_at FROM platform_admins ORDER BY email, id');
  return rows.map((r) => ({
    id: String(r.id),
    email: String(r.email),
    name: str(r.name),
    status: r.status as AdminSummary['status'],
    created_at: String(r.created_at),
    last_login_at: str(r.last_login_at),
  }));
}

export async function isActiveAdmin(db: PlatformDb, id: string): Promise<boolean> {
  const r = await db.get('SELECT status FROM platform_admins WHERE id = $1::UUID', [id]);
  return r?.status === 'active';
}

export async function insertAdminSession(
  db: PlatformDb,
  s: { tokenHash: string; adminId: string; now: number; expiresAt: number; ip: string; userAgent: string | null },
): Promise<void> {
  await db.run(
    `INSERT INTO platform_sessions (token_hash, admin_id, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2::UUID, $3::TIMESTAMPTZ, $3::TIMESTAMPTZ, $4::TIMESTAMPTZ, $5, $6)`,
    [s.tokenHash, s.adminId, iso(s.now), iso(s.expiresAt), s.ip.slice(0, 64), s.userAgent?.slice(0, 300) ?? null],
  );
}

/** Sessions past their absolute expiry are dead weight; dropped when the admin signs in again. */
export async function deleteExpiredAdminSessions(db: PlatformDb, adminId: string, now: number): Promise<void> {
  await db.run('DELETE FROM platform_sessions WHERE admin_id = $1::UUID AND expires_at <= $2::TIMESTAMPTZ', [adminId, iso(now)]);
}

export async function deleteAdminSession(db: PlatformDb, tokenHash: string): Promise<void> {
  await db.run('DELETE FROM platform_sessions WHERE token_hash = $1', [tokenHash]);
}

export async function touchAdminLogin(db: PlatformDb, adminId: string, now: number): Promise<void> {
  // last_login_at is not indexed: safe to update on a row that sessions reference (DuckDB).
  await db.run('UPDATE platform_admins SET last_login_at = $2::TIMESTAMPTZ WHERE id = $1::UUID', [adminId, iso(now)]);
}

// ---- tenants ----

export async function listTenantSummaries(db: PlatformDb, limit: number, offset: number): Promise<{ items: TenantSummary[]; total: number }> {
  const rows = await db.all(
    `SELECT t.id, t.name, t.status, t.plan, t.created_at, t.settings,
            (SELECT count(*) FROM users u WHERE u.tenant_id = t.id) AS user_count,
            count(*) OVER () AS total
     FROM tenants t
     ORDER BY t.id
     LIMIT $1::INTEGER OFFSET $2::INTEGER`,
    [limit, offset],
  );
  const total = rows.length > 0 ? Number(rows[0]!.total) : await countTenants(db);
  return {
    total,
    items: rows.map((r) => {
      const settings = (typeof r.settings === 'string' ? JSON.parse(r.settings) : r.settings) as { allowImpersonation?: unknown } | null;
      return {
        id: String(r.id),
        name: String(r.name),
        status: r.status as TenantStatus,
        plan: r.plan as Plan,
        created_at: String(r.created_at),
        user_count: Number(r.user_count),
        // Absent means the default: allowed.
        allow_impersonation: settings?.allowImpersonation !== false,
      };
    }),
  };
}

async function countTenants(db: PlatformDb): Promise<number> {
  return Number((await db.get('SELECT count(*) AS n FROM tenants'))?.n ?? 0);
}

// ---- the merged audit trail ----

export interface AuditFilter {
  tenant: string | null;
  trail: AuditTrail | null;
  actionPrefix: string | null;
  /** Inclusive lower bound (ms). */
  from: number | null;
  /** Exclusive upper bound (ms). */
  until: number | null;
  limit: number;
  offset: number;
}

function toAuditEntry(r: Row): AuditEntry {
  const details = typeof r.details === 'string' ? (JSON.parse(r.details) as unknown) : r.details;
  return {
    trail: r.trail as AuditTrail,
    id: String(r.id),
    tenant: str(r.tenant),
    occurred_at: String(r.occurred_at),
    actor_type: String(r.actor_type),
    actor_id: str(r.actor_id),
    actor: String(r.actor),
    action: String(r.action),
    target_type: str(r.target_type),
    target_id: str(r.target_id),
    ip: str(r.ip),
    user_agent: str(r.user_agent),
    request_id: str(r.request_id),
    details: details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : null,
  };
}

/**
 * Every tenant's trail and the platform's own, newest first. A platform event counts for a
 * tenant when it is about that tenant (impersonations). Absent filters are NULL parameters, so
 * the statement text is fixed.
 */
export async function listAudit(db: PlatformDb, f: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
  const rows = await db.all(
    `WITH merged AS (
       SELECT 'tenant' AS trail, a.id, a.tenant_id AS tenant, a.occurred_at, a.actor_type, a.actor_id, a.actor, a.action,
              a.target_type, a.target_id, a.ip, a.user_agent, a.request_id, a.details
       FROM audit_log a
       UNION ALL
       SELECT 'platform' AS trail, p.id, p.subject_tenant AS tenant, p.occurred_at, p.actor_type, p.actor_id, p.actor, p.action,
              p.target_type, p.target_id, p.ip, p.user_agent, p.request_id, p.details
       FROM platform_audit_log p
     )
     SELECT m.*, count(*) OVER () AS total
     FROM merged m
     WHERE ($1::VARCHAR IS NULL OR m.tenant = $1::VARCHAR)
       AND ($2::VARCHAR IS NULL OR m.trail = $2::VARCHAR)
       AND ($3::VARCHAR IS NULL OR LEFT(m.action, $4::INTEGER) = $3::VARCHAR)
       AND ($5::TIMESTAMPTZ IS NULL OR m.occurred_at >= $5::TIMESTAMPTZ)
       AND ($6::TIMESTAMPTZ IS NULL OR m.occurred_at < $6::TIMESTAMPTZ)
     ORDER BY m.occurred_at DESC, m.trail, m.id DESC
     LIMIT $7::INTEGER OFFSET $8::INTEGER`,
    [
      f.tenant,
      f.trail,
      f.actionPrefix,
      f.actionPrefix?.length ?? 0,
      f.from === null ? null : iso(f.from),
      f.until === null ? null : iso(f.until),
      f.limit,
      f.offset,
    ],
  );
  // Past the last page the window has no row to carry the total: count it without paging.
  const total = rows.length > 0 || f.offset === 0 ? Number(rows[0]?.total ?? 0) : (await listAudit(db, { ...f, offset: 0, limit: 1 })).total;
  return { items: rows.map(toAuditEntry), total };
}

// ---- impersonation grants (tenant rows) ----

export async function firstActiveOwner(tdb: TenantDb): Promise<string | undefined> {
  const r = await tdb.get(
    `SELECT email FROM users WHERE tenant_id = $1 AND role = 'owner' AND status = 'active' ORDER BY created_at, id LIMIT 1`,
  );
  return r ? String(r.email) : undefined;
}

export interface GrantRecord {
  userId: string;
  adminId: string;
  adminEmail: string;
  reason: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export async function insertGrant(
  tdb: TenantDb,
  g: { tokenHash: string; userId: string; adminId: string; adminEmail: string; reason: string; now: number; expiresAt: number },
): Promise<void> {
  await tdb.run(
    `INSERT INTO impersonation_grants (tenant_id, token_hash, user_id, admin_id, admin_email, reason, created_at, expires_at)
     VALUES ($1, $2, $3::UUID, $4::UUID, $5, $6, $7::TIMESTAMPTZ, $8::TIMESTAMPTZ)`,
    [g.tokenHash, g.userId, g.adminId, g.adminEmail, g.reason, iso(g.now), iso(g.expiresAt)],
  );
}

export async function findGrant(tdb: TenantDb, tokenHash: string): Promise<GrantRecord | undefined> {
  const r = await tdb.get(
    `SELECT user_id, admin_id, admin_email, reason, created_at, expires_at, used_at
     FROM impersonation_grants WHERE tenant_id = $1 AND token_hash = $2`,
    [tokenHash],
  );
  if (!r) return undefined;
  return {
    userId: String(r.user_id),
    adminId: String(r.admin_id),
    adminEmail: String(r.admin_email),
    reason: String(r.reason),
    createdAt: Date.parse(String(r.created_at)),
    expiresAt: Date.parse(String(r.expires_at)),
    usedAt: r.used_at === null ? null : Date.parse(String(r.used_at)),
  };
}

/** Marks the grant used; false when it already was (single use holds even under a race). */
export async function consumeGrant(tdb: TenantDb, tokenHash: string, now: number): Promise<boolean> {
  const n = await tdb.run('UPDATE impersonation_grants SET used_at = $3::TIMESTAMPTZ WHERE tenant_id = $1 AND token_hash = $2 AND used_at IS NULL', [
    tokenHash,
    iso(now),
  ]);
  return n === 1;
}
