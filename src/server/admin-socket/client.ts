/** The CLI side of the admin socket: find a running server and hand it a command. */
import http from 'node:http';
import { AppError } from '../errors.js';
import type { AdminResponse, AdminStatus } from './protocol.js';

export type Reach<T> =
  /** A server answered. */
  | { kind: 'answered'; value: T }
  /** No socket file, or nobody listens on it (a crashed server's leftover). */
  | { kind: 'no_server' }
  /** A socket exists but belongs to another user. */
  | { kind: 'forbidden' };

export class AdminSocketTimeoutError extends Error {
  constructor(readonly path: string, readonly seconds: number) {
    super(`The server on ${path} did not answer within ${seconds} s.`);
    this.name = 'AdminSocketTimeoutError';
  }
}

function request(socketPath: string, method: string, url: string, body: unknown, timeoutMs: number): Promise<Reach<{ status: number; body: AdminResponse }>> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        socketPath,
        method,
        path: url,
        agent: false,
        headers: {
          connection: 'close',
          ...(text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ kind: 'answered', value: { status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as AdminResponse } });
          } catch {
            reject(new Error(`The process on ${socketPath} answered something that is not a Fluxion admin response.`));
          }
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new AdminSocketTimeoutError(socketPath, Math.round(timeoutMs / 1000))));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED' || err.code === 'ENOTSOCK') resolve({ kind: 'no_server' });
      else if (err.code === 'EACCES' || err.code === 'EPERM') resolve({ kind: 'forbidden' });
      else reject(err);
    });
    if (text !== undefined) req.write(text);
    req.end();
  });
}

function unwrap<T>(response: AdminResponse): T {
  if (response.ok) return response.output as T;
  throw new AppError(response.error.code, response.error.message, response.error.details);
}

export async function serverStatus(socketPath: string, timeoutMs = 3000): Promise<Reach<AdminStatus>> {
  const r = await request(socketPath, 'GET', '/status', undefined, timeoutMs);
  return r.kind === 'answered' ? { kind: 'answered', value: unwrap<AdminStatus>(r.value.body) } : r;
}

/** Run a CLI command in the server; an `AppError` it answers with is rethrown here. */
export async function runInServer<T>(socketPath: string, command: string, args: unknown, timeoutMs: number): Promise<Reach<T>> {
  const r = await request(socketPath, 'POST', '/cli', { command, args }, timeoutMs);
  return r.kind === 'answered' ? { kind: 'answered', value: unwrap<T>(r.value.body) } : r;
}
