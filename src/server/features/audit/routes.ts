/** GET /api/v1/audit: the tenant's audit trail, for owners and managers. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { requestTenant } from '../../http/context.js';
import { ErrorResponses, ErrorSchema, Page } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import { AuditEntrySchema, AuditQuery } from './schema.js';
import { listAudit } from './service.js';

export const auditRoutes: FeatureRoutes = (fastify) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/audit',
    {
      config: tenantRoute('audit:read'),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first',
        description:
          'Every state change and auth event of the tenant. Filter by action (exact, or a prefix ending in a dot such as `auth.`), ' +
          'actor (contains), target type and id (exact), and days (`from`/`to`, both included, in the tenant\'s time zone).',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntrySchema), ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return listAudit(tdb, tenant, request.query);
    },
  );
};
