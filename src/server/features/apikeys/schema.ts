/** API keys as the API shows them: never the secret, except once in the answer that creates it. */
import { Type, type Static, type TSchema } from 'typebox';
import { IsoDateTime, PageQuery, StringEnum, Uuid } from '../../http/schemas.js';
import { ROLES } from '../../permissions.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const ApiKeySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  role: StringEnum(ROLES),
  prefix: Type.String({ description: 'The start of the key, to recognise it; not enough to use it' }),
  created_by: Type.String(),
  created_at: IsoDateTime,
  last_used_at: Nullable(IsoDateTime),
  revoked_at: Nullable(IsoDateTime),
});
export type ApiKey = Static<typeof ApiKeySchema>;

export const CreatedApiKeySchema = Type.Object({
  ...ApiKeySchema.properties,
  key: Type.String({ description: 'The key itself, for `Authorization: Bearer`. Shown this once: only its hash is kept.' }),
});
export type CreatedApiKeyResponse = Static<typeof CreatedApiKeySchema>;

export const ApiKeyQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['active', 'revoked'] as const, { description: 'active: not revoked; revoked: revoked only' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ApiKeyQuery = Static<typeof ApiKeyQuery>;

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What the key is for, e.g. "POS caja 3"' }),
    role: StringEnum(ROLES, { description: 'What the key may do, as a user of that role' }),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;
