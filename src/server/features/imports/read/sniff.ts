/**
 * What kind of file an upload is, before any record is read: CSV or Parquet, UTF-8 or
 * Windows-1252 (what many Windows POS systems still write), with or without BOM, which delimiter,
 * plus its size and SHA-256 (the import record's checksum). One streamed pass in constant memory,
 * so a 200 MB upload costs a read of the file and nothing more. Empty and binary files are refused
 * here with a clear 4xx.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import {
  HEAD_BYTES,
  assertText,
  emptyFile,
  endsWithParquetMagic,
  hasUtf8Bom,
  incompleteUtf8Tail,
  isBlank,
  startsWithParquetMagic,
  truncatedParquet,
} from './bytes.js';
import { sniffDelimiter } from './delimiter.js';

export type FileFormat = 'csv' | 'parquet';
export type TextEncoding = 'utf-8' | 'windows-1252';

export interface FileFacts {
  format: FileFormat;
  /** 'utf-8' for Parquet. */
  encoding: TextEncoding;
  bom: boolean;
  /** ',' ';' '\t' '|' for CSV; '' for Parquet. */
  delimiter: string;
  sizeBytes: number;
  /** Hex SHA-256 of the whole file. */
  sha256: string;
}

type TextFacts = Omit<FileFacts, 'sizeBytes' | 'sha256'>;

const PARQUET: TextFacts = { format: 'parquet', encoding: 'utf-8', bom: false, delimiter: '' };

/** Validity of a UTF-8 stream checked chunk by chunk, carrying a sequence cut by a chunk boundary. */
class Utf8Validator {
  valid = true;
  private carry: Buffer | null = null;

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const pending = incompleteUtf8Tail(bytes);
    this.carry = pending > 0 ? Buffer.from(bytes.subarray(bytes.length - pending)) : null;
    if (!isUtf8(bytes.subarray(0, bytes.length - pending))) this.valid = false;
  }

  /** False when the stream ended inside a sequence. */
  end(): boolean {
    return this.valid && this.carry === null;
  }
}

/**
 * Facts about the text of a CSV file from its first bytes. `utf8` is the validity of the whole
 * file; a UTF-8 BOM wins over stray invalid bytes (they decode as U+FFFD rather than turning every
 * accented letter into two Windows-1252 characters). `cutLast`: `head` may end mid-line.
 */
function textFacts(head: Buffer, utf8: boolean, cutLast: boolean): TextFacts {
  const bom = hasUtf8Bom(head);
  const body = bom ? head.subarray(3) : head;
  return {
    format: 'csv',
    encoding: utf8 || bom ? 'utf-8' : 'windows-1252',
    bom,
    delimiter: sniffDelimiter(body.toString('latin1'), cutLast),
  };
}

export async function sniffFile(file: string): Promise<FileFacts> {
  const hash = createHash('sha256');
  const utf8 = new Utf8Validator();
  const headParts: Buffer[] = [];
  let headLength = 0;
  let sizeBytes = 0;
  let content = false;
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: HEAD_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    utf8.push(chunk);
    if (!content) content = !isBlank(chunk, sizeBytes === 0 && hasUtf8Bom(chunk) ? 3 : 0);
    if (headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - headLength);
      headParts.push(part);
      headLength += part.length;
    }
    tail = chunk.length >= 4 ? chunk.subarray(chunk.length - 4) : Buffer.concat([tail, chunk]).subarray(-4);
    sizeBytes += chunk.length;
  }
  if (!content) throw emptyFile();
  const head = Buffer.concat(headParts);
  const sha256 = hash.digest('hex');
  if (startsWithParquetMagic(head)) {
    if (sizeBytes < 8 || !endsWithParquetMagic(tail)) throw truncatedParquet();
    return { ...PARQUET, sizeBytes, sha256 };
  }
  assertText(head);
  return { ...textFacts(head, utf8.end(), sizeBytes > HEAD_BYTES), sizeBytes, sha256 };
}

export function sniffSample(sample: Buffer): Omit<FileFacts, 'sizeBytes' | 'sha256'> {
  if (isBlank(sample, hasUtf8Bom(sample) ? 3 : 0)) throw emptyFile();
  if (startsWithParquetMagic(sample)) return { ...PARQUET };
  const head = sample.subarray(0, HEAD_BYTES);
  assertText(head);
  const utf8 = isUtf8(sample.subarray(0, sample.length - incompleteUtf8Tail(sample)));
  return textFacts(head, utf8, true);
}
