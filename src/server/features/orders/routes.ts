/** Purchase orders to suppliers: list, read, create, and the submit / receive / cancel transitions. */
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { actorOf, requestTenant } from '../../http/context.js';
import { ErrorResponses, WriteErrorResponses } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import { auditorFor } from '../audit/writer.js';
import {
  CreateOrderBody,
  NoFields,
  OrderDetailSchema,
  OrderListQuery,
  OrderPageSchema,
  OrderParams,
  ReceiveOrderBody,
} from './schema.js';
import * as service from './service.js';

/** The transitions accept a POST without a body; validate it as an empty object then. */
async function bodyOptional(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

export const orderRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = tenantRoute('orders:read');
  const write = tenantRoute('orders:write');
  const tags = ['orders'];

  app.get(
    '/api/v1/orders',
    {
      config: read,
      schema: {
        tags,
        summary: 'List purchase orders',
        description: 'Newest first. Filter by status, supplier, store and creation day (`from`/`to`, both included, in the tenant\'s time zone).',
        querystring: OrderListQuery,
        response: { 200: OrderPageSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenant, tdb } = requestTenant(request);
      return service.listOrders(tenant, tdb, request.query);
    },
  );

  app.get(
    '/api/v1/orders/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One purchase order with its lines',
        params: OrderParams,
        querystring: NoFields,
        response: { 200: OrderDetailSchema, ...ErrorResponses },
      },
    },
    async (request) => service.getOrder(requestTenant(request).tdb, request.params.id),
  );

  app.post(
    '/api/v1/orders',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a draft purchase order',
        description:
          'Supplier, store and products must belong to the tenant (404 names the one that does not). A line without `unit_cost` ' +
          'costs the product\'s catalogue cost. The total is the sum of the lines; the currency is the tenant\'s.',
        querystring: NoFields,
        body: CreateOrderBody,
        response: { 201: OrderDetailSchema, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const order = await service.createOrder(tenant, tdb, request.body, actorOf(request), auditorFor(request, clock));
      return reply.code(201).header('location', `/api/v1/orders/${order.id}`).send(order);
    },
  );

  app.post(
    '/api/v1/orders/:id/submit',
    {
      config: write,
      preValidation: bodyOptional,
      schema: {
        tags,
        summary: 'Submit a draft order to its supplier',
        description: 'draft → submitted. Any other state answers 409 invalid_state.',
        params: OrderParams,
        querystring: NoFields,
        body: NoFields,
        response: { 200: OrderDetailSchema, ...WriteErrorResponses },
      },
    },
    async (request) => service.submitOrder(requestTenant(request).tdb, request.params.id, auditorFor(request, clock)),
  );

  app.post(
    '/api/v1/orders/:id/receive',
    {
      config: write,
      preValidation: bodyOptional,
      schema: {
        tags,
        summary: 'Receive a submitted order into the store\'s stock',
        description:
          'submitted → received. Each line\'s arrived quantity (as ordered unless `lines` says otherwise) is added to the ' +
          'store\'s stock with a `receipt` movement referencing the order, and the stock\'s unit cost becomes the line\'s cost. ' +
          'Any other state answers 409 invalid_state.',
        params: OrderParams,
        querystring: NoFields,
        body: ReceiveOrderBody,
        response: { 200: OrderDetailSchema, ...WriteErrorResponses },
      },
    },
    async (request) => service.receiveOrder(requestTenant(request).tdb, request.params.id, request.body, actorOf(request), auditorFor(request, clock)),
  );

  app.post(
    '/api/v1/orders/:id/cancel',
    {
      config: write,
      preValidation: bodyOptional,
      schema: {
        tags,
        summary: 'Cancel a draft or submitted order',
        description: 'draft or submitted → cancelled. Received and cancelled orders answer 409 invalid_state.',
        params: OrderParams,
        querystring: NoFields,
        body: NoFields,
        response: { 200: OrderDetailSchema, ...WriteErrorResponses },
      },
    },
    async (request) => service.cancelOrder(requestTenant(request).tdb, request.params.id, auditorFor(request, clock)),
  );
};
