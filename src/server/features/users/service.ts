/** Tenant users: creating them (invitations, the CLI, demo data), listing and changing them, invitations. */
import type { FastifyRequest } from 'fastify';
import type { TenantDb } from '../../../store/types.js';
import type { Config } from '../../config.js';
import { AppError, notFound } from '../../errors.js';
import type { PageOf } from '../../http/schemas.js';
import type { Role } from '../../permissions.js';
import { tenantSiteUrl } from '../../urls.js';
import { audit, type Auditor } from '../audit/writer.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { deleteUserSessions, findUserById } from '../auth/repository.js';
import { issueSession, normalizeEmail, type SessionIssued } from '../auth/service.js';
import { isOpaqueToken, newOpaqueToken, sha256 } from '../auth/tokens.js';
import { tenantThrottle } from '../auth/throttle.js';
import * as repo from './repository.js';
import type { CreatedInvite, Invite, InviteQuery, UpdateUserBody, User, UserQuery } from './schema.js';

export interface NewUser {
  email: string;
  name?: string | null;
  role: Role;
  /** A plain password (checked against the policy and hashed)… */
  password?: string;
  /** …or an argon2id hash already made (demo data and tests hash one password once). */
  passwordHash?: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

export async function createUser(tdb: TenantDb, user: NewUser): Promise<{ id: string; email: string }> {
  const email = normalizeEmail(user.email);
  if (!EMAIL.test(email)) throw new AppError('validation_error', `'${email.slice(0, 80)}' is not an email address.`);
  let hash = user.passwordHash;
  if (!hash) {
    if (user.password === undefined) throw new AppError('validation_error', 'A password is required.');
    const problem = passwordProblem(user.password, { email });
    if (problem) throw new AppError('validation_error', problem);
    hash = await hashPassword(user.password);
  }
  const existing = await tdb.get('SELECT id FROM users WHERE tenant_id = $1 AND email = $2', [email]);
  if (existing) throw new AppError('already_exists', `A user with email ${email} already exists.`);
  const row = await tdb.get(
    'INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [email, user.name ?? null, user.role, hash],
  );
  return { id: String(row!.id), email };
}

// --- managing users -------------------------------------------------------------------------

/** Who acts and when: services record their audit rows through `record`, inside their transaction. */
export interface Acting {
  /** The signed-in user, or null for an API key. */
  userId: string | null;
  now: number;
  record: Auditor;
}

export const listUsers = (tdb: TenantDb, q: UserQuery): Promise<PageOf<User>> => repo.listUsers(tdb, q);

/**
 * Change a user's role, status or name. A role change or a deactivation ends every session of the
 * user in the same transaction, so their next request is unauthenticated. The tenant always keeps
 * an active owner, and an owner cannot lock themself out.
 */
export async function updateUser(tdb: TenantDb, id: string, body: UpdateUserBody, acting: Acting): Promise<User> {
  let name: string | null | undefined = body.name;
  if (typeof name === 'string') {
    name = name.trim();
    if (name.length === 0) throw new AppError('validation_error', 'body.name must not be blank; send null to clear it.');
  }
  return tdb.tx(async (tx) => {
    // Role and status changes one at a time per tenant: two owners demoting each other at once
    // must not leave the tenant without an owner (PostgreSQL runs them concurrently).
    await tx.lock('user-roles');
    const current = await repo.findUser(tx, id);
    if (!current) throw notFound('User', id);
    const next = { role: body.role ?? current.role, status: body.status ?? current.status, name: name === undefined ? current.name : name };
    const roleChanged = next.role !== current.role;
    const statusChanged = next.status !== current.status;
    const nameChanged = next.name !== current.name;
    if (!roleChanged && !statusChanged && !nameChanged) return current;

    if (statusChanged && next.status === 'disabled' && acting.userId === id) {
      throw new AppError('conflict', 'You cannot disable your own account; another owner can.');
    }
    const wasActiveOwner = current.role === 'owner' && current.status === 'active';
    const staysActiveOwner = next.role === 'owner' && next.status === 'active';
    if (wasActiveOwner && !staysActiveOwner && (await repo.otherActiveOwners(tx, id)) === 0) {
      throw new AppError('conflict', `${current.email} is the last active owner; make another user owner first.`);
    }

    await repo.updateUser(tx, id, next, acting.now);
    if (roleChanged || (statusChanged && next.status === 'disabled')) await deleteUserSessions(tx, id);

    const target = { targetType: 'user', targetId: id } as const;
    if (roleChanged) await acting.record(tx, { action: 'user.role_changed', ...target, details: { email: current.email, from: current.role, to: next.role } });
    if (statusChanged) await acting.record(tx, { action: next.status === 'disabled' ? 'user.disabled' : 'user.enabled', ...target, details: { email: current.email } });
    if (nameChanged) await acting.record(tx, { action: 'user.updated', ...target, details: { email: current.email, name: { from: current.name, to: next.name } } });

    const updated = await repo.findUser(tx, id);
    if (!updated) throw new Error('The user was updated but could not be read back.');
    return updated;
  });
}

// --- invitations --------------------------------------------------------------------------

export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

export async function createInvite(
  tdb: TenantDb,
  config: Config,
  input: { email: string; role: Role; invitedBy: string },
  acting: Acting,
): Promise<CreatedInvite> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new AppError('validation_error', `'${email.slice(0, 80)}' is not an email address.`);
  const { token, hash } = newOpaqueToken();
  const invite = await tdb.tx(async (tx) => {
    // Only this tenant's users are consulted: an invitation says nothing about other tenants.
    if (await repo.userEmailExists(tx, email)) throw new AppError('already_exists', `${email} is already a user here.`);
    const pending = await repo.pendingInviteFor(tx, email, acting.now);
    if (pending) {
      throw new AppError('already_exists', `${email} already has a pending invitation; revoke it to send a new one.`, { invite_id: pending });
    }
    const created = await repo.insertInvite(tx, { email, role: input.role, tokenHash: hash, invitedBy: input.invitedBy, now: acting.now, expiresAt: acting.now + INVITE_TTL_MS });
    await acting.record(tx, { action: 'invite.created', targetType: 'invite', targetId: created.id, details: { email, role: input.role, expires_at: created.expires_at } });
    return created;
  });
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    expires_at: invite.expires_at,
    // The token travels in the fragment, which browsers never send to servers or in Referer headers.
    invite_url: `${tenantSiteUrl(config, tdb.tenantId)}/invite#${token}`,
  };
}

