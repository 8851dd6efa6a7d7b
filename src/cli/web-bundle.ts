/**
 * `fluxion web-bundle --out <dir> [--base-domain <domain>]`: the web app as static files for a
 * CDN (S3 behind CloudFront, docs/deploy.md). The same bundle serves every tenant: index.html is
 * the app's shell with the base domain written in and no tenant's branding (the app reads the
 * host's branding from GET /api/v1/tenant, as it does after any first paint); `assets/` are
 * content-hashed and may be cached for ever; index.html must be revalidated on every visit.
 *
 * The server itself serves the same files from dist/web, with the tenant's name and colours in the
 * shell; this bundle is for deployments where the static files live apart from the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Command } from 'commander';
import { CONFIG_VARS, type Config } from '../server/config.js';
import { renderPage } from '../server/features/site/page.js';
import { loadWebBuild, WEB_DIR } from '../server/features/site/web-build.js';
import { CliError, EXIT } from './errors.js';

export interface WebBundleReport {
  out: string;
  base_domain: string;
  files: Array<{ path: string; bytes: number; cache_control: string }>;
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

export function writeWebBundle(options: { out: string; baseDomain: string; from?: string }): WebBundleReport {
  const build = loadWebBuild(options.from ?? WEB_DIR);
  if (build.template === null) throw new CliError(`No web build in ${build.dir}: run \`npm run build\` first.`);
  const out = path.resolve(options.out);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new CliError(`${out} is not empty: give a new or empty directory, so no stale file is uploaded.`);
  const files: WebBundleReport['files'] = [];
  const write = (rel: string, body: string | Buffer, cacheControl: string) => {
    const target = path.join(out, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, body);
    files.push({ path: rel, bytes: Buffer.byteLength(body), cache_control: cacheControl });
  };
  write('index.html', renderPage(build.template, { baseDomain: options.baseDomain, allowQueryTenant: false, tenant: null }), CACHE_REVALIDATE);
  for (const [urlPath, asset] of [...build.assets].sort(([a], [b]) => a.localeCompare(b))) {
    write(urlPath.replace(/^\//, ''), asset.body, asset.immutable ? CACHE_IMMUTABLE : 'public, max-age=3600');
  }
  return { out, base_domain: options.baseDomain, files };
}

export function renderWebBundle(r: WebBundleReport): string {
  const bytes = r.files.reduce((sum, f) => sum + f.bytes, 0);
  return [
    `Wrote the web app for *.${r.base_domain} to ${r.out}: ${r.files.length} files, ${bytes.toLocaleString('en-US')} bytes.`,
    'Upload (hashed assets first, the shell last, so no visitor gets a shell whose assets are missing):',
    `  aws s3 sync ${r.out} s3://<bucket> --exclude index.html --cache-control "${CACHE_IMMUTABLE}"`,
    `  aws s3 cp ${path.join(r.out, 'index.html')} s3://<bucket>/index.html --cache-control "${CACHE_REVALIDATE}"`,
    '  aws cloudfront create-invalidation --distribution-id <id> --paths /index.html',
  ].join('\n');
}

export function addWebBundleCommand(program: Command, h: { configFor(cmd: Command): Config; json(cmd: Command): boolean; out(text: string): void }): void {
  program
    .command('web-bundle')
    .description('write the web app as static files for a CDN (the same files for every tenant)')
    .requiredOption('-o, --out <dir>', 'new or empty directory to write to')
    .option('--base-domain <domain>', 'domain whose sub-domains are tenants (default: FLUXION_BASE_DOMAIN)')
    .option('--from <dir>', 'the web build to read (default: dist/web, made by npm run build)')
    .addHelpText(
      'after',
      `
index.html carries the base domain and no tenant's branding; the app loads the host's branding from
the API. Files under assets/ are content-hashed: cache them for ever; revalidate index.html.

Example:
  $ npm run build && fluxion web-bundle --base-domain fluxionia.co --out build/web`,
    )
    .action((opts: { out: string; baseDomain?: string; from?: string }, cmd: Command) => {
      const baseDomain = opts.baseDomain === undefined ? h.configFor(cmd).baseDomain : parseDomain(opts.baseDomain);
      const report = writeWebBundle({ out: opts.out, baseDomain, ...(opts.from ? { from: path.resolve(opts.from) } : {}) });
      h.out(h.json(cmd) ? JSON.stringify(report, null, 2) : renderWebBundle(report));
    });
}

function parseDomain(raw: string): string {
  try {
    return CONFIG_VARS.baseDomain.parse(raw, '--base-domain');
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.usage);
  }
}
