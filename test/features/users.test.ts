import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { emailOf } from '../support/principals.js';
import { sha256 } from '../../src/server/features/auth/tokens.js';
import { createUser } from '../../src/server/features/users/service.js';

const UNKNOWN = '00000000-0000-4000-8999-000000000999';
const METACHARS = [`' OR 1=1 --`, `"; DROP TABLE ventas; --`, '%', '_', '\\', `%' OR '1'='1`];
const ROLES_BELOW_OWNER: As[] = ['viewer', 'staff', 'manager'];
const GOOD_PASSWORD = 'lentejas-con-arepa-2026';
const DAY = 24 * 3_600_000;

type Host = 'granja' | 'cliente2';
interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: string;
  created_at: string;
  last_login_at: string | null;
}

async function list(t: TestApp, host: Host, qs = '', as: As = 'owner') {
  const r = await t.on(host, { method: 'GET', url: `/api/v1/users${qs}`, as });
  expect({ qs, status: r.statusCode, body: r.statusCode === 200 ? 'ok' : r.body }).toEqual({ qs, status: 200, body: 'ok' });
  return r.json() as { items: UserRow[]; total: number; limit: number; offset: number };
}

const patch = (t: TestApp, host: Host, id: string, payload: Record<string, unknown>, extra: { as?: As; headers?: Record<string, string> } = {}) =>
  t.on(host, { method: 'PATCH', url: `/api/v1/users/${id}`, payload, ...extra });

