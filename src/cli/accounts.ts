/**
 * The account operations of `fluxion user|admin|apikey`. Like every operation they run in the CLI
 * process or inside the running server (admin socket), through the same services the API uses, so
 * the same rules hold: password policy, the last active owner, sessions ending on a role change.
 * Secrets made here (a generated password, an API key) are returned once and never stored.
 * Every change is audited with the actor `cli`.
 */
import { randomInt } from 'node:crypto';
import { Type, type Static, type TSchema } from 'typebox';
import { AppError } from '../server/errors.js';
import { StringEnum, type PageOf } from '../server/http/schemas.js';
import { ROLES, type Role } from '../server/permissions.js';
import { adminUrl, tenantSiteUrl } from '../server/urls.js';
import { createAdmin, listAdmins } from '../server/features/admin/service.js';
import type { AdminSummary } from '../server/features/admin/repository.js';
import type { ApiKey, CreatedApiKeyResponse } from '../server/features/apikeys/schema.js';
import { issueApiKey, listApiKeys, revokeApiKey } from '../server/features/apikeys/service.js';
import { audit, auditPlatform, type AuditEvent, type Auditor } from '../server/features/audit/writer.js';
import { hashPassword, passwordProblem } from '../server/features/auth/passwords.js';
import { findUserByEmail, type UserRecord } from '../server/features/auth/repository.js';
import { normalizeEmail } from '../server/features/auth/service.js';
import { apiKeyTenant } from '../server/features/auth/tokens.js';
import { TenantService } from '../server/features/tenants/service.js';
import type { CreatedInvite, Invite, User } from '../server/features/users/schema.js';
import { createInvite, createUser, listInvites, listUsers, resetPassword, updateUser, type Acting } from '../server/features/users/service.js';
import type { TenantDb } from '../store/types.js';
// Types only: operations.ts spreads these into OPERATIONS, so a value import would be a cycle.
import type { OperationContext } from './operations.js';

export const CLI_ACTOR = { type: 'system', label: 'cli' } as const satisfies AuditEvent['actor'];

/** The services check every value; these schemas only guard the shape that crosses the socket. */
const TenantId = Type.String({ maxLength: 300 });
const EmailArg = Type.String({ maxLength: 300 });
const NameArg = Type.String({ maxLength: 2000 });
const RoleArg = StringEnum(ROLES);
// Longer than the policy allows, so an overlong password gets the policy's message, not a schema error.
const PasswordArg = Type.String({ maxLength: 4096 });

interface Operation<S extends TSchema, R> {
  args: S;
  run(ctx: OperationContext, args: Static<S>): Promise<R>;
}
const op = <S extends TSchema, R>(args: S, run: (ctx: OperationContext, args: Static<S>) => Promise<R>): Operation<S, R> => ({ args, run });
const args = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });

const now = (ctx: OperationContext) => (ctx.clock ?? Date.now)();

function acting(ctx: OperationContext): Acting {
  const at = now(ctx);
  const record: Auditor = (db, event) => audit(null, db, { ...event, actor: CLI_ACTOR }, at);
  return { userId: null, now: at, record };
}

/** The tenant's handle, once it is known to exist (an unknown id is tenant_not_found, as for `tenant show`). */
async function tenantDb(ctx: OperationContext, tenant: string): Promise<TenantDb> {
  await new TenantService(ctx.store.platform, ctx.registry).get(tenant);
  return ctx.store.forTenant(tenant);
}

async function userByEmail(tdb: TenantDb, emailIn: string): Promise<UserRecord> {
  const email = normalizeEmail(emailIn);
  const user = await findUserByEmail(tdb, email);
  if (!user) {
    throw new AppError('not_found', `There is no user ${email.slice(0, 80)} in tenant '${tdb.tenantId}'. See \`fluxion user list --tenant ${tdb.tenantId}\`.`);
  }
  return user;
}

/** A display name as the API accepts it: trimmed, 1 to 200 characters, one line. Blank means none. */
function displayName(name: string | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed.length === 0) return null;
  if (trimmed.length > 200) throw new AppError('validation_error', 'The name must have at most 200 characters.');
  if (/\p{Cc}/u.test(trimmed)) throw new AppError('validation_error', 'The name must be one line without control characters.');
  return trimmed;
}

