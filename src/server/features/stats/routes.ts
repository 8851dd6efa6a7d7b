/** GET /api/v1/stats: the dashboard's numbers. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { ErrorResponses } from '../../http/schemas.js';
import { requestTenant } from '../../http/context.js';
import type { FeatureRoutes } from '../index.js';
import { StatsQuerySchema, StatsSchema } from './schema.js';
import * as service from './service.js';

export const statsRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/stats',
    {
      config: tenantRoute('stats:read'),
      schema: {
        tags: ['stats'],
        summary: 'Sales and stock figures for a period',
        description:
          'Period: `from`…`to` business dates, both included, at most 3 years; default the last 30 days ending today in the ' +
          'tenant\'s time zone. Amounts are in the tenant\'s currency (each line converted with its rate and rounded to the cent). ' +
          '`inventory_value` and the stock counts describe the stock now, for the store or all stores.',
        querystring: StatsQuerySchema,
        response: { 200: StatsSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return service.getStats(tdb, tenant, request.query, new Date(clock()));
    },
  );
};
