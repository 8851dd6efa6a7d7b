import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testConfig, type Config } from '../../src/server/config.js';
import { DemoLoadError, demoDecision, startServer, type RunningServer } from '../../src/server/main.js';
import { adminSocketPath } from '../../src/server/admin-socket/protocol.js';
import { runInServer, serverStatus } from '../../src/server/admin-socket/client.js';
import { insertTenant } from '../../src/server/features/tenants/repository.js';
import { DEFAULT_SETTINGS } from '../../src/server/features/tenants/schema.js';
import { databaseFile, openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { loadFixtures } from '../support/fixtures.js';
import { removeDir, tempDataDir } from './support.js';

// The real generator is another part's work; here it is a stand-in that records how it was called.
const demo = vi.hoisted(() => ({ calls: [] as Array<{ scale: string; force: boolean | undefined }>, fail: false }));
vi.mock('../../src/demo/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/demo/index.js')>();
  return {
    ...real,
    loadDemo: async (store: Store, options: { scale: string; force?: boolean; onProgress?: (p: string, f: number) => void }) => {
      demo.calls.push({ scale: options.scale, force: options.force });
      if (demo.fail) throw new Error('generator exploded');
      options.onProgress?.('tenants', 0.5);
      await insertTenant(store.platform, { id: 'granja', name: 'La Granja Mercado', plan: 'premium', settings: DEFAULT_SETTINGS });
      options.onProgress?.('done', 1);
      return { tenants: [{ id: 'granja', name: 'La Granja Mercado', stores: 0, products: 0, salesLines: 0 }], seconds: 0.1 };
    },
  };
});

describe('demoDecision', () => {
  it('loads on the first run only for if-empty, always replaces for force, never for never', () => {
    const table: Array<[Parameters<typeof demoDecision>[0], boolean, number, string]> = [
      ['never', false, 0, 'skip'],
      ['never', true, 0, 'skip'],
      ['if-empty', false, 0, 'load'],
      ['if-empty', true, 0, 'load'],
      ['if-empty', true, 2, 'skip'],
      ['force', true, 2, 'replace'],
      ['force', false, 0, 'replace'],
    ];
    for (const [mode, databaseExisted, tenantCount, expected] of table) {
      expect({ mode, databaseExisted, tenantCount, d: demoDecision(mode, { databaseExisted, tenantCount }) }).toEqual({ mode, databaseExisted, tenantCount, d: expected });
    }
  });
});

