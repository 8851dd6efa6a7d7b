/**
 * The tenant's logo and favicon. PUT takes the raw image as the body (image/png or image/jpeg,
 * at most 512 KB): the parsers for those types are registered in this plugin's own scope, so no
 * other route accepts anything but JSON. GETs are public like GET /api/v1/tenant (the sign-in page
 * shows the logo) and answer for suspended tenants too.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { tenantRoute } from '../../access.js';
import { requestTenant } from '../../http/context.js';
import { ErrorResponses, ErrorSchema, WriteErrorResponses } from '../../http/schemas.js';
import { AppError } from '../../errors.js';
import type { FeatureRoutes } from '../index.js';
import { faviconSvg } from './favicon.js';
import { LOGO_CONTENT_TYPES, LOGO_MAX_BYTES, mediaType } from './logo-image.js';
import { LogoQuery, LogoSchema, NoQuery } from './logo-schema.js';
import { LOGO_PATH, logoVersion, readLogo, removeLogo, setLogo } from './logo-service.js';

const FOREVER = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';
const WRONG_TYPE = 'Send the logo as the raw PNG or JPEG file with Content-Type image/png or image/jpeg.';

/** Common headers of an image answer: type, caching, and no sniffing of a stored file. */
function imageHeaders(reply: FastifyReply, contentType: string, cache: string, etag: string): void {
  reply
    .header('content-type', contentType)
    .header('cache-control', cache)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff');
  // On the shared api host the tenant comes from this header: caches must keep tenants apart.
  const vary = reply.getHeader('vary');
  reply.header('vary', vary === undefined || vary === '' ? 'X-Tenant-ID' : `${String(vary)}, X-Tenant-ID`);
}

/** The image, or 304 when the client already holds this version (If-None-Match). */
function sendImage(request: FastifyRequest, reply: FastifyReply, etag: string, body: Buffer | string): FastifyReply {
  const given = request.headers['if-none-match'];
  const fresh = typeof given === 'string' && given.split(',').some((t) => t.trim() === etag || t.trim() === '*');
  return fresh ? reply.code(304).send() : reply.send(body);
}

export const logoRoutes: FeatureRoutes = async (fastify, { store, registry, clock }) => {
  await fastify.register(async (scope) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['tenant'];
    app.addContentTypeParser([...LOGO_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES }, (_request, body, done) => done(null, body));
    // Any other type (text/plain, forms, image/gif…) is refused with this route's own words.
    app.addContentTypeParser('*', (request, _payload, done) =>
      done(new AppError('unsupported_media_type', `${WRONG_TYPE} Got ${mediaType(request.headers['content-type']) || 'no Content-Type'}.`)),
    );

    app.put(
      LOGO_PATH,
      {
        config: tenantRoute('settings:write'),
        schema: {
          tags,
          summary: 'Upload the tenant\'s logo',
          description:
            'The body is the image file itself, with Content-Type image/png or image/jpeg; at most 512 KB (else 413), and its first bytes must be ' +
            'of that format (else 400). Sets settings.logoUrl to /api/v1/tenant/logo?v=<version>; audited as `tenant.logo_changed`. ' +
            'Uploading the same file again changes nothing.',
          querystring: NoQuery,
          response: { 200: LogoSchema, ...WriteErrorResponses, 401: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
        },
        // A declared size over the limit is refused before the body is read, with the numbers.
        preParsing: async (request) => {
          const declared = Number(request.headers['content-length']);
          if (Number.isFinite(declared) && declared > LOGO_MAX_BYTES && (LOGO_CONTENT_TYPES as readonly string[]).includes(mediaType(request.headers['content-type']))) {
            throw new AppError('payload_too_large', `The logo is ${declared} bytes; the limit is ${LOGO_MAX_BYTES} bytes (512 KB).`);
          }
        },
      },
      async (request) => {
        const { tenant } = requestTenant(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', WRONG_TYPE);
        return setLogo({ platform: store.platform, registry, clock }, request, tenant.id, request.body, mediaType(request.headers['content-type']));
      },
    );

    app.delete(
      LOGO_PATH,
      {
        config: tenantRoute('settings:write'),
        schema: {
          tags,
          summary: 'Remove the tenant\'s logo',
          description: 'settings.logoUrl becomes null; audited as `tenant.logo_removed`. Removing a logo that is not there changes nothing (204 too).',
          querystring: NoQuery,
          response: { 204: Type.Null(), ...WriteErrorResponses, 401: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { tenant } = requestTenant(request);
        await removeLogo({ platform: store.platform, registry, clock }, request, tenant.id);
        return reply.code(204).send(null);
      },
    );

    // Image answers: not JSON, so these two are declared without the typed replies.
    scope.get(
      LOGO_PATH,
      {
        config: tenantRoute('anyone', { allowSuspended: true }),
        schema: {
          tags,
          summary: 'The tenant\'s logo (the image itself)',
          description:
            'Public, like GET /api/v1/tenant. With `?v=` equal to the version in settings.logoUrl it may be cached for a year (immutable); ' +
            'otherwise for a minute. ETag / If-None-Match give 304. 404 when the tenant has no logo.',
          querystring: LogoQuery,
          response: { ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const { tdb } = requestTenant(request);
        const logo = await readLogo(tdb);
        if (!logo) throw new AppError('not_found', 'This tenant has no logo.');
        const etag = `"${logo.sha256.slice(0, 32)}"`;
        imageHeaders(reply, logo.contentType, (request.query as { v?: string }).v === logoVersion(logo.sha256) ? FOREVER : SHORT, etag);
        return sendImage(request, reply, etag, logo.content);
      },
    );

    scope.get(
      '/api/v1/tenant/favicon',
      {
        config: tenantRoute('anyone', { allowSuspended: true }),
        schema: {
          tags,
          summary: 'The tenant\'s favicon',
          description:
            'The logo when there is one; otherwise an SVG square in the primary colour with the first letter of the tenant\'s name, in black or ' +
            'white, whichever reads better. Public; cached for a minute.',
          querystring: NoQuery,
          response: { ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const { tenant, tdb } = requestTenant(request);
        const logo = await readLogo(tdb);
        if (logo) {
          const etag = `"${logo.sha256.slice(0, 32)}"`;
          imageHeaders(reply, logo.contentType, SHORT, etag);
          return sendImage(request, reply, etag, logo.content);
        }
        const svg = faviconSvg(tenant.name, tenant.settings.primaryColor, tenant.settings.locale);
        const etag = `"${createHash('sha256').update(svg).digest('hex').slice(0, 32)}"`;
        imageHeaders(reply, 'image/svg+xml; charset=utf-8', SHORT, etag);
        return sendImage(request, reply, etag, svg);
      },
    );
  });
};
