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
          'Findings per stock row, ranked by money impact. With a finished forecasting run (`source: forecast`) they come from the stored ' +
          'forecasts: `will_run_out` (the forecast empties the shelf before the next delivery, today + lead time or an open order\'s expected ' +
          'date; impact: demand not served until then), `out_of_stock` (impact: forecast demand lost while out), `overstock` (cover beyond ' +
          'max(90, 3 × (lead time + 7)) days; impact: cost of the units beyond need and safety stock), `dead_stock` (stock, no sale in 60 days; ' +
          'impact: stock at cost), `anomaly` (a day of the last 14 far off the same-weekday mean of the 4 weeks before; impact: the units off, ' +
          'at price) and `margin_erosion` (unit cost up 5 points or more over the unit price in 90 days; impact: margin lost on the units sold). ' +
          'Before the first run (`source: run_rate`): the 28-day run-rate rules `out_of_stock`, `will_run_out` (under 7 days of cover), ' +
          '`dead_stock` and `overstock` (over 90 days of cover). Each carries its numbers, a sentence in the tenant\'s language (`text`), ' +
          'its date, and the ABC–XYZ classes of the product; `classes` counts products per class. Needs the `ai-insights` feature.',
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
