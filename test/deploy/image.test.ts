/**
 * The container image, without a Docker engine (none runs where the tests run).
 *
 * 1. The Dockerfile and .dockerignore are read and checked: two stages, production dependencies
 *    only in the final one, a non-root user, a health check on /healthz that needs no curl, the
 *    exec-form command, and a build context that carries the sources but no modules, history,
 *    data or test output.
 * 2. Both stages are then carried out on this machine, step by step, each into a stand-in root
 *    file system under a temporary directory: each COPY from the build context (filtered by
 *    .dockerignore) or from the build stage, each ADD, each RUN (`npm run build` really runs in
 *    the staged build stage; an unknown RUN step fails the test, so the emulation cannot silently
 *    fall behind the Dockerfile), `npm ci` as a link to this checkout's node_modules and
 *    `npm ci --omit=dev` as links to the production packages of the lock file only (no
 *    devDependency is reachable from the app), the ENV (absolute paths inside the image → the
 *    same paths under the stand-in root). CMD is then run with `node` in WORKDIR with
 *    exactly that environment plus what the ECS task adds, as the image's USER (uid 1000, when
 *    the tests run as root: the app files are root's and read-only to it, as in the image).
 *    Deviations, all forced by running without Docker: PORT is a free port instead of 3000, the
 *    RDS CA bundle ADDed from the network is stood in for by this machine's CA bundle, and the
 *    `node` binary is this machine's.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pollUntil } from '../support/poll.js';
import { copyArgs, instructions, isIgnored, last, parseDockerignore, readDockerfile, type Stage } from './dockerfile.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dockerfile = readDockerfile(path.join(ROOT, 'Dockerfile'));
const final = dockerfile.final;
const ignoreRules = parseDockerignore(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));
/** The uid/gid of the `node` user of the official Node images. */
const NODE_UID = 1000;
/** What the ECS task definition adds to the image's environment (infra/lib/app-stack.ts). */
const DOMAIN = 'fluxion.test';
const TASK_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  FLUXION_BASE_DOMAIN: DOMAIN,
  FLUXION_PUBLIC_PROTOCOL: 'https',
  FLUXION_CLOUDWATCH_METRICS: 'on',
  FLUXION_TRUST_PROXY: '2',
};
const SLOW = 240_000;

const runs = (stage: Stage) => instructions(stage, 'RUN').flatMap((i) => i.args.split(/\s*&&\s*/));
const buildStage = () => {
  const from = instructions(final, 'COPY').map((i) => i.flags.from).find(Boolean);
  return dockerfile.stages.find((s) => s.name === from);
};

