/**
 * Two separate `fluxion serve` processes on one PostgreSQL database and one Redis, with tenant
 * lookups cached for an hour: a change made through one is seen by the other within 1 s (the
 * guarantee REDIS_URL gives). Without REDIS_URL the other process would serve its cached entry
 * until the TTL (FLUXION_TENANT_CACHE_SECONDS) ran out: tenant-invalidation.test.ts shows that.
 *
 * FLUXION_REPORT_TIMINGS=1 prints the propagation times measured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, startServerProcess, tempDataDir, type ServerProcess } from '../cli/support.js';
import { createFixtureDatabase, median, pollUntil, REDIS_URL, request, type TestDatabase } from './support.js';

const SLOW = 120_000;
const PROPAGATION_DEADLINE_MS = 1000;

describe('two server processes sharing Redis', () => {
  let db: TestDatabase;
  let dirs: string[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  const env = () => ({ DATABASE_URL: db.url, REDIS_URL, FLUXION_TENANT_CACHE_SECONDS: '3600' });

  beforeAll(async () => {
    db = await createFixtureDatabase();
    dirs = [tempDataDir(), tempDataDir()];
    [a, b] = await Promise.all([startServerProcess({ dataDir: dirs[0]!, env: env() }), startServerProcess({ dataDir: dirs[1]!, env: env() })]);
  }, SLOW);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const dir of dirs) removeDir(dir);
    await db?.drop();
  });

  const branding = async (server: ServerProcess, tenant: string) => (await request(server.port, { host: `${tenant}.localhost`, path: '/api/v1/tenant' })).body as { name: string; status: string };

  it('say in their banners that they share state through Redis', () => {
    for (const s of [a, b]) expect(s.stdout()).toContain('Shared state: Redis at redis://127.0.0.1:6379');
    expect(a.port).not.toBe(b.port);
  });

  it('a settings change through A is seen by B within 1 s, every time', { timeout: SLOW }, async () => {
    const times: number[] = [];
    expect((await branding(b, 'granja')).name).toBe('La Granja Mercado'); // now cached by B for an hour
    for (let i = 1; i <= 20; i++) {
      const name = `La Granja ${i}`;
      const r = await request(a.port, { method: 'PATCH', host: 'granja.localhost', path: '/api/v1/tenant/settings', headers: { authorization: `Bearer ${db.granjaOwnerKey}` }, body: { name } });
      expect(r.status).toBe(200);
      const answered = performance.now();
      await pollUntil(async () => ((await branding(b, 'granja')).name === name ? true : undefined), PROPAGATION_DEADLINE_MS, `B shows '${name}'`, 2);
      times.push(performance.now() - answered);
    }
    if (process.env.FLUXION_REPORT_TIMINGS) {
      process.stdout.write(`A→B propagation over ${times.length} changes: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms\n`);
    }
  });

  it('`fluxion tenant suspend` run through A\'s admin socket is seen by B within 1 s', { timeout: SLOW }, async () => {
    expect((await branding(b, 'cliente2')).status).toBe('active');
    const cli = (command: string) => runCli(['tenant', command, 'cliente2'], { dataDir: dirs[0]!, env: env() });
    const suspended = await cli('suspend');
    expect(suspended.code).toBe(0);
    expect(suspended.stderr).toContain(`pid ${a.child.pid}`); // done inside A
    await pollUntil(async () => ((await branding(b, 'cliente2')).status === 'suspended' ? true : undefined), PROPAGATION_DEADLINE_MS, 'B sees the suspension');
    const products = await request(b.port, { host: 'cliente2.localhost', path: '/api/v1/products' });
    expect(products.status).toBe(403);

    expect((await cli('activate')).code).toBe(0);
    await pollUntil(async () => ((await branding(b, 'cliente2')).status === 'active' ? true : undefined), PROPAGATION_DEADLINE_MS, 'B sees the activation');
  });

  it('`fluxion tenant suspend` run on a machine with no server (straight to PostgreSQL) is seen by B within 1 s', { timeout: SLOW }, async () => {
    const elsewhere = tempDataDir();
    dirs.push(elsewhere);
    expect((await branding(b, 'cliente2')).status).toBe('active');
    const cli = (command: string) => runCli(['tenant', command, 'cliente2'], { dataDir: elsewhere, env: env() });
    const suspended = await cli('suspend');
    expect(suspended.code).toBe(0);
    expect(suspended.stderr).not.toContain('pid'); // not through a server's admin socket
    await pollUntil(async () => ((await branding(b, 'cliente2')).status === 'suspended' ? true : undefined), PROPAGATION_DEADLINE_MS, 'B sees the suspension');
    expect((await cli('activate')).code).toBe(0);
    await pollUntil(async () => ((await branding(b, 'cliente2')).status === 'active' ? true : undefined), PROPAGATION_DEADLINE_MS, 'B sees the activation');
  });
});
