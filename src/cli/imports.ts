/**
 * `fluxion import` as an operation: it runs in the CLI process on the database it opened, or inside
 * the running server (admin socket) on the absolute path the CLI resolved (the socket is
 * owner-only, so the server reads the file as the same user). The import is recorded like an
 * API upload (source 'cli') and audited with the actor 'cli'.
 */
import path from 'node:path';
import { Type } from 'typebox';
import { AppError } from '../server/errors.js';
import { TenantService } from '../server/features/tenants/service.js';
import { parseOptions } from '../server/features/imports/options.js';
import { executeImport, getImport, inspectFile, recordImport } from '../server/features/imports/service.js';
import { toView } from '../server/features/imports/view.js';
import type { ImportView } from '../server/features/imports/schema.js';
import { CLI_ACTOR } from './accounts.js';
import type { OperationContext } from './operations.js';

const Text = Type.String({ maxLength: 4096 });

async function runImportOperation(
  ctx: OperationContext,
  a: { tenant: string; kind: string; file: string; dry_run: boolean; unknown?: string; mapping?: string; decimal?: string; date_order?: string },
): Promise<ImportView> {
  if (!path.isAbsolute(a.file)) throw new AppError('validation_error', `The file path must be absolute (got '${a.file.slice(0, 200)}').`);
  const options = parseOptions({ kind: a.kind, dry_run: String(a.dry_run), unknown: a.unknown, mapping: a.mapping, decimal: a.decimal, date_order: a.date_order });
  const tenant = await new TenantService(ctx.store.platform, ctx.registry).get(a.tenant);
  const tdb = ctx.store.forTenant(tenant.id);
  const clock = ctx.clock ?? Date.now;
  let file;
  try {
    file = await inspectFile(a.file, path.basename(a.file), options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `No file ${a.file}.`);
    throw err;
  }
  const who = { actor: CLI_ACTOR };
  const id = await recordImport(tdb, file, options, who, 'cli', new Date(clock()));
  await executeImport(id, file, options, {
    tdb,
    tenant,
    who,
    now: () => new Date(clock()),
    persistProgress: false,
    ...(ctx.onProgress ? { onProgress: (p) => ctx.onProgress!(p.phase, p.fraction) } : {}),
  });
  return toView(await getImport(tdb, id));
}

export const IMPORT_OPERATIONS = {
  import: {
    args: Type.Object(
      {
        tenant: Type.String({ maxLength: 300 }),
        kind: Type.String({ maxLength: 40 }),
        file: Text,
        dry_run: Type.Boolean(),
        unknown: Type.Optional(Type.String({ maxLength: 20 })),
        mapping: Type.Optional(Text),
        decimal: Type.Optional(Type.String({ maxLength: 20 })),
        date_order: Type.Optional(Type.String({ maxLength: 20 })),
      },
      { additionalProperties: false },
    ),
    run: runImportOperation,
  },
} as const;
