/** Request and response shapes of sign-in, sign-out, /me and password change. */
import { Type } from 'typebox';
import { IsoDateTime, StringEnum, Uuid } from '../../http/schemas.js';
import { ROLES } from '../../permissions.js';

export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$', description: 'Email address' });
export const Password = Type.String({ minLength: 1, maxLength: 200 });

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });

export const ChangePasswordBody = Type.Object(
  { current_password: Password, new_password: Password },
  { additionalProperties: false },
);

export const UserSummary = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: StringEnum(ROLES),
});

export const SessionInfo = Type.Object({
  user: UserSummary,
  tenant: Type.Object({ id: Type.String(), name: Type.String() }),
  expires_at: IsoDateTime,
  impersonation: Type.Union([
    Type.Object({ admin_email: Type.String(), reason: Type.String(), expires_at: IsoDateTime }),
    Type.Null(),
  ]),
});

export const MeResponse = Type.Object({
  kind: StringEnum(['user', 'apikey'] as const),
  user: Type.Union([UserSummary, Type.Null()]),
  api_key: Type.Union([Type.Object({ id: Uuid, name: Type.String(), role: StringEnum(ROLES) }), Type.Null()]),
  role: StringEnum(ROLES),
  tenant: Type.Object({ id: Type.String(), name: Type.String() }),
  impersonation: Type.Union([
    Type.Object({ admin_email: Type.String(), reason: Type.String(), expires_at: IsoDateTime }),
    Type.Null(),
  ]),
});

export const AdminInfo = Type.Object({
  admin: Type.Object({ id: Uuid, email: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  expires_at: Type.Optional(IsoDateTime),
});
