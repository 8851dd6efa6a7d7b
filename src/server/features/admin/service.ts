/**
 * Platform admins: creation (CLI `fluxion admin add`, demo data) and sign-in on the admin host,
 * with the same lockout, enumeration and timing rules as tenant users.
 */
import type { FastifyRequest } from 'fastify';
import type { PlatformDb } from '../../../store/types.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { auditPlatform } from '../audit/writer.js';
import { burnVerification, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js';
import { findAdminByEmail, type AdminRecord } from '../auth/repository.js';
import { normalizeEmail } from '../auth/service.js';
import { assertNotLocked, lockedError, platformThrottle, recordFailure, LOCK_MS } from '../auth/throttle.js';
import { newOpaqueToken } from '../auth/tokens.js';
import { adminEmailTaken, deleteAdminSession, deleteExpiredAdminSessions, insertAdmin, insertAdminSession, listAdmins as listAdminRows, touchAdminLogin, type AdminSummary } from './repository.js';

export interface NewAdmin {
  email: string;
  name?: string | null;
  /** A plain password (checked against the policy and hashed)… */
  password?: string;
  /** …or an argon2id hash already made (demo data hashes its one password once). */
  passwordHash?: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

export async function createAdmin(db: PlatformDb, input: NewAdmin): Promise<{ id: string; email: string }> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new AppError('validation_error', `'${email.slice(0, 80)}' is not an email address.`);
  const name = input.name?.trim() || null;
  if (name !== null && name.length > 200) throw new AppError('validation_error', 'The name must have at most 200 characters.');
  let hash = input.passwordHash;
  if (!hash) {
    if (input.password === undefined) throw new AppError('validation_error', 'A password is required.');
    const problem = passwordProblem(input.password, { email });
    if (problem) throw new AppError('validation_error', problem);
    hash = await hashPassword(input.password);
  }
  if (await adminEmailTaken(db, email)) throw new AppError('already_exists', `A platform admin with email ${email} already exists.`);
  return { id: await insertAdmin(db, { email, name, passwordHash: hash }), email };
}

export const listAdmins = (db: PlatformDb): Promise<AdminSummary[]> => listAdminRows(db);

export interface AdminSessionIssued {
  token: string;
  expiresAt: number;
  admin: AdminRecord;
}

// Word for word the tenant sign-in's message: the two must not be told apart either.
const badCredentials = () => new AppError('unauthenticated', 'Wrong email or password.');

/**
 * The same message and (by burning an argon2 verification) the same time for an unknown or
 * disabled admin and a wrong password; lockout counts per email whether or not the admin exists.
 */
export async function adminLogin(db: PlatformDb, config: Config, request: FastifyRequest, emailIn: string, password: string, now: number): Promise<AdminSessionIssued> {
  const email = normalizeEmail(emailIn);
  const throttle = platformThrottle(db);
  await assertNotLocked(throttle, email, now);
  const admin = await findAdminByEmail(db, email);
  const ok = admin && admin.status === 'active' ? await verifyPassword(admin.passwordHash, password) : (await burnVerification(password), false);
  if (!ok || !admin) {
    const locked = await recordFailure(throttle, email, now);
    await auditPlatform(request, db, { action: 'admin.login_failed', targetType: 'admin', targetId: email, actor: { type: 'anonymous', label: email } }, now);
    if (locked) {
      await auditPlatform(
        request,
        db,
        { action: 'admin.lockout', targetType: 'admin', targetId: email, actor: { type: 'system', label: 'system' }, details: { minutes: LOCK_MS / 60_000 } },
        now,
      );
      throw lockedError(LOCK_MS);
    }
    throw badCredentials();
  }
  await throttle.clear(email);
  const { token, hash } = newOpaqueToken();
  const expiresAt = now + config.sessionMaxHours * 3_600_000;
  const ua = request.headers['user-agent'];
  await db.tx(async (tx) => {
    await deleteExpiredAdminSessions(tx, admin.id, now);
    await insertAdminSession(tx, { tokenHash: hash, adminId: admin.id, now, expiresAt, ip: request.ip, userAgent: typeof ua === 'string' ? ua : null });
    await touchAdminLogin(tx, admin.id, now);
    await auditPlatform(request, tx, { action: 'admin.login', targetType: 'admin', targetId: admin.id, actor: { type: 'admin', id: admin.id, label: admin.email } }, now);
  });
  return { token, expiresAt, admin };
}

export async function adminLogout(db: PlatformDb, request: FastifyRequest, now: number): Promise<void> {
  const p = request.principal;
  if (p?.kind !== 'admin') return;
  await db.tx(async (tx) => {
    await deleteAdminSession(tx, p.sessionHash);
    await auditPlatform(request, tx, { action: 'admin.logout', targetType: 'admin', targetId: p.adminId }, now);
  });
}
