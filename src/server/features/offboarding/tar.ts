/**
 * A minimal POSIX ustar writer: enough for the export archive (regular files and one directory),
 * read by GNU tar, bsdtar, Python's tarfile and node-tar. Each entry is a 512-byte header, the
 * bytes, and zero padding to the next 512-byte boundary; two zero blocks end the archive.
 *
 * Sizes above the 11 octal digits of ustar (8 GiB) use the base-256 form GNU tar and the others
 * read, so a very large table still fits.
 */

export const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777;

function writeString(header: Buffer, value: string, offset: number, length: number): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar: '${value.slice(0, 60)}' does not fit in ${length} bytes`);
  bytes.copy(header, offset);
}

/** `length - 1` octal digits and a NUL, as ustar numbers are. */
function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  writeString(header, `${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
}

/** GNU base-256: the high bit of the first byte set, the value big-endian in the rest. */
function writeBase256(header: Buffer, value: number, offset: number, length: number): void {
  let v = BigInt(value);
  for (let i = offset + length - 1; i > offset; i--) {
    header[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  header[offset] = 0x80;
}

/** ustar keeps names up to 100 bytes, or a prefix of up to 155 and a name of up to 100 split at a '/'. */
function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`tar: the path '${path.slice(0, 60)}…' is too long for ustar`);
}

export interface TarEntry {
  path: string;
  size: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
  type?: 'file' | 'directory';
  mode?: number;
}

/** The 512-byte header of one entry. */
export function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(BLOCK);
  const directory = entry.type === 'directory';
  const { name, prefix } = splitName(directory && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path);
  writeString(header, name, 0, 100);
  writeOctal(header, entry.mode ?? (directory ? 0o755 : 0o644), 100, 8);
  writeOctal(header, 0, 108, 8); // uid
  writeOctal(header, 0, 116, 8); // gid
  const size = directory ? 0 : entry.size;
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`tar: bad size ${size}`);
  if (size > MAX_OCTAL_SIZE) writeBase256(header, size, 124, 12);
  else writeOctal(header, size, 124, 12);
  writeOctal(header, Math.floor(entry.mtime / 1000), 136, 12);
  header.fill(0x20, 148, 156); // the checksum field counts as spaces while summing
  header[156] = directory ? 0x35 : 0x30; // '5' directory, '0' regular file
  writeString(header, 'ustar\0', 257, 6);
  writeString(header, '00', 263, 2);
  writeString(header, 'root', 265, 32); // uname
  writeString(header, 'root', 297, 32); // gname
  writeString(header, prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

/** Zeros after `size` bytes of content, up to the next block boundary. */
export function tarPadding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** The end-of-archive marker: two zero blocks. */
export const TAR_END = Buffer.alloc(2 * BLOCK);
