/** SQL for the user list, user changes and invitations. Rows leave as domain types. */
import type { Row, TenantDb } from '../../../store/types.js';
import type { PageOf } from '../../http/schemas.js';
import { SqlFilter, fetchPage, mapPage } from '../../http/sql.js';
import type { Role } from '../../permissions.js';
import type { Invite, User, UserQuery, UserStatus } from './schema.js';

const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
const iso = (ms: number) => new Date(ms).toISOString();

// --- users --------------------------------------------------------------------------------

const USER_COLUMNS = 'u.id, u.email, u.name, u.role, u.status, u.created_at, u.last_login_at';

function toUser(r: Row): User {
  return {
    id: String(r.id),
    email: String(r.email),
    name: strOrNull(r.name),
    role: r.role as Role,
    status: r.status as UserStatus,
    created_at: String(r.created_at),
    last_login_at: strOrNull(r.last_login_at),
  };
}

export async function listUsers(tdb: TenantDb, q: UserQuery): Promise<PageOf<User>> {
  const f = new SqlFilter();
  f.when(q.role, (p) => `u.role = ${p}::VARCHAR`);
  f.when(q.status, (p) => `u.status = ${p}::VARCHAR`);
  f.search(['u.email', "COALESCE(u.name, '')"], q.q);
  const page = await fetchPage(f, q, (paging, params) =>
    tdb.all(
      `SELECT
         ${USER_COLUMNS},
         count(*) OVER () AS total_count
       FROM users u
       WHERE u.tenant_id = $1
         AND ${f.sql}
       ORDER BY u.email, u.id
       ${paging}`,
      params,
    ),
  );
  return mapPage(page, toUser);
}

export async function findUser(tdb: TenantDb, id: string): Promise<User | undefined> {
  const row = await tdb.get(
    `SELECT
       ${USER_COLUMNS}
     FROM users u
     WHERE u.tenant_id = $1 AND u.id = $2::UUID`,
    [id],
  );
  return row ? toUser(row) : undefined;
}

export async function userEmailExists(tdb: TenantDb, email: string): Promise<boolean> {
  return (await tdb.get('SELECT 1 AS found FROM users u WHERE u.tenant_id = $1 AND u.email = $2::VARCHAR', [email])) !== undefined;
}

/** Active owners other than `exceptId`: the tenant must always keep one. */
export async function otherActiveOwners(tdb: TenantDb, exceptId: string): Promise<number> {
  const row = await tdb.get(
    `SELECT count(*) AS n FROM users u
     WHERE u.tenant_id = $1 AND u.role = 'owner' AND u.status = 'active' AND u.id <> $2::UUID`,
    [exceptId],
  );
  return Number(row?.n ?? 0);
}

/** Role, status and name are not indexed, so DuckDB updates them in place while sessions still reference the user. */
export async function updateUser(
  tdb: TenantDb,
  id: string,
  change: { role: Role; status: UserStatus; name: string | null },
  now: number,
): Promise<void> {
  await tdb.run(
    `UPDATE users SET role = $3::VARCHAR, status = $4::VARCHAR, name = $5::VARCHAR, updated_at = $6::TIMESTAMPTZ
     WHERE tenant_id = $1 AND id = $2::UUID`,
    [id, change.role, change.status, change.name, iso(now)],
  );
}

export async function recordLogin(tdb: TenantDb, id: string, now: number): Promise<void> {
  await tdb.run('UPDATE users SET last_login_at = $3::TIMESTAMPTZ WHERE tenant_id = $1 AND id = $2::UUID', [id, iso(now)]);
}

// --- invitations --------------------------------------------------------------------------

const INVITE_COLUMNS = 'i.id, i.email, i.role, i.invited_by, i.created_at, i.expires_at';

function toInvite(r: Row): Invite {
  return {
    id: String(r.id),
    email: String(r.email),
    role: r.role as Role,
    invited_by: String(r.invited_by),
    created_at: String(r.created_at),
    expires_at: String(r.expires_at),
  };
}

export interface NewInvite {
  email: string;
  role: Role;
  tokenHash: string;
  invitedBy: string;
  now: number;
  expiresAt: number;
}

