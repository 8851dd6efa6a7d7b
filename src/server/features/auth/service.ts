/** Sign-in, sign-out and password changes for tenant users. */
import type { FastifyRequest } from 'fastify';
import type { TenantDb } from '../../../store/types.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/writer.js';
import { burnVerification, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { deleteSession, deleteUserSessions, findUserByEmail, findUserById, insertSession, type UserRecord } from './repository.js';
import { assertNotLocked, lockedError, recordFailure, tenantThrottle, LOCK_MS } from './throttle.js';
import { newSessionToken } from './tokens.js';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const badCredentials = () => new AppError('unauthenticated', 'Wrong email or password.');

export interface SessionIssued {
  token: string;
  expiresAt: number;
  user: UserRecord;
}

export async function issueSession(
  tdb: TenantDb,
  config: Config,
  request: FastifyRequest,
  user: UserRecord,
  now: number,
  impersonation?: { adminId: string; adminEmail: string; reason: string; maxMs: number },
): Promise<SessionIssued> {
  const { token, hash } = newSessionToken(tdb.tenantId);
  const expiresAt = now + (impersonation ? impersonation.maxMs : config.sessionMaxHours * 3_600_000);
  const ua = request.headers['user-agent'];
  await insertSession(tdb, {
    tokenHash: hash,
    userId: user.id,
    now,
    expiresAt,
    ip: request.ip,
    userAgent: typeof ua === 'string' ? ua : null,
    impersonatorId: impersonation?.adminId,
    impersonatorEmail: impersonation?.adminEmail,
    impersonationReason: impersonation?.reason,
  });
  return { token, expiresAt, user };
}

/**
 * The same message and (by burning an argon2 verification) the same time for an unknown email
 * and a wrong password; lockout counts per email whether or not the account exists.
 */
export async function login(tdb: TenantDb, config: Config, request: FastifyRequest, emailIn: string, password: string, now: number): Promise<SessionIssued> {
  const email = normalizeEmail(emailIn);
  const throttle = tenantThrottle(tdb);
  await assertNotLocked(throttle, email, now);
  const user = await findUserByEmail(tdb, email);
  const ok = user && user.status === 'active' ? await verifyPassword(user.passwordHash, password) : (await burnVerification(password), false);
  if (!ok || !user) {
    const locked = await recordFailure(throttle, email, now);
    await audit(request, tdb, { action: 'auth.login_failed', targetType: 'user', targetId: email, actor: { type: 'anonymous', label: email } }, now);
    if (locked) {
      await audit(request, tdb, { action: 'auth.lockout', targetType: 'user', targetId: email, actor: { type: 'system', label: 'system' }, details: { minutes: LOCK_MS / 60_000 } }, now);
      throw lockedError(LOCK_MS);
    }
    throw badCredentials();
  }
  await throttle.clear(email);
  const issued = await issueSession(tdb, config, request, user, now);
  await tdb.run('UPDATE users SET last_login_at = $3::TIMESTAMPTZ WHERE tenant_id = $1 AND id = $2::UUID', [user.id, new Date(now).toISOString()]);
  await audit(request, tdb, { action: 'auth.login', targetType: 'user', targetId: user.id, actor: { type: 'user', id: user.id, label: user.email } }, now);
  return issued;
}

export async function logout(tdb: TenantDb, request: FastifyRequest, now: number): Promise<void> {
  const p = request.principal;
  if (p?.kind !== 'user') return;
  await deleteSession(tdb, p.sessionHash);
  await audit(request, tdb, { action: p.impersonation ? 'impersonation.end' : 'auth.logout', targetType: 'user', targetId: p.userId }, now);
}

export async function changePassword(
  tdb: TenantDb,
  config: Config,
  request: FastifyRequest,
  current: string,
  next: string,
  now: number,
): Promise<SessionIssued> {
  const p = request.principal;
  if (p?.kind !== 'user') throw new AppError('forbidden', 'Only a signed-in user can change their password.');
  if (p.impersonation) throw new AppError('forbidden', 'A password cannot be changed while impersonating.');
  const user = await findUserById(tdb, p.userId);
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('validation_error', 'The current password is not correct.');
  }
  const problem = passwordProblem(next, { email: user.email });
  if (problem) throw new AppError('validation_error', problem);
  const hashed = await hashPassword(next);
  return tdb.tx(async (tx) => {
    await tx.run('UPDATE users SET password_hash = $3, updated_at = $4::TIMESTAMPTZ WHERE tenant_id = $1 AND id = $2::UUID', [user.id, hashed, new Date(now).toISOString()]);
    // Every session of the user ends, this one included; the caller gets a fresh one.
    await deleteUserSessions(tx, user.id);
    await audit(request, tx, { action: 'user.password_changed', targetType: 'user', targetId: user.id }, now);
    return issueSession(tx, config, request, user, now);
  });
}
