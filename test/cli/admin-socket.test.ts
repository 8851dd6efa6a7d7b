import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/errors.js';
import { adminSocketPath, ADMIN_PROTOCOL_VERSION, type AdminStatus } from '../../src/server/admin-socket/protocol.js';
import { AdminSocketInUseError, prepareSocketPath, startAdminSocket, type AdminSocket } from '../../src/server/admin-socket/server.js';
import { runInServer, serverStatus } from '../../src/server/admin-socket/client.js';
import { removeDir, tempDataDir } from './support.js';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

const status = (dir: string): AdminStatus => ({
  protocol: ADMIN_PROTOCOL_VERSION,
  pid: process.pid,
  version: 'test',
  startedAt: new Date(0).toISOString(),
  ready: true,
  dataDir: dir,
  database: path.join(dir, 'fluxion.duckdb'),
});

/** What a crashed server leaves: a socket file nobody listens on. */
async function staleSocket(file: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(file)}, () => process.kill(process.pid, 'SIGKILL'))`]);
  await new Promise((resolve) => child.once('exit', resolve));
  expect(fs.lstatSync(file).isSocket()).toBe(true);
}

function raw(socketPath: string, method: string, url: string, body?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: url, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

describe('admin socket', () => {
  let dir: string;
  let sock: string;
  let admin: AdminSocket | undefined;
  const calls: Array<[string, unknown]> = [];

  beforeEach(() => {
    dir = tempDataDir();
    sock = adminSocketPath(dir);
    calls.length = 0;
  });
  afterEach(async () => {
    await admin?.close();
    admin = undefined;
    removeDir(dir);
  });

  const start = async () => {
    admin = await startAdminSocket(
      sock,
      {
        status: () => status(dir),
        run: async (command, args) => {
          calls.push([command, args]);
          if (command === 'refuse') throw new AppError('tenant_not_found', "Tenant 'x' does not exist.");
          if (command === 'crash') throw new Error('disk on fire');
          return { echoed: args };
        },
      },
      log,
    );
    return admin;
  };

  it('lives at <dataDir>/fluxion.sock, readable and writable by its owner only', async () => {
    await start();
    expect(sock).toBe(path.join(dir, 'fluxion.sock'));
    const st = fs.lstatSync(sock);
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
  });

  it('answers status and runs commands, passing AppErrors through with their code', async () => {
    await start();
    expect(await serverStatus(sock)).toEqual({ kind: 'answered', value: status(dir) });
    expect(await runInServer(sock, 'tenant.list', { a: 1 }, 5000)).toEqual({ kind: 'answered', value: { echoed: { a: 1 } } });
    await expect(runInServer(sock, 'refuse', {}, 5000)).rejects.toMatchObject({ code: 'tenant_not_found', message: "Tenant 'x' does not exist." });
    await expect(runInServer(sock, 'crash', {}, 5000)).rejects.toMatchObject({ code: 'internal_error', message: expect.stringContaining('disk on fire') });
    expect(calls.map((c) => c[0])).toEqual(['tenant.list', 'refuse', 'crash']);
  });

  it('refuses malformed requests with clear errors and runs nothing', async () => {
    await start();
    expect(await raw(sock, 'POST', '/cli', '{not json')).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_json' } } });
    expect(await raw(sock, 'POST', '/cli', '{"args":{}}')).toMatchObject({ status: 400, body: { ok: false, error: { code: 'bad_request' } } });
    expect(await raw(sock, 'GET', '/cli')).toMatchObject({ status: 404, body: { ok: false, error: { code: 'not_found' } } });
    // Too big: a 413, or the connection cut while the client is still sending; never buffered or run.
    const big = await raw(sock, 'POST', '/cli', JSON.stringify({ command: 'x', args: 'y'.repeat(256 * 1024) })).catch((err: NodeJS.ErrnoException) => err.code);
    expect(big === 'ECONNRESET' || big === 'EPIPE' || (typeof big === 'object' && big.status === 413)).toBe(true);
    expect(calls).toEqual([]);
    expect((await serverStatus(sock)).kind).toBe('answered');
  });

  it('removes its socket file on close', async () => {
    const a = await start();
    await a.close();
    admin = undefined;
    expect(fs.existsSync(sock)).toBe(false);
    expect(await serverStatus(sock)).toEqual({ kind: 'no_server' });
  });

  it('replaces a stale socket left by a crashed server', async () => {
    await staleSocket(sock);
    expect(await serverStatus(sock)).toEqual({ kind: 'no_server' });
    await start();
    expect((await serverStatus(sock)).kind).toBe('answered');
  });

  it('refuses to take over a live socket or delete a file that is not a socket', async () => {
    await start();
    await expect(prepareSocketPath(sock)).rejects.toBeInstanceOf(AdminSocketInUseError);
    await admin!.close();
    admin = undefined;
    fs.writeFileSync(sock, 'precious');
    await expect(prepareSocketPath(sock)).rejects.toThrow(/not a socket/);
    expect(fs.readFileSync(sock, 'utf8')).toBe('precious');
  });

  it('reports no server when there is no socket at all', async () => {
    expect(await serverStatus(sock)).toEqual({ kind: 'no_server' });
    expect(await runInServer(sock, 'tenant.list', {}, 1000)).toEqual({ kind: 'no_server' });
  });
});
