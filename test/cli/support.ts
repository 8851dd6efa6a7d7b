/**
 * Child-process helpers for CLI and server tests: the real `fluxion` entry point run through tsx,
 * against a temporary data directory. Waiting is event-driven (output lines, exit events).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'src/cli/main.ts');

/** A fresh data directory; short, because Unix socket paths are limited to ~100 bytes. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fx-cli-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function childEnv(dataDir: string, env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, FLUXION_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', PORT: undefined, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

function spawnCli(args: string[], dataDir: string, env: Record<string, string | undefined>, withInput = false): ChildProcess {
  const stdin = withInput ? 'pipe' : 'ignore';
  return spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: childEnv(dataDir, env), stdio: [stdin, 'pipe', 'pipe'] });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `fluxion <args>` to completion; `input` is piped to its standard input (else it reads nothing). */
export function runCli(args: string[], options: { dataDir: string; env?: Record<string, string | undefined>; input?: string }): Promise<CliRun> {
  const child = spawnCli(args, options.dataDir, options.env ?? {}, options.input !== undefined);
  if (options.input !== undefined) child.stdin!.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** Spawn `fluxion serve` on a free port and resolve once it prints the line it listens on. */
export function startServerProcess(options: { dataDir: string; args?: string[]; env?: Record<string, string | undefined> }): Promise<ServerProcess> {
  const child = spawnCli(options.args ?? ['serve'], options.dataDir, { PORT: '0', ...options.env });
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      out += `${line}\n`;
      const m = /listening on http:\/\/\S+:(\d+)/.exec(line);
      if (m) {
        resolve({
          child,
          port: Number(m[1]),
          stdout: () => out,
          stderr: () => err,
          exited,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening.\nstdout: ${out}\nstderr: ${err}`)));
  });
}

/** A GET with an explicit Host header, as a browser on `<tenant>.localhost` sends it. */
export function httpGet(port: number, host: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, headers: { ...headers, host }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.once('error', reject);
    req.end();
  });
}
