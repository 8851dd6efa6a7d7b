/**
 * A multipart upload → a temporary file and the form's text fields. The file is streamed to disk
 * (memory stays flat), at most `maxBytes` (a larger one is a 413 and leaves no file behind), one
 * file per request in the field `file`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

export interface Upload {
  path: string;
  fileName: string;
  fields: Record<string, string>;
}

export const UPLOAD_DIR = path.join(os.tmpdir(), 'fluxion-uploads');

export async function receiveUpload(request: FastifyRequest, maxBytes: number, maxLabel: string): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', "Send the file as multipart/form-data with the field 'file'.");
  fs.mkdirSync(UPLOAD_DIR, { recursive: true, mode: 0o700 });
  const fields: Record<string, string> = {};
  let upload: { path: string; fileName: string } | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 65_536 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new AppError('validation_error', `Unexpected file field '${part.fieldname.slice(0, 40)}': send the file as 'file'.`);
        }
        const target = path.join(UPLOAD_DIR, randomUUID());
        upload = { path: target, fileName: path.basename(part.filename || 'upload') };
        await pipeline(part.file, fs.createWriteStream(target, { mode: 0o600 }));
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    if (upload) fs.rmSync(upload.path, { force: true });
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', `The file is larger than ${maxLabel}.`, { max_bytes: maxBytes });
    if (code === 'FST_FILES_LIMIT') throw new AppError('validation_error', 'Send one file per request.');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('validation_error', 'Too many form fields.');
    throw new AppError('bad_request', `The multipart body could not be read: ${(err as Error).message.slice(0, 120)}`);
  }
  if (!upload) throw new AppError('validation_error', "No file: send it in the multipart field 'file'.");
  return { ...upload, fields };
}

export function discard(upload: { path: string }): void {
  fs.rmSync(upload.path, { force: true });
}
