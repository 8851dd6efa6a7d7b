/**
 * Forecasting and replenishment (feature `forecasting`; others get 403 feature_disabled):
 * GET /api/v1/forecast, /forecast/accuracy, /forecast/runs, POST /forecast/runs,
 * GET /api/v1/replenishment/suggestions and POST /api/v1/replenishment/orders. Also starts the
 * nightly schedule (schedule.ts) and the run after each sales import, unless
 * FLUXION_FORECAST_HOUR is off.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { tenantRoute } from '../../access.js';
import { ErrorResponses, ErrorSchema, WriteErrorResponses } from '../../http/schemas.js';
import { actorOf, requestTenant } from '../../http/context.js';
import { tenantTimeZone } from '../sales/period.js';
import { auditorFor } from '../audit/writer.js';
import type { FeatureRoutes } from '../index.js';
import {
  AccuracyReportSchema,
  NoFields,
  CreatedOrdersSchema,
  CreateOrdersBodySchema,
  ForecastQuerySchema,
  ForecastSchema,
  RunListSchema,
  SuggestionsQuerySchema,
  SuggestionsSchema,
} from './schema.js';
import * as service from './service.js';
import * as replenishment from './replenishment.js';
import { listRuns } from './repository.js';
import { isRunning, runForecasts, type RunReport } from './runs.js';
import { ForecastScheduler } from './schedule.js';

export const forecastingRoutes: FeatureRoutes = (fastify, { config, store, registry, clock, events }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['forecasting'];
  const feature = { feature: 'forecasting' as const };

  if (config.forecastHour !== null) {
    const scheduler = new ForecastScheduler({ store, registry, clock, hour: config.forecastHour, log: fastify.log });
    fastify.addHook('onReady', async () => scheduler.start());
    fastify.addHook('onClose', async () => scheduler.stop());
    events.on('sales-imported', (tenantId) => scheduler.request(tenantId, 'import'));
  }

  app.get(
    '/api/v1/forecast',
    {
      config: tenantRoute('stats:read', feature),
      schema: {
        tags,
        summary: 'Daily demand forecast of a product, with its model, intervals and accuracy',
        description:
          'From the latest forecasting run: the last 56 days of units sold (stock-out days marked: censored demand), and 28 days of ' +
          'forecast — the point forecast (predictive median), the mean, 80 % and 95 % intervals — with the model chosen by backtest, its ' +
          'parameters and its measured accuracy (MASE against the weekly seasonal naive, bias, interval coverage). One store, or all ' +
          'stores summed. 409 forecast_pending before the first run.',
        querystring: ForecastQuerySchema,
        response: { 200: ForecastSchema, ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return service.getForecast(tdb, tenant, request.query);
    },
  );

  app.get(
    '/api/v1/forecast/accuracy',
    {
      config: tenantRoute('stats:read', feature),
      schema: {
        tags,
        summary: 'Forecast accuracy of the latest run: overall, by model, ABC class, demand class and store',
        description:
          'Rolling-origin backtest: every series forecast at 4 origins in the last 8 weeks (56, 49, 42, 35 days back), each scored on its full ' +
          '28 days, each choosing its model only from earlier data. MASE of the point forecasts against the weekly seasonal naive, and the ' +
          'share of days inside the 80 % and 95 % intervals. 409 forecast_pending before the first run.',
        querystring: NoFields,
        response: { 200: AccuracyReportSchema, ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => service.getAccuracy(requestTenant(request).tdb),
  );

  const runList = async (tenantId: string, tdb: Parameters<typeof listRuns>[0]) => ({
    items: (await listRuns(tdb, 20)).map(({ summary: _summary, ...run }) => run),
    running: isRunning(tenantId),
  });

  app.get(
    '/api/v1/forecast/runs',
    {
      config: tenantRoute('stats:read', feature),
      schema: { tags, summary: 'The last 20 forecasting runs, newest first', querystring: NoFields, response: { 200: RunListSchema, ...ErrorResponses, 401: ErrorSchema } },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return runList(tenant.id, tdb);
    },
  );

  app.post(
    '/api/v1/forecast/runs',
    {
      config: tenantRoute('forecasts:run', feature),
      schema: {
        tags,
        summary: 'Start a forecasting run now (or join the one under way)',
        description:
          'Forecasts every product × store series of the tenant and replaces the stored forecasts when done (about a second per thousand ' +
          'series). `wait` (0–120 s) waits for the end: 200 when it finished within it, 202 while it still runs; GET /forecast/runs follows it.',
        querystring: Type.Object({ wait: Type.Integer({ minimum: 0, maximum: 120, default: 0, description: 'Seconds to wait for the run to finish' }) }, { additionalProperties: false }),
        response: { 200: RunListSchema, 202: RunListSchema, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const run: Promise<RunReport | null> = runForecasts(tdb, { trigger: 'api', actor: actorOf(request), timeZone: tenantTimeZone(tenant), now: new Date(clock()) }).catch((err: unknown) => {
        request.log.error({ err }, 'forecast run failed');
        return null;
      });
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([run.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), request.query.wait * 1000)))]);
      clearTimeout(timer);
      return reply.code(finished ? 200 : 202).send(await runList(tenant.id, tdb));
    },
  );

  app.get(
    '/api/v1/replenishment/suggestions',
    {
      config: tenantRoute('orders:read', feature),
      schema: {
        tags,
        summary: 'What to order: order-up-to suggestions per product and store from the forecasts',
        description:
          'Periodic review, order-up-to policy: lead time (the product\'s, else its supplier\'s) and review period → safety stock z·σ·√(L+R) at ' +
          'the service level, reorder point, order-up-to level within the row\'s min/max stock; the quantity brings stock plus open orders up to ' +
          'it in whole packs, with the days of cover it buys. Rows needing an order only, unless `all`.',
        querystring: SuggestionsQuerySchema,
        response: { 200: SuggestionsSchema, ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return replenishment.getSuggestions(tdb, tenant, request.query);
    },
  );

  app.post(
    '/api/v1/replenishment/orders',
    {
      config: tenantRoute('orders:write', feature),
      schema: {
        tags,
        summary: 'Turn chosen suggestions into draft purchase orders, grouped by supplier and store',
        description:
          'Each item names a store and product with a forecast (404 otherwise) and optionally the units (default: the suggestion). One draft ' +
          'order per supplier and store (500 lines at most each), all created in one transaction and audited like any order. A product ' +
          'without a supplier, or an item with nothing to order, is 422.',
        querystring: NoFields,
        body: CreateOrdersBodySchema,
        response: { 201: CreatedOrdersSchema, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const created = await replenishment.createOrdersFromSuggestions(tdb, tenant, request.body, actorOf(request), auditorFor(request, clock));
      return reply.code(201).send(created);
    },
  );
};
