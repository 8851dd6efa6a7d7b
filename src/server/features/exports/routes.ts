/**
 * GET /api/v1/exports/<kind>: a list as a CSV or Parquet download, with the list's own filters
 * and permission. One route per kind, so each declares the permission of the list it exports.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestTenant } from '../../http/context.js';
import { ErrorResponses } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import { openExport } from './export.js';
import { EXPORT_KINDS, KINDS, type ExportFormat } from './kinds.js';

export const exportRoutes: FeatureRoutes = (fastify, { clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  for (const kind of EXPORT_KINDS) {
    const spec = KINDS[kind];
    app.get(
      `/api/v1/exports/${kind}`,
      {
        config: spec.policy,
        schema: {
          tags: ['exports'],
          summary: `Download ${spec.list} as CSV or Parquet`,
          description:
            `Every row ${spec.list} lists for the same filters (paging aside), in its order, one column per field ` +
            '(nested fields as `parent_child`). CSV: RFC 4180, CRLF, UTF-8 with BOM, streamed; a text cell starting with ' +
            '= + - @ tab or CR gets a leading apostrophe (plain numbers excepted). Parquet: typed columns, built in a ' +
            'temporary file first. Same permission and the same 400s as the list.',
          querystring: spec.query,
          response: { 200: Type.Unsafe({ type: 'string', format: 'binary', description: 'text/csv or application/vnd.apache.parquet' }), ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const ctx = requestTenant(request);
        const filters = request.query as Record<string, unknown>;
        const format = (filters.format ?? 'csv') as ExportFormat;
        const exp = await openExport(ctx, kind, filters, { format, now: new Date(clock()) });
        return reply
          .header('content-type', exp.contentType)
          .header('content-disposition', `attachment; filename="${exp.filename}"`)
          .header('cache-control', 'no-store')
          .send(exp.stream);
      },
    );
  }
};
