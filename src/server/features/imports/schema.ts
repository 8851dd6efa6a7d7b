/** Shapes of the imports API: the multipart options, an import as the API shows it, kinds and previews. */
import { Type, type Static } from 'typebox';
import { Uuid } from '../../http/schemas.js';

export const KindSchema = Type.Union(
  [Type.Literal('stores'), Type.Literal('suppliers'), Type.Literal('products'), Type.Literal('inventory'), Type.Literal('sales'), Type.Literal('exchange_rates')],
  { description: 'What the file holds' },
);
export const KindParams = Type.Object({ kind: KindSchema });
export const IdParams = Type.Object({ id: Uuid });
export const WaitQuery = Type.Object({ wait: Type.Integer({ minimum: 0, maximum: 30, default: 0 }) }, { additionalProperties: false });
export const ListQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false });

const Rows = Type.Object({
  total: Type.Integer({ description: 'Data rows in the file' }),
  accepted: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer({ description: 'Rows already stored as the file says (re-imports)' }),
  rejected: Type.Integer(),
  created_references: Type.Integer({ description: 'Products, stores or suppliers created for unknown references (unknown=create)' }),
});

export const RejectionSchema = Type.Object({
  line: Type.Integer({ description: 'Line of the file (the header is line 1)' }),
  column: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  message: Type.String(),
});

const Progress = Type.Object({
  phase: Type.Union([Type.Literal('queued'), Type.Literal('reading'), Type.Literal('checking'), Type.Literal('writing'), Type.Literal('done')]),
  fraction: Type.Number({ minimum: 0, maximum: 1 }),
  rows_read: Type.Integer(),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ImportSchema = Type.Object({
  id: Type.String(),
  kind: KindSchema,
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
  dry_run: Type.Boolean(),
  source: Type.Union([Type.Literal('api'), Type.Literal('cli')]),
  file_name: Type.String(),
  size_bytes: Type.Integer(),
  checksum: Nullable(Type.String({ description: 'sha256 of the file, hex' })),
  format: Nullable(Type.String()),
  encoding: Nullable(Type.String()),
  delimiter: Nullable(Type.String()),
  options: Type.Object({ unknown: Type.String(), mapping: Type.Unknown(), decimal: Nullable(Type.String()), date_order: Nullable(Type.String()) }),
  detected: Nullable(Type.Object({ decimal: Type.String(), date_order: Type.String(), mapping: Type.Array(Type.Object({ header: Type.String(), column: Nullable(Type.String()) })) })),
  progress: Progress,
  rows: Nullable(Rows),
  rejections: Type.Array(RejectionSchema, { description: 'The first 1,000 rejected rows, in file order' }),
  reasons: Type.Record(Type.String(), Type.Integer(), { description: 'Rejections per reason over the whole file' }),
  extra: Type.Record(Type.String(), Type.Integer(), { description: 'Kind-specific figures (inventory: movements written)' }),
  error: Nullable(Type.Object({ error: Type.String(), message: Type.String() })),
  created_by: Type.String(),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  finished_at: Nullable(Type.String()),
  duration_ms: Nullable(Type.Integer()),
});
export type ImportView = Static<typeof ImportSchema>;

export const ImportListSchema = Type.Object({ items: Type.Array(ImportSchema) });

export const KindsSchema = Type.Object({
  kinds: Type.Array(
    Type.Object({
      kind: KindSchema,
      natural_key: Type.Array(Type.String()),
      columns: Type.Array(
        Type.Object({ name: Type.String(), required: Type.Boolean(), type: Type.String(), aliases: Type.Array(Type.String()), description: Type.String() }),
      ),
    }),
  ),
});

export const PreviewSchema = Type.Object({
  kind: KindSchema,
  format: Type.String(),
  encoding: Type.String(),
  delimiter: Type.String(),
  decimal: Type.String(),
  date_order: Type.String(),
  headers: Type.Array(Type.String()),
  mapping: Type.Record(Type.String(), Nullable(Type.String())),
  missing: Type.Array(Type.String()),
  rows: Type.Array(Type.Array(Type.String())),
});

export const CsvText = Type.String({ description: 'CSV (UTF-8 with BOM)' });