/** Policy check and argon2 hash, before any transaction: hashing is slow on purpose. */
async function checkedHash(password: string, email: string): Promise<string> {
  const problem = passwordProblem(password, { email: normalizeEmail(email) });
  if (problem) throw new AppError('validation_error', problem);
  return hashPassword(password);
}

// Letters and digits that cannot be misread for one another (no 0/O/o, 1/l/I): easy to copy or dictate.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const GENERATED_LENGTH = 20; // 20 × log2(55) ≈ 115 bits

/** A strong random password that passes the policy. */
export function generatePassword(email: string): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < GENERATED_LENGTH; i++) password += ALPHABET[randomInt(ALPHABET.length)];
    if (passwordProblem(password, { email: normalizeEmail(email) }) === null) return password;
  }
}

/** Every row of a paged list: the CLI shows all of them. */
async function everyPage<T>(fetch: (page: { limit: number; offset: number }) => Promise<PageOf<T>>): Promise<T[]> {
  const limit = 500;
  const items: T[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await fetch({ limit, offset });
    items.push(...page.items);
    if (page.items.length < limit || items.length >= page.total) return items;
  }
}

export type UserAdded =
  | { tenant: string; created: 'user'; user: { id: string; email: string; name: string | null; role: Role }; url: string }
  | { tenant: string; created: 'invite'; invite: CreatedInvite; nameIgnored: boolean };

export interface UserChanged {
  tenant: string;
  user: User;
  changed: boolean;
}

