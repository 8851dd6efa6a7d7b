import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { AppError } from '../../src/server/errors.js';
import { TenantService } from '../../src/server/features/tenants/service.js';
import { DEFAULT_SETTINGS } from '../../src/server/features/tenants/schema.js';
import { runOperation, type OperationContext } from '../../src/cli/operations.js';

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected the call to fail');
}

async function tenantIds(t: TestApp): Promise<string[]> {
  return (await t.store.platform.all('SELECT id FROM tenants ORDER BY id')).map((r) => String(r.id));
}

describe('TenantService', () => {
  let t: TestApp;
  let svc: TenantService;
  beforeAll(async () => {
    t = await createTestApp();
    svc = new TenantService(t.store.platform, t.registry);
  });
  afterAll(() => t.close());

  it('creates a tenant with default settings filled in', async () => {
    const created = await svc.create({ id: 'acme', name: '  Acme C.A.  ' });
    expect(created).toMatchObject({ id: 'acme', name: 'Acme C.A.', status: 'active', plan: 'standard', settings: DEFAULT_SETTINGS });
    expect(await tenantIds(t)).toContain('acme');
  });

  it('keeps given settings, fills the rest, and canonicalises the time zone', async () => {
    const created = await svc.create({
      id: 'oriente-2',
      name: 'La Granja Oriente',
      plan: 'premium',
      settings: { currency: 'VES', timezone: 'america/caracas', locale: 'es-VE', features: ['inventory', 'forecasting'], primaryColor: '#10b981', logoUrl: undefined },
    });
    expect(created.plan).toBe('premium');
    expect(created.settings).toEqual({
      ...DEFAULT_SETTINGS,
      currency: 'VES',
      timezone: 'America/Caracas',
      locale: 'es-VE',
      features: ['inventory', 'forecasting'],
      primaryColor: '#10b981',
    });
  });

  it('refuses invalid and reserved ids before touching the table', async () => {
    const before = await tenantIds(t);
    const bad = ['Acme', 'a_b', '-x', 'x-', '', 'x'.repeat(64), 'a.b', "' OR 1=1 --", 'ñandú', 'admin', 'api', 'www', 'docs'];
    for (const id of bad) {
      const f = await failure(svc.create({ id, name: 'X' }));
      expect({ id, code: f.code }).toEqual({ id, code: 'invalid_tenant_id' });
    }
    expect((await failure(svc.create({ id: 'admin', name: 'X' }))).message).toMatch(/reserved/);
    expect(await tenantIds(t)).toEqual(before);
  });

  it('refuses a duplicate id with already_exists', async () => {
    const f = await failure(svc.create({ id: 'granja', name: 'Otra Granja' }));
    expect(f).toEqual({ code: 'already_exists', message: "Tenant 'granja' already exists." });
    expect((await svc.get('granja')).name).toBe('La Granja Mercado');
  });

  it('validates the name (1..200 characters, no control characters) and the plan', async () => {
    for (const name of ['', '   ', 'x'.repeat(201), 'two\nlines']) {
      expect((await failure(svc.create({ id: 'n1', name }))).code).toBe('validation_error');
    }
    expect((await svc.create({ id: 'n200', name: 'n'.repeat(200) })).name).toHaveLength(200);
    const plan = await failure(svc.create({ id: 'n2', name: 'N', plan: 'gold' }));
    expect(plan.code).toBe('validation_error');
    expect(plan.message).toMatch(/free, standard, premium/);
    expect(await tenantIds(t)).not.toContain('n1');
  });

  it('validates settings against the schema, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ currency: 'usd' }, /currency/],
      [{ currency: 'DOLLARS' }, /currency/],
      [{ primaryColor: 'red' }, /primaryColor/],
      [{ secondaryColor: '#12345' }, /secondaryColor/],
      [{ features: ['inventory', 'teleport'] }, /features/],
      [{ features: ['sales', 'sales'] }, /features/],
      [{ locale: 'spanish' }, /locale/],
      [{ timezone: 'Mars/Olympus_Mons' }, /timezone/],
      [{ logoUrl: 'javascript:alert(1)' }, /logoUrl/],
      [{ showVenezuelanTaxes: 'yes' }, /showVenezuelanTaxes/],
      [{ colour: '#ffffff' }, /unknown setting 'colour'/],
    ];
    for (const [settings, field] of cases) {
      const f = await failure(svc.create({ id: 's1', name: 'S', settings }));
      expect({ settings, code: f.code }).toEqual({ settings, code: 'validation_error' });
      expect(f.message).toMatch(field);
    }
    expect(await tenantIds(t)).not.toContain('s1');
  });

  it('stores SQL metacharacters in a name verbatim and leaves other tenants intact', async () => {
    const name = `' OR 1=1 --"; DROP TABLE ventas; -- % _ \\`;
    const created = await svc.create({ id: 'meta', name });
    expect(created.name).toBe(name);
    expect((await svc.show('granja')).counts.salesLines).toBe(3);
  });

  it('lists tenants in id order', async () => {
    const ids = (await svc.list()).map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['granja', 'cliente2', 'dormida', 'acme']));
  });

  it('shows a tenant with the counts of its own data only', async () => {
    expect((await svc.show('granja')).counts).toEqual({ stores: 2, products: 3, inventoryRows: 4, salesLines: 3 });
    expect((await svc.show('cliente2')).counts).toEqual({ stores: 1, products: 2, inventoryRows: 2, salesLines: 1 });
    expect((await svc.show('acme')).counts).toEqual({ stores: 0, products: 0, inventoryRows: 0, salesLines: 0 });
    expect((await failure(svc.show('nope'))).code).toBe('tenant_not_found');
  });

  it('suspends and activates, saying whether anything changed', async () => {
    expect(await svc.suspend('acme')).toMatchObject({ changed: true, tenant: { status: 'suspended' } });
    expect(await svc.suspend('acme')).toMatchObject({ changed: false, tenant: { status: 'suspended' } });
    expect(await svc.activate('acme')).toMatchObject({ changed: true, tenant: { status: 'active' } });
    expect(await svc.activate('acme')).toMatchObject({ changed: false });
    expect((await failure(svc.suspend('nope'))).code).toBe('tenant_not_found');
    expect((await failure(svc.activate("x' OR '1'='1"))).code).toBe('tenant_not_found');
  });

  it('suspends, renames and reactivates a tenant that has data, keeping the data', async () => {
    // DuckDB refuses an UPDATE of an indexed column on a row other tables reference (it becomes a
    // delete + insert): this fails while an index covers tenants.status (idx_tenants_status).
    expect((await svc.suspend('granja')).tenant.status).toBe('suspended');
    expect((await svc.update('granja', { name: 'La Granja Mercado' })).status).toBe('suspended');
    expect((await svc.activate('granja')).tenant.status).toBe('active');
    expect((await svc.show('granja')).counts).toEqual({ stores: 2, products: 3, inventoryRows: 4, salesLines: 3 });
  });

  it('updates only what is given and merges settings over the current ones', async () => {
    const updated = await svc.update('oriente-2', { plan: 'free', settings: { secondaryColor: '#059669' } });
    expect(updated).toMatchObject({ name: 'La Granja Oriente', plan: 'free' });
    expect(updated.settings).toMatchObject({ currency: 'VES', primaryColor: '#10b981', secondaryColor: '#059669', timezone: 'America/Caracas' });
    const bad = await failure(svc.update('oriente-2', { name: 'Nuevo', settings: { currency: 'bolívares' } }));
    expect(bad.code).toBe('validation_error');
    expect(await svc.get('oriente-2')).toMatchObject({ name: 'La Granja Oriente', settings: { currency: 'VES' } });
    expect((await failure(svc.update('nope', { name: 'X' }))).code).toBe('tenant_not_found');
  });

  it('invalidates the registry entry on every change', async () => {
    const registry = { invalidate: vi.fn() };
    const s = new TenantService(t.store.platform, registry);
    await s.create({ id: 'spy', name: 'Spy' });
    await s.suspend('spy');
    await s.activate('spy');
    await s.update('spy', { name: 'Spy 2' });
    expect(registry.invalidate.mock.calls).toEqual([['spy'], ['spy'], ['spy'], ['spy']]);
  });
});

