import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { readableOn } from '../src/server/features/site/routes.js';

describe('GET / start page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("shows each tenant's own name, colour and language on its host, and nothing of the other", async () => {
    const g = await t.on('granja', { url: '/', as: 'anonymous' });
    expect(g.statusCode).toBe(200);
    expect(g.headers['content-type']).toMatch(/text\/html/);
    expect(g.body).toContain('La Granja Mercado');
    expect(g.body).toContain('#10b981');
    expect(g.body).toContain('lang="es"');
    expect(g.body).not.toContain('Cliente 2');
    const c = await t.on('cliente2', { url: '/', as: 'anonymous' });
    expect(c.body).toContain('Cliente 2 S.A.');
    expect(c.body).toContain('#3b82f6');
    expect(c.body).not.toContain('Granja');
  });

  it('says so for a suspended tenant and an unknown one, and escapes names', async () => {
    expect((await t.on('dormida', { url: '/', as: 'anonymous' })).body).toContain('suspended');
    const unknown = await t.on('nope', { url: '/', as: 'anonymous' });
    expect(unknown.statusCode).toBe(404);
    await t.store.platform.run("UPDATE tenants SET name = '<script>alert(1)</script>' WHERE id = 'cliente2'");
    t.registry.invalidate('cliente2');
    const evil = await t.on('cliente2', { url: '/', as: 'anonymous' });
    expect(evil.body).not.toContain('<script>');
    expect(evil.body).toContain('&#60;script&#62;');
  });

  it('serves a landing page on the apex and the platform page on admin', async () => {
    expect((await t.on('localhost', { url: '/' })).body).toContain('&lt;company&gt;.localhost');
    expect((await t.on('admin.localhost', { url: '/' })).body).toContain('platform');
  });

  it('picks a readable text colour for any brand colour', () => {
    expect(readableOn('#ffffff')).toBe('#000000');
    expect(readableOn('#000000')).toBe('#ffffff');
    expect(readableOn('#10b981')).toBe('#000000');
    expect(readableOn('#1e3a8a')).toBe('#ffffff');
  });
});
