/** `fluxion tenant create` with a logo and a first owner: the same one-transaction onboarding as the console. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/store.js';
import { databaseFile } from '../../src/store/open.js';
import { TINY_PNG } from '../support/images.js';
import { removeDir, runCli, tempDataDir } from './support.js';

const SLOW = 180_000;

describe('fluxion tenant create --owner-email --logo', () => {
  let dir: string;
  const cli = (args: string[]) => runCli(args, { dataDir: dir });

  beforeAll(async () => {
    dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'logo.png'), TINY_PNG);
    fs.writeFileSync(path.join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    fs.writeFileSync(path.join(dir, 'logo.gif'), 'GIF89a not really');
    expect((await cli(['migrate'])).code).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it('creates the tenant with its logo and prints the owner\'s invitation link', { timeout: SLOW }, async () => {
    const r = await cli(['tenant', 'create', 'tienda', '--name', 'Tienda Uno', '--primary-color', '#0ea5e9', '--logo', path.join(dir, 'logo.png'), '--owner-email', 'Dueno@Tienda.test', '--owner-name', 'Dueño']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Created tenant 'tienda' (Tienda Uno)");
    expect(r.stdout).toMatch(/Logo: http:\/\/tienda\.localhost:3000\/api\/v1\/tenant\/logo\?v=[0-9a-f]{12}/);
    expect(r.stdout).toMatch(/Invitation for the first owner, dueno@tienda\.test .*\n {2}http:\/\/tienda\.localhost:3000\/invite#[A-Za-z0-9_-]{43}/);
  });

  it.each([
    ['an SVG', 'logo.svg', /SVG is refused/],
    ['a file that is not PNG or JPEG', 'logo.gif', /neither a PNG nor a JPEG/],
  ])('refuses %s as the logo and creates nothing', { timeout: SLOW }, async (_what, file, message) => {
    const r = await cli(['tenant', 'create', 'otra', '--name', 'Otra', '--logo', path.join(dir, file), '--owner-email', 'o@otra.test']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });

  it('a logo without an owner is refused; nothing half-created is left', { timeout: SLOW }, async () => {
    const r = await cli(['tenant', 'create', 'otra', '--name', 'Otra', '--logo', path.join(dir, 'logo.png')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--owner-email');
    const store = await DuckDbStore.open({ file: databaseFile(dir) });
    try {
      expect(await store.platform.all('SELECT id FROM tenants ORDER BY id')).toEqual([{ id: 'tienda' }]);
      expect(await store.platform.get("SELECT kind, content_type, byte_size FROM tenant_assets WHERE tenant_id = 'tienda'")).toEqual({ kind: 'logo', content_type: 'image/png', byte_size: TINY_PNG.length });
      expect(await store.platform.get("SELECT email, role FROM invites WHERE tenant_id = 'tienda'")).toEqual({ email: 'dueno@tienda.test', role: 'owner' });
      expect(await store.platform.get("SELECT actor, action FROM platform_audit_log WHERE subject_tenant = 'tienda'")).toEqual({ actor: 'cli', action: 'tenant.onboarded' });
    } finally {
      await store.close();
    }
  });
});