describe('a live app sees tenant changes at once', () => {
  let t: TestApp;
  let svc: TenantService;
  beforeAll(async () => {
    // A long cache TTL: only invalidation can make the change visible within the test.
    t = await createTestApp({ config: { tenantCacheSeconds: 3600 } });
    svc = new TenantService(t.store.platform, t.registry);
  });
  afterAll(() => t.close());

  it('serves a suspended tenant as suspended right after suspend, and active after activate', async () => {
    expect((await t.on('cliente2', '/api/v1/tenant')).json().status).toBe('active');
    await svc.suspend('cliente2');
    const r = await t.on('cliente2', '/api/v1/tenant');
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('suspended');
    await svc.activate('cliente2');
    expect((await t.on('cliente2', '/api/v1/tenant')).json().status).toBe('active');
  });

  it('answers a new tenant right after create, though its absence was cached', async () => {
    const before = await t.on('nuevo', '/api/v1/tenant');
    expect(before.statusCode).toBe(404);
    expect(before.json().error).toBe('tenant_not_found');
    await svc.create({ id: 'nuevo', name: 'Tienda Nueva', settings: { primaryColor: '#0ea5e9' } });
    const after = await t.on('nuevo', '/api/v1/tenant');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ id: 'nuevo', name: 'Tienda Nueva', status: 'active', primaryColor: '#0ea5e9' });
  });

  it('shows a rename at once', async () => {
    expect((await t.on('granja', '/api/v1/tenant')).json().name).toBe('La Granja Mercado');
    await svc.update('granja', { name: 'La Granja Mercado C.A.' });
    expect((await t.on('granja', '/api/v1/tenant')).json().name).toBe('La Granja Mercado C.A.');
  });

  it('does the same through the CLI operations the admin socket runs', async () => {
    const ctx: OperationContext = { store: t.store, registry: t.registry, config: t.config, via: 'server' };
    expect((await t.on('dormida', '/api/v1/tenant')).json().status).toBe('suspended');
    const r = (await runOperation(ctx, 'tenant.activate', { id: 'dormida' })) as { changed: boolean; tenant: { url: string } };
    expect(r.changed).toBe(true);
    expect(r.tenant.url).toBe(`http://dormida.localhost:${t.config.port}`);
    expect((await t.on('dormida', '/api/v1/tenant')).json().status).toBe('active');
  });

  it('validates operation arguments and refuses unknown commands and demo --force in the server', async () => {
    const ctx: OperationContext = { store: t.store, registry: t.registry, config: t.config, via: 'server' };
    expect((await failure(runOperation(ctx, 'tenant.drop', { id: 'granja' }))).code).toBe('bad_request');
    expect((await failure(runOperation(ctx, 'tenant.show', { id: 42 }))).code).toBe('validation_error');
    expect((await failure(runOperation(ctx, 'tenant.show', { id: 'granja', extra: 1 }))).code).toBe('validation_error');
    expect((await failure(runOperation(ctx, 'toString', {}))).code).toBe('bad_request');
    const force = await failure(runOperation(ctx, 'demo', { scale: 'small', force: true }));
    expect(force.code).toBe('conflict');
    expect(force.message).toMatch(/stop the server first/);
  });
});