describe('Dockerfile', () => {
  test('two stages: the build stage installs everything and builds; the final stage starts again from the same slim Node image', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    const build = buildStage();
    expect(build, 'the final stage copies from a named build stage').toBeDefined();
    expect(runs(build!)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b(?!.*--omit)/), 'npm run build']));
    expect(final.from).toBe(build!.from);
    const major = /^node:(\d+)-[a-z]+-slim$/.exec(final.from);
    expect(major, `final base ${final.from}`).not.toBeNull();
    // package.json's engines: the image's Node satisfies them.
    const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(Number(major![1])).toBeGreaterThanOrEqual(Number(/^>=(\d+)/.exec(engines)![1]));
  });

  test('the final stage has production dependencies only: `npm ci --omit=dev`, no other install, no node_modules copied from the build stage', () => {
    const installs = runs(final).filter((r) => /^npm (ci|install|i)\b/.test(r));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/^npm ci\b.*\s--omit=dev\b/);
    for (const copy of [...instructions(final, 'COPY'), ...instructions(final, 'ADD')]) {
      for (const source of copyArgs(copy).sources) expect(source).not.toMatch(/node_modules/);
    }
    expect(final.env.NODE_ENV).toBe('production');
  });

  test('runs as the unprivileged `node` user (uid 1000, the owner of the EFS access point)', () => {
    expect(final.user).toBe('node');
    const userLine = last(final, 'USER')!.line;
    // The USER switch comes after every step that needs root, and before CMD.
    for (const i of final.instructions.filter((x) => ['RUN', 'COPY', 'ADD'].includes(x.keyword))) expect(i.line).toBeLessThan(userLine);
    expect(last(final, 'CMD')!.line).toBeGreaterThan(userLine);
  });

  test('HEALTHCHECK calls /healthz with Node itself (the slim image has no curl), on the port of the environment', () => {
    const check = last(final, 'HEALTHCHECK')!;
    expect(check.exec, 'exec form').not.toBeNull();
    expect(check.exec![0]).toBe('node');
    expect(check.exec!.join(' ')).toContain('/healthz');
    expect(check.exec!.join(' ')).toContain('process.env.PORT');
    expect(check.exec!.join(' ')).not.toMatch(/\b(curl|wget)\b/);
    expect(check.flags).toMatchObject({ interval: expect.any(String), timeout: expect.any(String), 'start-period': expect.any(String), retries: expect.any(String) });
  });

  test('CMD runs the compiled server in exec form (node receives SIGTERM) with `serve`, which never loads demo data', () => {
    const cmd = last(final, 'CMD')!.exec;
    expect(cmd).toEqual(['node', 'dist/cli/main.js', 'serve']);
    expect(fs.existsSync(path.join(ROOT, 'src/cli/main.ts'))).toBe(true);
    expect(final.workdir).toBe('/app');
  });

  test('EXPOSE is the port of ENV PORT; the data directory is made and owned by the user', () => {
    expect(instructions(final, 'EXPOSE').map((i) => i.args)).toEqual([final.env.PORT]);
    expect(final.env.HOST).toBe('0.0.0.0');
    const dataDir = final.env.FLUXION_DATA_DIR!;
    expect(dataDir).toMatch(/^\//);
    expect(runs(final)).toEqual(expect.arrayContaining([`mkdir -p ${dataDir}`, `chown node:node ${dataDir}`]));
  });

  test('PostgreSQL over verify-full TLS: the RDS certificate authorities are in the image and given to Node', () => {
    const add = instructions(final, 'ADD').find((i) => copyArgs(i).sources.some((s) => s.startsWith('https://truststore.pki.rds.amazonaws.com/')));
    expect(add).toBeDefined();
    expect(add!.flags.chmod).toBe('644');
    expect(final.env.NODE_EXTRA_CA_CERTS).toBe(copyArgs(add!).dest);
  });

  test('every file the Dockerfile copies from the build context exists and is left in the context by .dockerignore', () => {
    const sources = dockerfile.stages.flatMap((s) => instructions(s, 'COPY').filter((i) => !i.flags.from).flatMap((i) => copyArgs(i).sources));
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      expect(fs.existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(isIgnored(ignoreRules, source), source).toBe(false);
    }
    // And every tracked file under them, so no pattern drops a source file the build needs.
    const dirs = sources.filter((s) => fs.statSync(path.join(ROOT, s)).isDirectory());
    const tracked = execFileSync('git', ['ls-files', '--', ...dirs], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.length).toBeGreaterThan(50);
    expect(tracked.filter((f) => isIgnored(ignoreRules, f))).toEqual([]);
  });
});

describe('.dockerignore', () => {
  test.each([
    'node_modules/fastify/package.json',
    'web/node_modules/.vite/deps.json',
    'infra/node_modules/aws-cdk-lib/package.json',
    'infra/cdk.out/manifest.json',
    '.git/HEAD',
    'data/fluxion.duckdb',
    'data/fluxion.duckdb.wal',
    'data/fluxion.sock',
    'elsewhere/copy.duckdb',
    '.env',
    'dist/cli/main.js',
    '.tmp/vitest.json',
    'coverage/index.html',
    'test-results/e2e/trace.zip',
    'playwright-report/index.html',
    'server.log',
  ])('leaves out %s', (file) => {
    expect(isIgnored(ignoreRules, file)).toBe(true);
  });

  test.each(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src/cli/main.ts', 'src/store/migrations/001_core.ts', 'web/index.html', 'bin/fluxion.js'])('keeps %s', (file) => {
    expect(isIgnored(ignoreRules, file)).toBe(false);
  });
});

// ---- the final stage carried out on this machine