describe('startServer', () => {
  let dir: string;
  let config: Config;
  let server: RunningServer | undefined;
  let printed: string[];
  const print = (text: string) => void printed.push(text);

  beforeEach(() => {
    dir = tempDataDir();
    config = testConfig({ dataDir: dir, port: 0, host: '127.0.0.1' });
    printed = [];
    demo.calls.length = 0;
    demo.fail = false;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    removeDir(dir);
  });

  it('prints the URLs of the registry\'s active tenants, the console and the docs, from config', async () => {
    const store = await openStore({ dataDir: dir });
    await loadFixtures(store);
    for (const [id, at] of [['granja', '2024-01-01'], ['cliente2', '2024-02-01'], ['dormida', '2024-03-01']]) {
      await store.platform.run('UPDATE tenants SET created_at = $2::TIMESTAMPTZ WHERE id = $1', [id!, at!]);
    }
    await store.close();
    server = await startServer({ config: { ...config, baseDomain: 'fluxion.test' }, print, handleSignals: false });
    const port = server.config.port;
    expect(port).toBeGreaterThan(0);
    const banner = printed.join('\n');
    expect(banner).toContain(`listening on http://127.0.0.1:${port}`);
    expect(banner).toMatch(new RegExp(`La Granja Mercado\\s+http://granja\\.fluxion\\.test:${port}\\n`));
    expect(banner).toMatch(new RegExp(`Cliente 2 S\\.A\\.\\s+http://cliente2\\.fluxion\\.test:${port}\\n`));
    expect(banner).toContain(`http://admin.fluxion.test:${port}`);
    expect(banner).toContain(`http://fluxion.test:${port}/docs`);
    expect(banner).toMatch(new RegExp(`Home page\\s+http://fluxion\\.test:${port}/\\n`));
    expect(banner).not.toContain('dormida.fluxion.test'); // suspended
    expect(server.urls.tenants.map((t) => t.id)).toEqual(['granja', 'cliente2', 'dormida']); // oldest first
    expect(banner.indexOf('granja.fluxion.test')).toBeLessThan(banner.indexOf('cliente2.fluxion.test'));
    expect(demo.calls).toEqual([]);
  });

  it('serves real HTTP and runs CLI commands on its admin socket against the live registry', async () => {
    server = await startServer({ config, print, handleSignals: false });
    const sock = adminSocketPath(dir);
    expect(server.adminSocket).toBe(sock);
    const before = await fetch(`http://127.0.0.1:${server.config.port}/api/v1/tenant?tenant=acme`);
    expect(before.status).toBe(404);
    const created = await runInServer<{ tenant: { url: string } }>(sock, 'tenant.create', { id: 'acme', name: 'Acme' }, 10_000);
    expect(created).toMatchObject({ kind: 'answered', value: { tenant: { url: `http://acme.localhost:${server.config.port}` } } });
    const after = await fetch(`http://127.0.0.1:${server.config.port}/api/v1/tenant?tenant=acme`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ id: 'acme', status: 'active' });
  });

  it('closes cleanly: socket removed, database released', async () => {
    server = await startServer({ config, print, handleSignals: false });
    await server.close();
    server = undefined;
    expect(fs.existsSync(adminSocketPath(dir))).toBe(false);
    expect(await serverStatus(adminSocketPath(dir))).toEqual({ kind: 'no_server' });
    const again = await openStore({ dataDir: dir });
    await again.close();
  });

  it('loads demo data with progress when the data directory is empty, and not on the next start', async () => {
    const progress: Array<[string, number]> = [];
    server = await startServer({ config, demo: 'if-empty', print, handleSignals: false, onProgress: (p, f) => progress.push([p, f]) });
    expect(demo.calls).toEqual([{ scale: 'full', force: false }]);
    expect(progress).toEqual([['tenants', 0.5], ['done', 1]]);
    expect(printed.join('\n')).toContain(`http://granja.localhost:${server.config.port}`);
    await server.close();

    server = await startServer({ config, demo: 'if-empty', print, handleSignals: false });
    expect(demo.calls).toHaveLength(1);
  });

  it('treats a database without tenants as empty', async () => {
    const store = await openStore({ dataDir: dir });
    await store.close();
    expect(fs.existsSync(databaseFile(dir))).toBe(true);
    server = await startServer({ config, demo: 'if-empty', print, handleSignals: false });
    expect(demo.calls).toHaveLength(1);
  });

  it('never loads demo data in never mode, and replaces it in force mode', async () => {
    server = await startServer({ config, demo: 'never', print, handleSignals: false });
    expect(demo.calls).toEqual([]);
    expect(printed.join('\n')).toContain('No tenants yet');
    await server.close();
    const store = await openStore({ dataDir: dir });
    await store.platform.run('DELETE FROM tenants');
    await store.close();
    server = await startServer({ config, demo: 'force', demoScale: 'small', print, handleSignals: false });
    expect(demo.calls).toEqual([{ scale: 'small', force: true }]);
  });

  it('fails with DemoLoadError when the generator fails, leaving nothing open', async () => {
    demo.fail = true;
    await expect(startServer({ config, demo: 'if-empty', print, handleSignals: false })).rejects.toBeInstanceOf(DemoLoadError);
    expect(fs.existsSync(adminSocketPath(dir))).toBe(false);
    const again = await openStore({ dataDir: dir });
    await again.close();
  });
});
