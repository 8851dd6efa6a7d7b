/**
 * Safety: dry runs write nothing, overlapping files add nothing twice, every import is recorded
 * and audited, only managers, owners and their API keys may import, and an import for one tenant
 * never reads or touches another's rows.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { snapshot } from '../security/helpers.js';
import { runImport, upload, type ImportBody } from './helpers.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const HEADER = 'ticket;linea;fecha;tienda;sku;cantidad;precio\n';
const line = (ticket: string, n: number, sku = 'P-001') => `${ticket};${n};27/11/2026 09:30;S1;${sku};1;45,00\n`;

describe('imports: safety', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterAll(() => t.close());

  const count = async (table: string, tenant: string) => Number((await t.store.platform.get(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenant]))?.n);
  const otherTenant = async (tenant: string) => {
    const all = await snapshot(t.store);
    return [...all.entries()].map(([table, rows]) => [table, rows.split('\n').filter((r) => r.includes(`"tenant_id":"${tenant}"`) || (table === 'tenants' && r.includes(`"id":"${tenant}"`))).join('\n')]);
  };

  it('a dry run checks and counts everything and writes nothing but its record and audit row', async () => {
    const before = await snapshot(t.store);
    const r = await runImport(t, 'granja', 'sales', HEADER + line('D-1', 1) + line('D-1', 2, 'P-002'), { dry_run: 'true' });
    expect(r).toMatchObject({ status: 'succeeded', dry_run: true, rows: { total: 2, inserted: 2, rejected: 0 } });
    const after = await snapshot(t.store);
    const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
    expect(changed.sort()).toEqual(['audit_log', 'imports']);
    const audit = await t.store.platform.all("SELECT action, target_id FROM audit_log WHERE tenant_id = 'granja' AND action LIKE 'import.%'");
    expect(audit).toEqual([{ action: 'import.checked', target_id: r.id }]);
  });

  it('importing the same file twice, or an overlapping one, creates no duplicates', async () => {
    const first = HEADER + line('O-1', 1) + line('O-1', 2, 'P-002') + line('O-2', 1);
    const a = await runImport(t, 'granja', 'sales', first);
    expect(a.rows).toMatchObject({ inserted: 3, unchanged: 0 });
    const before = await count('ventas', 'granja');
    const again = await runImport(t, 'granja', 'sales', first);
    expect(again.rows).toMatchObject({ inserted: 0, unchanged: 3 });
    expect(await count('ventas', 'granja')).toBe(before);
    const overlapping = HEADER + line('O-2', 1) + line('O-3', 1) + line('O-3', 2, 'P-003');
    const b = await runImport(t, 'granja', 'sales', overlapping);
    expect(b.rows).toMatchObject({ inserted: 2, unchanged: 1 });
    expect(await count('ventas', 'granja')).toBe(before + 2);
  });

  it('records who imported which file (name, size, sha256), the counts and the duration, and audits it in the same transaction', async () => {
    const csv = HEADER + line('R-1', 1);
    t.clock.advance(1000); // the newest import, listed first
    const res = await upload(t, 'granja', 'sales', csv, {}, 'owner', 'ventas-noviembre.csv');
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/imports/${res.json().id}`);
    const done = (await t.on('granja', { method: 'GET', url: `${res.headers.location}?wait=30`, as: 'owner' })).json() as ImportBody;
    expect(done).toMatchObject({
      status: 'succeeded',
      source: 'api',
      file_name: 'ventas-noviembre.csv',
      size_bytes: Buffer.byteLength(csv),
      checksum: createHash('sha256').update(csv).digest('hex'),
      created_by: 'apikey:test owner',
      rows: { total: 1, inserted: 1 },
      progress: { phase: 'done', fraction: 1, rows_read: 1 },
    });
    expect(done.duration_ms).toEqual(expect.any(Number));
    const audit = await t.store.platform.all("SELECT actor, action, target_type, details FROM audit_log WHERE tenant_id = 'granja' AND target_id = $1", [done.id]);
    expect(audit).toEqual([
      { actor: 'apikey:test owner', action: 'import.completed', target_type: 'import', details: expect.objectContaining({ kind: 'sales', inserted: 1, file_rows: 1 }) },
    ]);
    const list = await t.on('granja', { method: 'GET', url: '/api/v1/imports?limit=3', as: 'manager' });
    expect(list.json().items[0]).toMatchObject({ id: done.id, file_name: 'ventas-noviembre.csv' });
    // The audit trail shows it to those who read it.
    const trail = await t.on('granja', { method: 'GET', url: '/api/v1/audit?action=import.completed', as: 'manager' });
    expect(trail.statusCode).toBe(200);
    expect(JSON.stringify(trail.json())).toContain(done.id);
  });

  it('managers, owners and their API keys import; staff and viewers do not', async () => {
    for (const as of ['viewer', 'staff'] as const) {
      const res = await upload(t, 'granja', 'products', 'sku;precio\nP-001;45\n', { dry_run: 'true' }, as);
      expect(res.statusCode, as).toBe(403);
    }
    const anonymous = await upload(t, 'granja', 'products', 'sku;precio\nP-001;45\n', { dry_run: 'true' }, 'anonymous');
    expect(anonymous.statusCode).toBe(401);
    const cookie = await t.login('granja', 'manager');
    const withCookie = await t.on('granja', { method: 'GET', url: '/api/v1/imports/kinds', headers: { cookie } });
    expect(withCookie.statusCode).toBe(200);
  });

  it('an import for one tenant never touches another, and matches products only within its tenant', async () => {
    // Both tenants have S1 and P-001; cliente2 has no P-003.
    const c2Before = await otherTenant('cliente2');
    const r = await runImport(t, 'granja', 'sales', HEADER + line('X-1', 1) + line('X-1', 2, 'P-003'));
    expect(r.status).toBe('succeeded');
    const stored = await t.store.platform.all("SELECT store_id, product_id FROM ventas WHERE tenant_id = 'granja' AND ticket = 'X-1' ORDER BY line");
    expect(stored).toEqual([
      { store_id: T.granja.stores.caracas, product_id: T.granja.products.harina },
      { store_id: T.granja.stores.caracas, product_id: T.granja.products.queso },
    ]);
    const inv = await runImport(t, 'granja', 'inventory', 'tienda;producto;cantidad\nS1;P-001;55\n');
    expect(inv.status).toBe('succeeded');
    expect(await otherTenant('cliente2')).toEqual(c2Before);
    // cliente2 has no P-003: its import of granja's sku is rejected, not matched across tenants.
    const c2 = await runImport(t, 'cliente2', 'sales', HEADER + line('X-2', 1, 'P-003'));
    expect(c2.rejections).toEqual([expect.objectContaining({ line: 2, reason: 'unknown_product', value: 'P-003' })]);
    // Another tenant's import is not found, listed or downloadable.
    for (const url of [`/api/v1/imports/${r.id}`, `/api/v1/imports/${r.id}/rejections`]) {
      expect((await t.on('cliente2', { method: 'GET', url, as: 'owner' })).statusCode).toBe(404);
    }
    const list = (await t.on('cliente2', { method: 'GET', url: '/api/v1/imports?limit=100', as: 'owner' })).json() as { items: ImportBody[] };
    expect(list.items.map((i) => i.id)).not.toContain(r.id);
    // A granja key sent to cliente2's host is refused before anything is read.
    const foreign = await t.on('cliente2.localhost', { method: 'GET', url: `/api/v1/imports/${r.id}`, headers: { authorization: `Bearer ${t.keys.granja!.manager}` } });
    expect([401, 404]).toContain(foreign.statusCode);
  });
});
