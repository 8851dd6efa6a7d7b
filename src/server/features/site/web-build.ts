/**
 * The web app's production build (dist/web, written by `npm run build`), loaded once at start:
 * the index.html template and every asset, compressed ahead of time (gzip and Brotli) so serving
 * a file is a map lookup. The build writes `.br` and `.gz` next to each text file (the
 * precompress plugin in web/vite.config.ts); a file without them is compressed in the thread pool
 * from its first request on (Brotli at its best quality takes over a second for the charts chunk),
 * and answered uncompressed meanwhile rather than kept waiting. Loaded builds are shared per directory and
 * index.html modification time, so every app in a process (tests build many) reads them once. Vite names assets by content hash, so they are cached for a year.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';

export interface Asset {
  type: string;
  body: Buffer;
  /** Worth compressing (text, over 512 bytes): compressed once, off the event loop, from its first request on. */
  compressible: boolean;
  /** Settles when both encodings exist (started by the first request). */
  compressed?: Promise<void>;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  /** Content-hashed file names never change: cache for a year. */
  immutable: boolean;
}

export interface WebBuild {
  dir: string;
  /** index.html with the `<!--fluxion:head-->` marker, or null when the app was never built. */
  template: string | null;
  /** URL path ('/assets/index-abc.js', '/favicon.svg') → asset. */
  assets: Map<string, Asset>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.txt', '.webmanifest']);

/** The repository (or installed package) root: the nearest folder up with package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const WEB_DIR = join(packageRoot(), 'dist', 'web');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const loaded = new Map<string, { mtimeMs: number; build: WebBuild }>();

export function loadWebBuild(dir = WEB_DIR): WebBuild {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return { dir, template: null, assets: new Map() };
  const mtimeMs = statSync(index).mtimeMs;
  const hit = loaded.get(dir);
  if (hit && hit.mtimeMs === mtimeMs) return hit.build;
  const build = readBuild(dir, index);
  loaded.set(dir, { mtimeMs, build });
  return build;
}

function readBuild(dir: string, index: string): WebBuild {
  const assets = new Map<string, Asset>();
  for (const file of walk(dir)) {
    const rel = relative(dir, file).split(sep).join('/');
    if (rel === 'index.html' || rel.endsWith('.br') || rel.endsWith('.gz')) continue;
    const ext = extname(file).toLowerCase();
    const body = readFileSync(file);
    const asset: Asset = {
      type: TYPES[ext] ?? 'application/octet-stream',
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: rel.startsWith('assets/'),
      compressible: COMPRESSIBLE.has(ext) && body.length > 512,
    };
    if (asset.compressible && existsSync(`${file}.br`) && existsSync(`${file}.gz`)) {
      asset.br = readFileSync(`${file}.br`);
      asset.gzip = readFileSync(`${file}.gz`);
      asset.compressed = Promise.resolve();
    }
    assets.set(`/${rel}`, asset);
  }
  return { dir, template: readFileSync(index, 'utf8'), assets };
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Start compressing an asset (once); resolves when both encodings are ready. */
export function compressAsset(asset: Asset): Promise<void> {
  if (!asset.compressible) return Promise.resolve();
  asset.compressed ??= Promise.all([
    brotliAsync(asset.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length } }).then((b) => {
      asset.br = b;
    }),
    gzipAsync(asset.body, { level: 9 }).then((b) => {
      asset.gzip = b;
    }),
  ]).then(() => undefined);
  return asset.compressed;
}

/** The best encoding the client accepts that is ready for this asset (starting the work if needed). */
export function pickEncoding(asset: Asset, acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!asset.compressible) return null;
  void compressAsset(asset);
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (asset.br && /\bbr\b/.test(accepted)) return 'br';
  if (asset.gzip && /\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}
