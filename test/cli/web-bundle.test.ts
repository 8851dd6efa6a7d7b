/**
 * `fluxion web-bundle`: the web app as static files for a CDN, from a web build made here (so the
 * test needs no `npm run build`), through the real command as a process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDataDir } from './support.js';

describe('fluxion web-bundle', () => {
  let scratch: string;
  let build: string;
  beforeAll(() => {
    scratch = tempDataDir();
    build = path.join(scratch, 'build');
    fs.mkdirSync(path.join(build, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(build, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fluxion</title><link rel="icon" href="/favicon.svg" /><!--fluxion:head--><script type="module" src="/assets/app-3f2a.js"></script></head><body><div id="root"></div></body></html>',
    );
    fs.writeFileSync(path.join(build, 'assets', 'app-3f2a.js'), 'console.log("app");'.repeat(100));
    fs.writeFileSync(path.join(build, 'assets', 'app-3f2a.js.br'), 'compressed');
    fs.writeFileSync(path.join(build, 'assets', 'app-3f2a.js.gz'), 'compressed');
    fs.writeFileSync(path.join(build, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
  afterAll(() => removeDir(scratch));

  it('writes one shell for every tenant with the base domain and no branding, and the assets as they are', async () => {
    const out = path.join(scratch, 'bundle');
    const r = await runCli(['web-bundle', '--from', build, '--out', out, '--base-domain', 'FluxionIA.co', '--json'], { dataDir: scratch });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { base_domain: string; files: Array<{ path: string; bytes: number; cache_control: string }> };
    expect(report.base_domain).toBe('fluxionia.co');
    expect(report.files.map((f) => [f.path, f.cache_control])).toEqual([
      ['index.html', 'no-cache'],
      ['assets/app-3f2a.js', 'public, max-age=31536000, immutable'],
      ['favicon.svg', 'public, max-age=3600'],
    ]);
    const shell = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(shell).toContain('<meta name="fluxion-base-domain" content="fluxionia.co">');
    expect(shell).toContain('<meta name="fluxion-query-tenant" content="false">');
    expect(shell).toContain('<title>Fluxion</title>');
    expect(shell).not.toContain('<!--fluxion:head-->');
    expect(fs.readFileSync(path.join(out, 'assets', 'app-3f2a.js'), 'utf8')).toBe('console.log("app");'.repeat(100));
    // Pre-compressed copies stay behind: the CDN compresses for itself.
    expect(fs.readdirSync(path.join(out, 'assets'))).toEqual(['app-3f2a.js']);
  });

  it('prints the upload steps; refuses a non-empty target, a missing build and a bad domain', async () => {
    const out = path.join(scratch, 'bundle-text');
    const ok = await runCli(['web-bundle', '--from', build, '--out', out], { dataDir: scratch, env: { FLUXION_BASE_DOMAIN: 'example.com' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('for *.example.com');
    expect(ok.stdout).toMatch(/aws s3 sync .* --exclude index.html --cache-control "public, max-age=31536000, immutable"/);
    const again = await runCli(['web-bundle', '--from', build, '--out', out], { dataDir: scratch });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
    const missing = await runCli(['web-bundle', '--from', path.join(scratch, 'nothing'), '--out', path.join(scratch, 'b2')], { dataDir: scratch });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('npm run build');
    const bad = await runCli(['web-bundle', '--from', build, '--out', path.join(scratch, 'b3'), '--base-domain', 'not a domain'], { dataDir: scratch });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base-domain');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
