/** Tenant users and invitations as the API shows them. */
import { Type, type Static, type TSchema } from 'typebox';
import { IsoDateTime, PageQuery, StringEnum, Uuid } from '../../http/schemas.js';
import { ROLES } from '../../permissions.js';
import { Email, Password } from '../auth/schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Display name' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** Endpoints without query parameters still refuse unknown ones. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

// --- users --------------------------------------------------------------------------------

export const UserSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Nullable(Type.String()),
  role: StringEnum(ROLES),
  status: StringEnum(USER_STATUSES),
  created_at: IsoDateTime,
  last_login_at: Nullable(IsoDateTime),
});
export type User = Static<typeof UserSchema>;

export const UserQuery = Type.Object(
  {
    role: Type.Optional(StringEnum(ROLES)),
    status: Type.Optional(StringEnum(USER_STATUSES)),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Case-insensitive text contained in the email or name' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type UserQuery = Static<typeof UserQuery>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(StringEnum(ROLES)),
    status: Type.Optional(StringEnum(USER_STATUSES, { description: 'disabled: the user can no longer sign in; their sessions end at once' })),
    name: Type.Optional(Nullable(Name)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

// --- invitations --------------------------------------------------------------------------

export const InviteSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: StringEnum(ROLES),
  invited_by: Type.String(),
  created_at: IsoDateTime,
  expires_at: IsoDateTime,
});
export type Invite = Static<typeof InviteSchema>;

export const CreateInviteBody = Type.Object(
  {
    email: Email,
    role: StringEnum(ROLES),
  },
  { additionalProperties: false },
);
export type CreateInviteBody = Static<typeof CreateInviteBody>;

export const CreatedInviteSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: StringEnum(ROLES),
  expires_at: IsoDateTime,
  invite_url: Type.String({ description: 'The single-use link to send to the invitee. Shown once: only a hash of its token is kept.' }),
});
export type CreatedInvite = Static<typeof CreatedInviteSchema>;

export const InviteQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type InviteQuery = Static<typeof InviteQuery>;

export const AcceptInviteBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200, description: 'The part of the invite link after #' }),
    password: Password,
    name: Type.Optional(Name),
  },
  { additionalProperties: false },
);
export type AcceptInviteBody = Static<typeof AcceptInviteBody>;
