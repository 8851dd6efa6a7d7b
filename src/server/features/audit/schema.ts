/** The audit trail as the API shows it, and the filters of its list. */
import { Type, type Static, type TSchema } from 'typebox';
import { IsoDate, IsoDateTime, PageQuery, StringEnum, Uuid } from '../../http/schemas.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ACTOR_TYPES = ['user', 'apikey', 'admin', 'system', 'anonymous'] as const;

export const AuditEntrySchema = Type.Object({
  id: Uuid,
  occurred_at: IsoDateTime,
  actor_type: StringEnum(ACTOR_TYPES),
  actor: Type.String({ description: 'Email, `apikey:<name>`, `<admin> as <user>` when impersonating, or the email tried on a failed sign-in' }),
  action: Type.String({ description: 'e.g. auth.login, user.role_changed, sale.recorded' }),
  target_type: Nullable(Type.String()),
  target_id: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
  request_id: Nullable(Type.String()),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)*\\.?$',
        description: 'An exact action (`user.role_changed`), or a prefix ending in a dot (`auth.`) for a whole family',
      }),
    ),
    actor: Type.Optional(Type.String({ maxLength: 254, description: 'Case-insensitive text contained in the actor' })),
    target_type: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Exact target type, e.g. user, order' })),
    target_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Exact target id' })),
    from: Type.Optional({ ...IsoDate, description: 'First day, inclusive, in the tenant\'s time zone' }),
    to: Type.Optional({ ...IsoDate, description: 'Last day, inclusive, in the tenant\'s time zone' }),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
