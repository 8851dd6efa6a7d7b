/**
 * Offboarding on the admin host: the tenant's export archive, and its deletion (after the tenant
 * has been suspended, with the id typed again). See service.ts and export.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { platformRoute } from '../../access.js';
import { ErrorResponses, ErrorSchema } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import { openTenantExport } from './export.js';
import { DeleteTenantBody, DeletionReportSchema, NoQuery, TenantIdParams } from './schema.js';
import { auditExport, auditExportFailure, deleteTenant } from './service.js';

const tags = ['admin'];
const ConsoleErrors = { ...ErrorResponses, 401: ErrorSchema } as const;

export const offboardingRoutes: FeatureRoutes = (fastify, { store, registry, clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/admin/tenants/:id/export',
    {
      config: platformRoute('platform:write'),
      schema: {
        tags,
        summary: 'Download the tenant\'s full export: every table as CSV and Parquet, and a manifest (one .tar.gz)',
        description:
          'Streams `<id>-<UTC timestamp>.tar.gz`, a directory of that name holding `<table>.csv` (RFC 4180, header row) and ' +
          '`<table>.parquet` (typed) for every table of tenant data and the tenant\'s `tenants` row, then `manifest.json` ' +
          '(tenant, export time, schema version, per table the row count, columns and the SHA-256 and size of each file). ' +
          'Suspend the tenant first for an archive nobody writes to meanwhile. Audited as `tenant.exported` with the ' +
          'archive\'s SHA-256.',
        params: TenantIdParams,
        querystring: NoQuery,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary', description: 'application/gzip' }), ...ConsoleErrors },
      },
    },
    async (request, reply) => {
      const by = { request };
      // The audit event is written before the archive's last byte goes out (onComplete).
      const exp = await openTenantExport(store, request.params.id, { now: clock(), onComplete: (summary) => auditExport({ store, clock }, by, summary) });
      exp.done.catch(async (err: unknown) => {
        request.log.warn({ err, tenant: exp.tenant.id }, 'tenant export did not finish');
        await auditExportFailure({ store, clock }, by, exp.tenant.id, exp.filename, err).catch((e: unknown) =>
          request.log.error({ err: e }, 'tenant export: audit event not written'),
        );
      });
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${exp.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(exp.stream);
    },
  );

  app.delete(
    '/api/v1/admin/tenants/:id',
    {
      config: platformRoute('platform:write'),
      schema: {
        tags,
        summary: 'Delete a suspended tenant and every row of its data (type its id to confirm)',
        description:
          'The body is `{"confirm": "<id>"}`; anything else is 400 `confirmation_mismatch`. Only a suspended tenant is ' +
          'deleted (else 409 `invalid_state`): take its export first. Every row of the tenant goes from every table of ' +
          'tenant data, children first, then its `tenants` row; its sessions and API keys stop working and its host ' +
          'answers "unknown company" at once. The platform audit trail keeps its record (`tenant.deleted`, with the counts).',
        params: TenantIdParams,
        querystring: NoQuery,
        body: DeleteTenantBody,
        response: { 200: DeletionReportSchema, ...ConsoleErrors, 409: ErrorSchema },
      },
    },
    async (request) => deleteTenant({ store, registry, clock }, { request }, request.params.id, request.body.confirm),
  );
};
