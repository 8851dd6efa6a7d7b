/** GET /api/v1/tenant: the branding and settings the SPA reads at run time. */
import type { FastifyInstance } from 'fastify';
import { tenantRoute } from '../../access.js';
import { ErrorResponses } from '../../http/schemas.js';
import { requestTenant } from '../../http/context.js';
import { TenantBrandingSchema, toBranding } from './schema.js';

export function tenantRoutes(app: FastifyInstance): void {
  app.get(
    '/api/v1/tenant',
    {
      config: tenantRoute('anyone', { allowSuspended: true }),
      schema: {
        tags: ['tenant'],
        summary: 'Branding and settings of the request\'s tenant',
        description: 'Public: the SPA needs it before sign-in. Answers for suspended tenants too (status says so), so the app can show a branded notice.',
        response: { 200: TenantBrandingSchema, ...ErrorResponses },
      },
    },
    async (request) => toBranding(requestTenant(request).tenant),
  );
}
