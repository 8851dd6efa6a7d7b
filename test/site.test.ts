import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { createTestApp, type TestApp } from './support/app.js';
import { compressAsset, loadWebBuild } from '../src/server/features/site/web-build.js';

/** The web app's shell and files as the server sends them (the app itself: test/e2e). */
describe('web app shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("writes each tenant's own name, colours and language into the page's head, and nothing of the other", async () => {
    const g = await t.on('granja', { url: '/', as: 'anonymous' });
    expect(g.statusCode).toBe(200);
    expect(g.headers['content-type']).toMatch(/text\/html/);
    expect(g.headers['cache-control']).toBe('no-cache');
    expect(g.body).toContain('<title>La Granja Mercado · Fluxion</title>');
    expect(g.body).toContain('--brand:#10b981');
    expect(g.body).toContain('--brand-text:#000000');
    expect(g.body).toContain('<html lang="es">');
    expect(g.body).toContain('<div id="root"></div>');
    expect(g.body).toContain('href="/api/v1/tenant/favicon"');
    expect(g.body).not.toContain('Cliente 2');
    const c = await t.on('cliente2', { url: '/', as: 'anonymous' });
    expect(c.body).toContain('<title>Cliente 2 S.A. · Fluxion</title>');
    expect(c.body).toContain('--brand:#3b82f6');
    expect(c.body).not.toContain('Granja');
  });

  it('serves the same shell for deep links, so /inventory and /orders/… reload into the app', async () => {
    for (const url of ['/inventory?low_stock=true', '/orders/123', '/settings/rates']) {
      const r = await t.on('granja', { url, as: 'anonymous', headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.body).toContain('<div id="root"></div>');
    }
  });

  it('answers 404 (with the neutral shell) for a company that does not exist, and escapes names', async () => {
    const unknown = await t.on('nope', { url: '/', as: 'anonymous' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('<div id="root"></div>');
    expect(unknown.body).toContain('<title>Fluxion</title>');
    expect((await t.on('dormida', { url: '/', as: 'anonymous' })).statusCode).toBe(200);
    await t.store.platform.run("UPDATE tenants SET name = '<script>alert(1)</script>' WHERE id = 'cliente2'");
    t.registry.invalidate('cliente2');
    const evil = await t.on('cliente2', { url: '/', as: 'anonymous' });
    expect(evil.body).not.toContain('<script>alert');
    expect(evil.body).toContain('&#60;script&#62;');
  });

  it('tells the app its base domain on every host', async () => {
    for (const host of ['localhost', 'admin.localhost', 'granja.localhost']) {
      const r = await t.on(host, { url: '/' });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('<meta name="fluxion-base-domain" content="localhost">');
    }
  });

  it('keeps unknown API paths and JSON clients on the JSON 404', async () => {
    const api = await t.on('granja', { url: '/api/v1/nothing-here', as: 'anonymous', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
    const json = await t.on('granja', { url: '/whatever', as: 'anonymous', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ error: 'not_found' });
  });

  it('serves hashed assets compressed and cached for a year, with ETags', async () => {
    const build = loadWebBuild();
    const [path, asset] = [...build.assets].find(([p]) => p.endsWith('.js') && p.startsWith('/assets/index-'))!;
    // The first request is answered at once, uncompressed, and starts the compression.
    const first = await t.on('granja', { url: path, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload.equals(asset.body) || first.headers['content-encoding'] !== undefined).toBe(true);
    await compressAsset(asset);
    const br = await t.on('granja', { url: path, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).equals(asset.body)).toBe(true);
    const gz = await t.on('nope', { url: path, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(asset.body)).toBe(true);
    const plain = await t.on('localhost', { url: path, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(asset.body)).toBe(true);
    const again = await t.on('granja', { url: path, headers: { 'if-none-match': String(br.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect((await t.on('granja', { url: '/assets/nope.js' })).statusCode).toBe(404);
  });
});
