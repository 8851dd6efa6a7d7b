/**
 * /api/v1/imports: upload a data file to import in the background, follow it, read its report;
 * the kinds' documentation, templates and a preview of a file's first rows.
 */
import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { AppError } from '../../errors.js';
import { ErrorResponses, ErrorSchema } from '../../http/schemas.js';
import { requestTenant } from '../../http/context.js';
import type { FeatureRoutes } from '../index.js';
import { actorOf } from '../audit/writer.js';
import { sniffSample } from './read/sniff.js';
import { sampleRecords } from './read/records.js';
import { checkHeader, mapHeader } from './mapping.js';
import { detectStyles, readHead } from './engine.js';
import { ImportJobs } from './jobs.js';
import { KINDS } from './kinds/index.js';
import { parseKind, parseOptions } from './options.js';
import { CsvText, WaitQuery, IdParams, ImportListSchema, ImportSchema, KindParams, KindsSchema, ListQuery, PreviewSchema } from './schema.js';
import * as service from './service.js';
import { kindsDoc, templateCsv } from './templates.js';
import { discard, receiveUpload } from './upload.js';
import { rejectionsCsv } from './report.js';
import type { Rejection } from './rejections.js';
import { toView } from './view.js';

const PREVIEW_BYTES = 1024 * 1024;
const PREVIEW_ROWS = 20;
/** What the SPA sends of a file for its preview (its first 256 KB). */
const PREVIEW_SLICE = 256 * 1024;

