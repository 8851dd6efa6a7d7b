/**
 * The server as a child process on a free port with its own data directory, and the CLI talking
 * to it through the admin socket while it holds the database.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSocketPath } from '../../src/server/admin-socket/protocol.js';
import { httpGet, removeDir, runCli, startServerProcess, tempDataDir, type ServerProcess } from './support.js';

const SLOW = 180_000;

describe('fluxion serve', () => {
  let dir: string;
  let server: ServerProcess;
  const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { dataDir: dir, env });

  beforeAll(async () => {
    dir = tempDataDir();
    server = await startServerProcess({ dataDir: dir });
  }, SLOW);
  afterAll(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('prints where it listens and the URLs to open', () => {
    const out = server.stdout();
    expect(out).toMatch(new RegExp(`listening on http://\\S+:${server.port} \\(pid ${server.child.pid}\\)`));
    expect(out).toContain(`http://admin.localhost:${server.port}`);
    expect(out).toContain(`http://localhost:${server.port}/docs`);
    expect(out).toContain('No tenants yet'); // `serve` never loads demo data by itself
  });

  it('listens on a socket only its owner can use', () => {
    const st = fs.lstatSync(adminSocketPath(dir));
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
  });

  it('runs `tenant create` and `tenant list` from the CLI while it holds the database, live at once', { timeout: SLOW }, async () => {
    const before = await httpGet(server.port, 'acme.localhost', '/api/v1/tenant');
    expect(before.status).toBe(404); // and now cached as unknown

    const created = await cli(['tenant', 'create', 'acme', '--name', 'Acme C.A.', '--currency', 'VES']);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`It is live at http://acme.localhost:${server.port}`);
    expect(created.stderr).toContain(`done by the Fluxion server running on this data directory, pid ${server.child.pid}`);

    const after = await httpGet(server.port, 'acme.localhost', '/api/v1/tenant');
    expect(after).toMatchObject({ status: 200, body: { id: 'acme', name: 'Acme C.A.', status: 'active', currency: 'VES' } });

    const list = await cli(['tenant', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^acme\s+Acme C\.A\.\s+active/m);
    expect(list.stderr).toContain('done by the Fluxion server');
  });

  it('suspends through the socket and the next request sees it', { timeout: SLOW }, async () => {
    const r = await cli(['tenant', 'suspend', 'acme']);
    expect(r.code).toBe(0);
    expect((await httpGet(server.port, 'acme.localhost', '/api/v1/tenant')).body).toMatchObject({ status: 'suspended' });
    expect((await cli(['tenant', 'activate', 'acme'])).code).toBe(0);
    expect((await httpGet(server.port, 'acme.localhost', '/api/v1/tenant')).body).toMatchObject({ status: 'active' });
  });

  it('passes refusals through the socket with the same messages', { timeout: SLOW }, async () => {
    const unknown = await cli(['tenant', 'show', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Error: Tenant 'nope' does not exist. See `fluxion tenant list`.");
    const dup = await cli(['tenant', 'create', 'acme', '--name', 'Again']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("Tenant 'acme' already exists.");
  });

  it('refuses `demo --force` while running, saying to stop the server first', { timeout: SLOW }, async () => {
    const r = await cli(['demo', '--force', '--scale', 'small']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`A Fluxion server is running on this data directory (pid ${server.child.pid})`);
    expect(r.stderr).toContain('stop the server first');
  });

  it('reports itself to `fluxion status`', { timeout: SLOW }, async () => {
    const r = await cli(['status', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ running: true, ready: true, pid: server.child.pid, dataDir: dir });
  });

  it('refuses a second server on the same data directory', { timeout: SLOW }, async () => {
    const r = await cli(['serve'], { PORT: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`A Fluxion server is already running on ${dir} (pid ${server.child.pid}`);
  });

  it('stops on SIGTERM with exit code 0, removing its socket and releasing the database', { timeout: SLOW }, async () => {
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(server.stdout()).toContain('SIGTERM received');
    expect(fs.existsSync(adminSocketPath(dir))).toBe(false);
    // The CLI now opens the file itself, and what was done through the server is there.
    const list = await cli(['tenant', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^acme\s+Acme C\.A\.\s+active/m);
    expect(list.stderr).toBe('');
    const status = await cli(['status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`No Fluxion server is running on ${dir}`);
  });
});

describe('fluxion serve with bad configuration', () => {
  it('exits 2 with a message naming PORT', { timeout: SLOW }, async () => {
    const dir = tempDataDir();
    try {
      const r = await runCli(['serve'], { dataDir: dir, env: { PORT: 'abc' } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe("Error: invalid configuration: PORT: expected a whole number, got 'abc'. (fluxion --help lists the variables.)");
      expect(fs.readdirSync(dir)).toEqual([]); // nothing opened or created
    } finally {
      removeDir(dir);
    }
  });
});