interface Staged {
  tmp: string;
  rootfs: string;
  appDir: string;
  env: NodeJS.ProcessEnv;
  /** uid/gid the image's USER maps to here (undefined: not root, run as the current user). */
  ids: { uid: number; gid: number } | undefined;
  port: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; ids?: Staged['ids']; timeoutMs?: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.ids ?? {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `npm ci --omit=dev`: the lock file's non-dev packages, linked from this checkout's node_modules. */
function installProduction(appDir: string): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(appDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const linked: string[] = [];
  for (const [key, meta] of Object.entries(lock.packages)) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
    if (!m || meta.dev) continue;
    const source = path.join(ROOT, 'node_modules', m[1]!);
    if (!fs.existsSync(source)) continue; // optional packages of other platforms
    const target = path.join(appDir, 'node_modules', m[1]!);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(source, target, 'dir');
    linked.push(m[1]!);
  }
  return linked;
}

/** The environment of a build step: this machine's, without what the test runner adds (vitest sets NODE_ENV=test; the build stage sets none). */
function buildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k === 'NODE_ENV' || k === 'LOG_LEVEL' || k.startsWith('VITEST')) delete env[k];
  return env;
}

/**
 * Carry out one stage of the Dockerfile into `rootfs` (a stand-in for the stage's root file
 * system): WORKDIR, COPY from the context or from an earlier stage, ADD, and the RUN steps this
 * Dockerfile uses. Anything else fails, naming the line, so the test cannot fall behind the file.
 */
async function carryOut(stage: Stage, rootfs: string, earlier: Map<string, string>, ids: Staged['ids']): Promise<void> {
  const inRoot = (p: string) => path.join(rootfs, p);
  let workdir = '/';
  for (const i of stage.instructions) {
    switch (i.keyword) {
      case 'FROM':
      case 'ENV':
      case 'USER':
      case 'EXPOSE':
      case 'HEALTHCHECK':
      case 'CMD':
        break;
      case 'WORKDIR':
        workdir = path.posix.resolve(workdir, i.args);
        fs.mkdirSync(inRoot(workdir), { recursive: true });
        break;
      case 'COPY':
      case 'ADD': {
        const { sources, dest } = copyArgs(i);
        const destAbs = path.posix.resolve(workdir, dest);
        const intoDir = dest.endsWith('/') || sources.length > 1;
        for (const source of sources) {
          const target = inRoot(intoDir ? path.posix.join(destAbs, path.posix.basename(source)) : destAbs);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          if (/^https?:\/\//.test(source)) {
            // Fetched when the image is built; no network here: this machine's CA bundle stands in.
            const local = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'].find((f) => fs.existsSync(f));
            fs.writeFileSync(target, local ? fs.readFileSync(local) : '');
            if (i.flags.chmod) fs.chmodSync(target, parseInt(i.flags.chmod, 8));
            continue;
          }
          let from: string;
          if (i.flags.from) {
            const other = dockerfile.stages.find((x) => x.name === i.flags.from);
            const otherRoot = earlier.get(i.flags.from);
            if (!other || !otherRoot) throw new Error(`Dockerfile line ${i.line}: no earlier stage ${i.flags.from}`);
            from = path.join(otherRoot, path.posix.resolve(other.workdir, source));
            // A symlinked node_modules would be the whole development install.
            if (fs.lstatSync(from).isSymbolicLink()) throw new Error(`Dockerfile line ${i.line}: copies ${source}, the build stage's full node_modules`);
            fs.cpSync(from, target, { recursive: true });
          } else {
            // The build context: what .dockerignore leaves in.
            from = path.join(ROOT, source);
            fs.cpSync(from, target, { recursive: true, filter: (file) => !isIgnored(ignoreRules, path.relative(ROOT, file) || '.') });
          }
        }
        break;
      }
      case 'RUN':
        for (const step of i.args.split(/\s*&&\s*/)) {
          let m: RegExpExecArray | null;
          const cwd = inRoot(workdir);
          if (/^npm ci\b.*--omit=dev\b/.test(step)) {
            expect(installProduction(cwd).length).toBeGreaterThan(20);
          } else if (/^npm ci\b/.test(step)) {
            fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(cwd, 'node_modules'), 'dir');
          } else if (/^npm run [a-z:]+$/.test(step)) {
            const r = await run('npm', step.split(' ').slice(1), { cwd, env: buildEnv(), timeoutMs: 200_000 });
            if (r.code !== 0) throw new Error(`Dockerfile line ${i.line}: \`${step}\` failed:\n${r.stdout.slice(-3000)}${r.stderr.slice(-3000)}`);
          } else if (/^npm cache clean\b/.test(step)) {
            // nothing cached here
          } else if ((m = /^ln -s (\S+) (\S+)$/.exec(step))) {
            fs.mkdirSync(path.dirname(inRoot(m[2]!)), { recursive: true });
            fs.symlinkSync(inRoot(m[1]!), inRoot(m[2]!));
          } else if ((m = /^mkdir -p (\S+)$/.exec(step))) {
            fs.mkdirSync(inRoot(m[1]!), { recursive: true });
          } else if ((m = /^chown node:node (\S+)$/.exec(step))) {
            if (ids) fs.chownSync(inRoot(m[1]!), ids.uid, ids.gid);
          } else {
            throw new Error(`Dockerfile line ${i.line}: the image test does not know how to carry out RUN step \`${step}\`; teach carryOut() in test/deploy/image.test.ts`);
          }
        }
        break;
      default:
        throw new Error(`Dockerfile line ${i.line}: the image test does not know ${i.keyword}`);
    }
  }
}

