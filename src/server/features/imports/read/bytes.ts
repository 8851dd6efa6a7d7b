/**
 * Byte-level facts about an uploaded file, shared by the whole-file and the sample sniffers: BOM,
 * Parquet magic, "is this text at all" (NULs and control characters), blank content, and the
 * incomplete UTF-8 sequence a chunk or a cut sample may end with. Rejecting binary files here,
 * with a message that says what the file looks like, spares the user a wall of parse errors.
 */
import { AppError } from '../../../errors.js';

/** How much of the file's beginning the text checks and the delimiter sniffer look at. */
export const HEAD_BYTES = 65_536;

const PARQUET_MAGIC = Buffer.from('PAR1', 'latin1');

export const hasUtf8Bom = (b: Buffer): boolean => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

export const startsWithParquetMagic = (b: Buffer): boolean => b.length >= 4 && b.subarray(0, 4).equals(PARQUET_MAGIC);

export const endsWithParquetMagic = (b: Buffer): boolean => b.length >= 4 && b.subarray(b.length - 4).equals(PARQUET_MAGIC);

/** True when bytes [from, end) are all ASCII white space (a file of only a BOM and blank lines). */
export function isBlank(b: Buffer, from = 0): boolean {
  for (let i = from; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return false;
  }
  return true;
}

/**
 * How many bytes at the end of `b` start a UTF-8 sequence that continues past it (0–3). Those
 * bytes are carried to the next chunk, or dropped from a cut sample, before `isUtf8`.
 */
export function incompleteUtf8Tail(b: Buffer): number {
  const max = Math.min(3, b.length);
  for (let k = 1; k <= max; k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead
    if (c < 0xc0) return 0; // ASCII: nothing pending
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    return need > k ? k : 0;
  }
  return 0;
}

/** A recognisable non-text format, to make the refusal useful. */
function lookalike(head: Buffer): string | null {
  const starts = (...bytes: number[]) => bytes.every((x, i) => head[i] === x);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an Excel 97–2003 workbook (.xls): save it as CSV';
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const names = head.subarray(0, 4096).toString('latin1');
    return names.includes('[Content_Types].xml') || names.includes('xl/')
      ? 'an Excel workbook (.xlsx): save it as CSV'
      : 'a ZIP archive: extract the CSV or Parquet file from it';
  }
  if (starts(0x1f, 0x8b)) return 'a gzip-compressed file: decompress it first';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'an image';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'UTF-16 text: save it as UTF-8 CSV';
  return null;
}

/**
 * Refuse a file that is not text: any NUL byte, or more than 1% control characters other than
 * tab, CR, LF and form feed, in `head` (the first 64 KB). Throws 'unsupported_media_type'.
 */
export function assertText(head: Buffer): void {
  let controls = 0;
  let nul = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (c >= 0x20 && c !== 0x7f) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) continue;
    if (c === 0) {
      nul = true;
      break;
    }
    controls++;
  }
  if (!nul && controls <= head.length * 0.01) return;
  const like = lookalike(head);
  throw new AppError(
    'unsupported_media_type',
    `The file is not CSV or Parquet${like ? `: it looks like ${like}` : ' (it contains binary data)'}.`,
  );
}

export function truncatedParquet(): AppError {
  return new AppError('unsupported_media_type', 'The file starts like Parquet but does not end like one: it is truncated or not a Parquet file.');
}

export function emptyFile(): AppError {
  return new AppError('empty_file', 'The file is empty (no bytes, or only blank lines).');
}
