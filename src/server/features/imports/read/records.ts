/**
 * The records of an uploaded file, streamed in batches with the physical line each starts on (for
 * rejection reports). CSV is decoded with the sniffed encoding (TextDecoder: UTF-8, or
 * Windows-1252 through Node's ICU) and parsed incrementally (csv.ts); Parquet is read through an
 * in-memory DuckDB (parquet.ts). Either way the header is the first record and memory stays flat:
 * the file is read 64 KB at a time, and the next chunk is read only when the caller asks for the
 * next batch.
 */
import { createReadStream } from 'node:fs';
import { AppError } from '../../../errors.js';
import { CsvParser } from './csv.js';
import { readParquet } from './parquet.js';
import type { FileFacts } from './sniff.js';

/** lines[i] is the 1-based physical line on which rows[i] starts. */
export interface RecordBatch {
  lines: number[];
  rows: string[][];
}

/** 64 KB reads measured fastest: larger decoded strings make the line slicing slower. */
const CHUNK_BYTES = 65_536;

/** Records grouped into batches of exactly `size` (the last one may be smaller). */
class Batcher {
  readonly ready: RecordBatch[] = [];
  private lines: number[] = [];
  private rows: string[][] = [];

  constructor(private readonly size: number) {}

  readonly add = (fields: string[], line: number): void => {
    this.rows.push(fields);
    this.lines.push(line);
    if (this.rows.length === this.size) this.flush();
  };

  flush(): void {
    if (this.rows.length === 0) return;
    this.ready.push({ lines: this.lines, rows: this.rows });
    this.lines = [];
    this.rows = [];
  }
}

export async function* readRecords(file: string, facts: FileFacts, batchSize = 4096): AsyncGenerator<RecordBatch> {
  if (facts.format === 'parquet') {
    yield* readParquet(file, batchSize);
    return;
  }
  const decoder = new TextDecoder(facts.encoding);
  const batches = new Batcher(batchSize);
  const parser = new CsvParser(facts.delimiter, batches.add);
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    parser.push(decoder.decode(chunk, { stream: true }));
    while (batches.ready.length > 0) yield batches.ready.shift()!;
  }
  parser.push(decoder.decode());
  parser.end();
  batches.flush();
  yield* batches.ready;
}

/**
 * Up to `max` records (the header included) of the first bytes of a CSV file. A record cut by the
 * end of the sample is dropped, as is a UTF-8 sequence cut there; pass `complete` when the sample
 * is the whole file, so its last line counts even without a final line break.
 */
export function sampleRecords(
  sample: Buffer,
  facts: Pick<FileFacts, 'format' | 'encoding' | 'delimiter' | 'bom'>,
  max: number,
  complete = false,
): string[][] {
  if (facts.format !== 'csv') {
    throw new AppError('bad_request', 'A Parquet file cannot be previewed from its first bytes: its column list is at the end of the file.');
  }
  const rows: string[][] = [];
  const parser = new CsvParser(facts.delimiter, (fields) => {
    if (rows.length < max) rows.push(fields);
  });
  // stream: true keeps a cut trailing UTF-8 sequence back instead of decoding it as U+FFFD.
  parser.push(new TextDecoder(facts.encoding).decode(sample, { stream: true }));
  if (complete) parser.end();
  return rows;
}
