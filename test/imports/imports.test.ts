import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { runImport, upload } from './helpers.js';

/** Friday 27 November 2026, 12:00 UTC (08:00 in Caracas). */
const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('imports: smoke', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  it('imports sales with Spanish headers, decimal comma and dd/mm/yyyy', async () => {
    const csv = 'Factura;Fecha;Tienda;Producto;Cantidad;Precio\nA-1;27/11/2026 23:30;S1;P-001;2;45,50\nA-1;27/11/2026 23:30;S1;P-002;1;1.038,50\n';
    const r = await runImport(t, 'granja', 'sales', csv);
    expect(r.status, JSON.stringify(r)).toBe('succeeded');
    expect(r.rows).toMatchObject({ total: 2, inserted: 2, rejected: 0 });
    const rows = await t.store.platform.all("SELECT ticket, line, fecha_venta, business_date, quantity, unit_price FROM ventas WHERE tenant_id = 'granja' AND ticket = 'A-1' ORDER BY line");
    expect(rows).toEqual([
      { ticket: 'A-1', line: 1, fecha_venta: '2026-11-28T03:30:00.000Z', business_date: '2026-11-27', quantity: 2, unit_price: '45.50' },
      { ticket: 'A-1', line: 2, fecha_venta: '2026-11-28T03:30:00.000Z', business_date: '2026-11-27', quantity: 1, unit_price: '1038.50' },
    ]);
    const again = await runImport(t, 'granja', 'sales', csv);
    expect(again.rows).toMatchObject({ total: 2, inserted: 0, unchanged: 2 });
  });

  it('refuses an empty file', async () => {
    const res = await upload(t, 'granja', 'sales', '');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('empty_file');
  });
});
