/**
 * sniffFile / sniffSample: format, encoding, BOM, delimiter, checksum, and the refusals of empty
 * and binary files — on small files written to a temporary directory.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../../../src/server/errors.js';
import { sniffFile, sniffSample } from '../../../src/server/features/imports/read/sniff.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fx-sniff-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(content: string | Buffer): string {
  const file = path.join(dir, `f${n++}`);
  fs.writeFileSync(file, content);
  return file;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A tiny valid PNG (1×1 transparent pixel). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('sniffFile', () => {
  it('reports size and the SHA-256 of the whole file', async () => {
    const content = 'sku,nombre\nA1,Arroz\n';
    const facts = await sniffFile(write(content));
    expect(facts).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      bom: false,
      delimiter: ',',
      sizeBytes: Buffer.byteLength(content),
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('hashes and validates a file larger than one read chunk', async () => {
    const row = 'SKU-1;Café con leche;12,50\n';
    const content = 'sku;nombre;precio\n' + row.repeat(20_000); // ~560 KB, many 64 KB chunks
    const facts = await sniffFile(write(content));
    expect(facts.sizeBytes).toBe(Buffer.byteLength(content));
    expect(facts.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(facts.encoding).toBe('utf-8');
    expect(facts.delimiter).toBe(';');
  });

  it('detects a UTF-8 BOM', async () => {
    const facts = await sniffFile(write(Buffer.concat([BOM, Buffer.from('fecha;tienda\n2026-11-27;T01\n')])));
    expect(facts).toMatchObject({ format: 'csv', encoding: 'utf-8', bom: true, delimiter: ';' });
  });

  it('detects Windows-1252 (Latin-1) files', async () => {
    const facts = await sniffFile(write(latin1('producto;descripción\nA1;Piñata\nA2;Café\n')));
    expect(facts).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';' });
  });

  it('detects Windows-1252 when only the last byte of a large UTF-8 file is Latin-1', async () => {
    const utf8Part = Buffer.from('sku,nombre\n' + 'A1,Añejo\n'.repeat(30_000)); // ~300 KB of valid UTF-8
    const facts = await sniffFile(write(Buffer.concat([utf8Part, Buffer.from([0xe9])])));
    expect(facts.encoding).toBe('windows-1252');
    // Without that byte the same file is UTF-8.
    expect((await sniffFile(write(utf8Part))).encoding).toBe('utf-8');
  });

  it('keeps UTF-8 when a multi-byte character straddles the 64 KB read boundary', async () => {
    const prefix = 'a'.repeat(65_535); // 'ñ' (2 bytes) starts at byte 65,535
    const facts = await sniffFile(write(`x\n${prefix.slice(2)}ñ\n`));
    expect(facts.encoding).toBe('utf-8');
  });

  it('finds each delimiter', async () => {
    const rows = [['fecha', 'tienda', 'sku', 'cantidad'], ['2026-11-27', 'T01', 'A1', '3'], ['2026-11-28', 'T02', 'A2', '4']];
    for (const d of [',', ';', '\t', '|']) {
      const facts = await sniffFile(write(rows.map((r) => r.join(d)).join('\n') + '\n'));
      expect(facts.delimiter, JSON.stringify(d)).toBe(d);
    }
  });

  it('ignores delimiters inside quotes and prefers ; when decimal commas appear', async () => {
    const quoted = 'sku,nombre,nota\nA1,"Arroz; 1 kg","a;b;c"\nA2,"Harina; 2 kg","d;e;f"\n';
    expect((await sniffFile(write(quoted))).delimiter).toBe(',');
    // Every line has one ';' and one ','; the ',' are decimal commas.
    const decimals = '12,50;3\n7,25;4\n1,5;9\n';
    expect((await sniffFile(write(decimals))).delimiter).toBe(';');
  });

  it('refuses an empty file, a BOM-only file and a blank file', async () => {
    for (const content of [Buffer.alloc(0), BOM, Buffer.concat([BOM, Buffer.from('\r\n\r\n  \n')])]) {
      const err = await refusal(sniffFile(write(content)));
      expect(err.code).toBe('empty_file');
      expect(err.status).toBe(400);
    }
  });

  it('refuses binary garbage: random bytes, a PNG, a gzip', async () => {
    const cases: Array<[Buffer, RegExp]> = [
      [randomBytes(4096), /not CSV or Parquet/],
      [PNG, /not CSV or Parquet: it looks like an image/],
      [gzipSync(Buffer.from('sku,nombre\nA1,Arroz\n'.repeat(100))), /not CSV or Parquet: it looks like a gzip/],
      // The first local file header of an .xlsx (a ZIP whose first entry is [Content_Types].xml).
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml'), randomBytes(200)]), /Excel workbook \(\.xlsx\): save it as CSV/],
    ];
    for (const [content, message] of cases) {
      const err = await refusal(sniffFile(write(content)));
      expect(err.code).toBe('unsupported_media_type');
      expect(err.status).toBe(415);
      expect(err.message).toMatch(message);
    }
  });

  it('refuses text with more than 1% control characters, but not fewer', async () => {
    const line = 'A1,Arroz blanco de grano largo,12.50,3\n'; // 39 bytes
    const noisy = (line.slice(0, -1) + '\x01\n').repeat(100); // 1 in 40 bytes
    expect((await refusal(sniffFile(write(noisy)))).code).toBe('unsupported_media_type');
    const fine = line.repeat(200) + '\x1a'; // a DOS end-of-file mark
    expect((await sniffFile(write(fine))).format).toBe('csv');
  });

  it('recognises Parquet, and refuses a truncated one', async () => {
    const file = path.join(dir, 'x.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`COPY (SELECT range AS id, 'n' || range AS nombre FROM range(10)) TO '${file}' (FORMAT parquet)`);
    conn.closeSync();
    instance.closeSync();
    const facts = await sniffFile(file);
    expect(facts).toMatchObject({ format: 'parquet', encoding: 'utf-8', bom: false, delimiter: '', sizeBytes: fs.statSync(file).size });
    const cut = fs.readFileSync(file).subarray(0, 100);
    const err = await refusal(sniffFile(write(cut)));
    expect(err.code).toBe('unsupported_media_type');
    expect(err.message).toMatch(/truncated/);
  });
});

describe('sniffSample', () => {
  it('sniffs a sample cut mid-line and mid-character', () => {
    const full = Buffer.from('fecha;tienda;producto\n27/11/2026;T01;Añejo\n28/11/2026;T02;Piñata');
    const cut = full.subarray(0, full.length - 4); // ends inside 'ñ'
    expect(sniffSample(cut)).toEqual({ format: 'csv', encoding: 'utf-8', bom: false, delimiter: ';' });
  });

  it('ignores a cut last line when sniffing the delimiter', () => {
    // The last line is cut right after a comma inside its text: it must not outvote the ';'.
    const sample = Buffer.from('sku;nombre\nA1;Arroz\nA2;Harina\nA3;Pan, queso, vino, sal, azúcar,');
    expect(sniffSample(sample).delimiter).toBe(';');
  });

  it('detects Latin-1, BOM, Parquet, empty and binary samples', () => {
    expect(sniffSample(latin1('nombre\nCaf\xe9\n')).encoding).toBe('windows-1252');
    expect(sniffSample(Buffer.concat([BOM, Buffer.from('a,b\n1,2\n')]))).toMatchObject({ bom: true, encoding: 'utf-8', delimiter: ',' });
    expect(sniffSample(Buffer.concat([Buffer.from('PAR1'), randomBytes(100)]))).toEqual({ format: 'parquet', encoding: 'utf-8', bom: false, delimiter: '' });
    expect(() => sniffSample(BOM)).toThrow(expect.objectContaining({ code: 'empty_file' }));
    expect(() => sniffSample(PNG)).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
  });
});
