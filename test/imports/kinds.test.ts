/**
 * Each import kind with good files: what is written, the counts the import reports, and that the
 * same file twice changes nothing the second time. On the backend FLUXION_TEST_BACKEND selects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { T } from '../support/fixtures.js';
import { runImport } from './helpers.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('imports by kind', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterAll(() => t.close());

  const q = (sql: string, params: unknown[] = []) => t.store.platform.all(sql, params as never);

  it('stores: adds new codes, updates known ones with the columns given, and a re-import is unchanged', async () => {
    const csv = 'Código;Nombre;Ciudad;Activo\nS1;Caracas Centro;Caracas;sí\nS9;Maracay Sur;Maracay;sí\nS2;Valencia Norte (renovada);;no\n';
    const r = await runImport(t, 'granja', 'stores', csv);
    expect(r.status, JSON.stringify(r)).toBe('succeeded');
    expect(r.rows).toMatchObject({ total: 3, inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect(await q("SELECT code, name, city, active FROM stores WHERE tenant_id = 'granja' ORDER BY code")).toEqual([
      { code: 'S1', name: 'Caracas Centro', city: 'Caracas', active: true },
      // An empty cell keeps the stored value.
      { code: 'S2', name: 'Valencia Norte (renovada)', city: 'Valencia', active: false },
      { code: 'S9', name: 'Maracay Sur', city: 'Maracay', active: true },
    ]);
    const again = await runImport(t, 'granja', 'stores', csv);
    expect(again.rows).toMatchObject({ total: 3, inserted: 0, updated: 0, unchanged: 3 });
  });

  it('suppliers: English headers, comma-delimited, quoted fields', async () => {
    const csv = 'code,name,email,lead time,active\nPOLAR,"Alimentos Polar, C.A.",ventas@polar.test,4,yes\nLAC,"Lácteos ""Los Andes""",,6,yes\n';
    const r = await runImport(t, 'granja', 'suppliers', csv);
    expect(r.rows).toMatchObject({ total: 2, inserted: 1, updated: 1, rejected: 0 });
    expect(await q("SELECT code, name, email, lead_time_days FROM suppliers WHERE tenant_id = 'granja' ORDER BY code")).toEqual([
      { code: 'LAC', name: 'Lácteos "Los Andes"', email: null, lead_time_days: 6 },
      { code: 'POLAR', name: 'Alimentos Polar, C.A.', email: 'ventas@polar.test', lead_time_days: 4 },
    ]);
  });

  it('products: new products with decimal comma, IVA spelled in Spanish and a supplier code; a price list updates prices only', async () => {
    const csv = 'SKU;Descripción;Categoría;Precio;Costo;IVA;Proveedor;Empaque\nP-100;Café molido 500 g;víveres;1.234,50;900,25;exento;POLAR;12\nP-101;Jabón azul;limpieza;35,9;20;16%;LAC;24\n';
    const r = await runImport(t, 'granja', 'products', csv);
    expect(r.status, JSON.stringify(r.rejections)).toBe('succeeded');
    expect(r.rows).toMatchObject({ inserted: 2, updated: 0 });
    expect(r.detected?.decimal).toBe('comma');
    const rows = await q(
      `SELECT p.sku, p.name, p.price, p.cost, p.tax_category, p.pack_size, s.code AS supplier FROM productos p JOIN suppliers s ON s.tenant_id = p.tenant_id AND s.id = p.supplier_id
       WHERE p.tenant_id = 'granja' AND p.sku IN ('P-100', 'P-101') ORDER BY p.sku`,
    );
    expect(rows).toEqual([
      { sku: 'P-100', name: 'Café molido 500 g', price: '1234.50', cost: '900.25', tax_category: 'exempt', pack_size: 12, supplier: 'POLAR' },
      { sku: 'P-101', name: 'Jabón azul', price: '35.90', cost: '20.00', tax_category: 'general', pack_size: 24, supplier: 'LAC' },
    ]);
    const prices = await runImport(t, 'granja', 'products', 'sku;precio\nP-100;1.300,00\nP-101;35,90\n');
    expect(prices.rows).toMatchObject({ total: 2, inserted: 0, updated: 1, unchanged: 1 });
    expect(await q("SELECT sku, name, price, cost FROM productos WHERE tenant_id = 'granja' AND sku = 'P-100'")).toEqual([{ sku: 'P-100', name: 'Café molido 500 g', price: '1300.00', cost: '900.25' }]);
  });

  it('products: a new sku without a name is rejected; an unknown supplier is rejected, or created on request', async () => {
    const noName = await runImport(t, 'granja', 'products', 'sku;precio\nP-200;10\n');
    expect(noName.status).toBe('failed');
    expect(noName.rejections).toEqual([expect.objectContaining({ line: 2, column: 'name', value: 'P-200', reason: 'required_for_new' })]);
    const csv = 'sku;nombre;precio;proveedor\nP-201;Aceite 1 L;80;NUEVO\n';
    const rejected = await runImport(t, 'granja', 'products', csv);
    expect(rejected.rejections).toEqual([expect.objectContaining({ line: 2, column: 'supplier', value: 'NUEVO', reason: 'unknown_supplier' })]);
    expect(await q("SELECT count(*) AS n FROM productos WHERE tenant_id = 'granja' AND sku = 'P-201'")).toEqual([{ n: 0 }]);
    const created = await runImport(t, 'granja', 'products', csv, { unknown: 'create' });
    expect(created.rows).toMatchObject({ inserted: 1, created_references: 1 });
    expect(await q("SELECT code, name FROM suppliers WHERE tenant_id = 'granja' AND code = 'NUEVO'")).toEqual([{ code: 'NUEVO', name: 'NUEVO' }]);
  });

  it('inventory: a snapshot sets quantities, the ledger records each difference, and a re-import moves nothing', async () => {
    // Fixtures: S1 harina 100, arroz 5, queso 0; S2 harina 40 (no arroz row).
    const csv = 'Tienda;Producto;Existencia;Mínimo\nS1;P-001;90;\nS1;P-002;5;8\nS2;P-001;40;\nS2;P-002;12;\n';
    const r = await runImport(t, 'granja', 'inventory', csv);
    expect(r.status, JSON.stringify(r.rejections)).toBe('succeeded');
    expect(r.rows).toMatchObject({ total: 4, inserted: 1, updated: 2, unchanged: 1 });
    expect(r.extra).toEqual({ movements: 2 });
    const levels = await q(
      `SELECT st.code, p.sku, i.quantity, i.min_stock FROM inventory i JOIN stores st ON st.tenant_id = i.tenant_id AND st.id = i.store_id
       JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id WHERE i.tenant_id = 'granja' AND p.sku IN ('P-001', 'P-002') ORDER BY st.code, p.sku`,
    );
    expect(levels).toEqual([
      { code: 'S1', sku: 'P-001', quantity: 90, min_stock: 20 },
      { code: 'S1', sku: 'P-002', quantity: 5, min_stock: 8 },
      { code: 'S2', sku: 'P-001', quantity: 40, min_stock: 20 },
      { code: 'S2', sku: 'P-002', quantity: 12, min_stock: 0 },
    ]);
    const moves = await q(
      `SELECT delta, quantity_after, reason, ref_type, ref_id FROM inventory_movements WHERE tenant_id = 'granja' AND ref_type = 'import' ORDER BY delta`,
    );
    expect(moves).toEqual([
      { delta: -10, quantity_after: 90, reason: 'import', ref_type: 'import', ref_id: r.id },
      { delta: 12, quantity_after: 12, reason: 'import', ref_type: 'import', ref_id: r.id },
    ]);
    // The ledger still adds up to every level.
    const drift = await q(
      `SELECT i.store_id, i.product_id FROM inventory i LEFT JOIN (SELECT store_id, product_id, sum(delta) AS total FROM inventory_movements WHERE tenant_id = 'granja' GROUP BY store_id, product_id) m
         ON m.store_id = i.store_id AND m.product_id = i.product_id WHERE i.tenant_id = 'granja' AND i.quantity <> COALESCE(m.total, 0)`,
    );
    expect(drift).toEqual([]);
    const again = await runImport(t, 'granja', 'inventory', csv);
    expect(again.rows).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(again.extra).toEqual({ movements: 0 });
  });

  it('inventory: a count dated before a recorded movement would undo it and is rejected', async () => {
    // S1 / P-001 was counted by the previous test's import, at 08:00 in Caracas (NOW).
    const r = await runImport(t, 'granja', 'inventory', 'store;sku;quantity;date\nS1;P-001;7;28/11/2026 07:59\n');
    expect(r.status).toBe('failed');
    expect(r.rejections).toEqual([expect.objectContaining({ line: 2, column: 'date', reason: 'older_than_ledger' })]);
    const fresh = await runImport(t, 'granja', 'inventory', 'store;sku;quantity;date\nS1;P-001;7;28/11/2026 08:01\n');
    expect(fresh.status, JSON.stringify(fresh.rejections)).toBe('succeeded');
    expect(await q(`SELECT quantity FROM inventory WHERE tenant_id = 'granja' AND store_id = $1 AND product_id = $2`, [T.granja.stores.caracas, T.granja.products.harina])).toEqual([{ quantity: 7 }]);
    // A count agreeing with the stored level is no conflict, however old.
    const agreeing = await runImport(t, 'granja', 'inventory', 'store;sku;quantity;date\nS1;P-001;7;01/01/2026\n');
    expect(agreeing.rows).toMatchObject({ unchanged: 1, rejected: 0 });
  });

  it('sales: lines numbered by order within the ticket when the file has no line column; a foreign currency takes the day\'s official rate', async () => {
    await runImport(t, 'granja', 'exchange_rates', 'fecha;moneda;tasa\n25/11/2026;USD;240,50\n26/11/2026;USD;241,75\n');
    const csv = 'ticket;fecha;tienda;sku;cantidad;precio;moneda\nB-7;27/11/2026 10:00;S1;P-001;1;2,00;USD\nB-7;27/11/2026 10:00;S1;P-002;3;;USD\nB-8;27/11/2026 11:00;S2;P-001;2;45;\n';
    const r = await runImport(t, 'granja', 'sales', csv);
    expect(r.status, JSON.stringify(r.rejections)).toBe('succeeded');
    const rows = await q("SELECT ticket, line, quantity, unit_price, unit_cost, currency, fx_rate FROM ventas WHERE tenant_id = 'granja' AND ticket IN ('B-7', 'B-8') ORDER BY ticket, line");
    expect(rows).toEqual([
      { ticket: 'B-7', line: 1, quantity: 1, unit_price: '2.00', unit_cost: '0.12', currency: 'USD', fx_rate: '241.750000' },
      // No price: the product's (38.50 VES) in dollars at the rate of 26/11 (the latest on or before the 27th).
      { ticket: 'B-7', line: 2, quantity: 3, unit_price: '0.16', unit_cost: '0.10', currency: 'USD', fx_rate: '241.750000' },
      { ticket: 'B-8', line: 1, quantity: 2, unit_price: '45.00', unit_cost: '30.00', currency: 'VES', fx_rate: '1.000000' },
    ]);
    const noRate = await runImport(t, 'granja', 'sales', 'ticket;fecha;tienda;sku;cantidad;precio;moneda\nB-9;27/11/2026 10:00;S1;P-001;1;2,00;EUR\n');
    expect(noRate.rejections).toEqual([expect.objectContaining({ line: 2, column: 'currency', value: 'EUR 2026-11-27', reason: 'no_exchange_rate' })]);
  });

  it('sales: a stored line the file contradicts is rejected; the same line again is unchanged', async () => {
    const r = await runImport(t, 'granja', 'sales', 'ticket;line;fecha;tienda;sku;cantidad;precio\nT-1001;1;02/11/2026 10:00;S1;P-001;3;45\nT-1001;2;02/11/2026 10:00;S1;P-003;5;120\n');
    expect(r.status).toBe('failed');
    expect(r.rejections).toEqual([expect.objectContaining({ line: 3, column: 'ticket', value: 'T-1001 line 2', reason: 'different_from_stored' })]);
    const same = await runImport(t, 'granja', 'sales', 'ticket;line;fecha;tienda;sku;cantidad;precio\nT-1001;1;02/11/2026 10:00;S1;P-001;3;45\n');
    expect(same.rows).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('exchange rates: upserted by currency and day; the tenant\'s own currency is refused', async () => {
    const r = await runImport(t, 'granja', 'exchange_rates', 'date,currency,rate\n2026-11-26,USD,242.00\n2026-11-27,usd,243.125\n');
    expect(r.rows).toMatchObject({ inserted: 1, updated: 1 });
    expect(await q("SELECT rate_date, rate, created_by FROM exchange_rates WHERE tenant_id = 'granja' AND currency = 'USD' AND rate_date >= '2026-11-26' ORDER BY rate_date")).toEqual([
      { rate_date: '2026-11-26', rate: '242.000000', created_by: expect.any(String) },
      { rate_date: '2026-11-27', rate: '243.125000', created_by: 'apikey:test manager' },
    ]);
    const own = await runImport(t, 'granja', 'exchange_rates', 'date,currency,rate\n2026-11-27,VES,1\n');
    expect(own.rejections).toEqual([expect.objectContaining({ line: 2, column: 'currency', reason: 'invalid_value' })]);
  });

  it('every kind\'s template imports cleanly (unknown references created)', async () => {
    for (const kind of ['stores', 'suppliers', 'products', 'exchange_rates', 'inventory', 'sales']) {
      const tpl = await t.on('cliente2', { method: 'GET', url: `/api/v1/imports/templates/${kind}`, as: 'manager' });
      expect(tpl.statusCode).toBe(200);
      expect(tpl.headers['content-disposition']).toBe(`attachment; filename="${kind}-template.csv"`);
      const r = await runImport(t, 'cliente2', kind, tpl.rawPayload, { unknown: 'create', dry_run: 'true' });
      expect(r.status, `${kind}: ${JSON.stringify(r.rejections)} ${JSON.stringify(r.error)}`).toBe('succeeded');
      expect(r.rows?.total).toBe(2);
    }
  });
});
