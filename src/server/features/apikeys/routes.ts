/** API keys of the tenant, for owners: list, create (the key is shown once), revoke. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { tenantRoute } from '../../access.js';
import { actorOf, requestTenant } from '../../http/context.js';
import { ErrorResponses, ErrorSchema, Page, WriteErrorResponses } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import { auditorFor } from '../audit/writer.js';
import { ApiKeyQuery, ApiKeySchema, CreateApiKeyBody, CreatedApiKeySchema, IdParams, NoQuery } from './schema.js';
import { refuseWhileImpersonating } from '../users/guards.js';
import * as service from './service.js';

export const apiKeyRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manage = tenantRoute('apikeys:manage');
  const tags = ['api-keys'];

  app.get(
    '/api/v1/api-keys',
    {
      config: manage,
      schema: {
        tags,
        summary: 'API keys of the tenant',
        description: 'Newest first; revoked ones too unless `status=active`. The secret is never listed.',
        querystring: ApiKeyQuery,
        response: { 200: Page(ApiKeySchema), ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => service.listApiKeys(requestTenant(request).tdb, request.query),
  );

  app.post(
    '/api/v1/api-keys',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an API key',
        description:
          'The answer carries the key (`key`) this once; store it now. Send it as `Authorization: Bearer <key>`. ' +
          'Refused (403) in an impersonation session.',
        querystring: NoQuery,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeySchema, ...WriteErrorResponses, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      refuseWhileImpersonating(request, 'create API keys');
      const { tdb } = requestTenant(request);
      const created = await service.issueApiKey(tdb, { ...request.body, createdBy: actorOf(request) }, clock(), auditorFor(request, clock));
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Revoke an API key',
        description: 'Its next use answers 401. Revoking a revoked key changes nothing.',
        params: IdParams,
        querystring: NoQuery,
        response: { 204: Type.Null(), ...WriteErrorResponses, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      await service.revokeApiKey(requestTenant(request).tdb, request.params.id, clock(), auditorFor(request, clock));
      return reply.code(204).send(null);
    },
  );
};
