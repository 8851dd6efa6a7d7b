/**
 * `fluxion serve --workers N`: on PostgreSQL a primary and N workers sharing the port (no Redis
 * here: tenant changes travel between workers through the primary); on DuckDB a clear refusal.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSocketPath } from '../../src/server/admin-socket/protocol.js';
import { removeDir, runCli, startServerProcess, tempDataDir, type ServerProcess } from '../cli/support.js';
import { createFixtureDatabase, pollUntil, request, type TestDatabase } from './support.js';

const SLOW = 120_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('fluxion serve --workers 2 on PostgreSQL', () => {
  let db: TestDatabase;
  let dir: string;
  let server: ServerProcess;
  let workerPids: number[] = [];
  const env = () => ({ DATABASE_URL: db.url, FLUXION_TENANT_CACHE_SECONDS: '3600' });

  beforeAll(async () => {
    db = await createFixtureDatabase();
    dir = tempDataDir();
    server = await startServerProcess({ dataDir: dir, args: ['serve', '--workers', '2'], env: env() });
    const m = /^Workers: 2 \(pids (\d+), (\d+)\)$/m.exec(server.stdout());
    workerPids = m ? [Number(m[1]), Number(m[2])] : [];
  }, SLOW);
  afterAll(async () => {
    await server?.stop();
    removeDir(dir);
    await db?.drop();
  });

  /** Ask on new connections until every worker has answered `want` (the cluster hands connections out in turn). */
  async function untilEveryWorker(tenant: string, want: (body: any) => boolean, deadlineMs: number): Promise<Set<string>> {
    const answered = new Set<string>();
    await pollUntil(
      async () => {
        const r = await request(server.port, { host: `${tenant}.localhost`, path: '/api/v1/tenant' });
        const worker = r.headers['x-fluxion-worker'];
        if (typeof worker === 'string' && want(r.body)) answered.add(worker);
        return answered.size === 2 ? answered : undefined;
      },
      deadlineMs,
      `both workers answer as expected for ${tenant}`,
      1,
    );
    return answered;
  }

  it('prints the banner once, from the primary, naming both workers', () => {
    const out = server.stdout();
    expect(out.match(/listening on http:/g)).toHaveLength(1);
    expect(out).toContain(`(pid ${server.child.pid})`);
    expect(workerPids).toHaveLength(2);
    expect(workerPids).not.toContain(server.child.pid);
    expect(out).toContain('Shared state: in-process, relayed between workers by the primary (no REDIS_URL)');
  });

  it('answers requests from both workers on one port', { timeout: SLOW }, async () => {
    const workers = new Map<string, number>();
    for (let i = 0; i < 10; i++) {
      const r = await request(server.port, { host: 'granja.localhost', path: '/api/v1/tenant' });
      expect(r.status).toBe(200);
      expect(r.body.name).toBe('La Granja Mercado');
      const w = String(r.headers['x-fluxion-worker']);
      workers.set(w, (workers.get(w) ?? 0) + 1);
    }
    expect([...workers.keys()].sort()).toEqual(['1', '2']);
  });

  it('runs `fluxion tenant …` in the primary, and every worker sees the change within 1 s', { timeout: SLOW }, async () => {
    const status = await runCli(['status', '--json'], { dataDir: dir, env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, ready: true, pid: server.child.pid });

    await untilEveryWorker('cliente2', (b) => b.status === 'active', 5000); // both have it cached now
    const suspended = await runCli(['tenant', 'suspend', 'cliente2'], { dataDir: dir, env: env() });
    expect(suspended.code).toBe(0);
    expect(suspended.stderr).toContain(`pid ${server.child.pid}`);
    await untilEveryWorker('cliente2', (b) => b.status === 'suspended', 1000);
    expect((await runCli(['tenant', 'activate', 'cliente2'], { dataDir: dir, env: env() })).code).toBe(0);
    await untilEveryWorker('cliente2', (b) => b.status === 'active', 1000);
  });

  it('passes a change made in one worker to the other within 1 s', { timeout: SLOW }, async () => {
    await untilEveryWorker('granja', (b) => b.name === 'La Granja Mercado', 5000);
    const r = await request(server.port, {
      method: 'PATCH',
      host: 'granja.localhost',
      path: '/api/v1/tenant/settings',
      headers: { authorization: `Bearer ${db.granjaOwnerKey}` },
      body: { name: 'Granja de los workers' },
    });
    expect(r.status).toBe(200);
    await untilEveryWorker('granja', (b) => b.name === 'Granja de los workers', 1000);
  });

  it('restarts a worker that dies', { timeout: SLOW }, async () => {
    const victim = workerPids[1]!;
    process.kill(victim, 'SIGKILL');
    const restarted = await pollUntil(
      () => /^Worker (\d) restarted \(pid (\d+)\)\.$/m.exec(server.stdout()) ?? undefined,
      20_000,
      'the restart',
      20,
    );
    expect(server.stdout()).toMatch(new RegExp(`^Worker ${restarted[1]} \\(pid ${victim}\\) stopped unexpectedly \\(signal SIGKILL\\); restarting it in 0.5 s\\.$`, 'm'));
    const fresh = Number(restarted[2]);
    expect(fresh).not.toBe(victim);
    workerPids[1] = fresh;
    await untilEveryWorker('granja', (b) => b.status === 'active', 10_000);
  });

  it('stops every worker and itself on SIGTERM', { timeout: SLOW }, async () => {
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(server.stdout()).toContain('SIGTERM received: stopping 2 workers');
    expect(server.stdout()).toContain('Fluxion stopped.');
    for (const pid of workerPids) expect(alive(pid)).toBe(false);
    expect(fs.existsSync(adminSocketPath(dir))).toBe(false);
  });
});

describe('fluxion serve --workers, refused', () => {
  it('on DuckDB, with exit code 2 and the reason', { timeout: SLOW }, async () => {
    const dir = tempDataDir();
    try {
      const r = await runCli(['serve', '--workers', '2'], { dataDir: dir, env: { DATABASE_URL: undefined, PORT: '0' } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(
        'Error: --workers 2 needs PostgreSQL: a DuckDB database file can be written by one process only, so workers cannot share it. ' +
          'Set DATABASE_URL=postgres://… to serve with several workers, or leave out --workers.',
      );
      expect(fs.readdirSync(dir)).toEqual([]); // nothing opened or created
    } finally {
      removeDir(dir);
    }
  });

  it('for a count that is not a whole number from 1 to 64', { timeout: SLOW }, async () => {
    const dir = tempDataDir();
    try {
      for (const n of ['0', '65', '1.5', 'two']) {
        const r = await runCli(['start', '--workers', n], { dataDir: dir });
        expect({ n, code: r.code }).toEqual({ n, code: 2 });
        expect(r.stderr).toContain(`option '-w, --workers <n>' argument '${n}' is invalid. expected a whole number of worker processes from 1 to 64.`);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });
});
