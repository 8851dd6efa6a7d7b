/** Schemas shared by every feature: errors, pagination, ids, money, dates. */
import { Type, type TSchema } from 'typebox';

/** A string limited to fixed values, typed as their union (`{ type: 'string', enum: [...] }`). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const ErrorSchema = Type.Object(
  {
    error: Type.String({ description: 'Stable error code' }),
    message: Type.String({ description: 'Human-readable explanation' }),
    requestId: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: undefined },
);

/** The error statuses every route may answer with (documented in OpenAPI). */
export const ErrorResponses = {
  400: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
} as const;

export const WriteErrorResponses = { ...ErrorResponses, 409: ErrorSchema, 422: ErrorSchema } as const;

// The pattern as well as the format: ajv's uuid format also takes 'urn:uuid:…', which the
// database's UUID cast refuses.
export const Uuid = Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'UUID' });
/** Exact decimal amount as a string, e.g. "1234.50". Never a float. */
export const Money = Type.String({ pattern: '^-?\\d{1,16}(\\.\\d{1,2})?$', description: 'Exact decimal amount, e.g. "1234.50"' });
export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });
export const IsoDateTime = Type.String({ format: 'date-time', description: 'ISO 8601 instant' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size (1–500)' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0, description: 'Rows to skip' })),
};

export const SortOrder = Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }));

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: 'Rows matching the filters, over all pages' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });
}

export type PageOf<T> = { items: T[]; total: number; limit: number; offset: number };
export interface PageParams {
  limit?: number;
  offset?: number;
}