export const listInvites = (tdb: TenantDb, page: InviteQuery, now: number): Promise<PageOf<Invite>> => repo.listPendingInvites(tdb, now, page);

/** Revoke an invitation. Revoking one already revoked changes nothing; an accepted one is a 409. */
export async function revokeInvite(tdb: TenantDb, id: string, acting: Acting): Promise<void> {
  await tdb.tx(async (tx) => {
    const invite = await repo.findInvite(tx, id);
    if (!invite) throw notFound('Invitation', id);
    if (invite.acceptedAt !== null) {
      throw new AppError('invalid_state', `The invitation of ${invite.email} was already accepted; disable the user instead.`);
    }
    if (!(await repo.revokeInvite(tx, id, acting.now))) return;
    await acting.record(tx, { action: 'invite.revoked', targetType: 'invite', targetId: id, details: { email: invite.email, role: invite.role } });
  });
}

/** The invitation if it can still be accepted at `now`; otherwise why not (410 invite_invalid, details.reason). */
function usableInvite(invite: repo.InviteState | undefined, now: number): repo.InviteState {
  const invalid = (reason: string, message: string) => new AppError('invite_invalid', message, { reason });
  if (!invite) throw invalid('unknown', 'This invitation link is not valid. Ask an owner for a new one.');
  if (invite.acceptedAt !== null) throw invalid('used', 'This invitation was already used. Sign in, or ask an owner for a new one.');
  if (invite.revokedAt !== null) throw invalid('revoked', 'This invitation was revoked. Ask an owner for a new one.');
  if (invite.expiresAtMs <= now) throw invalid('expired', 'This invitation has expired. Ask an owner for a new one.');
  return invite;
}

/**
 * The invitee sets a password and becomes a user with the invitation's email and role, signed in
 * at once. The invitation is used up in the same transaction as the user is created, by a
 * conditional update: of two concurrent acceptances exactly one creates a user.
 */
export async function acceptInvite(
  tdb: TenantDb,
  config: Config,
  request: FastifyRequest,
  body: { token: string; password: string; name?: string },
  now: number,
): Promise<SessionIssued> {
  const tokenHash = isOpaqueToken(body.token) ? sha256(body.token) : null;
  const invite = usableInvite(tokenHash === null ? undefined : await repo.findInviteByToken(tdb, tokenHash), now);
  const name = body.name?.trim() || null;
  const policy = passwordProblem(body.password, { email: invite.email });
  if (policy) throw new AppError('validation_error', policy);
  // Hashed before the transaction: argon2 is slow on purpose, and the write lock must not wait for it.
  const passwordHash = await hashPassword(body.password);

  return tdb.tx(async (tx) => {
    if (!(await repo.consumeInvite(tx, invite.id, now))) {
      // Someone else used or revoked it since it was read: say which.
      usableInvite(await repo.findInvite(tx, invite.id), now);
      throw new AppError('invite_invalid', 'This invitation can no longer be used.', { reason: 'used' });
    }
    const created = await createUser(tx, { email: invite.email, name, role: invite.role, passwordHash });
    const user = await findUserById(tx, created.id);
    if (!user) throw new Error('The user was created but could not be read back.');
    const issued = await issueSession(tx, config, request, user, now);
    await repo.recordLogin(tx, user.id, now);
    await audit(
      request,
      tx,
      { action: 'invite.accepted', targetType: 'invite', targetId: invite.id, actor: { type: 'user', id: user.id, label: user.email }, details: { user_id: user.id, role: user.role } },
      now,
    );
    return issued;
  });
}

// --- operator password reset (`fluxion user reset-password`) -------------------------------

/**
 * Set a user's password on an operator's behalf. Every session of the user ends and a sign-in
 * lockout on the account is lifted, in one transaction with the audit row: whoever held the old
 * password, or was guessing it, starts over.
 */
export async function resetPassword(tdb: TenantDb, id: string, password: string, acting: Acting): Promise<{ sessionsEnded: number }> {
  const user = await repo.findUser(tdb, id);
  if (!user) throw notFound('User', id);
  const problem = passwordProblem(password, { email: user.email });
  if (problem) throw new AppError('validation_error', problem);
  // Hashed before the transaction: argon2 is slow on purpose, and the write lock must not wait for it.
  const hash = await hashPassword(password);
  return tdb.tx(async (tx) => {
    // password_hash is not indexed: DuckDB updates it in place while sessions still reference the user.
    const changed = await tx.run(
      'UPDATE users SET password_hash = $3::VARCHAR, updated_at = $4::TIMESTAMPTZ WHERE tenant_id = $1 AND id = $2::UUID',
      [id, hash, new Date(acting.now).toISOString()],
    );
    if (changed !== 1) throw notFound('User', id);
    const sessionsEnded = await deleteUserSessions(tx, id);
    await tenantThrottle(tx).clear(user.email);
    await acting.record(tx, { action: 'user.password_reset', targetType: 'user', targetId: id, details: { email: user.email, sessions_ended: sessionsEnded } });
    return { sessionsEnded };
  });
}
