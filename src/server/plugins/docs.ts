/** OpenAPI document and its UI, generated from the same TypeBox schemas that validate requests. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { publicRoute } from '../access.js';
import type { Config } from '../config.js';

export async function docsPlugin(app: FastifyInstance, config: Config): Promise<void> {
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
        { name: 'exchange-rates', description: 'Daily exchange rates to the tenant\'s currency (e.g. the BCV rate)' },
        { name: 'analytics', description: 'Demand forecast and stock insights (features forecasting, ai-insights)' },
        { name: 'platform', description: 'Health and platform endpoints' },
      ],
    },
  });
  await app.register(async (child) => {
    // The UI's own routes are public documentation.
    child.addHook('onRoute', (options) => {
      options.config = { ...(options.config ?? {}), ...publicRoute() };
    });
    // Its own pages carry inline scripts: it sets a CSP with their hashes for them.
    await child.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      // Over plain http (local use) upgrading requests to https would break the page.
      transformStaticCSP: (header: string) => (config.publicProtocol === 'https' ? header : header.replace(/upgrade-insecure-requests;?/, '')),
    });
  });
  app.get('/openapi.json', { config: publicRoute(), schema: { hide: true } }, async () => app.swagger());
}