export const importRoutes: FeatureRoutes = async (fastify, { config, store, clock, events }) => {
  await fastify.register(multipart);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['imports'];
  const jobs = new ImportJobs();
  fastify.addHook('onClose', () => jobs.idle());
  const maxLabel = config.maxUploadBytes >= 1024 * 1024 ? `${Math.round(config.maxUploadBytes / 1024 / 1024)} MB` : `${Math.round(config.maxUploadBytes / 1024)} KB`;
  const policy = tenantRoute('imports:write');

  app.post(
    '/api/v1/imports',
    {
      config: policy,
      schema: {
        tags,
        summary: 'Upload a CSV or Parquet file to import',
        description:
          'multipart/form-data: `kind` (stores, suppliers, products, inventory, sales, exchange_rates), optional `dry_run` (true: check and count, write nothing), ' +
          '`unknown` (reject | create: unknown products, stores, suppliers), `mapping` (JSON: header → column or null), `decimal` (comma | dot), `date_order` ' +
          `(dmy | mdy | ymd), and the file as \`file\` (at most ${maxLabel}). The file is checked at once (format, encoding, header, kind: 4xx) and then imported ` +
          'in the background, all or nothing: poll `GET /api/v1/imports/{id}` (the Location header). With `?wait=<seconds>` (at most 30) the answer ' +
          'waits for the end of the import: 201 with its outcome when it ended in time, else 202 as without.',
        consumes: ['multipart/form-data'],
        querystring: WaitQuery,
        response: { 201: ImportSchema, 202: ImportSchema, ...ErrorResponses, 401: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const upload = await receiveUpload(request, config.maxUploadBytes, maxLabel);
      let queued = false;
      try {
        const options = parseOptions(upload.fields);
        const file = await service.inspectFile(upload.path, upload.fileName, options);
        const who = { actor: actorOf(request.principal) };
        const id = await service.recordImport(tdb, file, options, who, 'api', new Date(clock()));
        jobs.enqueue(id, async (report) => {
          try {
            const outcome = await service.executeImport(id, file, options, { tdb, tenant, who, now: () => new Date(clock()), onProgress: report, persistProgress: store.dialect === 'postgres', log: (err) => request.log.error({ err, import: id }, 'import failed') });
            if (outcome?.ok && options.kind === 'sales' && !options.dryRun) events.emit('sales-imported', tenant.id);
          } finally {
            discard(upload);
          }
        });
        queued = true;
        if (request.query.wait > 0) await jobs.settled(id, request.query.wait * 1000);
        const record = await service.getImport(tdb, id);
        const done = record.status === 'succeeded' || record.status === 'failed';
        reply.header('location', `/api/v1/imports/${id}`);
        return reply.code(done ? 201 : 202).send(toView(record, jobs.progress(id)));
      } finally {
        if (!queued) discard(upload);
      }
    },
  );

  app.get(
    '/api/v1/imports',
    { config: policy, schema: { tags, summary: 'Recent imports, newest first', querystring: ListQuery, response: { 200: ImportListSchema, ...ErrorResponses, 401: ErrorSchema } } },
    async (request) => {
      const { tdb } = requestTenant(request);
      const items = await service.listImports(tdb, request.query.limit);
      return { items: items.map((r) => toView(r, jobs.progress(r.id))) };
    },
  );

  app.get(
    '/api/v1/imports/kinds',
    { config: policy, schema: { tags, summary: 'The import kinds and their columns (names, types, header aliases)', response: { 200: KindsSchema, ...ErrorResponses, 401: ErrorSchema } } },
    async () => kindsDoc(),
  );

  app.get(
    '/api/v1/imports/templates/:kind',
    {
      config: policy,
      schema: { tags, summary: 'A CSV template for a kind (header and two example rows)', params: KindParams, response: { 200: CsvText, ...ErrorResponses, 401: ErrorSchema } },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const { tenant } = requestTenant(request);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${kind}-template.csv"`)
        .send(templateCsv(KINDS[kind], tenant.settings.currency));
    },
  );

  app.post(
    '/api/v1/imports/preview',
    {
      config: policy,
      schema: {
        tags,
        summary: "Detect a file's format and mapping from its first bytes",
        description: 'multipart/form-data: `kind` and `file` (the first 256 KB of the file are enough; a cut last line is ignored). Nothing is stored.',
        consumes: ['multipart/form-data'],
        response: { 200: PreviewSchema, ...ErrorResponses, 401: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (request) => {
      const upload = await receiveUpload(request, PREVIEW_BYTES, '1 MB');
      try {
        const kind = parseKind(upload.fields.kind);
        const spec = KINDS[kind];
        const sample = fs.readFileSync(upload.path);
        const facts = sniffSample(sample);
        // A sample shorter than the SPA's slice is the whole file: its last line is not cut, and a
        // Parquet file (whose column list is at its end) can be read.
        const complete = sample.length < PREVIEW_SLICE;
        const [header, ...rows] =
          facts.format === 'parquet' && complete
            ? await readHead(upload.path, { ...facts, sizeBytes: sample.length, sha256: '' }, 500).then((h) => [h.header, ...h.sample])
            : sampleRecords(sample, facts, 501, complete);
        if (!header) throw new AppError('empty_file', 'The file has no rows.');
        checkHeaderAllowingMissing(spec, header);
        const mapping = mapHeader(spec, header);
        const styles = detectStyles(spec, mapping, rows, {});
        return {
          kind,
          format: facts.format,
          encoding: facts.encoding,
          delimiter: facts.delimiter,
          decimal: styles.decimal,
          date_order: styles.dateOrder,
          headers: header,
          mapping: Object.fromEntries(mapping.byHeader.map((b) => [b.header, b.column])),
          missing: mapping.missing,
          rows: rows.slice(0, PREVIEW_ROWS),
        };
      } finally {
        discard(upload);
      }
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: policy,
      schema: {
        tags,
        summary: 'An import: status, progress, counts and rejected rows',
        description: '`wait` (seconds, at most 30): answer when the import has finished or the time is up, instead of at once (long polling).',
        params: IdParams,
        querystring: WaitQuery,
        response: { 200: ImportSchema, ...ErrorResponses, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { tdb } = requestTenant(request);
      if (request.query.wait > 0) await jobs.settled(request.params.id, request.query.wait * 1000);
      const record = await service.getImport(tdb, request.params.id);
      return toView(record, jobs.progress(record.id));
    },
  );

  app.get(
    '/api/v1/imports/:id/rejections',
    {
      config: policy,
      schema: { tags, summary: "An import's rejected rows as CSV (line, column, value, reason, message)", params: IdParams, response: { 200: CsvText, ...ErrorResponses, 401: ErrorSchema } },
    },
    async (request, reply) => {
      const { tdb } = requestTenant(request);
      const view = toView(await service.getImport(tdb, request.params.id));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${view.id}-rejections.csv"`)
        .send(rejectionsCsv(view.rejections as Rejection[]));
    },
  );
};

/** A preview shows a header with missing columns (the user can map them); only an unusable one is refused. */
function checkHeaderAllowingMissing(spec: (typeof KINDS)[keyof typeof KINDS], header: string[]): void {
  try {
    checkHeader(spec, header);
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_error') return;
    throw err;
  }
}