async function stageFinal(): Promise<Staged> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fx-img-'));
  fs.chmodSync(tmp, 0o755);
  const ids = process.getuid?.() === 0 ? { uid: NODE_UID, gid: NODE_UID } : undefined;
  const roots = new Map<string, string>();
  for (const [n, stage] of dockerfile.stages.entries()) {
    const rootfs = path.join(tmp, stage === final ? 'r' : `s${n}`);
    fs.mkdirSync(rootfs, { recursive: true });
    await carryOut(stage, rootfs, roots, ids);
    if (stage.name) roots.set(stage.name, rootfs);
  }
  const rootfs = path.join(tmp, 'r');
  const inRoot = (p: string) => path.join(rootfs, p);
  const home = inRoot('/home/node');
  fs.mkdirSync(home, { recursive: true });
  if (ids) fs.chownSync(home, ids.uid, ids.gid);
  const port = await freePort();
  // The image's ENV, then the task definition's; absolute paths made inside the image → the stand-in root.
  const env: NodeJS.ProcessEnv = { PATH: `${inRoot('/usr/local/bin')}:${process.env.PATH}`, HOME: home };
  for (const [k, v] of Object.entries({ ...final.env, ...TASK_ENV })) env[k] = v.startsWith('/') && fs.existsSync(inRoot(v)) ? inRoot(v) : v;
  env.PORT = String(port);
  return { tmp, rootfs, appDir: inRoot(final.workdir), env, ids, port };
}

function get(port: number, host: string, urlPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.once('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${urlPath} timed out`)));
    req.end();
  });
}

