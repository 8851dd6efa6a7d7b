/**
 * The server side of the admin socket. Deliberately not a Fastify route: it never faces the
 * network, needs no tenancy, and must stay reachable only through a file the owner can open.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { AppError, ERROR_STATUS } from '../errors.js';
import type { AdminResponse, AdminStatus, CliRequest } from './protocol.js';

const MAX_BODY = 64 * 1024;

export interface AdminHandlers {
  status(): AdminStatus;
  /** Runs one CLI operation in-process; throws AppError for a refusal the user should read. */
  run(command: string, args: unknown): Promise<unknown>;
}

export interface AdminSocket {
  readonly path: string;
  /** Stop accepting, let running commands finish, remove the socket file. */
  close(): Promise<void>;
}

/** Another live process answers on the socket path: two servers on one data directory. */
export class AdminSocketInUseError extends Error {
  constructor(readonly path: string) {
    super(`Another Fluxion server is already answering on ${path}.`);
    this.name = 'AdminSocketInUseError';
  }
}

function connects(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      // Accepted but silent: something is alive there; do not delete its socket.
      resolve(true);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' || err.code === 'ENOTSOCK') resolve(false);
      else reject(err);
    });
  });
}

/**
 * Make the socket path usable. A socket file nobody listens on is what a crashed server leaves
 * behind: remove it. A live one means another server; anything that is not a socket is not ours
 * to delete.
 */
export async function prepareSocketPath(path: string): Promise<'free' | 'stale_removed'> {
  if (process.platform === 'win32') return 'free';
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'free';
    throw err;
  }
  if (!stat.isSocket()) throw new Error(`${path} exists and is not a socket; move it away so the server can create its admin socket there.`);
  if (await connects(path)) throw new AdminSocketInUseError(path);
  fs.rmSync(path, { force: true });
  return 'stale_removed';
}

function send(res: http.ServerResponse, status: number, body: AdminResponse): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' });
  res.end(text);
}

function fail(res: http.ServerResponse, err: AppError): void {
  send(res, err.status, { ok: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new AppError('payload_too_large', `Admin requests are at most ${MAX_BODY} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseCliRequest(text: string): CliRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || typeof (body as CliRequest).command !== 'string') {
    throw new AppError('bad_request', 'Expected { "command": string, "args": object }.');
  }
  const { command, args } = body as CliRequest;
  return { command, args: args ?? {} };
}

export async function startAdminSocket(path: string, handlers: AdminHandlers, log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>): Promise<AdminSocket> {
  const stale = await prepareSocketPath(path);
  if (stale === 'stale_removed') log.warn({ socket: path }, 'removed a stale admin socket left by a previous server');

  const server = http.createServer(async (req, res) => {
    try {
      const route = `${req.method} ${req.url}`;
      if (route === 'GET /status') return send(res, 200, { ok: true, output: handlers.status() });
      if (route !== 'POST /cli') return fail(res, new AppError('not_found', `No admin route ${route.slice(0, 100)}.`));
      const { command, args } = parseCliRequest(await readBody(req));
      log.info({ cliCommand: command }, 'admin socket: running CLI command');
      const output = await handlers.run(command, args);
      send(res, 200, { ok: true, output: output ?? null });
    } catch (err) {
      if (err instanceof AppError) return fail(res, err);
      log.error({ err }, 'admin socket: command failed');
      const message = `The server failed to run the command: ${err instanceof Error ? err.message : String(err)}`;
      send(res, ERROR_STATUS.internal_error, { ok: false, error: { code: 'internal_error', message } });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The socket is created by bind(), synchronously inside listen(): a umask for that instant
    // means it never exists with wider permissions, not even between bind and chmod.
    const previous = process.platform === 'win32' ? undefined : process.umask(0o177);
    try {
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      if (previous !== undefined) process.umask(previous);
    }
  });
  if (process.platform !== 'win32') fs.chmodSync(path, 0o600);
  server.on('error', (err) => log.error({ err }, 'admin socket error'));

  let closing: Promise<void> | undefined;
  return {
    path,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          if (process.platform !== 'win32') fs.rmSync(path, { force: true });
          resolve();
        });
        server.closeIdleConnections();
      })),
  };
}
