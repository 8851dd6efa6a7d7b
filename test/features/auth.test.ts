import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { FIXTURE_PASSWORD, emailOf } from '../support/principals.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const loginAs = (tenant: string, email: string, password: string, headers: Record<string, string> = {}) =>
  t.on(tenant, { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email, password }, headers });

const cookieOf = (r: { headers: Record<string, unknown> }) => {
  const set = r.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set);
};

describe('sign-in', () => {
  it('signs in with email and password and sets a host-only, HttpOnly, SameSite=Lax cookie', async () => {
    const r = await loginAs('granja', emailOf('granja', 'manager'), FIXTURE_PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ user: { email: 'manager@granja.test', role: 'manager' }, tenant: { id: 'granja' }, impersonation: null });
    const cookie = cookieOf(r);
    expect(cookie).toMatch(/^fluxion_session=granja\.[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const me = await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json()).toMatchObject({ kind: 'user', role: 'manager', user: { email: 'manager@granja.test' } });
  });

  it('uses the __Host- prefix and Secure over https', async () => {
    const s = await createTestApp({ config: { publicProtocol: 'https' } });
    try {
      const r = await s.on('granja', { method: 'POST', url: '/api/v1/auth/login', as: 'anonymous', payload: { email: emailOf('granja', 'viewer'), password: FIXTURE_PASSWORD } });
      const cookie = cookieOf(r);
      expect(cookie).toMatch(/^__Host-fluxion_session=/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await s.close();
    }
  });

  it('answers unknown users and wrong passwords with the same status and message', async () => {
    const wrong = await loginAs('granja', emailOf('granja', 'owner'), 'not-the-password-1');
    const unknown = await loginAs('granja', 'nobody@granja.test', 'not-the-password-1');
    const otherTenantsUser = await loginAs('granja', emailOf('cliente2', 'owner'), FIXTURE_PASSWORD);
    for (const r of [wrong, unknown, otherTenantsUser]) {
      expect(r.statusCode).toBe(401);
      expect({ error: r.json().error, message: r.json().message }).toEqual({ error: 'unauthenticated', message: 'Wrong email or password.' });
    }
  });

  it('issues a new token on every sign-in and never adopts one the client brings (no fixation)', async () => {
    const planted = 'granja.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const a = cookieOf(await loginAs('granja', emailOf('granja', 'staff'), FIXTURE_PASSWORD, { cookie: `fluxion_session=${planted}` }));
    const b = cookieOf(await loginAs('granja', emailOf('granja', 'staff'), FIXTURE_PASSWORD));
    const tokenA = a.split(';')[0]!.split('=')[1];
    const tokenB = b.split(';')[0]!.split('=')[1];
    expect(tokenA).not.toBe(planted);
    expect(tokenA).not.toBe(tokenB);
    const withPlanted = await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie: `fluxion_session=${planted}` } });
    expect(withPlanted.statusCode).toBe(401);
  });

  it('locks an account after 5 failures within 15 minutes, for 15 minutes, with Retry-After', async () => {
    const email = emailOf('granja', 'viewer');
    for (let i = 0; i < 4; i++) expect((await loginAs('granja', email, `wrong-password-${i}`)).statusCode).toBe(401);
    const fifth = await loginAs('granja', email, 'wrong-password-5');
    expect(fifth.statusCode).toBe(429);
    const locked = await loginAs('granja', email, FIXTURE_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    t.clock.advance(14 * 60_000);
    expect((await loginAs('granja', email, FIXTURE_PASSWORD)).statusCode).toBe(429);
    t.clock.advance(61_000);
    expect((await loginAs('granja', email, FIXTURE_PASSWORD)).statusCode).toBe(200);
    const audit = await t.store.forTenant('granja').all(
      "SELECT action FROM audit_log WHERE tenant_id = $1 AND action IN ('auth.login_failed', 'auth.lockout', 'auth.login') ORDER BY occurred_at, action",
    );
    expect(audit.filter((a) => a.action === 'auth.login_failed')).toHaveLength(5);
    expect(audit.filter((a) => a.action === 'auth.lockout')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'auth.login')).toHaveLength(1);
  });

  it('locks unknown accounts the same way, so lockout reveals nothing', async () => {
    for (let i = 0; i < 5; i++) await loginAs('granja', 'ghost@granja.test', `wrong-password-${i}`);
    expect((await loginAs('granja', 'ghost@granja.test', 'wrong-password-6')).statusCode).toBe(429);
  });

  it('failures spread over more than 15 minutes do not lock', async () => {
    const email = emailOf('granja', 'staff');
    for (let i = 0; i < 4; i++) await loginAs('granja', email, `wrong-password-${i}`);
    t.clock.advance(16 * 60_000);
    expect((await loginAs('granja', email, 'wrong-password-x')).statusCode).toBe(401);
    expect((await loginAs('granja', email, FIXTURE_PASSWORD)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('a granja cookie is never accepted by cliente2, on its host or through the api host', async () => {
    const cookie = await t.login('granja', 'owner');
    const own = await t.on('granja', { url: '/api/v1/inventory', headers: { cookie } });
    expect(own.statusCode).toBe(200);
    const other = await t.on('cliente2', { url: '/api/v1/inventory', headers: { cookie } });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('cliente2');
  });

  it('ends after the idle limit and after the absolute limit', async () => {
    const cookie = await t.login('granja', 'viewer');
    t.clock.advance((t.config.sessionIdleMinutes - 1) * 60_000);
    expect((await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advance(t.config.sessionIdleMinutes * 60_000 + 1000);
    expect((await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);

    const busy = await t.login('granja', 'viewer');
    const step = (t.config.sessionIdleMinutes - 5) * 60_000;
    let elapsed = 0;
    while (elapsed + step < t.config.sessionMaxHours * 3_600_000) {
      t.clock.advance(step);
      elapsed += step;
      expect((await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie: busy } })).statusCode).toBe(200);
    }
    t.clock.advance(step);
    expect((await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie: busy } })).statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const cookie = await t.login('cliente2', 'staff');
    const out = await t.on('cliente2', { method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.on('cliente2', { url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a password change revokes every session of the user and issues a new one', async () => {
    const first = await t.login('granja', 'manager');
    const second = await t.login('granja', 'manager');
    const change = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: first },
      payload: { current_password: FIXTURE_PASSWORD, new_password: 'a-brand-new-secret-77' },
    });
    expect(change.statusCode).toBe(200);
    const fresh = cookieOf(change).split(';')[0]!;
    for (const old of [first, second]) expect((await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie: old } })).statusCode).toBe(401);
    expect((await t.on('granja', { url: '/api/v1/auth/me', headers: { cookie: fresh } })).statusCode).toBe(200);
    expect((await loginAs('granja', emailOf('granja', 'manager'), 'a-brand-new-secret-77')).statusCode).toBe(200);
  });

  it('refuses weak and common new passwords', async () => {
    const cookie = await t.login('granja', 'owner');
    for (const weak of ['short', 'password123', 'qwertyuiop', 'aaaaaaaaaaaa']) {
      const r = await t.on('granja', { method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload: { current_password: FIXTURE_PASSWORD, new_password: weak } });
      expect({ weak, status: r.statusCode }).toEqual({ weak, status: 400 });
    }
  });
});

