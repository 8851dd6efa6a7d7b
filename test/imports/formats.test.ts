/**
 * File formats and locales: Latin-1 (Windows-1252) files, BOMs, tabs, decimal commas, dates near
 * midnight in each tenant's zone, and Parquet with typed columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';
import { runImport } from './helpers.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('imports: formats and locales', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterAll(() => t.close());

  const q = (sql: string) => t.store.platform.all(sql);

  it('reads a Windows-1252 (Latin-1) file as exported by Windows POS systems', async () => {
    const text = 'Código;Descripción;Categoría;Precio\r\nL-1;Jamón serrano;Charcutería;12,50\r\nL-2;Piña en almíbar;Víveres;3,20\r\n';
    const latin1 = Buffer.from(text, 'latin1');
    expect(latin1.includes(Buffer.from('ó', 'utf8'))).toBe(false);
    const r = await runImport(t, 'granja', 'products', latin1);
    expect(r.status, JSON.stringify(r.rejections)).toBe('succeeded');
    expect(r.encoding).toBe('windows-1252');
    expect(await q("SELECT sku, name, category, price FROM productos WHERE tenant_id = 'granja' AND sku LIKE 'L-%' ORDER BY sku")).toEqual([
      { sku: 'L-1', name: 'Jamón serrano', category: 'Charcutería', price: '12.50' },
      { sku: 'L-2', name: 'Piña en almíbar', category: 'Víveres', price: '3.20' },
    ]);
  });

  it('reads UTF-8 with a BOM, tab-delimited, with thousands separators in either style', async () => {
    const dot = await runImport(t, 'granja', 'products', '\uFEFFsku\tname\tprice\nK-1\tNevera\t1,234.56\nK-2\tCocina\t12,000.00\n');
    expect(dot.delimiter).toBe('\t');
    expect(dot.detected?.decimal).toBe('dot');
    const comma = await runImport(t, 'granja', 'products', 'sku;name;price\nK-3;Horno;1.234,56\nK-4;Licuadora;12.000,00\n');
    expect(comma.detected?.decimal).toBe('comma');
    expect(await q("SELECT sku, price FROM productos WHERE tenant_id = 'granja' AND sku LIKE 'K-%' ORDER BY sku")).toEqual([
      { sku: 'K-1', price: '1234.56' },
      { sku: 'K-2', price: '12000.00' },
      { sku: 'K-3', price: '1234.56' },
      { sku: 'K-4', price: '12000.00' },
    ]);
  });

  it('reads local date-times in the tenant\'s zone: the business day of a sale near midnight', async () => {
    const csv = 'ticket;fecha;tienda;sku;cantidad\nM-1;27/11/2026 23:59;S1;P-001;1\nM-2;28/11/2026 00:01;S1;P-001;1\nM-3;2026-11-28T03:30:00Z;S1;P-001;1\nM-4;27/11/2026;S1;P-001;1\n';
    const granja = await runImport(t, 'granja', 'sales', csv);
    expect(granja.status, JSON.stringify(granja.rejections)).toBe('succeeded');
    // Caracas is UTC−4: 23:59 on the 27th is 03:59Z on the 28th but the 27th's sale.
    expect(await q("SELECT ticket, fecha_venta, business_date FROM ventas WHERE tenant_id = 'granja' AND ticket LIKE 'M-%' ORDER BY ticket")).toEqual([
      { ticket: 'M-1', fecha_venta: '2026-11-28T03:59:00.000Z', business_date: '2026-11-27' },
      { ticket: 'M-2', fecha_venta: '2026-11-28T04:01:00.000Z', business_date: '2026-11-28' },
      { ticket: 'M-3', fecha_venta: '2026-11-28T03:30:00.000Z', business_date: '2026-11-27' },
      { ticket: 'M-4', fecha_venta: '2026-11-27T04:00:00.000Z', business_date: '2026-11-27' },
    ]);
    // The same text in cliente2's zone (New York, UTC−5 in November) is another instant.
    const c2 = await runImport(t, 'cliente2', 'sales', csv);
    expect(c2.status, JSON.stringify(c2.rejections)).toBe('succeeded');
    expect(await q("SELECT ticket, fecha_venta, business_date FROM ventas WHERE tenant_id = 'cliente2' AND ticket LIKE 'M-%' ORDER BY ticket")).toEqual([
      { ticket: 'M-1', fecha_venta: '2026-11-28T04:59:00.000Z', business_date: '2026-11-27' },
      { ticket: 'M-2', fecha_venta: '2026-11-28T05:01:00.000Z', business_date: '2026-11-28' },
      { ticket: 'M-3', fecha_venta: '2026-11-28T03:30:00.000Z', business_date: '2026-11-27' },
      { ticket: 'M-4', fecha_venta: '2026-11-27T05:00:00.000Z', business_date: '2026-11-27' },
    ]);
  });

  it('takes month-first dates when told, and detects them when the day cannot be first', async () => {
    const r = await runImport(t, 'cliente2', 'exchange_rates', 'date,currency,rate\n11/25/2026,EUR,1.05\n11/26/2026,EUR,1.06\n');
    expect(r.status, JSON.stringify(r.rejections)).toBe('succeeded');
    expect(r.detected?.date_order).toBe('mdy');
    const told = await runImport(t, 'cliente2', 'exchange_rates', 'date,currency,rate\n03/04/2026,EUR,1.07\n', { date_order: 'mdy' });
    expect(told.status).toBe('succeeded');
    expect(await q("SELECT rate_date, rate FROM exchange_rates WHERE tenant_id = 'cliente2' AND currency = 'EUR' ORDER BY rate_date")).toEqual([
      { rate_date: '2026-03-04', rate: '1.070000' },
      { rate_date: '2026-11-25', rate: '1.050000' },
      { rate_date: '2026-11-26', rate: '1.060000' },
    ]);
  });

  it('imports Parquet with typed columns (timestamps, decimals, integers)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-parquet-'));
    const file = path.join(dir, 'ventas.parquet');
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    await conn.run(`COPY (SELECT * FROM (VALUES
        ('PQ-1', 1, TIMESTAMPTZ '2026-11-27 22:15:00+00', 'S1', 'P-002', 2, CAST(38.5 AS DECIMAL(10,2))),
        ('PQ-1', 2, TIMESTAMPTZ '2026-11-27 22:15:00+00', 'S1', 'P-003', 1, CAST(120 AS DECIMAL(10,2)))
      ) v(ticket, line, fecha, tienda, sku, cantidad, precio)) TO '${file}' (FORMAT parquet)`);
    conn.closeSync();
    duck.closeSync();
    const r = await runImport(t, 'granja', 'sales', fs.readFileSync(file), {});
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status, JSON.stringify([r.rejections, r.error])).toBe('succeeded');
    expect(r.format).toBe('parquet');
    expect(await q("SELECT ticket, line, fecha_venta, business_date, quantity, unit_price FROM ventas WHERE tenant_id = 'granja' AND ticket = 'PQ-1' ORDER BY line")).toEqual([
      { ticket: 'PQ-1', line: 1, fecha_venta: '2026-11-27T22:15:00.000Z', business_date: '2026-11-27', quantity: 2, unit_price: '38.50' },
      { ticket: 'PQ-1', line: 2, fecha_venta: '2026-11-27T22:15:00.000Z', business_date: '2026-11-27', quantity: 1, unit_price: '120.00' },
    ]);
  });

  it('previews a file: detected format, mapping and the first rows, storing nothing', async () => {
    const csv = 'Factura;Fecha;Tienda;Producto;Cantidad;Notas\nA-1;27/11/2026;S1;P-001;2;x\n';
    const body = multipart({ kind: 'sales' }, { name: 'v.csv', content: csv });
    const res = await t.on('granja', { method: 'POST', url: '/api/v1/imports/preview', ...body, as: 'manager' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      kind: 'sales',
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      decimal: 'dot',
      date_order: 'dmy',
      headers: ['Factura', 'Fecha', 'Tienda', 'Producto', 'Cantidad', 'Notas'],
      mapping: { Factura: 'ticket', Fecha: 'date', Tienda: 'store', Producto: 'sku', Cantidad: 'quantity', Notas: null },
      missing: [],
      rows: [['A-1', '27/11/2026', 'S1', 'P-001', '2', 'x']],
    });
  });

  it('a mapping override names a header the aliases do not know', async () => {
    const csv = 'Nro Doc;Cuando;Local;Art;Cant\nMAP-1;27/11/2026 12:00;S1;P-001;4\n';
    const r = await runImport(t, 'granja', 'sales', csv, { mapping: JSON.stringify({ 'Nro Doc': 'ticket', Cuando: 'date', Art: 'sku', Cant: 'quantity' }) });
    expect(r.status, JSON.stringify([r.rejections, r.error])).toBe('succeeded');
    expect(r.detected?.mapping).toEqual([
      { header: 'Nro Doc', column: 'ticket' },
      { header: 'Cuando', column: 'date' },
      { header: 'Local', column: 'store' },
      { header: 'Art', column: 'sku' },
      { header: 'Cant', column: 'quantity' },
    ]);
  });
});
