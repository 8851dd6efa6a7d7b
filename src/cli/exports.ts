/**
 * `fluxion export <kind>` as an operation: it runs in the CLI process on the database it opened,
 * or inside the running server (admin socket), like every command. The admin socket carries JSON
 * answers, not streams, so whichever process runs the export writes the file itself, to the
 * absolute path the CLI resolved (the socket is owner-only: the server writes as the same user),
 * under a temporary name renamed once complete; an existing file is never overwritten.
 *
 * The filters are the list's query parameters as text (`--filter store_id=…`), checked and
 * converted by the very validator the HTTP route uses, so they are refused alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifySchemaValidationError } from 'fastify';
import { Type, type Static } from 'typebox';
import { AppError } from '../server/errors.js';
import { StringEnum } from '../server/http/schemas.js';
import { validatorCompiler } from '../server/http/validation.js';
import { openExport } from '../server/features/exports/export.js';
import { EXPORT_FORMATS, EXPORT_KINDS, KINDS, type ExportFormat, type ExportKind } from '../server/features/exports/kinds.js';
import { findTenant } from '../server/features/tenants/repository.js';
import type { OperationContext } from './operations.js';

export interface ListExportResult {
  tenant_id: string;
  kind: ExportKind;
  format: ExportFormat;
  file: string;
  rows: number;
  bytes: number;
}

const Args = Type.Object(
  {
    kind: StringEnum(EXPORT_KINDS),
    tenant: Type.String({ maxLength: 300 }),
    format: StringEnum(EXPORT_FORMATS),
    out: Type.String({ minLength: 1, maxLength: 4096 }),
    filters: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

type ExportArgs = Static<typeof Args>;

const compile = validatorCompiler();

/** The filters as the route would receive them, or the route's 400 as an error. */
function checkedFilters(kind: ExportKind, filters: Record<string, string>): Record<string, unknown> {
  if ('format' in filters) throw new AppError('validation_error', 'Give the format with --format, not as a filter.');
  const validate = compile({ schema: KINDS[kind].query, method: 'GET', url: `/api/v1/exports/${kind}`, httpPart: 'querystring' });
  const query: Record<string, unknown> = { ...filters };
  if (validate(query) !== true) {
    const first = ((validate as { errors?: FastifySchemaValidationError[] | null }).errors ?? [])[0];
    const where = first?.instancePath ? first.instancePath.slice(1) : String((first?.params as { additionalProperty?: string })?.additionalProperty ?? 'filter');
    throw new AppError('validation_error', `--filter ${where}: ${first?.message ?? 'invalid'}.`);
  }
  return query;
}

async function exportToFile(ctx: OperationContext, a: ExportArgs): Promise<ListExportResult> {
  if (!path.isAbsolute(a.out)) throw new AppError('validation_error', `The output path must be absolute (got '${a.out.slice(0, 200)}').`);
  const filters = checkedFilters(a.kind, a.filters);
  const tenant = await findTenant(ctx.store.platform, a.tenant);
  if (!tenant) throw new AppError('tenant_not_found', `Tenant '${a.tenant.slice(0, 70)}' does not exist.`);
  const exportCtx = { tdb: ctx.store.forTenant(tenant.id), tenant };
  if (fs.existsSync(a.out)) throw new AppError('already_exists', `${a.out} already exists; choose another --out (an export never overwrites a file).`);
  if (!fs.existsSync(path.dirname(a.out))) throw new AppError('validation_error', `The directory ${path.dirname(a.out)} does not exist.`);

  const progress = ctx.onProgress;
  const total = progress ? Math.max(1, await KINDS[a.kind].total(exportCtx, filters)) : 1;
  let rows = 0;
  const onRows = (n: number) => {
    rows = n;
    progress?.(`${n.toLocaleString('en-US')} rows`, Math.min(0.99, n / total));
  };
  const clock = ctx.clock ?? Date.now;
  const exp = await openExport(exportCtx, a.kind, filters, { format: a.format, now: new Date(clock()), onRows });
  const partial = `${a.out}.partial-${process.pid}`;
  try {
    await pipeline(exp.stream, fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    fs.renameSync(partial, a.out);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { tenant_id: tenant.id, kind: a.kind, format: a.format, file: a.out, rows, bytes: fs.statSync(a.out).size };
}

export const EXPORT_OPERATIONS = {
  export: { args: Args, run: (ctx: OperationContext, a: ExportArgs): Promise<ListExportResult> => exportToFile(ctx, a) },
} as const;
