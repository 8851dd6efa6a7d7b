import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

describe('GET /api/v1/tenant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers each tenant with its own branding on its own host', async () => {
    const g = await t.on('granja', '/api/v1/tenant');
    expect(g.statusCode).toBe(200);
    expect(g.headers['x-tenant-id']).toBe('granja');
    expect(g.json()).toMatchObject({ id: 'granja', name: 'La Granja Mercado', currency: 'VES', primaryColor: '#10b981', locale: 'es-VE' });
    const c = await t.on('cliente2', '/api/v1/tenant');
    expect(c.json()).toMatchObject({ id: 'cliente2', currency: 'USD', features: ['inventory', 'sales'] });
  });

  it('selects the tenant by X-Tenant-ID on the api host only', async () => {
    const r = await t.on('api.localhost', { url: '/api/v1/tenant', headers: { 'x-tenant-id': 'cliente2' } });
    expect(r.json().id).toBe('cliente2');
    const conflict = await t.on('granja', { url: '/api/v1/tenant', headers: { 'x-tenant-id': 'cliente2' } });
    expect(conflict.statusCode).toBe(400);
    expect(conflict.json().error).toBe('tenant_conflict');
  });

  it('names each failure with its own code', async () => {
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['nope.localhost', {}, 404, 'tenant_not_found'],
      ['api.localhost', {}, 400, 'tenant_required'],
      ['api.localhost', { 'x-tenant-id': 'Bad_Id!' }, 400, 'invalid_tenant_id'],
      ['a.b.localhost', {}, 400, 'invalid_tenant_id'],
      ['granja.localhost', { 'x-tenant-id': 'cliente2' }, 400, 'tenant_conflict'],
    ];
    for (const [host, headers, status, code] of cases) {
      const r = await t.on(host, { url: '/api/v1/tenant', headers });
      expect({ host, status: r.statusCode, code: r.json().error }).toEqual({ host, status, code });
      expect(r.json().requestId).toBeTruthy();
    }
  });

  it('tells a suspended tenant apart so the SPA can show it', async () => {
    const r = await t.on('dormida', '/api/v1/tenant');
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('suspended');
  });
});

describe('route policies', () => {
  it('every registered route declares a tenancy policy', async () => {
    const t = await createTestApp({ fixtures: false });
    try {
      expect(t.routes.length).toBeGreaterThan(5);
      for (const r of t.routes) expect({ route: `${r.method} ${r.url}`, policy: r.options.config?.policy?.tenancy }).toMatchObject({ policy: expect.any(String) });
    } finally {
      await t.close();
    }
  });
});
