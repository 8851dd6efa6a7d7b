/**
 * Bad input: every file-level refusal is a clear 4xx before anything is queued, and every
 * row-level problem is reported with its line, column, value and reason while nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TINY_PNG } from '../support/images.js';
import { multipart } from '../support/multipart.js';
import { runImport, upload } from './helpers.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const SALES_HEADER = 'ticket;fecha;tienda;sku;cantidad;precio\n';

describe('imports: bad files and bad rows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterAll(() => t.close());

  const imports = async () => Number((await t.store.platform.get("SELECT count(*) AS n FROM imports WHERE tenant_id = 'granja'"))?.n);
  const ventas = async () => Number((await t.store.platform.get("SELECT count(*) AS n FROM ventas WHERE tenant_id = 'granja'"))?.n);

  it.each([
    ['an empty file', '', 400, 'empty_file', /empty/],
    ['a file with a BOM and nothing else', '\uFEFF', 400, 'empty_file', /empty/],
    ['a header without rows', SALES_HEADER, 400, 'empty_file', /header but no rows/],
    ['rows without a header', 'A-1;27/11/2026;S1;P-001;2;45\nA-2;27/11/2026;S1;P-001;1;45\n', 400, 'no_header', /names none of the sales columns/],
    ['a products file sent as sales', 'sku;nombre;precio;costo\nP-9;Algo;1;1\n', 400, 'wrong_kind', /looks like a products file/],
    ['a header missing a required column', 'ticket;fecha;tienda;cantidad\nA-1;27/11/2026;S1;2\n', 400, 'validation_error', /no column for 'sku'/],
    ['an image', TINY_PNG, 415, 'unsupported_media_type', /not CSV or Parquet|binary/i],
    ['random bytes', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)), 415, 'unsupported_media_type', /./],
  ])('refuses %s with %i %s, queuing nothing', async (_what, content, status, error, message) => {
    const before = await imports();
    const res = await upload(t, 'granja', 'sales', content);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ error });
    expect(res.json().message).toMatch(message);
    expect(await imports()).toBe(before);
  });

  it('refuses a file over the configured size with 413, and a body that is not multipart with 415', async () => {
    const small = await createTestApp({ config: { maxUploadBytes: 64 * 1024 } });
    try {
      const big = SALES_HEADER + 'A-1;27/11/2026;S1;P-001;2;45\n'.repeat(4000);
      const res = await upload(small, 'granja', 'sales', big);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: 'payload_too_large', message: 'The file is larger than 64 KB.' });
      expect(Number((await small.store.platform.get('SELECT count(*) AS n FROM imports'))?.n)).toBe(0);
    } finally {
      await small.close();
    }
    const json = await t.on('granja', { method: 'POST', url: '/api/v1/imports', payload: { kind: 'sales' }, as: 'manager' });
    expect(json.statusCode).toBe(415);
  });

  it.each([
    [{ kind: 'ventas' }, /'kind' must be one of/],
    [{ kind: 'sales', unknown: 'ignore' }, /'unknown' must be one of reject, create/],
    [{ kind: 'sales', mapping: '{not json' }, /'mapping' must be a JSON object/],
    [{ kind: 'sales', mapping: '{"Factura":"factura_no"}' }, /sales has no column 'factura_no'/],
    [{ kind: 'sales', colour: 'red' }, /Unknown field\(s\): 'colour'/],
  ])('refuses bad options %j with a 400 naming them', async (fields, message) => {
    const body = multipart(fields, { name: 'x.csv', content: SALES_HEADER + 'A-1;27/11/2026;S1;P-001;2;45\n' });
    const res = await t.on('granja', { method: 'POST', url: '/api/v1/imports', ...body, as: 'manager' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(message);
  });

  it('reports every bad row with line, column, value and reason, and writes nothing', async () => {
    const before = await ventas();
    const csv =
      SALES_HEADER +
      'C-1;27/11/2026 10:00;S1;P-001;2;45,00\n' + // line 2: fine
      'C-2;31/02/2026 10:00;S1;P-001;2;45,00\n' + // 3: no 31 February
      'C-3;27/11/2026 10:00;S1;P-001;dos;45,00\n' + // 4: quantity
      'C-4;27/11/2026 10:00;S1;P-001;0;45,00\n' + // 5: quantity below 1
      'C-5;27/11/2026 10:00;S1;;1;45,00\n' + // 6: empty sku
      'C-6;27/11/2026 10:00;S1;P-001;1;abc\n' + // 7: price
      'C-7;27/11/2026 10:00;S1;P-001;1;45;extra\n' + // 8: one field too many
      'C-8;27/11/2026 10:00;S7;P-404;1;45\n' + // 9: unknown store (the first failing check is reported)
      'C-1;27/11/2026 10:00;S1;P-001;2;45,00\n' + // 10: fine: line 2 of ticket C-1 (no line column: order in the file)
      'C-9;30/11/2026 10:00;S1;P-001;1;45\n'; // 11: in the future
    const r = await runImport(t, 'granja', 'sales', csv);
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ error: 'rejected_rows' });
    expect(r.rows).toMatchObject({ total: 10, rejected: 8, inserted: 0 });
    expect(r.rejections.map((x) => [x.line, x.column, x.value, x.reason])).toEqual([
      [3, 'date', '31/02/2026 10:00', 'invalid_datetime'],
      [4, 'quantity', 'dos', 'invalid_integer'],
      [5, 'quantity', '0', 'out_of_range'],
      [6, 'sku', '', 'required'],
      [7, 'price', 'abc', 'invalid_number'],
      [8, null, null, 'field_count'],
      [9, 'store', 'S7', 'unknown_store'],
      [11, 'date', '30/11/2026 10:00', 'future_date'],
    ]);
    expect(r.reasons).toEqual({ invalid_datetime: 1, invalid_integer: 1, out_of_range: 1, required: 1, invalid_number: 1, field_count: 1, unknown_store: 1, future_date: 1 });
    expect(await ventas()).toBe(before);
    // With a line column, the same ticket and line twice is a duplicate.
    const refs = await runImport(t, 'granja', 'sales', 'ticket;linea;fecha;tienda;sku;cantidad;precio\nC-1;1;27/11/2026 10:00;S1;P-001;2;45,00\nC-8;1;27/11/2026 10:00;S7;P-404;1;45\nC-1;1;27/11/2026 10:00;S1;P-001;2;45,00\nC-10;1;27/11/2026 10:00;S1;P-404;1;45\n');
    expect(refs.rejections.map((x) => [x.line, x.column, x.value, x.reason])).toEqual([
      [3, 'store', 'S7', 'unknown_store'],
      [4, 'ticket+line', 'C-1 line 1 (first on line 2)', 'duplicate_key'],
      [5, 'sku', 'P-404', 'unknown_product'],
    ]);
    expect(await ventas()).toBe(before);
    const report = await t.on('granja', { method: 'GET', url: `/api/v1/imports/${refs.id}/rejections`, as: 'manager' });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    expect(report.body.replace(/^\uFEFF/, '').split('\r\n')[1]).toBe("3,store,S7,unknown_store,No store with code 'S7' in this tenant.");
  });

  it('keeps the first 1,000 rejections and counts them all; the error report escapes formulas', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => `=HYPERLINK("x")${i};27/11/2026;S1;P-001;x;1`).join('\n');
    const r = await runImport(t, 'granja', 'sales', SALES_HEADER + bad + '\n');
    expect(r.rows).toMatchObject({ total: 1500, rejected: 1500 });
    expect(r.rejections).toHaveLength(1000);
    expect(r.rejections[999]!.line).toBe(1001);
    expect(r.reasons).toEqual({ invalid_integer: 1500 });
    const bad2 = await runImport(t, 'granja', 'sales', SALES_HEADER + 'X-1;27/11/2026;S1;=cmd|calc;1;1\nX-2;27/11/2026;S1;-2+3;1;1\n');
    const report = await t.on('granja', { method: 'GET', url: `/api/v1/imports/${bad2.id}/rejections`, as: 'manager' });
    expect(report.body).toContain("2,sku,'=cmd|calc,unknown_product,");
    expect(report.body).toContain("3,sku,'-2+3,unknown_product,");
  });

  it('a bad row at the end of a large file leaves nothing imported', async () => {
    const before = await ventas();
    const moves = await t.store.platform.get("SELECT count(*) AS n FROM inventory_movements WHERE tenant_id = 'granja'");
    const rows = Array.from({ length: 20_000 }, (_, i) => `Z-${i};27/11/2026 10:00;S1;P-00${1 + (i % 3)};1;45`);
    rows.push('Z-last;27/11/2026 10:00;S1;P-404;1;45');
    const r = await runImport(t, 'granja', 'sales', SALES_HEADER + rows.join('\n') + '\n');
    expect(r.status).toBe('failed');
    expect(r.rows).toMatchObject({ total: 20_001, rejected: 1, inserted: 0 });
    expect(r.rejections).toEqual([expect.objectContaining({ line: 20_002, reason: 'unknown_product', value: 'P-404' })]);
    expect(await ventas()).toBe(before);
    expect(await t.store.platform.get("SELECT count(*) AS n FROM inventory_movements WHERE tenant_id = 'granja'")).toEqual(moves);
  });
});
