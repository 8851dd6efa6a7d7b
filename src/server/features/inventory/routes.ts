/** Stock levels, manual adjustments and the movements ledger. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { actorOf, requestTenant } from '../../http/context.js';
import { ErrorResponses, Page, WriteErrorResponses } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import { auditorFor } from '../audit/writer.js';
import {
  AdjustmentBody,
  AdjustmentResult,
  IdParams,
  InventoryItemSchema,
  InventoryQuery,
  MovementQuery,
  MovementSchema,
  NoQuery,
} from './schema.js';
import * as service from './service.js';

export const inventoryRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = tenantRoute('inventory:read', { feature: 'inventory' });
  const tags = ['inventory'];

  app.get(
    '/api/v1/inventory',
    {
      config: read,
      schema: {
        tags,
        summary: 'Stock levels per store and product',
        description:
          'Filter by store, product, category, text (`q` on product name, SKU, barcode), `low_stock` (quantity ≤ min_stock) ' +
          'and `out_of_stock`; sort by any shown column.',
        querystring: InventoryQuery,
        response: { 200: Page(InventoryItemSchema), ...ErrorResponses },
      },
    },
    async (request) => service.listInventory(requestTenant(request).tdb, request.query),
  );

  app.get(
    '/api/v1/inventory/movements',
    {
      config: read,
      schema: {
        tags,
        summary: 'The stock ledger, newest first',
        querystring: MovementQuery,
        response: { 200: Page(MovementSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tdb, tenant } = requestTenant(request);
      return service.listMovements(tdb, tenant, request.query);
    },
  );

  app.get(
    '/api/v1/inventory/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One stock level',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: InventoryItemSchema, ...ErrorResponses },
      },
    },
    async (request) => service.getInventoryItem(requestTenant(request).tdb, request.params.id),
  );

  app.post(
    '/api/v1/inventory/adjustments',
    {
      config: tenantRoute('inventory:adjust', { feature: 'inventory' }),
      schema: {
        tags,
        summary: 'Adjust stock with a reason',
        description:
          'Adds (positive delta) or removes (negative delta) stock and records the change in the ledger. ' +
          'Stock never goes below zero: 409 insufficient_stock. damage, theft and expiry only remove stock (422).',
        querystring: NoQuery,
        body: AdjustmentBody,
        response: { 201: AdjustmentResult, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await service.adjustStock(requestTenant(request).tdb, request.body, actorOf(request), auditorFor(request, clock));
      return reply.code(201).send(result);
    },
  );
};
