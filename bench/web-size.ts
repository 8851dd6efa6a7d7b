/**
 * Web app size: builds the SPA (into a temporary directory, with Vite's manifest, so dist/web is
 * left alone) and prints, gzip- and Brotli-compressed as the server sends them:
 *   - the entry: index.html's script and everything it imports statically (what every host loads);
 *   - each first page (landing, sign-in, signed-in dashboard): the entry plus that page's chunk and
 *     its static imports — the initial JavaScript before anything else is asked for;
 *   - every lazily loaded chunk, flagging the chart library.
 * Goal: initial JavaScript ≤ 200 KB gzip for the first page; charts and heavy pages in chunks of
 * their own. Prints numbers, asserts nothing.
 *
 *   npm run bench:web
 *   npm run bench:web -- --json      # also print the figures as JSON
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const GOAL_KB = 200;
const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false } } });

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'fluxion-web-size-'));
const sizes = new Map<string, Size>();

function sizeOf(file: string): Size {
  let s = sizes.get(file);
  if (!s) {
    const body = readFileSync(join(outDir, file));
    s = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
    };
    sizes.set(file, s);
  }
  return s;
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
const sum = (files: Iterable<string>) => {
  const total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const s = sizeOf(f);
    total.raw += s.raw;
    total.gzip += s.gzip;
    total.brotli += s.brotli;
  }
  return total;
};

/** The chunk's own file and every file it imports statically, transitively (JS only). */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(manifest, dep, into);
  return into;
}

/** CSS files a chunk brings with it (its own and its static imports'). */
function cssOf(manifest: Manifest, key: string, seen = new Set<string>(), into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return into;
  seen.add(key);
  for (const c of chunk.css ?? []) into.add(c);
  for (const dep of chunk.imports ?? []) cssOf(manifest, dep, seen, into);
  return into;
}

function isChart(chunk: ManifestChunk): boolean {
  // The chart library lands in a chunk named after a chart module (Charts, ComposedChart…) when several lazy pages share it.
  return /components\/charts\/Charts|recharts|chart/i.test(`${chunk.src ?? ''} ${chunk.name ?? ''} ${chunk.file}`);
}

try {
  const started = Date.now();
  await build({
    configFile: join(root, 'web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  console.log(`Built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s (into a temporary directory).\n`);

  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('The Vite manifest names no entry chunk.');
  const entry = closure(manifest, entryKey);
  const entrySize = sum(entry);
  const entryCss = sum(cssOf(manifest, entryKey));

  const pageKey = (fragment: string) => Object.keys(manifest).find((k) => manifest[k]!.isDynamicEntry && k.includes(fragment));
  const firstPages: Array<[string, string]> = [
    ['landing page (apex host)', 'pages/public/LandingPage'],
    ['sign-in page (tenant host, signed out)', 'pages/public/SignInPage'],
    ['dashboard (tenant host, signed in)', 'pages/dashboard/DashboardPage'],
  ];

  console.log('Initial JavaScript (KB)                        raw     gzip   brotli');
  console.log(`  entry (index.html + static imports)      ${kb(entrySize.raw)}  ${kb(entrySize.gzip)}  ${kb(entrySize.brotli)}   ${entry.size} file(s)`);
  const pageTotals: Array<{ page: string; size: Size; charts: boolean }> = [];
  for (const [label, fragment] of firstPages) {
    const key = pageKey(fragment);
    if (!key) {
      console.log(`  ${label}: no chunk found for ${fragment}`);
      continue;
    }
    const files = closure(manifest, key, new Set(entry));
    const size = sum(files);
    const charts = [...files].some((f) => Object.values(manifest).some((c) => c.file === f && isChart(c)));
    pageTotals.push({ page: label, size, charts });
    console.log(`  ${label.padEnd(40)} ${kb(size.raw)}  ${kb(size.gzip)}  ${kb(size.brotli)}${charts ? '   (includes the chart library!)' : ''}`);
  }
  console.log(`  CSS of the entry                         ${kb(entryCss.raw)}  ${kb(entryCss.gzip)}  ${kb(entryCss.brotli)}`);

  const worst = pageTotals.reduce((a, b) => (b.size.gzip > a.size.gzip ? b : a), pageTotals[0] ?? { page: 'entry', size: entrySize, charts: false });
  const worstKb = worst.size.gzip / 1024;
  console.log(
    `\nGoal: initial JavaScript ≤ ${GOAL_KB} KB gzip for the first page. Largest first page: ${worst.page}, ${worstKb.toFixed(1)} KB gzip → ${worstKb <= GOAL_KB ? 'MET' : 'NOT MET'}.`,
  );

  // Every chunk outside the entry, loaded on demand.
  const lazy = Object.entries(manifest)
    .filter(([, c]) => c.file.endsWith('.js') && !entry.has(c.file))
    .map(([key, c]) => ({ key, file: c.file, kind: c.isDynamicEntry ? 'lazy' : 'shared', chart: isChart(c), size: sizeOf(c.file) }))
    .sort((a, b) => b.size.gzip - a.size.gzip);
  console.log('\nChunks loaded on demand (KB)                   raw     gzip   brotli');
  for (const c of lazy) {
    const label = `${c.kind === 'lazy' ? '' : '(shared) '}${c.file.replace(/^assets\//, '')}`;
    console.log(`  ${label.padEnd(44)} ${kb(c.size.raw)}  ${kb(c.size.gzip)}  ${kb(c.size.brotli)}${c.chart ? '   ← chart library (lazy)' : ''}`);
  }
  const chart = lazy.find((c) => c.chart);
  console.log(chart ? `\nCharts: in their own lazy chunk (${chart.file}, ${(chart.size.gzip / 1024).toFixed(1)} KB gzip), not in any first page.` : '\nCharts: no separate chart chunk found!');

  if (args.json) {
    console.log(
      JSON.stringify(
        {
          goalKb: GOAL_KB,
          entry: entrySize,
          firstPages: pageTotals,
          lazy: lazy.map((c) => ({ file: c.file, kind: c.kind, chart: c.chart, ...c.size })),
        },
        null,
        2,
      ),
    );
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