describe('credentials and tenants', () => {
  it('no credentials is 401; a role without the permission is 403', async () => {
    expect((await t.on('granja', { url: '/api/v1/inventory', as: 'anonymous' })).statusCode).toBe(401);
    const viewerWrite = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      as: 'viewer',
      payload: { store_id: '00000000-0000-4000-8110-000000000001', product_id: '00000000-0000-4000-8130-000000000001', delta: -1, reason: 'damage' },
    });
    expect(viewerWrite.statusCode).toBe(403);
    expect(viewerWrite.json().error).toBe('forbidden');
  });

  it("another tenant's API key is 404 on the host and through X-Tenant-ID", async () => {
    const key = `Bearer ${t.keys.granja!.owner}`;
    const viaHost = await t.on('cliente2', { url: '/api/v1/products', headers: { authorization: key } });
    const viaHeader = await t.on('api.localhost', { url: '/api/v1/products', headers: { authorization: key, 'x-tenant-id': 'cliente2' } });
    for (const r of [viaHost, viaHeader]) {
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toMatch(/Wood screw|hammer/i);
    }
    const own = await t.on('api.localhost', { url: '/api/v1/products', headers: { authorization: key, 'x-tenant-id': 'granja' } });
    expect(own.statusCode).toBe(200);
  });

  it('a malformed or unknown key is 401', async () => {
    for (const authorization of ['Bearer nope', 'Basic abc', `Bearer flx.granja.${'x'.repeat(43)}`]) {
      expect((await t.on('granja', { url: '/api/v1/products', headers: { authorization } })).statusCode).toBe(401);
    }
  });
});

describe('CSRF and headers', () => {
  it('refuses cross-site state changes made with a session cookie', async () => {
    const cookie = await t.login('granja', 'owner');
    const payload = { store_id: '00000000-0000-4000-8110-000000000001', product_id: '00000000-0000-4000-8130-000000000001', delta: 1, reason: 'correction' };
    const cross = await t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments', headers: { cookie, origin: 'http://evil.example' }, payload });
    expect(cross.statusCode).toBe(403);
    const site = await t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments', headers: { cookie, 'sec-fetch-site': 'cross-site' }, payload });
    expect(site.statusCode).toBe(403);
    const sibling = await t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments', headers: { cookie, origin: 'http://cliente2.localhost' }, payload });
    expect(sibling.statusCode).toBe(403);
    const form = await t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments', headers: { cookie, 'content-type': 'text/plain' }, payload: JSON.stringify(payload) });
    expect(form.statusCode).toBe(415);
    const same = await t.on('granja', { method: 'POST', url: '/api/v1/inventory/adjustments', headers: { cookie, origin: 'http://granja.localhost', 'sec-fetch-site': 'same-origin' }, payload });
    expect(same.statusCode).toBe(201);
    const movements = await t.store.forTenant('granja').all("SELECT count(*) AS n FROM inventory_movements WHERE tenant_id = $1 AND reason = 'correction'");
    expect(movements[0]!.n).toBe(1);
  });

  it('sends a CSP and the usual security headers', async () => {
    const r = await t.on('granja', '/api/v1/tenant');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('allows CORS only for tenant origins on the api host', async () => {
    const pre = (host: string, origin: string) =>
      t.on(host, { method: 'OPTIONS', url: '/api/v1/inventory', as: 'anonymous', headers: { origin, 'access-control-request-method': 'GET' } });
    expect((await pre('api.localhost', 'http://granja.localhost:3000')).headers['access-control-allow-origin']).toBe('http://granja.localhost:3000');
    expect((await pre('api.localhost', 'http://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await pre('api.localhost', 'http://nope.localhost')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await pre('granja.localhost', 'http://cliente2.localhost')).headers['access-control-allow-origin']).toBeUndefined();
  });
});
