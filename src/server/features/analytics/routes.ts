/**
 * Feature-gated stock insights: GET /api/v1/insights ('ai-insights'). Tenants without the feature
 * get 403 feature_disabled from the tenancy plugin. (Forecasts: features/forecasting.)
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { ErrorResponses, ErrorSchema } from '../../http/schemas.js';
import { requestTenant } from '../../http/context.js';
import type { FeatureRoutes } from '../index.js';
import { InsightsQuerySchema, InsightsSchema } from './schema.js';
import * as service from './service.js';

export const analyticsRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['analytics'];

  app.get(
    '/api/v1/insights',
    {
      config: tenantRoute('stats:read', { feature: 'ai-insights' }),
      schema: {
        tags,
        summary: 'Stock insights, highest impact first',
        description:
          'Rule-based findings per stock row: `out_of_stock` (no stock, sold in the last 28 days; impact: estimated lost sales), ' +
          '`will_run_out` (under 7 days of cover; impact: sales the stock cannot serve in 7 days), `dead_stock` (stock, no sale in 60 days; ' +
          'impact: stock at cost), `overstock` (over 90 days of cover; impact: cost of the excess). Each carries its numbers, not a sentence: ' +
          'clients word it in their language. Needs the `ai-insights` feature.',
        querystring: InsightsQuerySchema,
        response: { 200: InsightsSchema, ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return service.getInsights(tdb, tenant, request.query, new Date(clock()));
    },
  );
};
