/** /api/v1/sales: the sales lines, one ticket, and recording a ticket. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { ErrorResponses, Page, WriteErrorResponses } from '../../http/schemas.js';
import { actorOf, requestTenant } from '../../http/context.js';
import type { FeatureRoutes } from '../index.js';
import { auditorFor } from '../audit/writer.js';
import { NewSaleSchema, SaleLineSchema, SalesQuerySchema, TicketParamsSchema, TicketSchema } from './schema.js';
import * as service from './service.js';

export const salesRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/sales',
    {
      config: tenantRoute('sales:read', { feature: 'sales' }),
      schema: {
        tags: ['sales'],
        summary: 'Sales lines, newest first',
        description:
          '`from`/`to` filter on the business date (the sale\'s calendar day in the tenant\'s time zone), both included; ' +
          'a range is at most 3 years. Ordered by `fecha_venta` descending, then ticket and line.',
        querystring: SalesQuerySchema,
        response: { 200: Page(SaleLineSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tdb } = requestTenant(request);
      return service.listSales(tdb, request.query);
    },
  );

  app.get(
    '/api/v1/sales/tickets/:ticket',
    {
      config: tenantRoute('sales:read', { feature: 'sales' }),
      schema: {
        tags: ['sales'],
        summary: 'One ticket with its lines and totals',
        params: TicketParamsSchema,
        response: { 200: TicketSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return service.getTicket(tdb, tenant, request.params.ticket);
    },
  );

  app.post(
    '/api/v1/sales',
    {
      config: tenantRoute('sales:write', { feature: 'sales' }),
      schema: {
        tags: ['sales'],
        summary: 'Record a ticket',
        description:
          'All or nothing: every line is written and its stock taken from the store in one transaction, or nothing is ' +
          '(409 `insufficient_stock` names the product short of stock). An existing ticket id is 409 `already_exists`. ' +
          'A currency other than the tenant\'s needs an exchange rate on or before the sale\'s date (else 422).',
        body: NewSaleSchema,
        response: { 201: TicketSchema, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const ticket = await service.createSale(tdb, request.body, {
        tenant,
        actor: actorOf(request),
        record: auditorFor(request, clock),
        now: new Date(clock()),
      });
      return reply.code(201).send(ticket);
    },
  );
};
