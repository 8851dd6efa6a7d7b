/** Uploading files to the imports API in tests, and waiting for their outcome. */
import type { As, TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';

export type ImportBody = {
  id: string;
  status: string;
  dry_run: boolean;
  rows: { total: number; accepted: number; inserted: number; updated: number; unchanged: number; rejected: number; created_references: number } | null;
  rejections: Array<{ line: number; column: string | null; value: string | null; reason: string; message: string }>;
  reasons: Record<string, number>;
  error: { error: string; message: string } | null;
  extra: Record<string, number>;
  encoding: string;
  delimiter: string;
  detected: { decimal: string; date_order: string; mapping: Array<{ header: string; column: string | null }> } | null;
  [k: string]: unknown;
};

export function upload(t: TestApp, host: string, kind: string, content: Buffer | string, fields: Record<string, string> = {}, as: As = 'manager', name = `${kind}.csv`) {
  const body = multipart({ kind, ...fields }, { name, content });
  return t.on(host, { method: 'POST', url: '/api/v1/imports', ...body, as });
}

/** Upload and wait (long poll) for the import's end; fails the test on a non-202. */
export async function runImport(t: TestApp, host: string, kind: string, content: Buffer | string, fields: Record<string, string> = {}): Promise<ImportBody> {
  const res = await upload(t, host, kind, content, fields);
  if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  const { id } = res.json() as ImportBody;
  const done = await t.on(host, { method: 'GET', url: `/api/v1/imports/${id}?wait=30`, as: 'manager' });
  const body = done.json() as ImportBody;
  if (body.status === 'queued' || body.status === 'running') throw new Error(`import ${id} still ${body.status}`);
  return body;
}
