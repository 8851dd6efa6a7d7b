/** /api/v1/exchange-rates: the tenant's daily rates, the rate of a day, and entering one. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { ErrorResponses, ErrorSchema, Page, WriteErrorResponses } from '../../http/schemas.js';
import { actorOf, requestTenant } from '../../http/context.js';
import type { FeatureRoutes } from '../index.js';
import { auditorFor } from '../audit/writer.js';
import { CurrentRateQuerySchema, CurrentRateSchema, ExchangeRateSchema, PutRateResultSchema, PutRateSchema, RatesQuerySchema } from './schema.js';
import * as service from './service.js';

export const exchangeRateRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['exchange-rates'];

  app.get(
    '/api/v1/exchange-rates',
    {
      config: tenantRoute('tenant:read'),
      schema: {
        tags,
        summary: 'The tenant\'s exchange rates, newest first',
        description:
          'A rate says how many units of the tenant\'s currency 1 unit of `currency` is worth (for a VES tenant: bolívares per dollar). ' +
          'Filter by currency and by rate date (`from`/`to`, both included). Ordered by rate_date descending, then currency.',
        querystring: RatesQuerySchema,
        response: { 200: Page(ExchangeRateSchema), ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => service.listRates(requestTenant(request).tdb, request.query),
  );

  app.get(
    '/api/v1/exchange-rates/current',
    {
      config: tenantRoute('tenant:read'),
      schema: {
        tags,
        summary: 'The rate that applies on a day',
        description:
          'The latest rate of `currency` dated on or before `on` (default today in the tenant\'s time zone): a weekend or holiday uses the last ' +
          'business day\'s rate. 404 when there is none yet; 400 for the tenant\'s own currency.',
        querystring: CurrentRateQuerySchema,
        response: { 200: CurrentRateSchema, ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return service.currentRate(tdb, tenant, request.query, new Date(clock()));
    },
  );

  app.put(
    '/api/v1/exchange-rates',
    {
      config: tenantRoute('rates:write'),
      schema: {
        tags,
        summary: 'Enter or correct the rate of a day',
        description:
          'Upsert of the (currency, date) rate: `outcome` says whether it was created, replaced or already so. The currency must differ from the ' +
          'tenant\'s own; the date may be at most tomorrow (the BCV publishes the next business day\'s rate). `rate` is a string or a number, ' +
          'greater than 0 with at most 6 decimals. Audited (`exchange_rate.set`) with the old and new rate.',
        body: PutRateSchema,
        response: { 200: PutRateResultSchema, ...WriteErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return service.putRate(tdb, request.body, { tenant, actor: actorOf(request), record: auditorFor(request, clock), now: new Date(clock()) });
    },
  );
};
