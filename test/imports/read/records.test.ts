/**
 * readRecords / sampleRecords: RFC 4180 quoting, line numbers across multi-line records, CRLF,
 * BOM, Latin-1 decoding, blank lines, batching, unclosed quotes, and Parquet through DuckDB.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../../../src/server/errors.js';
import { readRecords, sampleRecords, type RecordBatch } from '../../../src/server/features/imports/read/records.js';
import { sniffFile, type FileFacts } from '../../../src/server/features/imports/read/sniff.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fx-records-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(content: string | Buffer, name = `f${n++}.csv`): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function collect(file: string, facts?: FileFacts, batchSize?: number): Promise<{ batches: RecordBatch[]; lines: number[]; rows: string[][] }> {
  const batches: RecordBatch[] = [];
  for await (const b of readRecords(file, facts ?? (await sniffFile(file)), batchSize)) batches.push(b);
  return { batches, lines: batches.flatMap((b) => b.lines), rows: batches.flatMap((b) => b.rows) };
}

describe('readRecords (CSV)', () => {
  it('reads plain records with the header first, fields untrimmed', async () => {
    const { lines, rows } = await collect(write('sku,nombre,precio\nA1, Arroz ,12.50\nA2,Harina,3\n'));
    expect(rows).toEqual([
      ['sku', 'nombre', 'precio'],
      ['A1', ' Arroz ', '12.50'],
      ['A2', 'Harina', '3'],
    ]);
    expect(lines).toEqual([1, 2, 3]);
  });

  it('reads each delimiter', async () => {
    for (const d of [';', '\t', '|']) {
      const { rows } = await collect(write(`a${d}b${d}c\n1${d}2${d}3\n4${d}5${d}6\n`));
      expect(rows, JSON.stringify(d)).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']]);
    }
  });

  it('handles quoted fields with delimiters, doubled quotes and line breaks, counting physical lines', async () => {
    const csv = [
      'sku,nombre,nota',
      'A1,"Arroz, 1 kg","dice ""hola"""',
      'A2,"Harina',
      'de trigo',
      '2 kg",x',
      'A3,Tubo 1/2",y',
      '"A4",,""',
      '',
    ].join('\n');
    const { lines, rows } = await collect(write(csv));
    expect(rows).toEqual([
      ['sku', 'nombre', 'nota'],
      ['A1', 'Arroz, 1 kg', 'dice "hola"'],
      ['A2', 'Harina\nde trigo\n2 kg', 'x'],
      ['A3', 'Tubo 1/2"', 'y'],
      ['A4', '', ''],
    ]);
    expect(lines).toEqual([1, 2, 3, 6, 7]);
  });

  it('handles CRLF line ends, keeping CRLF inside quoted fields', async () => {
    const { lines, rows } = await collect(write('a;b\r\n1;"x\r\ny"\r\n2;z\r\n'));
    expect(rows).toEqual([['a', 'b'], ['1', 'x\r\ny'], ['2', 'z']]);
    expect(lines).toEqual([1, 2, 4]);
  });

  it('skips blank lines (empty, white space, only delimiters) but counts them', async () => {
    const { lines, rows } = await collect(write('\n\nsku;nombre\n\nA1;Arroz\n   \n;;\nA2;Pan\n;;\n'));
    expect(rows).toEqual([['sku', 'nombre'], ['A1', 'Arroz'], ['A2', 'Pan']]);
    expect(lines).toEqual([3, 5, 8]);
  });

  it('reads a last line without a line break, quoted or not', async () => {
    expect((await collect(write('a,b\n1,2'))).rows).toEqual([['a', 'b'], ['1', '2']]);
    expect((await collect(write('a,b\n1,"2\n3"'))).rows).toEqual([['a', 'b'], ['1', '2\n3']]);
  });

  it('skips the BOM', async () => {
    const { rows } = await collect(write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('sku;nombre\nA1;Ñame\n')])));
    expect(rows).toEqual([['sku', 'nombre'], ['A1', 'Ñame']]);
  });

  it('decodes Windows-1252: ñ, é, €', async () => {
    const file = write(Buffer.from([...Buffer.from('nombre;precio\nPi'), 0xf1, ...Buffer.from('ata Caf'), 0xe9, ...Buffer.from(';5 '), 0x80, 0x0a]));
    const facts = await sniffFile(file);
    expect(facts.encoding).toBe('windows-1252');
    expect((await collect(file, facts)).rows).toEqual([['nombre', 'precio'], ['Piñata Café', '5 €']]);
  });

  it('decodes UTF-8 characters split across read chunks', async () => {
    const row = 'A1;Añejo ñandú 🍍\n';
    const content = 'sku;nombre\n' + row.repeat(10_000); // ~200 KB: many 64 KB boundaries fall inside characters
    const { rows } = await collect(write(content));
    expect(rows.length).toBe(10_001);
    expect(rows.every((r, i) => i === 0 || r[1] === 'Añejo ñandú 🍍')).toBe(true);
  });

  it('keeps multi-line records whole across read chunks, with their line numbers', async () => {
    const record = (i: number) => `${i},"línea uno\nlínea dos, ""con comillas""\nlínea tres"\n`;
    let csv = 'id,texto\n';
    for (let i = 0; i < 3000; i++) csv += record(i); // ~150 KB
    const { lines, rows } = await collect(write(csv));
    expect(rows.length).toBe(3001);
    expect(rows[2999 + 1]).toEqual(['2999', 'línea uno\nlínea dos, "con comillas"\nlínea tres']);
    expect(lines[1]).toBe(2);
    expect(lines[3000]).toBe(2 + 2999 * 3);
  });

  it('yields batches of exactly the requested size', async () => {
    const csv = 'n\n' + Array.from({ length: 10 }, (_, i) => `${i}\n`).join('');
    const { batches } = await collect(write(csv), undefined, 4);
    expect(batches.map((b) => b.rows.length)).toEqual([4, 4, 3]);
    expect(batches[2]!.lines).toEqual([9, 10, 11]);
  });

  it('refuses an unclosed quote at the end of the file, naming its line', async () => {
    const file = write('sku,nombre\nA1,Arroz\nA2,"Harina\nA3,Pan\n');
    const err = await collect(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'validation_error', details: { line: 3 } });
    expect((err as AppError).message).toMatch(/Line 3/);
  });

  it('refuses a record longer than 1 MiB instead of buffering the file', async () => {
    const file = write('sku,nombre\nA1,"' + 'x'.repeat(1_200_000) + '\nA2,Pan\n');
    await expect(collect(file)).rejects.toMatchObject({ code: 'validation_error', details: { line: 2 } });
  });
});

describe('readRecords (Parquet)', () => {
  it('reads column names as the header and values as text, NULL as empty', async () => {
    const file = path.join(dir, 'ventas.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`COPY (
      SELECT range AS linea, 'T' || (range % 3) AS "tienda ""x""", (range * 1.25)::DECIMAL(10,2) AS precio,
             DATE '2026-11-27' + range::INTEGER AS fecha,
             TIMESTAMPTZ '2026-11-28 03:30:00+00' AS hora,
             CASE WHEN range = 1 THEN NULL ELSE range % 2 = 0 END AS activo
      FROM range(5000)) TO '${file}' (FORMAT parquet)`);
    conn.closeSync();
    instance.closeSync();
    const { batches, lines, rows } = await collect(file, undefined, 2048);
    expect(rows[0]).toEqual(['linea', 'tienda "x"', 'precio', 'fecha', 'hora', 'activo']);
    expect(rows[1]).toEqual(['0', 'T0', '0.00', '2026-11-27', '2026-11-28 03:30:00+00', 'true']);
    expect(rows[2]).toEqual(['1', 'T1', '1.25', '2026-11-28', '2026-11-28 03:30:00+00', '']);
    expect(rows.length).toBe(5001);
    expect(rows[5000]![0]).toBe('4999');
    expect(lines.slice(0, 3)).toEqual([1, 2, 3]);
    expect(lines[5000]).toBe(5001);
    expect(batches.map((b) => b.rows.length)).toEqual([2048, 2048, 905]);
  });

  it('refuses a file with Parquet magic that is not Parquet', async () => {
    const file = write(Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]), 'fake.parquet');
    const facts = await sniffFile(file);
    expect(facts.format).toBe('parquet');
    await expect(collect(file, facts)).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });
});

describe('sampleRecords', () => {
  const facts = { format: 'csv', encoding: 'utf-8', delimiter: ';', bom: false } as const;

  it('drops a cut last record and a cut UTF-8 character', () => {
    const full = Buffer.from('sku;nombre\nA1;Arroz\nA2;"Harina\nde trigo"\nA3;Piñata\n');
    const cutInQuotes = full.subarray(0, full.indexOf('de trigo'));
    expect(sampleRecords(cutInQuotes, facts, 20)).toEqual([['sku', 'nombre'], ['A1', 'Arroz']]);
    const cutInChar = full.subarray(0, full.length - 4); // inside 'ñ'
    expect(sampleRecords(cutInChar, facts, 20)).toEqual([['sku', 'nombre'], ['A1', 'Arroz'], ['A2', 'Harina\nde trigo']]);
  });

  it('keeps the last line of a complete sample, and stops at max', () => {
    const sample = Buffer.from('sku;nombre\nA1;Arroz\nA2;Pan');
    expect(sampleRecords(sample, facts, 20)).toEqual([['sku', 'nombre'], ['A1', 'Arroz']]);
    expect(sampleRecords(sample, facts, 20, true)).toEqual([['sku', 'nombre'], ['A1', 'Arroz'], ['A2', 'Pan']]);
    expect(sampleRecords(sample, facts, 2, true)).toEqual([['sku', 'nombre'], ['A1', 'Arroz']]);
  });

  it('decodes Latin-1 samples and skips a BOM', () => {
    expect(sampleRecords(Buffer.from([0x61, 0x0a, 0xf1, 0x0a]), { ...facts, encoding: 'windows-1252' }, 5)).toEqual([['a'], ['ñ']]);
    expect(sampleRecords(Buffer.from('\ufeffa;b\n1;2\n'), { ...facts, bom: true }, 5)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('refuses Parquet', () => {
    expect(() => sampleRecords(Buffer.from('PAR1'), { ...facts, format: 'parquet' }, 5)).toThrow(AppError);
  });
});
