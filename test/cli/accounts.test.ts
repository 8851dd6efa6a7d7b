/**
 * `fluxion user|admin|apikey`: the operations against a real app (their effect seen through the
 * API: sign-in, sessions, keys), the command line parsed in-process, and a few runs of the real
 * binary, one of them through a running server's admin socket.
 */
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { loadFixtures } from '../support/fixtures.js';
import { FIXTURE_PASSWORD, loadPrincipals } from '../support/principals.js';
import { AppError } from '../../src/server/errors.js';
import { testConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { passwordProblem, verifyPassword } from '../../src/server/features/auth/passwords.js';
import { sha256 } from '../../src/server/features/auth/tokens.js';
import { openStore } from '../../src/store/open.js';
import { runOperation, type ArgsOf, type CommandName, type OperationContext, type ResultOf } from '../../src/cli/operations.js';
import { execute } from '../../src/cli/execute.js';
import { runCli as runCliInProcess } from '../../src/cli/program.js';
import { CliError } from '../../src/cli/errors.js';
import { passwordFromText, readPasswordFromStdin } from '../../src/cli/secret-input.js';
import * as render from '../../src/cli/render-accounts.js';
import { httpGet, removeDir, runCli, tempDataDir } from './support.js';

const GOOD_PASSWORD = 'lentejas-con-arepa-2026';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\'];
// Each child process compiles TypeScript through tsx: seconds on a busy machine.
const SLOW = 180_000;

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected the call to fail');
}

function cookieOf(r: { headers: Record<string, unknown> }): string {
  const set = r.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
}

