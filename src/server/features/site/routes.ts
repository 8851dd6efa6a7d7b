/**
 * The web app on every host: GET / and any other page path answer the app's HTML shell (branded
 * for the host's tenant: see page.ts), `/assets/*` its hashed, pre-compressed files. The app
 * decides on the client what the host shows: the landing page on the apex, the tenant's app, a
 * "this company does not exist" page (served with status 404) or an "account suspended" page.
 * Paths under /api/ never fall through to the app: an unknown API path stays a JSON 404.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicRoute } from '../../access.js';
import { AppError } from '../../errors.js';
import type { FeatureRoutes } from '../index.js';
import { renderPage } from './page.js';
import { loadWebBuild, pickEncoding, type WebBuild } from './web-build.js';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fluxion</title></head>
<body><h1>Fluxion</h1><p>The web app has not been built. Run <code>npm run build</code> (npm start does it), then reload.</p></body></html>`;

export const siteRoutes: FeatureRoutes = (app, { registry, config }) => {
  let build: WebBuild = loadWebBuild();

  const sendPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/') || !acceptsHtml(request)) {
      throw new AppError('not_found', `No route ${request.method} ${path.slice(0, 200)}.`);
    }
    // A build made after the server started (npm run build in another terminal) is picked up.
    if (build.template === null) build = loadWebBuild();
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
    if (build.template === null) return reply.code(503).send(NOT_BUILT);
    const r = request.resolution;
    const tenant = r?.kind === 'tenant' ? await registry.get(r.tenantId) : null;
    if (r?.kind === 'tenant' && !tenant) reply.code(404);
    if (r?.kind === 'error') reply.code(r.code === 'invalid_host' ? 400 : 404);
    return renderPage(build.template, { baseDomain: config.baseDomain, allowQueryTenant: config.allowQueryTenant, tenant });
  };

  const sendAsset = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const asset = build.assets.get(path);
    if (!asset) throw new AppError('not_found', `No file ${path.slice(0, 200)}.`);
    reply
      .type(asset.type)
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const encoding = pickEncoding(asset, request.headers['accept-encoding']);
    if (encoding) return reply.header('content-encoding', encoding).send(asset[encoding]!);
    return reply.send(asset.body);
  };

  const page = { config: publicRoute(), schema: { hide: true } };
  app.get('/', page, sendPage);
  app.get('/*', page, sendPage);
  app.get('/assets/*', page, sendAsset);
  app.get('/favicon.svg', page, sendAsset);
};

/** Browsers navigating ask for text/html; API clients asking for JSON get the JSON 404. */
function acceptsHtml(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '');
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}
