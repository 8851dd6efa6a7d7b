/**
 * Unpack a tenant export (`.tar.gz`, ustar as offboarding/tar.ts writes it) into a directory:
 * regular files only, each by its base name, streamed to disk (memory stays at a chunk). Anything
 * else an archive might carry — links, devices, paths that climb out, names that are not an
 * export's — is refused rather than written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { BackupError } from './format.js';

const BLOCK = 512;
const EXPORT_FILE = /^[a-z_][a-z0-9_]*\.(csv|parquet)$|^manifest\.json$/;

function text(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function size(block: Buffer): number {
  if ((block[124]! & 0x80) !== 0) {
    let v = 0;
    for (let i = 125; i < 136; i++) v = v * 256 + block[i]!;
    return v;
  }
  const n = parseInt(text(block, 124, 12).trim() || '0', 8);
  if (!Number.isSafeInteger(n) || n < 0) throw new BackupError('The archive is damaged: a tar header has no valid size.');
  return n;
}

/** Extract `archive` into `dir` (which exists and is empty); returns the names written. */
export async function untarExport(archive: string, dir: string): Promise<string[]> {
  const written: string[] = [];
  let header = Buffer.alloc(0);
  let remaining = 0; // bytes of the current file still to come
  let padding = 0; // bytes of block padding after it
  let out: fs.WriteStream | undefined;
  let ended = false;
  // Each file's stream: closed (never rejects), and the first error any of them met (a full disk),
  // which stops the archive's stream at its next chunk. A stream's error is never left unheard.
  const closed: Array<Promise<void>> = [];
  let failure: Error | undefined;

  const sink = new Writable({
    write(chunk: Buffer, _enc, callback) {
      let buf = chunk;
      const step = (): void => {
        if (failure) return callback(failure);
        while (buf.length > 0 && !ended) {
          if (remaining > 0) {
            const part = buf.subarray(0, Math.min(remaining, buf.length));
            buf = buf.subarray(part.length);
            remaining -= part.length;
            const ok = out!.write(part);
            if (remaining === 0) {
              out!.end();
              out = undefined;
            }
            if (!ok && out) {
              // Go on when the file has room again, or when its stream has closed on an error.
              const stream = out;
              const resume = () => {
                stream.off('drain', resume).off('close', resume);
                step();
              };
              stream.once('drain', resume).once('close', resume);
              return;
            }
            continue;
          }
          if (padding > 0) {
            const skip = Math.min(padding, buf.length);
            buf = buf.subarray(skip);
            padding -= skip;
            continue;
          }
          const need = BLOCK - header.length;
          header = Buffer.concat([header, buf.subarray(0, need)]);
          buf = buf.subarray(Math.min(need, buf.length));
          if (header.length < BLOCK) break;
          const block = header;
          header = Buffer.alloc(0);
          if (block.every((b) => b === 0)) {
            ended = true;
            break;
          }
          const name = [text(block, 345, 155), text(block, 0, 100)].filter(Boolean).join('/');
          const type = String.fromCharCode(block[156]!);
          const bytes = size(block);
          if (type === '5') continue; // the archive's top directory
          if (type !== '0' && type !== '\0') return callback(new BackupError(`The archive holds '${name.slice(0, 80)}', which is not a regular file; refusing it.`));
          const base = path.posix.basename(name);
          if (name.includes('..') || !EXPORT_FILE.test(base)) return callback(new BackupError(`The archive holds '${name.slice(0, 80)}', which is not a file of a tenant export.`));
          if (written.includes(base)) return callback(new BackupError(`The archive holds ${base} twice.`));
          written.push(base);
          out = fs.createWriteStream(path.join(dir, base), { flags: 'wx', mode: 0o600 });
          out.once('error', (err) => (failure ??= err));
          const stream = out;
          closed.push(new Promise<void>((resolve) => stream.once('close', () => resolve())));
          remaining = bytes;
          padding = (BLOCK - (bytes % BLOCK)) % BLOCK;
          if (bytes === 0) {
            out.end();
            out = undefined;
          }
        }
        callback();
      };
      step();
    },
    final(callback) {
      if (remaining > 0 || !ended) return callback(new BackupError('The archive ends early: it is truncated.'));
      callback();
    },
  });
  try {
    await pipeline(fs.createReadStream(archive), zlib.createGunzip(), sink);
    // Every file is on disk once its stream has closed.
    await Promise.all(closed);
    if (failure) throw failure;
  } catch (err) {
    out?.destroy();
    // No stream is left writing into the directory the caller is about to remove.
    await Promise.all(closed);
    if (err instanceof BackupError || err === failure) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new BackupError(`${archive} does not exist.`);
    if (e.code === 'EISDIR') throw new BackupError(`${archive} is a directory, not a tenant export (.tar.gz).`);
    if (e.code === 'Z_BUF_ERROR') throw new BackupError(`${archive} ends early: it is truncated or damaged.`);
    if (e.code?.startsWith('Z_')) throw new BackupError(`${archive} is not a gzip file: a tenant export is the .tar.gz fluxion tenant export wrote.`);
    throw err;
  }
  return written;
}
