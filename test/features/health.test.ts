/**
 * Health: /healthz (alive) and /readyz (database reachable, migrations applied) on every host,
 * and a graceful close: in-flight requests finish, their work is stored, then the app stops.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { adminQuery, createTestDatabase, dropTestDatabase, openTestStore, TEST_BACKEND } from '../support/backend.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';

function post(port: number, host: string, url: string, headers: Record<string, string>, body: unknown) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: url, headers: { host, 'content-type': 'application/json', connection: 'close', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('/healthz and /readyz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answer on the apex, a tenant host and the admin host, without credentials', async () => {
    for (const host of ['localhost', 'granja.localhost', 'admin.localhost']) {
      const alive = await t.on(host, { method: 'GET', url: '/healthz', as: 'anonymous' });
      expect(alive.statusCode).toBe(200);
      expect(alive.json()).toEqual({ status: 'ok' });
      const ready = await t.on(host, { method: 'GET', url: '/readyz', as: 'anonymous' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', database: 'ok', pendingMigrations: [] });
    }
  });

  it('/readyz is 503 while a migration is pending, 200 again once it is recorded', async () => {
    // Forgetting a migration needs the schema's owner on PostgreSQL (the serving roles cannot).
    const url = TEST_BACKEND === 'postgres' ? await createTestDatabase() : null;
    const store = url ? await PostgresStore.open({ url, migrate: false, poolSize: 2 }) : await openTestStore();
    const asOwner = (sql: string, params: Array<string | number>) => (url ? adminQuery(url, sql, params) : store.platform.run(sql, params));
    const own = await createTestApp({ fixtures: false, store });
    try {
      const last = MIGRATIONS.at(-1)!;
      const row = await store.platform.get('SELECT name, applied_at FROM schema_migrations WHERE version = $1', [last.version]);
      await asOwner('DELETE FROM schema_migrations WHERE version = $1', [last.version]);
      const pending = await own.on('localhost', { method: 'GET', url: '/readyz', as: 'anonymous' });
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toEqual({ status: 'migrations_pending', database: 'ok', pendingMigrations: [last.version] });
      // /healthz only says the process is alive.
      expect((await own.on('localhost', '/healthz')).statusCode).toBe(200);
      await asOwner('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3::TIMESTAMPTZ)', [last.version, String(row!.name), String(row!.applied_at)]);
      expect((await own.on('localhost', '/readyz')).statusCode).toBe(200);
    } finally {
      await own.close();
      if (url) await dropTestDatabase(url);
    }
  });
});

describe('/readyz without a database', () => {
  it('is 503 "unreachable" once the database is gone, while /healthz stays 200', async () => {
    const t = await createTestApp({ fixtures: false });
    await t.store.close();
    const r = await t.on('localhost', { method: 'GET', url: '/readyz', as: 'anonymous' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ status: 'unavailable', database: 'unreachable', pendingMigrations: [] });
    expect((await t.on('localhost', '/healthz')).statusCode).toBe(200);
    await t.app.close();
  });
});

describe('graceful close', () => {
  it('finishes a request already being handled, stores its work, and only then completes', async () => {
    const t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    // Make the request's write wait inside its handler: hold DuckDB's single writer, or on
    // PostgreSQL a lock on the table it writes.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = t.store.platform.tx(async (tx) => {
      if (TEST_BACKEND === 'postgres') await tx.run('LOCK TABLE invites IN EXCLUSIVE MODE');
      locked();
      await gate;
    });
    await lockTaken;
    const parsed = new Promise((resolve) => t.app.server.once('request', resolve));
    const order: string[] = [];
    const inflight = post(port, `granja.localhost:${port}`, '/api/v1/users/invites', { authorization: `Bearer ${t.keys.granja!.owner}` }, { email: 'late@granja.test', role: 'viewer' }).then((r) => {
      order.push('answered');
      return r;
    });
    await parsed;
    const closing = t.app.close().then(() => order.push('closed'));
    release();
    await holding;
    const answer = await inflight;
    await closing;
    expect(answer.status, answer.body).toBe(201);
    expect(order).toEqual(['answered', 'closed']);
    expect(await t.store.platform.get("SELECT email FROM invites WHERE tenant_id = 'granja' AND email = 'late@granja.test'")).toEqual({ email: 'late@granja.test' });
    await t.store.close();
  });
});