const me = (t: TestApp, host: Host, cookie: string) => t.on(host, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

/** The user as stored, read around the API. */
async function stored(t: TestApp, tenant: string, id: string) {
  return t.store.platform.get('SELECT email, name, role, status FROM users WHERE tenant_id = $1 AND id = $2::UUID', [tenant, id]);
}

async function auditCount(t: TestApp, tenant: string, action: string, targetId?: string): Promise<number> {
  const row = await t.store.platform.get(
    'SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1 AND action = $2 AND ($3::VARCHAR IS NULL OR target_id = $3::VARCHAR)',
    [tenant, action, targetId ?? null],
  );
  return Number(row?.n);
}

async function auditRows(t: TestApp, tenant: string, action: string, targetId: string) {
  return t.store.platform.all(
    'SELECT actor_type, actor, details FROM audit_log WHERE tenant_id = $1 AND action = $2 AND target_id = $3 ORDER BY occurred_at',
    [tenant, action, targetId],
  );
}

async function userCount(t: TestApp): Promise<number> {
  return Number((await t.store.platform.get('SELECT count(*) AS n FROM users'))?.n);
}

describe('GET /api/v1/users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists each tenant its own users, ordered by email, without secrets', async () => {
    for (const host of ['granja', 'cliente2'] as const) {
      const page = await list(t, host);
      expect(page).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(page.items.map((u) => u.email)).toEqual(['manager', 'owner', 'staff', 'viewer'].map((r) => `${r}@${host}.test`));
      const owner = page.items.find((u) => u.role === 'owner')!;
      expect(owner).toEqual({
        id: t.users[host]!.owner.id,
        email: `owner@${host}.test`,
        name: `owner of ${host}`,
        role: 'owner',
        status: 'active',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        last_login_at: null,
      });
    }
    const body = (await t.on('granja', '/api/v1/users')).body;
    expect(body).not.toMatch(/password|argon2/i);
  });

  it('lets owners and managers list, refuses staff and viewers, and asks strangers to sign in', async () => {
    for (const host of ['granja', 'cliente2'] as const) {
      for (const [as, status] of [['owner', 200], ['manager', 200], ['staff', 403], ['viewer', 403], ['anonymous', 401]] as const) {
        const r = await t.on(host, { method: 'GET', url: '/api/v1/users', as });
        expect({ host, as, status: r.statusCode }).toEqual({ host, as, status });
      }
    }
  });

  it('answers 404 to another tenant\'s key, on its host and through the api host', async () => {
    const viaHost = await t.on('cliente2', { method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${t.keys.granja!.owner}` } });
    expect(viaHost.statusCode).toBe(404);
    const viaHeader = await t.on('api.localhost', {
      method: 'GET',
      url: '/api/v1/users',
      headers: { 'x-tenant-id': 'cliente2', authorization: `Bearer ${t.keys.granja!.owner}` },
    });
    expect(viaHeader.statusCode).toBe(404);
    expect(viaHeader.body).not.toContain('cliente2.test');
  });

  it('filters by role, status and text, and pages', async () => {
    expect((await list(t, 'granja', '?role=owner')).items.map((u) => u.email)).toEqual(['owner@granja.test']);
    expect((await list(t, 'granja', '?status=disabled')).total).toBe(0);
    expect((await list(t, 'granja', '?status=active')).total).toBe(4);
    expect((await list(t, 'granja', '?q=MANAGER')).items.map((u) => u.email)).toEqual(['manager@granja.test']);
    expect((await list(t, 'granja', '?q=staff%20of')).items.map((u) => u.role)).toEqual(['staff']);
    const second = await list(t, 'granja', '?limit=2&offset=2');
    expect(second).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(second.items.map((u) => u.role)).toEqual(['staff', 'viewer']);
    expect((await list(t, 'granja', '?offset=10')).total).toBe(4);
  });

  it('treats SQL metacharacters in q as text', async () => {
    for (const m of METACHARS) {
      const page = await list(t, 'granja', `?q=${encodeURIComponent(m)}`);
      expect({ m, total: page.total }).toEqual({ m, total: 0 });
    }
    expect(await userCount(t)).toBe(8);
  });

  it('refuses bad filters with 400', async () => {
    for (const qs of ['?role=admin', '?status=deleted', '?limit=0', '?limit=501', '?offset=-1', '?nope=1', `?q=${'x'.repeat(101)}`]) {
      const r = await t.on('granja', `/api/v1/users${qs}`);
      expect({ qs, status: r.statusCode, code: r.json().error }).toEqual({ qs, status: 400, code: 'validation_error' });
    }
  });
});

describe('PATCH /api/v1/users/:id', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('lets only owners change users; other roles change nothing', async () => {
    const staff = t.users.granja!.staff;
    for (const as of [...ROLES_BELOW_OWNER, 'anonymous'] as As[]) {
      const r = await patch(t, 'granja', staff.id, { role: 'manager', name: 'Hacked' }, { as });
      expect({ as, status: r.statusCode }).toEqual({ as, status: as === 'anonymous' ? 401 : 403 });
    }
    expect(await stored(t, 'granja', staff.id)).toMatchObject({ role: 'staff', name: 'staff of granja', status: 'active' });
    expect(await auditCount(t, 'granja', 'user.role_changed')).toBe(0);

    const r = await patch(t, 'granja', staff.id, { role: 'manager' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: staff.id, email: staff.email, role: 'manager', status: 'active' });
  });

  it('answers 404 for another tenant\'s user or an unknown id, and changes nothing', async () => {
    for (const [host, victim] of [['granja', 'cliente2'], ['cliente2', 'granja']] as const) {
      const target = t.users[victim]!.staff;
      for (const payload of [{ role: 'owner' }, { status: 'disabled' }, { name: 'pwned' }]) {
        const r = await patch(t, host, target.id, payload);
        expect({ host, status: r.statusCode, code: r.json().error }).toEqual({ host, status: 404, code: 'not_found' });
      }
      expect(await stored(t, victim, target.id)).toMatchObject({ role: 'staff', status: 'active', name: `staff of ${victim}` });
    }
    expect((await patch(t, 'granja', UNKNOWN, { role: 'viewer' })).statusCode).toBe(404);
    const audit = await t.store.platform.get("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'user.%'");
    expect(Number(audit?.n)).toBe(0);
  });

  it('refuses bad input with 400', async () => {
    const id = t.users.granja!.staff.id;
    const cases: Array<[string, unknown]> = [
      [id, {}],
      [id, { role: 'admin' }],
      [id, { status: 'deleted' }],
      [id, { status: true }],
      [id, { name: '' }],
      [id, { name: '   ' }],
      [id, { name: 'x'.repeat(201) }],
      [id, { email: 'new@granja.test' }],
      [id, { password_hash: 'x' }],
      ['not-a-uuid', { role: 'viewer' }],
      [`${encodeURIComponent(`' OR 1=1 --`)}`, { role: 'viewer' }],
    ];
    for (const [target, payload] of cases) {
      const r = await t.on('granja', { method: 'PATCH', url: `/api/v1/users/${target}`, payload: payload as Record<string, unknown> });
      expect({ payload, status: r.statusCode, code: r.json().error }).toEqual({ payload, status: 400, code: 'validation_error' });
    }
    expect(await stored(t, 'granja', id)).toMatchObject({ role: 'staff', status: 'active', name: 'staff of granja' });
  });

  it('stores names with SQL metacharacters as text, and null clears the name', async () => {
    const id = t.users.granja!.viewer.id;
    for (const m of METACHARS) {
      const r = await patch(t, 'granja', id, { name: m });
      expect({ m, status: r.statusCode, name: r.json().name }).toEqual({ m, status: 200, name: m.trim() });
    }
    expect((await patch(t, 'granja', id, { name: null })).json().name).toBeNull();
    expect(await userCount(t)).toBe(8);
  });

  it('a role change ends every session of the user on their next request, and is audited once', async () => {
    const staff = t.users.granja!.staff;
    const first = await t.login('granja', 'staff');
    const second = await t.login('granja', 'staff');
    expect((await me(t, 'granja', first)).json().role).toBe('staff');
    const others = await t.login('granja', 'viewer');

    const r = await patch(t, 'granja', staff.id, { role: 'manager' });
    expect(r.statusCode).toBe(200);
    for (const cookie of [first, second]) {
      const after = await me(t, 'granja', cookie);
      expect({ status: after.statusCode, code: after.json().error }).toEqual({ status: 401, code: 'unauthenticated' });
    }
    // Nobody else is signed out.
    expect((await me(t, 'granja', others)).statusCode).toBe(200);
    // Signing in again gives the new role.
    expect((await me(t, 'granja', await t.login('granja', 'staff'))).json().role).toBe('manager');

    const rows = await auditRows(t, 'granja', 'user.role_changed', staff.id);
    expect(rows).toEqual([{ actor_type: 'apikey', actor: 'apikey:test owner', details: { email: staff.email, from: 'staff', to: 'manager' } }]);
  });

  it('disabling ends the user\'s sessions and sign-in; enabling lets them sign in again', async () => {
    const viewer = t.users.granja!.viewer;
    const cookie = await t.login('granja', 'viewer');
    const off = await patch(t, 'granja', viewer.id, { status: 'disabled' });
    expect(off.json()).toMatchObject({ status: 'disabled', role: 'viewer' });
    expect((await me(t, 'granja', cookie)).statusCode).toBe(401);
    // Ended, not merely refused while disabled: enabling again does not bring the old session back.
    const sessions = await t.store.platform.get('SELECT count(*) AS n FROM sessions WHERE tenant_id = $1 AND user_id = $2::UUID', ['granja', viewer.id]);
    expect(Number(sessions?.n)).toBe(0);
    await expect(t.login('granja', 'viewer')).rejects.toThrow(/401/);
    expect((await list(t, 'granja', '?status=disabled')).items.map((u) => u.id)).toEqual([viewer.id]);

    const on = await patch(t, 'granja', viewer.id, { status: 'active' });
    expect(on.json().status).toBe('active');
    expect((await me(t, 'granja', await t.login('granja', 'viewer'))).statusCode).toBe(200);
    expect((await me(t, 'granja', cookie)).statusCode).toBe(401);

    expect(await auditCount(t, 'granja', 'user.disabled', viewer.id)).toBe(1);
    expect(await auditCount(t, 'granja', 'user.enabled', viewer.id)).toBe(1);
  });

  it('a name change keeps sessions and is audited as user.updated; an unchanged field records nothing', async () => {
    const manager = t.users.granja!.manager;
    const cookie = await t.login('granja', 'manager');
    const r = await patch(t, 'granja', manager.id, { name: '  Gerente General ' });
    expect(r.json().name).toBe('Gerente General');
    expect((await me(t, 'granja', cookie)).statusCode).toBe(200);
    expect(await auditRows(t, 'granja', 'user.updated', manager.id)).toEqual([
      { actor_type: 'apikey', actor: 'apikey:test owner', details: { email: manager.email, name: { from: 'manager of granja', to: 'Gerente General' } } },
    ]);

    const same = await patch(t, 'granja', manager.id, { role: 'manager', status: 'active', name: 'Gerente General' });
    expect(same.statusCode).toBe(200);
    expect((await me(t, 'granja', cookie)).statusCode).toBe(200);
    const audited = await t.store.platform.get("SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'granja' AND action LIKE 'user.%'");
    expect(Number(audited?.n)).toBe(1);
  });

  it('never leaves the tenant without an active owner', async () => {
    const owner = t.users.granja!.owner;
    for (const payload of [{ role: 'manager' }, { status: 'disabled' }, { role: 'viewer', status: 'disabled' }]) {
      const r = await patch(t, 'granja', owner.id, payload);
      expect({ payload, status: r.statusCode, code: r.json().error }).toEqual({ payload, status: 409, code: 'conflict' });
      expect(r.json().message).toMatch(/last active owner/);
    }
    expect(await stored(t, 'granja', owner.id)).toMatchObject({ role: 'owner', status: 'active' });

    // A disabled owner does not count: promote the manager, disable them, and the first owner is still the last.
    const manager = t.users.granja!.manager;
    expect((await patch(t, 'granja', manager.id, { role: 'owner' })).statusCode).toBe(200);
    expect((await patch(t, 'granja', manager.id, { status: 'disabled' })).statusCode).toBe(200);
    expect((await patch(t, 'granja', owner.id, { role: 'staff' })).statusCode).toBe(409);

    // With another active owner, demoting works.
    expect((await patch(t, 'granja', manager.id, { status: 'active' })).statusCode).toBe(200);
    const demoted = await patch(t, 'granja', owner.id, { role: 'staff' });
    expect(demoted.json().role).toBe('staff');
    // cliente2's owners were never in the count.
    expect(await stored(t, 'cliente2', t.users.cliente2!.owner.id)).toMatchObject({ role: 'owner', status: 'active' });
  });

  it('an owner cannot disable themself, even with another owner present', async () => {
    const owner = t.users.granja!.owner;
    expect((await patch(t, 'granja', t.users.granja!.manager.id, { role: 'owner' })).statusCode).toBe(200);
    const cookie = await t.login('granja', 'owner');
    const r = await patch(t, 'granja', owner.id, { status: 'disabled' }, { headers: { cookie } });
    expect({ status: r.statusCode, code: r.json().error }).toEqual({ status: 409, code: 'conflict' });
    expect(r.json().message).toMatch(/your own account/);
    expect((await me(t, 'granja', cookie)).statusCode).toBe(200);
    expect(await stored(t, 'granja', owner.id)).toMatchObject({ status: 'active' });
    // Demoting themself is allowed while another owner remains; it ends their own sessions too.
    const demoted = await patch(t, 'granja', owner.id, { role: 'manager' }, { headers: { cookie } });
    expect(demoted.json().role).toBe('manager');
    expect((await me(t, 'granja', cookie)).statusCode).toBe(401);
    expect((await auditRows(t, 'granja', 'user.role_changed', owner.id))[0]).toMatchObject({ actor_type: 'user', actor: owner.email });
  });
});

describe('invitations', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const invite = (host: Host, payload: Record<string, unknown>, as: As = 'owner') =>
    t.on(host, { method: 'POST', url: '/api/v1/users/invites', payload, as });
  const accept = (host: Host, payload: Record<string, unknown>) =>
    t.on(host, { method: 'POST', url: '/api/v1/auth/invites/accept', payload, as: 'anonymous' });
  const tokenOf = (r: { json(): { invite_url: string } }) => r.json().invite_url.split('#')[1]!;
  const pending = async (host: Host, as: As = 'owner') => {
    const r = await t.on(host, { method: 'GET', url: '/api/v1/users/invites', as });
    expect(r.statusCode).toBe(200);
    return r.json() as { items: Array<{ id: string; email: string; role: string; invited_by: string; expires_at: string }>; total: number };
  };

  it('an owner invites with a single-use link on the tenant\'s own host; only a hash of the token is kept', async () => {
    const r = await invite('granja', { email: 'Nueva.Cajera@Example.com', role: 'staff' });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toEqual({
      id: expect.any(String),
      email: 'nueva.cajera@example.com',
      role: 'staff',
      expires_at: new Date(t.clock() + 7 * DAY).toISOString(),
      invite_url: expect.stringMatching(/^http:\/\/granja\.localhost:3000\/invite#[A-Za-z0-9_-]{43}$/),
    });
    const token = tokenOf(r);
    const row = await t.store.platform.get('SELECT * FROM invites WHERE tenant_id = $1 AND id = $2::UUID', ['granja', body.id]);
    expect(row?.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await pending('granja')).items).toEqual([
      expect.objectContaining({ id: body.id, email: 'nueva.cajera@example.com', role: 'staff', invited_by: 'apikey:test owner' }),
    ]);
    expect(JSON.stringify(await pending('granja'))).not.toContain(token);
    expect((await pending('cliente2')).total).toBe(0);
    const audit = await auditRows(t, 'granja', 'invite.created', body.id);
    expect(audit).toEqual([{ actor_type: 'apikey', actor: 'apikey:test owner', details: { email: 'nueva.cajera@example.com', role: 'staff', expires_at: body.expires_at } }]);
  });

  it('lets only owners invite, list and revoke', async () => {
    const ok = await invite('granja', { email: 'x@example.com', role: 'viewer' });
    for (const as of [...ROLES_BELOW_OWNER, 'anonymous'] as As[]) {
      const want = as === 'anonymous' ? 401 : 403;
      expect({ as, status: (await invite('granja', { email: `${as}@example.com`, role: 'viewer' }, as)).statusCode }).toEqual({ as, status: want });
      expect({ as, status: (await t.on('granja', { method: 'GET', url: '/api/v1/users/invites', as })).statusCode }).toEqual({ as, status: want });
      const del = await t.on('granja', { method: 'DELETE', url: `/api/v1/users/invites/${ok.json().id}`, as });
      expect({ as, status: del.statusCode }).toEqual({ as, status: want });
    }
    expect((await pending('granja')).items.map((i) => i.email)).toEqual(['x@example.com']);
  });

  it('refuses an email that is already a user of this tenant, but knows nothing of other tenants', async () => {
    for (const email of ['staff@granja.test', 'STAFF@Granja.Test']) {
      const r = await invite('granja', { email, role: 'manager' });
      expect({ email, status: r.statusCode, code: r.json().error }).toEqual({ email, status: 409, code: 'already_exists' });
    }
    // cliente2's user is a stranger to granja: the invitation is simply created.
    const stranger = await invite('granja', { email: emailOf('cliente2', 'owner'), role: 'viewer' });
    expect(stranger.statusCode).toBe(201);
    // A second pending invitation for the same email is refused, naming the first.
    const again = await invite('granja', { email: emailOf('cliente2', 'owner'), role: 'owner' });
    expect({ status: again.statusCode, details: again.json().details }).toEqual({ status: 409, details: { invite_id: stranger.json().id } });
  });

  it('refuses bad invitations with 400 and creates nothing', async () => {
    const cases: Array<Record<string, unknown>> = [
      {},
      { email: 'someone@example.com' },
      { role: 'staff' },
      { email: 'not-an-email', role: 'staff' },
      { email: 'a b@example.com', role: 'staff' },
      { email: `${'x'.repeat(250)}@example.com`, role: 'staff' },
      { email: 'ok@example.com', role: 'admin' },
      { email: 'ok@example.com', role: 'staff', token: 'mine' },
      ...METACHARS.map((m) => ({ email: m, role: 'staff' })),
    ];
    for (const payload of cases) {
      const r = await invite('granja', payload);
      expect({ payload, status: r.statusCode, code: r.json().error }).toEqual({ payload, status: 400, code: 'validation_error' });
    }
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM invites'))?.n)).toBe(0);
  });

  it('accepting creates the user with the invitation\'s email and role and signs them in', async () => {
    const created = await invite('granja', { email: 'nuevo@example.com', role: 'manager' });
    const r = await accept('granja', { token: tokenOf(created), password: GOOD_PASSWORD, name: '  Nuevo Gerente ' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      user: { email: 'nuevo@example.com', name: 'Nuevo Gerente', role: 'manager' },
      tenant: { id: 'granja', name: 'La Granja Mercado' },
      impersonation: null,
    });
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^fluxion_session=granja\./);
    expect(setCookie).toMatch(/HttpOnly/);
    const cookie = setCookie.split(';')[0]!;
    expect((await me(t, 'granja', cookie)).json()).toMatchObject({ kind: 'user', role: 'manager', user: { email: 'nuevo@example.com' } });
    // The cookie is granja's: cliente2 does not know it.
    expect((await me(t, 'cliente2', cookie)).statusCode).toBe(404);

    const users = await list(t, 'granja', '?q=nuevo');
    expect(users.items).toEqual([expect.objectContaining({ email: 'nuevo@example.com', role: 'manager', status: 'active', last_login_at: expect.any(String) })]);
    // The user can sign in with the password they chose.
    const login = await t.on('granja', { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: 'nuevo@example.com', password: GOOD_PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect((await pending('granja')).total).toBe(0);
    expect(await auditRows(t, 'granja', 'invite.accepted', created.json().id)).toEqual([
      { actor_type: 'user', actor: 'nuevo@example.com', details: { user_id: r.json().user.id, role: 'manager' } },
    ]);
  });

  it('an invitation works once: the second acceptance fails and creates nothing', async () => {
    const token = tokenOf(await invite('granja', { email: 'once@example.com', role: 'staff' }));
    expect((await accept('granja', { token, password: GOOD_PASSWORD })).statusCode).toBe(200);
    const before = await userCount(t);
    const again = await accept('granja', { token, password: 'another-long-passphrase-7' });
    expect({ status: again.statusCode, code: again.json().error, reason: again.json().details?.reason }).toEqual({ status: 410, code: 'invite_invalid', reason: 'used' });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(await userCount(t)).toBe(before);
    expect(await auditCount(t, 'granja', 'invite.accepted')).toBe(1);
  });

  it('of concurrent acceptances of one invitation, exactly one succeeds', async () => {
    const token = tokenOf(await invite('granja', { email: 'race@example.com', role: 'staff' }));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => accept('granja', { token, password: `${GOOD_PASSWORD}-${i}`, name: `racer ${i}` })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 410, 410, 410, 410, 410]);
    for (const r of results.filter((x) => x.statusCode === 410)) expect(r.json().details).toEqual({ reason: 'used' });
    const rows = await t.store.platform.all("SELECT id FROM users WHERE tenant_id = 'granja' AND email = 'race@example.com'");
    expect(rows).toHaveLength(1);
    expect(Number((await t.store.platform.get("SELECT count(*) AS n FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id WHERE u.email = 'race@example.com'"))?.n)).toBe(1);
    expect(await auditCount(t, 'granja', 'invite.accepted')).toBe(1);
  });

  it('expires after 7 days on the app\'s clock', async () => {
    const created = await invite('granja', { email: 'late@example.com', role: 'viewer' });
    const token = tokenOf(created);
    t.clock.advance(7 * DAY - 60_000);
    expect((await pending('granja')).total).toBe(1);
    t.clock.advance(60_000);
    expect((await pending('granja')).total).toBe(0);
    const r = await accept('granja', { token, password: GOOD_PASSWORD });
    expect({ status: r.statusCode, code: r.json().error, reason: r.json().details?.reason }).toEqual({ status: 410, code: 'invite_invalid', reason: 'expired' });
    expect(r.json().message).toMatch(/expired/);
    expect((await list(t, 'granja', '?q=late')).total).toBe(0);
    // An expired invitation no longer blocks a new one.
    expect((await invite('granja', { email: 'late@example.com', role: 'viewer' })).statusCode).toBe(201);
  });

  it('a revoked invitation stops working; revoking is audited once and an accepted one cannot be revoked', async () => {
    const created = await invite('granja', { email: 'revoked@example.com', role: 'staff' });
    const id = created.json().id;
    const del = await t.on('granja', { method: 'DELETE', url: `/api/v1/users/invites/${id}` });
    expect(del.statusCode).toBe(204);
    expect((await pending('granja')).total).toBe(0);
    const r = await accept('granja', { token: tokenOf(created), password: GOOD_PASSWORD });
    expect({ status: r.statusCode, reason: r.json().details?.reason }).toEqual({ status: 410, reason: 'revoked' });
    expect((await t.on('granja', { method: 'DELETE', url: `/api/v1/users/invites/${id}` })).statusCode).toBe(204);
    expect(await auditCount(t, 'granja', 'invite.revoked', id)).toBe(1);

    const used = await invite('granja', { email: 'used@example.com', role: 'staff' });
    expect((await accept('granja', { token: tokenOf(used), password: GOOD_PASSWORD })).statusCode).toBe(200);
    const late = await t.on('granja', { method: 'DELETE', url: `/api/v1/users/invites/${used.json().id}` });
    expect({ status: late.statusCode, code: late.json().error }).toEqual({ status: 409, code: 'invalid_state' });
  });

  it('another tenant\'s invitation is not found by id, and its token is unknown on this host', async () => {
    const theirs = await invite('cliente2', { email: 'theirs@example.com', role: 'owner' });
    const del = await t.on('granja', { method: 'DELETE', url: `/api/v1/users/invites/${theirs.json().id}` });
    expect(del.statusCode).toBe(404);
    expect((await t.on('granja', { method: 'DELETE', url: `/api/v1/users/invites/${UNKNOWN}` })).statusCode).toBe(404);
    const r = await accept('granja', { token: tokenOf(theirs), password: GOOD_PASSWORD });
    expect({ status: r.statusCode, reason: r.json().details?.reason }).toEqual({ status: 410, reason: 'unknown' });
    expect(Number((await t.store.platform.get("SELECT count(*) AS n FROM users WHERE email = 'theirs@example.com'"))?.n)).toBe(0);
    // Still pending on its own tenant, and it works there.
    expect((await pending('cliente2')).total).toBe(1);
    expect((await accept('cliente2', { token: tokenOf(theirs), password: GOOD_PASSWORD })).statusCode).toBe(200);
  });

  it('unknown or malformed tokens are refused without creating anything', async () => {
    const before = await userCount(t);
    for (const token of ['A'.repeat(43), 'short', 'granja.' + 'A'.repeat(43), ...METACHARS]) {
      const r = await accept('granja', { token, password: GOOD_PASSWORD });
      expect({ token, status: r.statusCode, reason: r.json().details?.reason }).toEqual({ token, status: 410, reason: 'unknown' });
    }
    for (const payload of [{ token: 'x'.repeat(201), password: GOOD_PASSWORD }, { password: GOOD_PASSWORD }, { token: 'x' }, { token: 'x', password: GOOD_PASSWORD, role: 'owner' }]) {
      const r = await accept('granja', payload);
      expect({ payload, status: r.statusCode }).toEqual({ payload, status: 400 });
    }
    expect(await userCount(t)).toBe(before);
  });

  it('a weak password is refused and leaves the invitation usable', async () => {
    const token = tokenOf(await invite('granja', { email: 'weak@example.com', role: 'viewer' }));
    for (const password of ['short', 'password123', 'weak@example.com-1234', 'aaaaaaaaaaaa']) {
      const r = await accept('granja', { token, password });
      expect({ password, status: r.statusCode, code: r.json().error }).toEqual({ password, status: 400, code: 'validation_error' });
    }
    expect((await pending('granja')).total).toBe(1);
    expect((await accept('granja', { token, password: GOOD_PASSWORD })).statusCode).toBe(200);
  });

  it('if the email became a user meanwhile, acceptance is a 409 and the invitation stays pending', async () => {
    const token = tokenOf(await invite('granja', { email: 'twice@example.com', role: 'viewer' }));
    await createUser(t.store.forTenant('granja'), { email: 'twice@example.com', role: 'staff', password: GOOD_PASSWORD });
    const r = await accept('granja', { token, password: GOOD_PASSWORD });
    expect({ status: r.statusCode, code: r.json().error }).toEqual({ status: 409, code: 'already_exists' });
    expect((await pending('granja')).total).toBe(1);
    expect(await auditCount(t, 'granja', 'invite.accepted')).toBe(0);
  });

  it('a cross-site acceptance from a browser is refused', async () => {
    const token = tokenOf(await invite('granja', { email: 'csrf@example.com', role: 'viewer' }));
    const r = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/auth/invites/accept',
      as: 'anonymous',
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: { token, password: GOOD_PASSWORD },
    });
    expect(r.statusCode).toBe(403);
    expect((await pending('granja')).total).toBe(1);
  });
});