export async function insertInvite(tdb: TenantDb, i: NewInvite): Promise<Invite> {
  const row = await tdb.get(
    `INSERT INTO invites (tenant_id, email, role, token_hash, invited_by, created_at, expires_at)
     VALUES ($1, $2::VARCHAR, $3::VARCHAR, $4::VARCHAR, $5::VARCHAR, $6::TIMESTAMPTZ, $7::TIMESTAMPTZ)
     RETURNING id, email, role, invited_by, created_at, expires_at`,
    [i.email, i.role, i.tokenHash, i.invitedBy.slice(0, 254), iso(i.now), iso(i.expiresAt)],
  );
  return toInvite(row!);
}

/** Invitations still usable at `now`: not accepted, not revoked, not expired. */
export async function listPendingInvites(tdb: TenantDb, now: number, page: { limit?: number; offset?: number }): Promise<PageOf<Invite>> {
  const f = new SqlFilter();
  f.when(iso(now), (p) => `i.expires_at > ${p}::TIMESTAMPTZ`);
  const result = await fetchPage(f, page, (paging, params) =>
    tdb.all(
      `SELECT
         ${INVITE_COLUMNS},
         count(*) OVER () AS total_count
       FROM invites i
       WHERE i.tenant_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
         AND ${f.sql}
       ORDER BY i.created_at DESC, i.id DESC
       ${paging}`,
      params,
    ),
  );
  return { items: result.rows.map(toInvite), total: result.total, limit: result.limit, offset: result.offset };
}

export async function pendingInviteFor(tdb: TenantDb, email: string, now: number): Promise<string | undefined> {
  const row = await tdb.get(
    `SELECT i.id FROM invites i
     WHERE i.tenant_id = $1 AND i.email = $2::VARCHAR AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $3::TIMESTAMPTZ`,
    [email, iso(now)],
  );
  return row ? String(row.id) : undefined;
}

export interface InviteState extends Invite {
  acceptedAt: number | null;
  revokedAt: number | null;
  expiresAtMs: number;
}

function toState(r: Row): InviteState {
  return {
    ...toInvite(r),
    acceptedAt: r.accepted_at === null ? null : Date.parse(String(r.accepted_at)),
    revokedAt: r.revoked_at === null ? null : Date.parse(String(r.revoked_at)),
    expiresAtMs: Date.parse(String(r.expires_at)),
  };
}

export async function findInvite(tdb: TenantDb, id: string): Promise<InviteState | undefined> {
  const row = await tdb.get(
    `SELECT
       ${INVITE_COLUMNS}, i.accepted_at, i.revoked_at
     FROM invites i
     WHERE i.tenant_id = $1 AND i.id = $2::UUID`,
    [id],
  );
  return row ? toState(row) : undefined;
}

export async function findInviteByToken(tdb: TenantDb, tokenHash: string): Promise<InviteState | undefined> {
  const row = await tdb.get(
    `SELECT
       ${INVITE_COLUMNS}, i.accepted_at, i.revoked_at
     FROM invites i
     WHERE i.tenant_id = $1 AND i.token_hash = $2::VARCHAR`,
    [tokenHash],
  );
  return row ? toState(row) : undefined;
}

/**
 * Use the invitation up. The state check is the UPDATE's own condition, so of two concurrent
 * acceptances exactly one changes the row; the other sees 0 and must give up.
 */
export async function consumeInvite(tdb: TenantDb, id: string, now: number): Promise<boolean> {
  const changed = await tdb.run(
    `UPDATE invites SET accepted_at = $3::TIMESTAMPTZ
     WHERE tenant_id = $1 AND id = $2::UUID AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3::TIMESTAMPTZ`,
    [id, iso(now)],
  );
  return changed === 1;
}

/** Revoke an invitation not yet accepted (or already revoked: then nothing changes). */
export async function revokeInvite(tdb: TenantDb, id: string, now: number): Promise<boolean> {
  const changed = await tdb.run(
    `UPDATE invites SET revoked_at = $3::TIMESTAMPTZ
     WHERE tenant_id = $1 AND id = $2::UUID AND accepted_at IS NULL AND revoked_at IS NULL`,
    [id, iso(now)],
  );
  return changed === 1;
}