describe('the production build, run as the image runs it', () => {
  let staged: Staged;
  let server: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  const healthcheck = (env: NodeJS.ProcessEnv) => {
    const cmd = last(final, 'HEALTHCHECK')!.exec!;
    return run(process.execPath, cmd.slice(1), { cwd: staged.appDir, env, ids: staged.ids, timeoutMs: 20_000 });
  };

  beforeAll(async () => {
    staged = await stageFinal();
    const cmd = last(final, 'CMD')!.exec!;
    expect(cmd[0]).toBe('node');
    server = spawn(process.execPath, cmd.slice(1), { cwd: staged.appDir, env: staged.env, stdio: ['ignore', 'pipe', 'pipe'], ...(staged.ids ?? {}) });
    server.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    server.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
    let gone = false;
    void exited.then(() => (gone = true));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (gone) throw new Error(`the server exited before it answered /healthz:\n${stderr}\n${stdout.slice(-4000)}`);
      const r = await get(staged.port, DOMAIN, '/healthz').catch(() => null);
      if (r?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`no answer on /healthz within 120 s:\n${stderr}\n${stdout.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, SLOW);

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited;
    }
    if (staged) fs.rmSync(staged.tmp, { recursive: true, force: true });
  });

  test('no development package is reachable from the app (tsx, vite, vitest, typescript are not installed)', () => {
    for (const dev of ['tsx', 'vite', 'vitest', 'typescript', '@playwright/test']) expect(fs.existsSync(path.join(staged.appDir, 'node_modules', dev)), dev).toBe(false);
    expect(fs.existsSync(path.join(staged.appDir, 'node_modules', 'fastify'))).toBe(true);
  });

  test('/healthz and /readyz answer 200 (the container health check and the load balancer\'s target check)', async () => {
    const health = await get(staged.port, DOMAIN, '/healthz');
    expect(health.status).toBe(200);
    const ready = await get(staged.port, DOMAIN, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.headers['content-type']).toMatch(/json/);
  });

  test('the image\'s HEALTHCHECK command exits 0 while the server answers, and 1 when nothing listens on PORT', { timeout: 60_000 }, async () => {
    const ok = await healthcheck(staged.env);
    expect(ok.code, ok.stderr).toBe(0);
    const closed = await healthcheck({ ...staged.env, PORT: String(await freePort()) });
    expect(closed.code).toBe(1);
  });

  test('the server runs as the image\'s user, writes only in the data directory, and nothing was loaded (no demo data)', async () => {
    if (staged.ids) {
      const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
      expect(status).toMatch(new RegExp(`^Uid:\\s+${NODE_UID}\\s`, 'm'));
      // The app's files are root's, as COPY leaves them: the server could not change them.
      expect(fs.statSync(path.join(staged.appDir, 'dist/cli/main.js')).uid).toBe(0);
    }
    const dataDir = staged.env.FLUXION_DATA_DIR!;
    expect(dataDir.startsWith(staged.rootfs)).toBe(true);
    const files = fs.readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['fluxion.duckdb', 'fluxion.sock']));
    if (staged.ids) expect(fs.statSync(path.join(dataDir, 'fluxion.duckdb')).uid).toBe(NODE_UID);
    const unknown = await get(staged.port, `granja.${DOMAIN}`, '/api/v1/tenant');
    expect(unknown.status).toBe(404);
  });

  test('the first tenant: `fluxion tenant create` (as `aws ecs execute-command` runs it, through the server\'s admin socket), live at once on its own host', { timeout: 120_000 }, async () => {
    const r = await run('fluxion', ['tenant', 'create', 'acme', '--name', 'Acme Retail'], { cwd: staged.appDir, env: staged.env, ids: staged.ids });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Created tenant 'acme' (Acme Retail)");
    // Carried out by the running server (the DuckDB file is its alone), not by opening the file.
    expect(r.stderr).toContain(`done by the Fluxion server running on this data directory, pid ${server.pid}`);
    // Node's fetch does not send a Host of our choosing: http.request with the tenant's Host.
    const tenant = await get(staged.port, `acme.${DOMAIN}`, '/api/v1/tenant');
    expect(tenant.status, tenant.body).toBe(200);
    expect(JSON.parse(tenant.body)).toMatchObject({ id: 'acme', name: 'Acme Retail' });
    // Production: the API is not reachable without a tenant host, and HSTS is sent over https.
    expect(tenant.headers['strict-transport-security']).toBeDefined();
    const page = await get(staged.port, `acme.${DOMAIN}`, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Acme Retail');
  });

  test('request log lines carry the per-tenant embedded metrics (namespace Fluxion/Tenants, dimensions TenantId × Endpoint)', async () => {
    await get(staged.port, `acme.${DOMAIN}`, '/api/v1/tenant');
    // The line is written once the response is sent: wait for it to reach the pipe, up to 10 s.
    const emf = await pollUntil(
      () =>
        stdout
          .split('\n')
          .slice(0, -1) // complete lines only
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, any>)
          .find((l) => l._aws && l.TenantId === 'acme' && l.Endpoint === 'GET /api/v1/tenant'),
      10_000,
      'a request line with EMF for acme',
      20,
    );
    expect(emf, 'a request line with EMF for acme').toBeDefined();
    expect(emf!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Fluxion/Tenants', Dimensions: [['TenantId', 'Endpoint']] });
    expect(emf!.APIRequests).toBe(1);
  });

  test('SIGTERM (what ECS sends to stop a task) ends the server cleanly with code 0, and the health check then fails', { timeout: 60_000 }, async () => {
    server.kill('SIGTERM');
    const end = await exited;
    expect(end, stderr).toEqual({ code: 0, signal: null });
    expect((await healthcheck(staged.env)).code).toBe(1);
    expect(fs.existsSync(path.join(staged.env.FLUXION_DATA_DIR!, 'fluxion.sock'))).toBe(false);
  });
});
