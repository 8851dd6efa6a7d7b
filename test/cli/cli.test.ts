/** `fluxion` end to end: the real entry point as a child process against a temporary data directory. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/store.js';
import { databaseFile } from '../../src/store/open.js';
import { ROOT, removeDir, runCli, tempDataDir } from './support.js';

// Each command is a fresh Node process compiling TypeScript through tsx: seconds on a busy machine.
const SLOW = 180_000;

describe('fluxion CLI', () => {
  let dir: string;
  const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { dataDir: dir, env });

  beforeAll(() => {
    dir = tempDataDir();
  });
  afterAll(() => removeDir(dir));

  it('has friendly help for every command, with examples and the environment variables', { timeout: SLOW }, async () => {
    const [top, create, demo, serve, tenant] = await Promise.all([
      cli(['--help']),
      cli(['tenant', 'create', '--help']),
      cli(['demo', '--help']),
      cli(['serve', '--help']),
      cli(['tenant', '--help']),
    ]);
    for (const r of [top, create, demo, serve, tenant]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Example');
    }
    for (const c of ['start', 'serve', 'migrate', 'tenant', 'demo']) expect(top.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    for (const v of ['PORT', 'FLUXION_BASE_DOMAIN', 'FLUXION_DATA_DIR', 'LOG_LEVEL']) expect(top.stdout).toContain(v);
    for (const o of ['--name', '--plan', '--currency', '--timezone', '--locale', '--features', '--primary-color', '--secondary-color']) {
      expect(create.stdout).toContain(o);
    }
    expect(demo.stdout).toContain('--force');
    expect(demo.stdout).toContain('--scale');
    expect(serve.stdout).toContain('--demo');
    expect(serve.stdout).toContain('--port');
    for (const c of ['create', 'list', 'show', 'suspend', 'activate']) expect(tenant.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it('says there is no database yet instead of creating one for a read', { timeout: SLOW }, async () => {
    const r = await cli(['tenant', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`There is no Fluxion database in ${dir}`);
  });

  it('migrate applies the migrations and reports them, then reports nothing to do', { timeout: SLOW }, async () => {
    const first = await cli(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Database: ${databaseFile(dir)}`);
    expect(first.stdout).toContain('Applied migration 1 (core).');
    const second = await cli(['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Schema is up to date \(version \d+\); nothing to apply\./);
  });

  it('creates and lists tenants', { timeout: SLOW }, async () => {
    const created = await cli([
      'tenant', 'create', 'acme', '--name', 'Acme C.A.', '--plan', 'premium', '--currency', 'ves', '--timezone', 'America/Caracas',
      '--locale', 'es-VE', '--features', 'inventory,sales,forecasting', '--primary-color', '#10b981', '--secondary-color', '#059669',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Created tenant 'acme' (Acme C.A.): plan premium, VES, America/Caracas.");
    expect(created.stdout).toContain('It is live at http://acme.localhost:3000');

    expect((await cli(['tenant', 'create', 'beta', '--name', 'Beta'])).code).toBe(0);

    const list = await cli(['tenant', 'list']);
    expect(list.code).toBe(0);
    const rows = list.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^ID\s+NAME\s+STATUS\s+PLAN\s+CURRENCY\s+CREATED\s+URL$/);
    expect(rows[1]).toMatch(/^acme\s+Acme C\.A\.\s+active\s+premium\s+VES\s/);
    expect(rows[2]).toMatch(/^beta\s+Beta\s+active\s+standard\s+USD\s/);
    expect(list.stdout).toContain('2 tenants.');
  });

  it('shows, suspends and activates a tenant', { timeout: SLOW }, async () => {
    const show = await cli(['tenant', 'show', 'acme']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Features\s+inventory, sales, forecasting/);
    expect(show.stdout).toMatch(/Colours\s+#10b981 \/ #059669/);
    expect(show.stdout).toMatch(/Sales lines\s+0/);

    const suspended = await cli(['tenant', 'suspend', 'acme']);
    expect(suspended.code).toBe(0);
    expect(suspended.stdout).toContain("Suspended tenant 'acme'");
    expect((await cli(['tenant', 'suspend', 'acme'])).stdout).toContain('was already suspended');
    expect((await cli(['tenant', 'show', 'acme'])).stdout).toMatch(/Status\s+suspended/);
    const activated = await cli(['tenant', 'activate', 'acme']);
    expect(activated.code).toBe(0);
    expect(activated.stdout).toContain("Activated tenant 'acme'");
  });

  it('updates only the settings given, and prints JSON with --json', { timeout: SLOW }, async () => {
    const updated = await cli(['tenant', 'update', 'beta', '--plan', 'free', '--features', 'inventory', '--logo-url', '/logos/beta.png']);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/Plan\s+free/);
    expect(updated.stdout).toMatch(/Features\s+inventory\n/);
    expect(updated.stdout).toMatch(/Logo\s+\/logos\/beta\.png/);
    expect(updated.stdout).toMatch(/Currency\s+USD/);

    const json = await cli(['tenant', 'list', '--json']);
    expect(JSON.parse(json.stdout).tenants.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([['acme', 'active'], ['beta', 'active']]);
  });

  it('refuses bad input with one clear line and exit 1, or exit 2 for a bad command line', { timeout: SLOW }, async () => {
    // Refused before the database is opened: these may run side by side.
    const early: Array<[string[], number, RegExp]> = [
      [['tenant', 'create', 'admin', '--name', 'X'], 1, /'admin' is not a valid tenant id: it is a reserved name/],
      [['tenant', 'create', 'Bad_Id', '--name', 'X'], 1, /'Bad_Id' is not a valid tenant id/],
      [['tenant', 'create', 'gamma'], 2, /required option '--name <name>' not specified/],
      [['tenant', 'create', 'gamma', '--name', 'G', '--plan', 'gold'], 2, /Allowed choices are free, standard, premium/],
      [['serve', '--port', 'http'], 2, /expected a port number/],
      [['frobnicate'], 2, /unknown command 'frobnicate'/],
    ];
    // Refused by the service, one at a time (each opens the database).
    const late: Array<[string[], number, RegExp]> = [
      [['tenant', 'create', 'acme', '--name', 'Again'], 1, /Tenant 'acme' already exists/],
      [['tenant', 'create', 'gamma', '--name', 'G', '--primary-color', 'green', '--timezone', 'Nowhere/Land'], 1, /primaryColor must be a hex colour/],
      [['tenant', 'create', 'gamma', '--name', 'G', '--timezone', 'Nowhere/Land'], 1, /timezone 'Nowhere\/Land' is not a known IANA time zone/],
    ];
    const results = await Promise.all(early.map(([args]) => cli(args)));
    for (const [args] of late) results.push(await cli(args));
    [...early, ...late].forEach(([args, code, message], i) => {
      const r = results[i]!;
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
    expect((await cli(['tenant', 'list'])).stdout).not.toContain('gamma');
  });

  it('names an unknown tenant and exits 1', { timeout: SLOW }, async () => {
    for (const c of ['show', 'suspend']) {
      const r = await cli(['tenant', c, 'nope']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe("Error: Tenant 'nope' does not exist. See `fluxion tenant list`.");
    }
  });

  it('stops with exit 2 and a line naming the variable on bad configuration', { timeout: SLOW }, async () => {
    const [port, level, domain] = await Promise.all([
      cli(['tenant', 'list'], { PORT: 'abc' }),
      cli(['tenant', 'list'], { LOG_LEVEL: 'loud' }),
      cli(['serve'], { FLUXION_BASE_DOMAIN: 'not a domain' }),
    ]);
    expect(port.code).toBe(2);
    expect(port.stderr.trim()).toBe("Error: invalid configuration: PORT: expected a whole number, got 'abc'. (fluxion --help lists the variables.)");
    expect(level.code).toBe(2);
    expect(level.stderr).toContain('LOG_LEVEL');
    expect(domain.code).toBe(2);
    expect(domain.stderr).toContain('FLUXION_BASE_DOMAIN');
  });

  it('explains a database held by another process instead of showing a lock error', { timeout: SLOW }, async () => {
    // This test process holds the file, as a server without a reachable socket would.
    const holder = await DuckDbStore.open({ file: databaseFile(dir) });
    try {
      const r = await cli(['tenant', 'create', 'delta', '--name', 'D']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The database ${databaseFile(dir)} is in use by another process (pid ${process.pid}`);
      expect(r.stderr).toContain('Stop it, or run this command on the machine where the server runs');
      expect(r.stderr).not.toMatch(/IO Error|Could not set lock/);
    } finally {
      await holder.close();
    }
    expect((await cli(['tenant', 'list'])).stdout).not.toContain('delta');
  });

  it('runs through bin/fluxion.js, the npx entry point', { timeout: SLOW }, async () => {
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/fluxion.js'), '--version'], { cwd: ROOT });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.once('close', (code) => resolve({ code, out }));
    });
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
