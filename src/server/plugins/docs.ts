/** OpenAPI document and its UI, generated from the same TypeBox schemas that validate requests. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { publicRoute } from '../access.js';

export async function docsPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Fluxion API',
        version: '1',
        description:
          'Multi-tenant inventory and sales intelligence. Call tenant endpoints on `<tenant>.<base domain>`, ' +
          'or on `api.<base domain>` with an `X-Tenant-ID` header. Errors are `{ error, message, requestId }`.',
      },
      components: {
        parameters: {},
      },
      tags: [
        { name: 'tenant', description: 'Branding and settings of the request\'s tenant' },
        { name: 'catalog', description: 'Stores, products and suppliers' },
        { name: 'inventory', description: 'Stock levels, adjustments and the movements ledger' },
        { name: 'sales', description: 'Sales tickets (ventas)' },
        { name: 'stats', description: 'Sales and stock statistics' },
        { name: 'orders', description: 'Purchase orders to suppliers' },
        { name: 'platform', description: 'Health and platform endpoints' },
      ],
    },
  });
  await app.register(async (child) => {
    // The UI's own routes are public documentation.
    child.addHook('onRoute', (options) => {
      options.config = { ...(options.config ?? {}), ...publicRoute() };
    });
    await child.register(swaggerUi, { routePrefix: '/docs' });
  });
  app.get('/openapi.json', { config: publicRoute(), schema: { hide: true } }, async () => app.swagger());
}
