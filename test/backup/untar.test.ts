/**
 * untarExport on an archive cut short in the middle of a large file: it refuses with a clear
 * message, and the file stream it was writing is closed before it returns — never left to fail
 * later as an unhandled rejection (which would end a server process). Vitest fails the run on
 * any unhandled rejection, so this file fails if a stream's error goes unheard.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { untarExport } from '../../src/store/backup/untar.js';
import { TAR_END, tarHeader, tarPadding } from '../../src/server/features/offboarding/tar.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-untar-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('untarExport on a truncated archive', () => {
  it('refuses it as truncated every time, leaving no stream writing into the directory', async () => {
    const body = Buffer.from(randomBytes(12 * 1024 * 1024).toString('base64'));
    const tar = Buffer.concat([tarHeader({ path: 'x/ventas.csv', size: body.length, mtime: Date.now() }), body, tarPadding(body.length), TAR_END]);
    const gz = zlib.gzipSync(tar, { level: 1 });
    const cut = path.join(scratch, 'cut.tar.gz');
    fs.writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    for (let i = 0; i < 8; i++) {
      const dir = fs.mkdtempSync(path.join(scratch, 'out-'));
      await expect(untarExport(cut, dir)).rejects.toThrow(/truncated/);
      // The refusal came mid-file: a part was written, and its stream was closed before the refusal
      // (an error from a write still in flight would otherwise surface later, unhandled).
      const size = fs.statSync(path.join(dir, 'ventas.csv')).size;
      expect(size).toBeLessThan(body.length);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
