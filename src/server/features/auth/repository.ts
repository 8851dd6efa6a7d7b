/** SQL for users, sessions and API keys as the auth plugin and sign-in need them. */
import type { PlatformDb, Row, TenantDb } from '../../../store/types.js';
import type { Role } from '../../permissions.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  status: 'active' | 'disabled';
  passwordHash: string;
  createdAt: string;
  lastLoginAt: string | null;
}

const USER_COLUMNS = 'id, email, name, role, status, password_hash, created_at, last_login_at';

export function toUser(r: Row): UserRecord {
  return {
    id: String(r.id),
    email: String(r.email),
    name: r.name === null ? null : String(r.name),
    role: r.role as Role,
    status: r.status as UserRecord['status'],
    passwordHash: String(r.password_hash),
    createdAt: String(r.created_at),
    lastLoginAt: r.last_login_at === null ? null : String(r.last_login_at),
  };
}

export async function findUserByEmail(db: TenantDb, email: string): Promise<UserRecord | undefined> {
  const r = await db.get(
    `SELECT
       ${USER_COLUMNS}
     FROM users WHERE tenant_id = $1 AND email = $2`,
    [email],
  );
  return r ? toUser(r) : undefined;
}

export async function findUserById(db: TenantDb, id: string): Promise<UserRecord | undefined> {
  const r = await db.get(
    `SELECT
       ${USER_COLUMNS}
     FROM users WHERE tenant_id = $1 AND id = $2::UUID`,
    [id],
  );
  return r ? toUser(r) : undefined;
}

export interface SessionRecord {
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  impersonatorId: string | null;
  impersonatorEmail: string | null;
  impersonationReason: string | null;
  user: UserRecord;
}

export async function findSession(db: TenantDb, tokenHash: string): Promise<SessionRecord | undefined> {
  const r = await db.get(
    `SELECT s.user_id, s.created_at AS s_created, s.last_seen_at, s.expires_at, s.impersonator_id, s.impersonator_email,
            s.impersonation_reason, u.id, u.email, u.name, u.role, u.status, u.password_hash, u.created_at, u.last_login_at
     FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
     WHERE s.tenant_id = $1 AND s.token_hash = $2`,
    [tokenHash],
  );
  if (!r) return undefined;
  return {
    userId: String(r.user_id),
    createdAt: Date.parse(String(r.s_created)),
    lastSeenAt: Date.parse(String(r.last_seen_at)),
    expiresAt: Date.parse(String(r.expires_at)),
    impersonatorId: r.impersonator_id === null ? null : String(r.impersonator_id),
    impersonatorEmail: r.impersonator_email === null ? null : String(r.impersonator_email),
    impersonationReason: r.impersonation_reason === null ? null : String(r.impersonation_reason),
    user: toUser(r),
  };
}

export interface NewSession {
  tokenHash: string;
  userId: string;
  now: number;
  expiresAt: number;
  ip: string;
  userAgent: string | null;
  impersonatorId?: string;
  impersonatorEmail?: string;
  impersonationReason?: string;
}

export async function insertSession(db: TenantDb, s: NewSession): Promise<void> {
  const now = new Date(s.now).toISOString();
  await db.run(
    `INSERT INTO sessions (tenant_id, token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent,
                           impersonator_id, impersonator_email, impersonation_reason)
     VALUES ($1, $2, $3::UUID, $4::TIMESTAMPTZ, $4::TIMESTAMPTZ, $5::TIMESTAMPTZ, $6, $7, $8::UUID, $9, $10)`,
    [
      s.tokenHash,
      s.userId,
      now,
      new Date(s.expiresAt).toISOString(),
      s.ip.slice(0, 64),
      s.userAgent?.slice(0, 300) ?? null,
      s.impersonatorId ?? null,
      s.impersonatorEmail ?? null,
      s.impersonationReason ?? null,
    ],
  );
}

export async function touchSession(db: TenantDb, tokenHash: string, now: number): Promise<void> {
  await db.run('UPDATE sessions SET last_seen_at = $3::TIMESTAMPTZ WHERE tenant_id = $1 AND token_hash = $2', [
    tokenHash,
    new Date(now).toISOString(),
  ]);
}

export async function deleteSession(db: TenantDb, tokenHash: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE tenant_id = $1 AND token_hash = $2', [tokenHash]);
}

/** Every session of a user ends: password change, role change, deactivation. */
export async function deleteUserSessions(db: TenantDb, userId: string): Promise<number> {
  return db.run('DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2::UUID', [userId]);
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  revoked: boolean;
  lastUsedAt: number | null;
}

export async function findApiKey(db: TenantDb, keyHash: string): Promise<ApiKeyRecord | undefined> {
  const r = await db.get('SELECT id, name, role, revoked_at, last_used_at FROM api_keys WHERE tenant_id = $1 AND key_hash = $2', [keyHash]);
  if (!r) return undefined;
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as Role,
    revoked: r.revoked_at !== null,
    lastUsedAt: r.last_used_at === null ? null : Date.parse(String(r.last_used_at)),
  };
}

export async function touchApiKey(db: TenantDb, id: string, now: number): Promise<void> {
  await db.run('UPDATE api_keys SET last_used_at = $3::TIMESTAMPTZ WHERE tenant_id = $1 AND id = $2::UUID', [id, new Date(now).toISOString()]);
}

// ---- platform admins ----

export interface AdminRecord {
  id: string;
  email: string;
  name: string | null;
  status: 'active' | 'disabled';
  passwordHash: string;
}

function toAdmin(r: Row): AdminRecord {
  return {
    id: String(r.id),
    email: String(r.email),
    name: r.name === null ? null : String(r.name),
    status: r.status as AdminRecord['status'],
    passwordHash: String(r.password_hash),
  };
}

export async function findAdminByEmail(db: PlatformDb, email: string): Promise<AdminRecord | undefined> {
  const r = await db.get('SELECT id, email, name, status, password_hash FROM platform_admins WHERE email = $1', [email]);
  return r ? toAdmin(r) : undefined;
}

export async function findAdminSession(db: PlatformDb, tokenHash: string): Promise<(AdminRecord & { lastSeenAt: number; createdAt: number; expiresAt: number }) | undefined> {
  const r = await db.get(
    `SELECT a.id, a.email, a.name, a.status, a.password_hash, s.last_seen_at, s.created_at AS s_created, s.expires_at
     FROM platform_sessions s JOIN platform_admins a ON a.id = s.admin_id WHERE s.token_hash = $1`,
    [tokenHash],
  );
  if (!r) return undefined;
  return { ...toAdmin(r), lastSeenAt: Date.parse(String(r.last_seen_at)), createdAt: Date.parse(String(r.s_created)), expiresAt: Date.parse(String(r.expires_at)) };
}
