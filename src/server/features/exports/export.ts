/**
 * One export of a list, as a stream of bytes, for the HTTP route and `fluxion export` alike.
 *
 * CSV is streamed: the rows are read a page at a time (EXPORT_PAGE_SIZE) through the tenant
 * handle and each page is written as it arrives, so memory stays flat whatever the size. The
 * filters are checked and the first page is read before the stream is handed over: a bad filter
 * or a failing query is an ordinary error response, not a cut-off download.
 *
 * Parquet cannot be written a row group at a time from here, so the pages go to a CSV file in a
 * private temporary directory, an in-memory DuckDB instance (offboarding/parquet.ts) turns it
 * into a typed Parquet file, and that file is streamed and removed with its directory. The disk,
 * not the memory, holds the export meanwhile (about the size of the CSV plus the Parquet).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { todayIn } from '../../../shared/dates.js';
import { tenantTimeZone } from '../sales/period.js';
import { ParquetConverter } from '../offboarding/parquet.js';
import { columnsOf, type ExportColumn } from './columns.js';
import { BOM, csvHeader, csvRecord, typedCsvRecord } from './csv.js';
import { KINDS, type ExportContext, type ExportFormat, type ExportKind } from './kinds.js';

export const EXPORT_PAGE_SIZE = 5000;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

export interface ExportOptions {
  format: ExportFormat;
  /** The export's instant: its file name carries the tenant's date of it. */
  now: Date;
  pageSize?: number;
  /** Rows read so far (for progress). */
  onRows?: (rows: number) => void;
  /** Where Parquet's temporary files go (default: the OS temporary directory). */
  tempRoot?: string;
}

export interface OpenedExport {
  /** `<tenant>-<kind>-<YYYY-MM-DD>.<csv|parquet>` */
  filename: string;
  contentType: string;
  /** The file's bytes; destroying it stops the export and removes its temporary files. */
  stream: Readable;
}

/** `filters` are the list's, already validated against the kind's querystring schema (`format` is ignored). */
export async function openExport(ctx: ExportContext, kind: ExportKind, filters: Record<string, unknown>, options: ExportOptions): Promise<OpenedExport> {
  const spec = KINDS[kind];
  const { format: _format, ...listFilters } = filters;
  const columns = columnsOf(spec.item);
  const pages = counted(spec.pages(ctx, listFilters, options.pageSize ?? EXPORT_PAGE_SIZE), options.onRows);
  const filename = `${ctx.tenant.id}-${kind}-${todayIn(tenantTimeZone(ctx.tenant), options.now)}.${options.format}`;
  const stream = options.format === 'csv' ? await csvStream(columns, pages) : await parquetStream(columns, pages, options.tempRoot ?? os.tmpdir());
  return { filename, contentType: CONTENT_TYPES[options.format], stream };
}

async function* counted(pages: AsyncGenerator<unknown[]>, onRows: ((rows: number) => void) | undefined): AsyncGenerator<unknown[]> {
  let rows = 0;
  for await (const page of pages) {
    rows += page.length;
    onRows?.(rows);
    yield page;
  }
}

/** The CSV as a stream, one chunk per page, once the first page has been read. */
async function csvStream(columns: ExportColumn[], pages: AsyncGenerator<unknown[]>): Promise<Readable> {
  const first = await pages.next();
  const render = (page: unknown[]) => {
    let text = '';
    for (const item of page) text += csvRecord(columns, item);
    return Buffer.from(text, 'utf8');
  };
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      yield Buffer.from(BOM + csvHeader(columns), 'utf8');
      if (first.done) return;
      yield render(first.value);
      for await (const page of pages) yield render(page);
    } finally {
      // A reader that goes away stops the reading at the next page.
      await pages.return(undefined);
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** The whole Parquet file built in a temporary directory, then streamed from it and removed. */
async function parquetStream(columns: ExportColumn[], pages: AsyncGenerator<unknown[]>, tempRoot: string): Promise<Readable> {
  const temp = await fs.promises.mkdtemp(path.join(tempRoot, 'fluxion-list-export-'));
  const removeTemp = () => fs.promises.rm(temp, { recursive: true, force: true });
  try {
    const csvPath = path.join(temp, 'rows.csv');
    const parquetPath = path.join(temp, 'rows.parquet');
    const out = await fs.promises.open(csvPath, 'wx', 0o600);
    let rows = 0;
    try {
      await out.write(columns.map((c) => c.name).join(',') + '\r\n');
      for await (const page of pages) {
        let text = '';
        for (const item of page) text += typedCsvRecord(columns, item);
        await out.write(text);
        rows += page.length;
      }
    } finally {
      await out.close();
    }
    const converter = await ParquetConverter.open(temp);
    try {
      const written = await converter.convert(csvPath, parquetPath, columns);
      if (written !== rows) throw new Error(`Parquet export: ${rows} rows read but ${written} written.`);
    } finally {
      converter.close();
    }
    await fs.promises.rm(csvPath);
    const stream = fs.createReadStream(parquetPath, { highWaterMark: 1 << 20 });
    stream.on('close', () => void removeTemp());
    return stream;
  } catch (err) {
    await removeTemp();
    throw err;
  }
}
