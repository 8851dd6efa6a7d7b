/** The tenant's settings for its owners: read them all, change branding, locale, time zone and policies. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { requestTenant } from '../../http/context.js';
import { ErrorResponses, ErrorSchema, WriteErrorResponses } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import { NoQuery, SettingsPatch, SettingsSchema } from './schema.js';
import { toSettings, updateSettings } from './service.js';
import { logoRoutes } from './logo-routes.js';

export const settingsRoutes: FeatureRoutes = async (fastify, deps) => {
  const { store, registry, clock } = deps;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tenant'];

  app.get(
    '/api/v1/tenant/settings',
    {
      config: tenantRoute('settings:write'),
      schema: {
        tags,
        summary: 'All settings of the tenant, for its owners',
        description: 'What GET /api/v1/tenant shows, plus the policies only owners need (allowImpersonation).',
        querystring: NoQuery,
        response: { 200: SettingsSchema, ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => toSettings(requestTenant(request).tenant),
  );

  app.patch(
    '/api/v1/tenant/settings',
    {
      config: tenantRoute('settings:write'),
      schema: {
        tags,
        summary: 'Change the tenant\'s name, branding, locale, time zone or policies',
        description:
          'Only the fields sent change. The time zone must be a real IANA zone; colours are #rrggbb. ' +
          '`allowImpersonation: false` stops platform admins from impersonating users of this tenant and ends the impersonation ' +
          'sessions under way; an impersonation session cannot change it (403). Every change is audited.',
        querystring: NoQuery,
        body: SettingsPatch,
        response: { 200: SettingsSchema, ...WriteErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tenant } = requestTenant(request);
      return updateSettings({ platform: store.platform, registry, clock }, request, tenant.id, request.body);
    },
  );
  // The logo and favicon, in a scope of their own (they take image bodies).
  await logoRoutes(fastify, deps);
};
