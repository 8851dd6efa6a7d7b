/** Creating tenant users: used by invitations, the CLI and the demo data. */
import type { TenantDb } from '../../../store/types.js';
import { AppError } from '../../errors.js';
import type { Role } from '../../permissions.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { normalizeEmail } from '../auth/service.js';

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