describe('account operations', () => {
  let t: TestApp;
  let ctx: OperationContext;
  let ip = 0;
  const run = <C extends CommandName>(command: C, args: ArgsOf<C>) => runOperation(ctx, command, args) as Promise<ResultOf<C>>;
  // A fresh address per sign-in: the per-IP limit is not what these tests are about.
  const login = (tenant: string, email: string, password: string) =>
    t.on(tenant, { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email, password }, remoteAddress: `10.9.${Math.floor(++ip / 250)}.${ip % 250}` });
  const me = (tenant: string, cookie: string) => t.on(tenant, { url: '/api/v1/auth/me', headers: { cookie } });
  const bearer = (tenant: string, key: string, url = '/api/v1/inventory') => t.on(tenant, { url, headers: { authorization: `Bearer ${key}` } });
  const audits = (tenant: string, action: string, targetId?: string) =>
    t.store.platform.all(
      'SELECT actor_type, actor, target_id, details FROM audit_log WHERE tenant_id = $1 AND action = $2 AND ($3::VARCHAR IS NULL OR target_id = $3::VARCHAR) ORDER BY occurred_at',
      [tenant, action, targetId ?? null],
    );
  const userRow = (tenant: string, email: string) =>
    t.store.platform.get('SELECT id, role, status, password_hash FROM users WHERE tenant_id = $1 AND email = $2', [tenant, email]);
  const count = async (sql: string) => Number((await t.store.platform.get(sql))?.n);
  const addUser = (email: string, role: 'owner' | 'manager' | 'staff' | 'viewer' = 'staff', tenant = 'granja') =>
    run('user.add', { tenant, email, role, password: GOOD_PASSWORD });

  beforeAll(async () => {
    t = await createTestApp();
    ctx = { store: t.store, registry: t.registry, config: t.config, via: 'direct', clock: t.clock };
  });
  afterAll(() => t.close());

  describe('user add', () => {
    it('with a password: the user signs in on their own tenant only, and the creation is audited as cli', async () => {
      const r = await run('user.add', { tenant: 'granja', email: ' Nueva@Granja.TEST ', role: 'manager', name: '  Nueva Persona ', password: GOOD_PASSWORD });
      expect(r).toMatchObject({ tenant: 'granja', created: 'user', user: { email: 'nueva@granja.test', name: 'Nueva Persona', role: 'manager' } });
      expect(r.created === 'user' && r.url).toBe(`http://granja.localhost:${t.config.port}`);

      const ok = await login('granja', 'nueva@granja.test', GOOD_PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect((await me('granja', cookieOf(ok))).json()).toMatchObject({ user: { email: 'nueva@granja.test', role: 'manager' } });
      expect((await login('cliente2', 'nueva@granja.test', GOOD_PASSWORD)).statusCode).toBe(401);

      const row = await userRow('granja', 'nueva@granja.test');
      expect(String(row!.password_hash)).toMatch(/^\$argon2id\$/);
      const [audit, ...more] = await audits('granja', 'user.created', String(row!.id));
      expect(more).toEqual([]);
      expect(audit).toMatchObject({ actor_type: 'system', actor: 'cli', details: { email: 'nueva@granja.test', role: 'manager' } });
      expect(JSON.stringify(audit)).not.toContain(GOOD_PASSWORD);
      expect(render.renderUserAdd(r)).toBe(
        `Created user nueva@granja.test (Nueva Persona) with role manager in tenant 'granja'.\nThey sign in at http://granja.localhost:${t.config.port}`,
      );
    });

    it('refuses weak passwords with the policy message, bad emails and names, duplicates and unknown tenants, creating nothing', async () => {
      const users = await count('SELECT count(*) AS n FROM users');
      const audited = await count("SELECT count(*) AS n FROM audit_log WHERE action = 'user.created'");
      const cases: Array<[ArgsOf<'user.add'>, string, RegExp]> = [
        [{ tenant: 'granja', email: 'debil@granja.test', role: 'staff', password: 'short' }, 'validation_error', /^The password must have at least 10 characters\.$/],
        [{ tenant: 'granja', email: 'debil@granja.test', role: 'staff', password: 'password123' }, 'validation_error', /most common/],
        [{ tenant: 'granja', email: 'debil@granja.test', role: 'staff', password: 'debil-debil-2026' }, 'validation_error', /must not contain your email name/],
        [{ tenant: 'granja', email: 'debil@granja.test', role: 'staff', password: 'x'.repeat(201) }, 'validation_error', /at most 200/],
        [{ tenant: 'granja', email: 'not-an-email', role: 'staff', password: GOOD_PASSWORD }, 'validation_error', /is not an email address/],
        [{ tenant: 'granja', email: 'OWNER@granja.test', role: 'staff', password: GOOD_PASSWORD }, 'already_exists', /owner@granja\.test already exists/],
        [{ tenant: 'granja', email: 'largo@granja.test', role: 'staff', name: 'n'.repeat(201), password: GOOD_PASSWORD }, 'validation_error', /at most 200/],
        [{ tenant: 'granja', email: 'lineas@granja.test', role: 'staff', name: 'two\nlines', password: GOOD_PASSWORD }, 'validation_error', /one line/],
        [{ tenant: 'nope', email: 'x@nope.test', role: 'staff', password: GOOD_PASSWORD }, 'tenant_not_found', /^Tenant 'nope' does not exist\.$/],
        ...METACHARS.map((m): [ArgsOf<'user.add'>, string, RegExp] => [{ tenant: m, email: 'x@y.test', role: 'staff', password: GOOD_PASSWORD }, 'tenant_not_found', /does not exist/]),
      ];
      for (const [args, code, message] of cases) {
        const f = await failure(run('user.add', args));
        expect({ args: { ...args, password: '…' }, code: f.code }).toEqual({ args: { ...args, password: '…' }, code });
        expect(f.message).toMatch(message);
        expect(f.message).not.toContain(args.password);
      }
      expect(await count('SELECT count(*) AS n FROM users')).toBe(users);
      expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'user.created'")).toBe(audited);
    });

    it('takes SQL metacharacters in emails and names as plain text, and the same email in another tenant is another user', async () => {
      const r = await run('user.add', { tenant: 'granja', email: `o'brien%_\\@granja.test`, role: 'viewer', name: `"; DROP TABLE ventas; --`, password: GOOD_PASSWORD });
      expect(r).toMatchObject({ created: 'user', user: { email: `o'brien%_\\@granja.test`, name: `"; DROP TABLE ventas; --` } });
      expect(await count('SELECT count(*) AS n FROM ventas')).toBeGreaterThan(0);
      const other = await run('user.add', { tenant: 'cliente2', email: 'owner@granja.test', role: 'viewer', password: GOOD_PASSWORD });
      expect(other.created).toBe('user');
      expect(await userRow('granja', 'owner@granja.test')).toMatchObject({ role: 'owner' });
    });

    it('without a password: a single-use invitation link, audited as cli, that the invitee accepts', async () => {
      const r = await run('user.add', { tenant: 'granja', email: 'Invitada@granja.test', role: 'staff', name: 'Not kept' });
      if (r.created !== 'invite') throw new Error('expected an invitation');
      expect(r).toMatchObject({ tenant: 'granja', nameIgnored: true, invite: { email: 'invitada@granja.test', role: 'staff' } });
      expect(r.invite.invite_url.startsWith(`http://granja.localhost:${t.config.port}/invite#`)).toBe(true);
      expect(Date.parse(r.invite.expires_at) - t.clock()).toBe(7 * 24 * 3_600_000);
      const text = render.renderUserAdd(r);
      expect(text).toContain(`\n  ${r.invite.invite_url}\n`);
      expect(text).toContain('shown only this once');
      expect(text).toContain('The name was not kept');

      expect(await audits('granja', 'invite.created', r.invite.id)).toMatchObject([{ actor_type: 'system', actor: 'cli' }]);
      expect(await userRow('granja', 'invitada@granja.test')).toBeUndefined();
      const token = r.invite.invite_url.split('#')[1];
      const accepted = await t.on('granja', { method: 'POST', url: '/api/v1/auth/invites/accept', as: 'anonymous', payload: { token, password: GOOD_PASSWORD } });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect((await me('granja', cookieOf(accepted))).json()).toMatchObject({ user: { email: 'invitada@granja.test', role: 'staff' } });
      // Pending invitation for an email that already is a user: refused.
      expect((await failure(run('user.add', { tenant: 'granja', email: 'invitada@granja.test', role: 'staff' }))).code).toBe('already_exists');
    });
  });

  it('user list: the tenant\'s own users, without secrets, and its pending invitations', async () => {
    await run('user.add', { tenant: 'granja', email: 'pendiente@granja.test', role: 'viewer' });
    const granja = await run('user.list', { tenant: 'granja' });
    const emails = granja.users.map((u) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['owner@granja.test', 'manager@granja.test', 'staff@granja.test', 'viewer@granja.test', 'nueva@granja.test']));
    expect(emails).toEqual([...emails].sort());
    expect(emails.filter((e) => e.endsWith('@cliente2.test'))).toEqual([]);
    for (const u of granja.users) expect(Object.keys(u).sort()).toEqual(['created_at', 'email', 'id', 'last_login_at', 'name', 'role', 'status']);
    expect(JSON.stringify(granja)).not.toContain('argon2');
    expect(granja.invites.map((i) => i.email)).toEqual(['pendiente@granja.test']);
    expect(granja.users.find((u) => u.email === 'nueva@granja.test')?.last_login_at).not.toBeNull();

    const text = render.renderUserList(granja);
    expect(text.split('\n')[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+LAST LOGIN \(UTC\)$/);
    expect(text).toMatch(/^owner@granja\.test\s+owner of granja\s+owner\s+active\s+never$/m);
    expect(text).toContain(`${granja.users.length} users in tenant 'granja'.`);
    expect(text).toMatch(/Pending invitations:\nEMAIL\s+ROLE\s+INVITED BY\s+EXPIRES \(UTC\)\npendiente@granja\.test\s+viewer\s+cli\s+/);

    const cliente2 = await run('user.list', { tenant: 'cliente2' });
    expect(cliente2.users.every((u) => u.email.endsWith('@cliente2.test') || u.email === 'owner@granja.test')).toBe(true);
    expect(cliente2.invites).toEqual([]);
    expect((await failure(run('user.list', { tenant: 'nope' }))).code).toBe('tenant_not_found');
  });

  describe('changing users', () => {
    it('set-role changes the role, ends the user\'s sessions at once and audits from and to', async () => {
      await addUser('cambio@granja.test', 'staff');
      const cookie = cookieOf(await login('granja', 'cambio@granja.test', GOOD_PASSWORD));
      expect((await me('granja', cookie)).statusCode).toBe(200);

      const r = await run('user.set-role', { tenant: 'granja', email: 'CAMBIO@granja.test', role: 'manager' });
      expect(r).toMatchObject({ tenant: 'granja', changed: true, from: 'staff', user: { email: 'cambio@granja.test', role: 'manager' } });
      expect(render.renderSetRole(r)).toContain("Changed the role of cambio@granja.test in tenant 'granja' from staff to manager. Their sessions were ended");
      expect((await me('granja', cookie)).statusCode).toBe(401);
      const again = cookieOf(await login('granja', 'cambio@granja.test', GOOD_PASSWORD));
      expect((await me('granja', again)).json()).toMatchObject({ user: { role: 'manager' } });

      const same = await run('user.set-role', { tenant: 'granja', email: 'cambio@granja.test', role: 'manager' });
      expect(same.changed).toBe(false);
      expect(render.renderSetRole(same)).toBe("cambio@granja.test already has the role manager in tenant 'granja'.");
      expect((await me('granja', again)).statusCode).toBe(200);
      expect(await audits('granja', 'user.role_changed', r.user.id)).toMatchObject([
        { actor_type: 'system', actor: 'cli', details: { email: 'cambio@granja.test', from: 'staff', to: 'manager' } },
      ]);
    });

    it('disable ends sessions and refuses sign-in; enable lets the user back; both audited', async () => {
      await addUser('temporal@granja.test');
      const cookie = cookieOf(await login('granja', 'temporal@granja.test', GOOD_PASSWORD));
      const off = await run('user.disable', { tenant: 'granja', email: 'temporal@granja.test' });
      expect(off).toMatchObject({ changed: true, user: { status: 'disabled' } });
      expect(render.renderDisable(off)).toContain('they can no longer sign in, and their sessions were ended');
      expect((await me('granja', cookie)).statusCode).toBe(401);
      expect((await login('granja', 'temporal@granja.test', GOOD_PASSWORD)).statusCode).toBe(401);
      expect((await run('user.disable', { tenant: 'granja', email: 'temporal@granja.test' })).changed).toBe(false);

      const on = await run('user.enable', { tenant: 'granja', email: 'temporal@granja.test' });
      expect(on).toMatchObject({ changed: true, user: { status: 'active' } });
      expect(render.renderEnable(on)).toBe("Enabled temporal@granja.test in tenant 'granja': they can sign in again.");
      expect((await login('granja', 'temporal@granja.test', GOOD_PASSWORD)).statusCode).toBe(200);
      expect((await run('user.enable', { tenant: 'granja', email: 'temporal@granja.test' })).changed).toBe(false);
      expect(await audits('granja', 'user.disabled', on.user.id)).toMatchObject([{ actor: 'cli', actor_type: 'system' }]);
      expect(await audits('granja', 'user.enabled', on.user.id)).toMatchObject([{ actor: 'cli', actor_type: 'system' }]);
    });

    it('keeps an active owner: the last one cannot be demoted or disabled', async () => {
      expect(await failure(run('user.set-role', { tenant: 'cliente2', email: 'owner@cliente2.test', role: 'viewer' }))).toEqual({
        code: 'conflict',
        message: 'owner@cliente2.test is the last active owner; make another user owner first.',
      });
      expect((await failure(run('user.disable', { tenant: 'cliente2', email: 'owner@cliente2.test' }))).code).toBe('conflict');
      expect(await userRow('cliente2', 'owner@cliente2.test')).toMatchObject({ role: 'owner', status: 'active' });
    });

    it('an email of another tenant, or with SQL metacharacters, is not found and changes nothing', async () => {
      const before = await t.store.platform.all('SELECT tenant_id, email, role, status FROM users ORDER BY tenant_id, email');
      const f = await failure(run('user.set-role', { tenant: 'granja', email: 'staff@cliente2.test', role: 'owner' }));
      expect(f).toEqual({ code: 'not_found', message: "There is no user staff@cliente2.test in tenant 'granja'. See `fluxion user list --tenant granja`." });
      for (const email of METACHARS) {
        for (const command of ['user.disable', 'user.enable', 'user.reset-password'] as const) {
          expect({ email, command, code: (await failure(run(command, { tenant: 'granja', email }))).code }).toEqual({ email, command, code: 'not_found' });
        }
        expect((await failure(run('user.set-role', { tenant: 'granja', email, role: 'owner' }))).code).toBe('not_found');
      }
      expect((await failure(run('user.disable', { tenant: 'nope', email: 'owner@granja.test' }))).code).toBe('tenant_not_found');
      expect(await t.store.platform.all('SELECT tenant_id, email, role, status FROM users ORDER BY tenant_id, email')).toEqual(before);
    });
  });

  it('reset-password generates a strong password shown once, ends sessions and lifts a lockout', async () => {
    await addUser('olvido@granja.test');
    const cookie = cookieOf(await login('granja', 'olvido@granja.test', GOOD_PASSWORD));
    for (let i = 0; i < 5; i++) await login('granja', 'olvido@granja.test', `wrong-password-${i}`);
    expect((await login('granja', 'olvido@granja.test', GOOD_PASSWORD)).statusCode).toBe(429);

    const r = await run('user.reset-password', { tenant: 'granja', email: 'olvido@granja.test' });
    expect(r).toMatchObject({ tenant: 'granja', user: { email: 'olvido@granja.test' }, sessionsEnded: 1 });
    expect(r.password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(passwordProblem(r.password!, { email: 'olvido@granja.test' })).toBeNull();
    const text = render.renderResetPassword(r);
    expect(text).toContain(`\n  ${r.password}\n`);
    expect(text).toContain('Shown only this once');

    expect((await me('granja', cookie)).statusCode).toBe(401);
    expect((await login('granja', 'olvido@granja.test', GOOD_PASSWORD)).statusCode).toBe(401);
    expect((await login('granja', 'olvido@granja.test', r.password!)).statusCode).toBe(200);
    const rows = await audits('granja', 'user.password_reset', r.user.id);
    expect(rows).toMatchObject([{ actor_type: 'system', actor: 'cli', details: { email: 'olvido@granja.test', sessions_ended: 1 } }]);
    expect(JSON.stringify(rows)).not.toContain(r.password);

    // A given password: the policy applies, and a refusal changes nothing.
    expect((await failure(run('user.reset-password', { tenant: 'granja', email: 'olvido@granja.test', password: 'password123' }))).message).toMatch(/most common/);
    expect((await login('granja', 'olvido@granja.test', r.password!)).statusCode).toBe(200);
    const given = await run('user.reset-password', { tenant: 'granja', email: 'olvido@granja.test', password: GOOD_PASSWORD });
    expect(given.password).toBeUndefined();
    expect(render.renderResetPassword(given)).toMatch(/^Set a new password for olvido@granja\.test in tenant 'granja'\. 2 sessions ended/);
    expect((await login('granja', 'olvido@granja.test', GOOD_PASSWORD)).statusCode).toBe(200);
  });

  it('admin add creates a platform admin who signs in on the admin host; admin list shows no secrets', async () => {
    const r = await run('admin.add', { email: ' Ops@Fluxion.TEST', name: 'Operaciones' });
    expect(r).toMatchObject({ admin: { email: 'ops@fluxion.test', name: 'Operaciones' }, url: `http://admin.localhost:${t.config.port}` });
    expect(r.password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(render.renderAdminAdd(r)).toContain(`\n  ${r.password}\n`);
    const signIn = (email: string, password: string) =>
      t.on('admin.localhost', { method: 'POST', url: '/api/v1/admin/auth/login', payload: { email, password }, remoteAddress: `10.8.0.${++ip % 250}` });
    expect((await signIn('ops@fluxion.test', r.password!)).statusCode).toBe(200);

    const audit = await t.store.platform.all("SELECT actor_type, actor, target_id, details FROM platform_audit_log WHERE action = 'admin.created'");
    expect(audit).toEqual([{ actor_type: 'system', actor: 'cli', target_id: r.admin.id, details: { email: 'ops@fluxion.test' } }]);

    const given = await run('admin.add', { email: 'soporte@fluxion.test', password: GOOD_PASSWORD });
    expect(given.password).toBeUndefined();
    expect((await signIn('soporte@fluxion.test', GOOD_PASSWORD)).statusCode).toBe(200);
    expect((await failure(run('admin.add', { email: 'OPS@fluxion.test' }))).code).toBe('already_exists');
    expect((await failure(run('admin.add', { email: 'debil@fluxion.test', password: 'short' }))).message).toBe('The password must have at least 10 characters.');
    expect((await failure(run('admin.add', { email: `' OR 1=1 --` }))).code).toBe('validation_error');

    const list = await run('admin.list', {});
    expect(list.admins.map((a) => a.email)).toEqual(['ops@fluxion.test', 'soporte@fluxion.test']);
    expect(list.admins[0]).toMatchObject({ name: 'Operaciones', status: 'active' });
    expect(list.admins[0]!.last_login_at).not.toBeNull();
    expect(JSON.stringify(list)).not.toMatch(/argon2|password/);
    expect(render.renderAdminList(list)).toMatch(/^EMAIL\s+NAME\s+STATUS\s+CREATED \(UTC\)\s+LAST LOGIN \(UTC\)\nops@fluxion\.test\s+Operaciones\s+active/);
  });

  describe('API keys', () => {
    it('create: the key is returned once, works on its own tenant with its role only, and is stored as a hash', async () => {
      const r = await run('apikey.create', { tenant: 'granja', name: ' POS caja 1 ', role: 'staff' });
      const k = r.apiKey;
      expect(k).toMatchObject({ name: 'POS caja 1', role: 'staff', created_by: 'cli', revoked_at: null });
      expect(k.key).toMatch(/^flx\.granja\.[A-Za-z0-9_-]{43}$/);
      expect(k.key.startsWith(k.prefix)).toBe(true);
      const text = render.renderApiKeyCreate(r);
      expect(text).toContain(`\n  ${k.key}\n`);
      expect(text).toContain('it will not be shown again');

      expect((await bearer('granja', k.key)).statusCode).toBe(200);
      expect((await bearer('granja', k.key, '/api/v1/users')).statusCode).toBe(403);
      expect((await bearer('cliente2', k.key)).statusCode).toBe(404);
      const stored = await t.store.platform.get('SELECT key_hash FROM api_keys WHERE tenant_id = $1 AND id = $2::UUID', ['granja', k.id]);
      expect(stored!.key_hash).toBe(sha256(k.key));
      const rows = await audits('granja', 'apikey.created', k.id);
      expect(rows).toMatchObject([{ actor_type: 'system', actor: 'cli', details: { name: 'POS caja 1', role: 'staff', prefix: k.prefix } }]);
      expect(JSON.stringify(rows)).not.toContain(k.key);

      expect((await failure(run('apikey.create', { tenant: 'granja', name: '   ', role: 'staff' }))).code).toBe('validation_error');
      expect((await failure(run('apikey.create', { tenant: 'nope', name: 'x', role: 'staff' }))).code).toBe('tenant_not_found');
    });

    it('list: the tenant\'s keys with prefixes, never a secret or a hash', async () => {
      const created = (await run('apikey.create', { tenant: 'granja', name: 'ETL nocturno', role: 'viewer' })).apiKey;
      const list = await run('apikey.list', { tenant: 'granja' });
      expect(list.apiKeys.map((k) => k.name)).toEqual(expect.arrayContaining(['ETL nocturno', 'POS caja 1', 'test owner']));
      const json = JSON.stringify(list);
      for (const key of [created.key, ...Object.values(t.keys.granja!), ...Object.values(t.keys.cliente2!)]) expect(json).not.toContain(key.slice(-36));
      expect(json).not.toContain(sha256(created.key));
      for (const k of list.apiKeys) expect(Object.keys(k).sort()).toEqual(['created_at', 'created_by', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'role']);
      expect((await run('apikey.list', { tenant: 'cliente2' })).apiKeys.every((k) => k.prefix.startsWith('flx.cliente2.'))).toBe(true);
      expect(render.renderApiKeyList(list)).toMatch(new RegExp(`^${created.prefix.replace(/\./g, '\\.')}…\\s+ETL nocturno\\s+viewer\\s+active\\s`, 'm'));
    });

    it('revoke by prefix or id: the next use is 401, a second revoke changes nothing, another tenant\'s key is not found', async () => {
      const a = (await run('apikey.create', { tenant: 'granja', name: 'POS caja 2', role: 'staff' })).apiKey;
      const b = (await run('apikey.create', { tenant: 'granja', name: 'POS caja 3', role: 'staff' })).apiKey;

      const r = await run('apikey.revoke', { tenant: 'granja', key: `${a.prefix}…` });
      expect(r).toMatchObject({ changed: true, apiKey: { id: a.id, name: 'POS caja 2' } });
      expect(r.apiKey.revoked_at).not.toBeNull();
      expect(render.renderApiKeyRevoke(r)).toContain("Revoked API key 'POS caja 2'");
      expect((await bearer('granja', a.key)).statusCode).toBe(401);
      const again = await run('apikey.revoke', { tenant: 'granja', key: a.id });
      expect(again.changed).toBe(false);
      expect(render.renderApiKeyRevoke(again)).toContain('was already revoked');
      expect(await audits('granja', 'apikey.revoked', a.id)).toMatchObject([{ actor_type: 'system', actor: 'cli' }]);

      for (const key of [b.id, b.prefix, ...METACHARS, 'flx.granja.zzzzzzz']) {
        expect({ key, code: (await failure(run('apikey.revoke', { tenant: key === b.id || key === b.prefix ? 'cliente2' : 'granja', key }))).code }).toEqual({ key, code: 'not_found' });
      }
      const whole = await failure(run('apikey.revoke', { tenant: 'granja', key: b.key }));
      expect(whole.code).toBe('validation_error');
      expect(whole.message).toMatch(/whole API key/);
      expect(whole.message).not.toContain(b.key);
      expect((await bearer('granja', b.key)).statusCode).toBe(200);

      expect((await run('apikey.revoke', { tenant: 'granja', key: b.id.toUpperCase() })).changed).toBe(true);
      expect((await bearer('granja', b.key)).statusCode).toBe(401);
    });
  });

  it('validates arguments before anything runs: unknown fields, wrong types, unknown roles', async () => {
    const cases: Array<[CommandName, Record<string, unknown>]> = [
      ['user.add', { tenant: 'granja', email: 'a@granja.test', role: 'boss' }],
      ['user.add', { tenant: 'granja', email: 'a@granja.test', role: 'staff', password: 1234567890 }],
      ['user.set-role', { tenant: 'granja', email: 'staff@granja.test', role: 'staff', extra: true }],
      ['apikey.create', { tenant: 'granja', name: 'x', role: 'root' }],
      ['admin.list', { all: true }],
    ];
    for (const [command, args] of cases) {
      expect({ command, code: (await failure(runOperation(ctx, command, args))).code }).toEqual({ command, code: 'validation_error' });
    }
    expect(await userRow('granja', 'a@granja.test')).toBeUndefined();
  });
});

describe('--password-stdin input', () => {
  it('takes the one line piped in, without its line break', async () => {
    expect(passwordFromText('clave secreta 2026\n')).toBe('clave secreta 2026');
    expect(passwordFromText('clave-secreta-2026\r\n')).toBe('clave-secreta-2026');
    expect(passwordFromText('  spaces kept  ')).toBe('  spaces kept  ');
    expect(await readPasswordFromStdin({ stdin: Readable.from([Buffer.from('pan-de-'), Buffer.from('jamon-2026\n')]), prompt: { write: () => true } })).toBe('pan-de-jamon-2026');
  });

  it('refuses empty input, several lines and huge input with a usage error', async () => {
    for (const text of ['', '\n', 'one\ntwo', 'one\rtwo\n']) {
      const err = (() => {
        try {
          passwordFromText(text);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(CliError);
      expect(err).toMatchObject({ exitCode: 2, message: expect.stringContaining('--password-stdin') });
    }
    await expect(readPasswordFromStdin({ stdin: Readable.from([Buffer.alloc(5000, 'a')]), prompt: { write: () => true } })).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('the account commands on the command line (in-process)', () => {
  let stdout: string;
  let stderr: string;
  const cli = async (argv: string[]) => {
    stdout = '';
    stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
    try {
      return await runCliInProcess(argv);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  };
  afterEach(() => vi.restoreAllMocks());

  it('has friendly help with examples for every account command', async () => {
    expect(await cli(['--help'])).toBe(0);
    for (const c of ['user', 'admin', 'apikey']) expect(stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    const commands = [
      ['user'], ['user', 'add'], ['user', 'list'], ['user', 'set-role'], ['user', 'disable'], ['user', 'enable'], ['user', 'reset-password'],
      ['admin'], ['admin', 'add'], ['admin', 'list'], ['apikey'], ['apikey', 'create'], ['apikey', 'list'], ['apikey', 'revoke'],
    ];
    for (const c of commands) {
      expect({ c, code: await cli([...c, '--help']) }).toEqual({ c, code: 0 });
      expect({ c, example: stdout.includes('Example') }).toEqual({ c, example: true });
    }
    await cli(['user', '--help']);
    for (const sub of ['add', 'list', 'set-role', 'disable', 'enable', 'reset-password']) expect(stdout).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    expect(stdout).toContain('--password-stdin');
    await cli(['user', 'add', '--help']);
    for (const o of ['--tenant', '--email', '--role', '--name', '--password-stdin', '--invite']) expect(stdout).toContain(o);
  });

  it('refuses a bad command line with exit 2 before touching any data', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['user', 'add', '--tenant', 'granja', '--email', 'a@b.test', '--role', 'boss'], /Allowed choices are owner, manager, staff, viewer/],
      [['user', 'add', '--email', 'a@b.test', '--role', 'staff'], /required option '-t, --tenant <id>' not specified/],
      [['user', 'add', '--tenant', 'granja', '--email', 'a@b.test', '--role', 'staff', '--password-stdin', '--invite'], /cannot be used with option '--invite'/],
      [['user', 'set-role', 'a@b.test', 'god', '--tenant', 'granja'], /Allowed choices are owner, manager, staff, viewer/],
      [['user', 'add', '--tenant', 'granja', '--email', 'a@b.test', '--role', 'staff', '--password', 'secreto-en-argv'], /unknown option '--password'/],
      [['apikey', 'create', '--tenant', 'granja', '--name', 'x'], /required option '--role <role>' not specified/],
      [['apikey', 'revoke', '--tenant', 'granja'], /missing required argument/],
    ];
    for (const [argv, message] of cases) {
      expect({ argv, code: await cli(argv) }).toEqual({ argv, code: 2 });
      expect(stderr).toMatch(message);
    }
  });

  it('runs a command on a data directory and prints JSON with --json, or says there is no database', async () => {
    const dir = tempDataDir();
    try {
      expect(await cli(['--data-dir', dir, 'user', 'list', '--tenant', 'granja'])).toBe(1);
      expect(stderr).toContain(`There is no Fluxion database in ${dir}`);
      const store = await openStore({ dataDir: dir });
      await loadFixtures(store);
      await loadPrincipals(store);
      await store.close();
      expect(await cli(['--data-dir', dir, '--json', 'user', 'list', '--tenant', 'cliente2'])).toBe(0);
      expect(JSON.parse(stdout).users.map((u: { email: string }) => u.email)).toEqual(['manager@cliente2.test', 'owner@cliente2.test', 'staff@cliente2.test', 'viewer@cliente2.test']);
      expect(await cli(['--data-dir', dir, 'apikey', 'revoke', 'flx.cliente2.nothere', '--tenant', 'cliente2'])).toBe(1);
      expect(stderr.trim()).toBe("Error: There is no API key 'flx.cliente2.nothere' in tenant 'cliente2'. See `fluxion apikey list --tenant cliente2`.");
      expect(await cli(['--data-dir', dir, 'user', 'disable', 'owner@granja.test', '--tenant', 'nope'])).toBe(1);
      expect(stderr.trim()).toBe("Error: Tenant 'nope' does not exist. See `fluxion tenant list`.");
    } finally {
      removeDir(dir);
    }
  });
});

describe('the fluxion binary', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDataDir();
    const store = await openStore({ dataDir: dir });
    await loadFixtures(store);
    await loadPrincipals(store);
    await store.close();
  });
  afterAll(() => removeDir(dir));

  it('reads the password for --password-stdin from standard input, and refuses a weak one with the policy message', { timeout: SLOW }, async () => {
    const added = await runCli(['user', 'add', '--tenant', 'granja', '--email', 'caja@granja.test', '--role', 'staff', '--name', 'Caja 1', '--password-stdin'], {
      dataDir: dir,
      input: 'pan-de-jamon-2026\n',
    });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Created user caja@granja.test (Caja 1) with role staff in tenant 'granja'.");

    const weak = await runCli(['user', 'reset-password', 'caja@granja.test', '--tenant', 'granja', '--password-stdin'], { dataDir: dir, input: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toBe('Error: The password must have at least 10 characters.');
    expect(weak.stdout).toBe('');

    const store = await openStore({ dataDir: dir });
    try {
      const row = await store.platform.get("SELECT password_hash, role FROM users WHERE tenant_id = 'granja' AND email = 'caja@granja.test'");
      expect(row!.role).toBe('staff');
      expect(await verifyPassword(String(row!.password_hash), 'pan-de-jamon-2026')).toBe(true);
      expect(await store.platform.all("SELECT actor_type, actor FROM audit_log WHERE tenant_id = 'granja' AND action = 'user.created'")).toEqual([{ actor_type: 'system', actor: 'cli' }]);
      expect(Number((await store.platform.get("SELECT count(*) AS n FROM audit_log WHERE action = 'user.password_reset'"))?.n)).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('through a running server', () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = tempDataDir();
    const store = await openStore({ dataDir: dir });
    await loadFixtures(store);
    await loadPrincipals(store);
    await store.close();
    server = await startServer({ config: testConfig({ dataDir: dir, port: 0, host: '127.0.0.1' }), print: () => undefined, handleSignals: false });
  }, SLOW);
  afterAll(async () => {
    await server?.close();
    removeDir(dir);
  });

  it('creates a key with the CLI while the server holds the database; the key works at once, and a revoke through the socket stops it', { timeout: SLOW }, async () => {
    const r = await runCli(['apikey', 'create', '--tenant', 'granja', '--name', 'POS caja 1', '--role', 'staff', '--json'], { dataDir: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`done by the Fluxion server running on this data directory, pid ${process.pid}`);
    const { apiKey } = JSON.parse(r.stdout) as ResultOf<'apikey.create'>;
    const port = server.config.port;
    const auth = { authorization: `Bearer ${apiKey.key}` };
    expect((await httpGet(port, 'granja.localhost', '/api/v1/inventory', auth)).status).toBe(200);
    expect((await httpGet(port, 'cliente2.localhost', '/api/v1/inventory', auth)).status).toBe(404);

    const revoked = await execute('apikey.revoke', { tenant: 'granja', key: apiKey.prefix }, { config: server.config });
    expect(revoked).toMatchObject({ via: 'server', result: { changed: true, apiKey: { id: apiKey.id } } });
    expect((await httpGet(port, 'granja.localhost', '/api/v1/inventory', auth)).status).toBe(401);

    const reset = await execute('user.reset-password', { tenant: 'granja', email: 'staff@granja.test', password: FIXTURE_PASSWORD.toUpperCase() }, { config: server.config });
    expect(reset).toMatchObject({ via: 'server', result: { user: { email: 'staff@granja.test' } } });
    const audit = await server.store.platform.all("SELECT action, actor FROM audit_log WHERE tenant_id = 'granja' AND actor = 'cli' ORDER BY occurred_at, action");
    expect(audit).toEqual([
      { action: 'apikey.created', actor: 'cli' },
      { action: 'apikey.revoked', actor: 'cli' },
      { action: 'user.password_reset', actor: 'cli' },
    ]);
  });
});
