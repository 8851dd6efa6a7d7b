/**
 * Lighthouse 12 on the signed-in dashboard of the demo tenant (granja), desktop settings with
 * simulated throttling, in the system Chromium (CHROME_PATH, else /usr/bin/chromium) started with
 * --remote-debugging-port. The server is the end-to-end one (scripts/e2e-server.mjs: its own
 * temporary data, small demo by default) on port 4320; the demo owner's session cookie is sent
 * with every request. Prints the performance and accessibility scores, the main metrics, and the
 * audits that keep a score down. Goal: performance ≥ 90, accessibility ≥ 95. Asserts nothing.
 *
 *   npm run bench:lighthouse
 *   npm run bench:lighthouse -- --scale full       # the full demo (minutes to load)
 *   npm run bench:lighthouse -- --path /inventory  # another page
 *   npm run bench:lighthouse -- --runs 3           # the median of several runs
 *   npm run bench:lighthouse -- --save lhr.json    # keep the full report (open it in the Lighthouse viewer)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const GOALS = { performance: 90, accessibility: 95 } as const;
const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    path: { type: 'string', default: '/' },
    runs: { type: 'string', default: '1' },
    port: { type: 'string', default: '4320' },
    tenant: { type: 'string', default: 'granja' },
    save: { type: 'string' },
  },
});
const port = Number(args.port);
const debugPort = port + 1;
const tenant = args.tenant!;
const runs = Math.max(1, Number(args.runs) || 1);
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An HTTP request to this machine with a chosen Host header (Node does not resolve *.localhost). */
function request(targetPort: number, host: string, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: targetPort, path, method: init.method ?? 'GET', headers: { host, ...init.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} was not ready after ${seconds} s`);
}

function stopAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
}
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  console.log(`Starting the server (${args.scale} demo) on port ${port}…`);
  const server = spawn(process.execPath, [join(root, 'scripts/e2e-server.mjs')], {
    cwd: root,
    env: { ...process.env, FLUXION_E2E_PORT: String(port), FLUXION_E2E_SCALE: args.scale === 'full' ? 'full' : 'small', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(server);
  await waitFor('the server', async () => (await request(port, `localhost:${port}`, '/readyz')).status === 200, args.scale === 'full' ? 1800 : 180);

  const host = `${tenant}.localhost:${port}`;
  const login = await request(port, host, '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `owner@${tenant}.demo`, password: 'fluxion-demo' }),
  });
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
  if (login.status !== 200 || !cookie) throw new Error(`Signing in owner@${tenant}.demo answered ${login.status}: ${login.body}`);

  // The server compresses each file on its first request and keeps it; ask once so the measured
  // load sees a warm server, as any visitor after the first does.
  const html = await request(port, host, args.path!, { headers: { cookie, accept: 'text/html' } });
  const assets = new Set<string>([...html.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!));
  for (const a of assets) await request(port, host, a, { headers: { 'accept-encoding': 'br, gzip' } });

  const profile = mkdtempSync(join(tmpdir(), 'fluxion-lighthouse-'));
  const chrome = spawn(
    chromePath,
    [
      '--headless=new',
      `--remote-debugging-port=${debugPort}`,
      `--user-data-dir=${profile}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--no-default-browser-check',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  children.push(chrome);
  try {
    await waitFor('Chromium', async () => (await request(debugPort, `127.0.0.1:${debugPort}`, '/json/version')).status === 200, 30);
    const target = `http://${host}${args.path}`;
    const results: Array<{ perf: number; a11y: number; metrics: Record<string, number>; lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'] }> = [];
    for (let i = 1; i <= runs; i++) {
      console.log(`Lighthouse run ${i}/${runs}: ${target} (desktop, simulated throttling, signed in as owner@${tenant}.demo)…`);
      const result = await lighthouse(
        target,
        { port: debugPort, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], throttlingMethod: 'simulate', extraHeaders: { Cookie: cookie } },
        desktopConfig,
      );
      if (!result) throw new Error('Lighthouse returned no result');
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      results.push({
        lhr,
        perf: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        a11y: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        metrics: {
          FCP: metric('first-contentful-paint'),
          LCP: metric('largest-contentful-paint'),
          TBT: metric('total-blocking-time'),
          CLS: metric('cumulative-layout-shift'),
          SI: metric('speed-index'),
        },
      });
    }

    const perf = median(results.map((r) => r.perf));
    const a11y = median(results.map((r) => r.a11y));
    const chosen = results.find((r) => r.perf === perf) ?? results[0]!;
    const m = chosen.metrics;
    console.log(`\nLighthouse ${chosen.lhr.lighthouseVersion}, ${chosen.lhr.environment.hostUserAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? 'Chromium'}, ${args.scale} demo, page ${args.path}${runs > 1 ? `, median of ${runs} runs` : ''}`);
    console.log(`  performance    ${String(perf).padStart(3)}   goal ≥ ${GOALS.performance}   ${perf >= GOALS.performance ? 'MET' : 'NOT MET'}`);
    console.log(`  accessibility  ${String(a11y).padStart(3)}   goal ≥ ${GOALS.accessibility}   ${a11y >= GOALS.accessibility ? 'MET' : 'NOT MET'}`);
    console.log(
      `  FCP ${(m.FCP! / 1000).toFixed(2)} s · LCP ${(m.LCP! / 1000).toFixed(2)} s · TBT ${Math.round(m.TBT!)} ms · CLS ${m.CLS!.toFixed(3)} · Speed Index ${(m.SI! / 1000).toFixed(2)} s`,
    );

    // What keeps each score down: the category's weighted audits that did not pass.
    for (const id of ['performance', 'accessibility'] as const) {
      const category = chosen.lhr.categories[id];
      if (!category) continue;
      const failing = category.auditRefs
        .map((ref) => ({ ref, audit: chosen.lhr.audits[ref.id]! }))
        .filter(({ ref, audit }) => ref.weight > 0 && audit.score !== null && audit.score < 0.9)
        .sort((a, b) => b.ref.weight - a.ref.weight);
      if (failing.length === 0) continue;
      console.log(`\n${category.title}: audits below 0.9`);
      for (const { ref, audit } of failing) {
        console.log(`  - ${audit.id} (weight ${ref.weight}): score ${audit.score}${audit.displayValue ? `, ${audit.displayValue}` : ''} — ${audit.title}`);
      }
    }
    if (args.save) {
      writeFileSync(args.save, JSON.stringify(chosen.lhr, null, 1));
      console.log(`\nFull report: ${args.save}`);
    }
    const opportunities = Object.values(chosen.lhr.audits)
      .filter((a) => a.details?.type === 'opportunity' && a.score !== null && a.score < 0.9)
      .map((a) => `  - ${a.id}: ${a.displayValue ?? ''} — ${a.title}`);
    if (opportunities.length) console.log(`\nOpportunities:\n${opportunities.join('\n')}`);
  } finally {
    stopAll();
    await new Promise((r) => setTimeout(r, 500));
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  () => stopAll(),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    stopAll();
    process.exitCode = 1;
  },
);