export const ACCOUNT_OPERATIONS = {
  'user.add': op(
    args({ tenant: TenantId, email: EmailArg, role: RoleArg, name: Type.Optional(NameArg), password: Type.Optional(PasswordArg) }),
    async (ctx, a): Promise<UserAdded> => {
      const tdb = await tenantDb(ctx, a.tenant);
      const name = displayName(a.name);
      if (a.password === undefined) {
        // No password: the person chooses one through a single-use link (the API's own invitation).
        const invite = await createInvite(tdb, ctx.config, { email: a.email, role: a.role, invitedBy: CLI_ACTOR.label }, acting(ctx));
        return { tenant: a.tenant, created: 'invite', invite, nameIgnored: name !== null };
      }
      const passwordHash = await checkedHash(a.password, a.email);
      const act = acting(ctx);
      const user = await tdb.tx(async (tx) => {
        const created = await createUser(tx, { email: a.email, name, role: a.role, passwordHash });
        await act.record(tx, { action: 'user.created', targetType: 'user', targetId: created.id, details: { email: created.email, role: a.role } });
        return created;
      });
      return { tenant: a.tenant, created: 'user', user: { ...user, name, role: a.role }, url: tenantSiteUrl(ctx.config, a.tenant) };
    },
  ),

  'user.list': op(args({ tenant: TenantId }), async (ctx, a): Promise<{ tenant: string; users: User[]; invites: Invite[] }> => {
    const tdb = await tenantDb(ctx, a.tenant);
    const users = await everyPage((page) => listUsers(tdb, page));
    const invites = await everyPage((page) => listInvites(tdb, page, now(ctx)));
    return { tenant: a.tenant, users, invites };
  }),

  'user.set-role': op(args({ tenant: TenantId, email: EmailArg, role: RoleArg }), async (ctx, a): Promise<UserChanged & { from: Role }> => {
    const tdb = await tenantDb(ctx, a.tenant);
    const before = await userByEmail(tdb, a.email);
    // The service ends the user's sessions on a role change and keeps the tenant's last active owner.
    const user = await updateUser(tdb, before.id, { role: a.role }, acting(ctx));
    return { tenant: a.tenant, user, changed: before.role !== user.role, from: before.role };
  }),

  'user.disable': op(args({ tenant: TenantId, email: EmailArg }), async (ctx, a): Promise<UserChanged> => {
    const tdb = await tenantDb(ctx, a.tenant);
    const before = await userByEmail(tdb, a.email);
    const user = await updateUser(tdb, before.id, { status: 'disabled' }, acting(ctx));
    return { tenant: a.tenant, user, changed: before.status !== user.status };
  }),

  'user.enable': op(args({ tenant: TenantId, email: EmailArg }), async (ctx, a): Promise<UserChanged> => {
    const tdb = await tenantDb(ctx, a.tenant);
    const before = await userByEmail(tdb, a.email);
    const user = await updateUser(tdb, before.id, { status: 'active' }, acting(ctx));
    return { tenant: a.tenant, user, changed: before.status !== user.status };
  }),

  'user.reset-password': op(
    args({ tenant: TenantId, email: EmailArg, password: Type.Optional(PasswordArg) }),
    async (ctx, a): Promise<{ tenant: string; user: { id: string; email: string }; password?: string; sessionsEnded: number; url: string }> => {
      const tdb = await tenantDb(ctx, a.tenant);
      const user = await userByEmail(tdb, a.email);
      const generated = a.password === undefined ? generatePassword(user.email) : undefined;
      const { sessionsEnded } = await resetPassword(tdb, user.id, generated ?? a.password!, acting(ctx));
      return {
        tenant: a.tenant,
        user: { id: user.id, email: user.email },
        ...(generated ? { password: generated } : {}),
        sessionsEnded,
        url: tenantSiteUrl(ctx.config, a.tenant),
      };
    },
  ),

  'admin.add': op(
    args({ email: EmailArg, name: Type.Optional(NameArg), password: Type.Optional(PasswordArg) }),
    async (ctx, a): Promise<{ admin: { id: string; email: string; name: string | null }; password?: string; url: string }> => {
      const name = displayName(a.name);
      const generated = a.password === undefined ? generatePassword(a.email) : undefined;
      const passwordHash = await checkedHash(generated ?? a.password!, a.email);
      const at = now(ctx);
      const admin = await ctx.store.platform.tx(async (tx) => {
        const created = await createAdmin(tx, { email: a.email, name, passwordHash });
        await auditPlatform(null, tx, { action: 'admin.created', targetType: 'admin', targetId: created.id, actor: CLI_ACTOR, details: { email: created.email } }, at);
        return created;
      });
      return { admin: { ...admin, name }, ...(generated ? { password: generated } : {}), url: adminUrl(ctx.config) };
    },
  ),

  'admin.list': op(args({}), async (ctx): Promise<{ admins: AdminSummary[] }> => ({ admins: await listAdmins(ctx.store.platform) })),

  'apikey.create': op(
    args({ tenant: TenantId, name: NameArg, role: RoleArg }),
    async (ctx, a): Promise<{ tenant: string; apiKey: CreatedApiKeyResponse }> => {
      const tdb = await tenantDb(ctx, a.tenant);
      const act = acting(ctx);
      const apiKey = await issueApiKey(tdb, { name: a.name, role: a.role, createdBy: CLI_ACTOR.label }, act.now, act.record);
      return { tenant: a.tenant, apiKey };
    },
  ),

  'apikey.list': op(args({ tenant: TenantId }), async (ctx, a): Promise<{ tenant: string; apiKeys: ApiKey[] }> => {
    const tdb = await tenantDb(ctx, a.tenant);
    return { tenant: a.tenant, apiKeys: await everyPage((page) => listApiKeys(tdb, page)) };
  }),

  'apikey.revoke': op(args({ tenant: TenantId, key: Type.String({ maxLength: 300 }) }), async (ctx, a): Promise<{ tenant: string; apiKey: ApiKey; changed: boolean }> => {
    const tdb = await tenantDb(ctx, a.tenant);
    // `apikey list` shows prefixes; a copied one may carry its ellipsis.
    const wanted = a.key.trim().replace(/(?:…|\.\.\.)$/, '');
    if (apiKeyTenant(wanted) !== null) {
      throw new AppError(
        'validation_error',
        `That is a whole API key, a secret: pass its id or prefix instead (see \`fluxion apikey list --tenant ${a.tenant}\`). A secret on a command line can be read by other users of the machine.`,
      );
    }
    const keys = await everyPage((page) => listApiKeys(tdb, page));
    const matches = keys.filter((k) => k.id === wanted.toLowerCase() || k.prefix === wanted);
    if (matches.length === 0) {
      throw new AppError('not_found', `There is no API key '${wanted.slice(0, 80)}' in tenant '${a.tenant}'. See \`fluxion apikey list --tenant ${a.tenant}\`.`);
    }
    if (matches.length > 1) {
      throw new AppError('conflict', `The prefix ${wanted} matches ${matches.length} keys (${matches.map((k) => k.id).join(', ')}); revoke one by its id.`);
    }
    const key = matches[0]!;
    const act = acting(ctx);
    await revokeApiKey(tdb, key.id, act.now, act.record);
    const changed = key.revoked_at === null;
    return { tenant: a.tenant, apiKey: changed ? { ...key, revoked_at: new Date(act.now).toISOString() } : key, changed };
  }),
} as const;
