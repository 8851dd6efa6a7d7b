/** Schemas of the logo endpoints. */
import { Type, type Static } from 'typebox';

export const LogoSchema = Type.Object({
  logoUrl: Type.String({ description: 'Where the logo is served: /api/v1/tenant/logo?v=<first 12 hex digits of its SHA-256> (also settings.logoUrl)' }),
  contentType: Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg')]),
  bytes: Type.Integer({ description: 'Size of the image' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Logo = Static<typeof LogoSchema>;

export const LogoQuery = Type.Object(
  { v: Type.Optional(Type.String({ maxLength: 64, description: 'The version in settings.logoUrl; when it matches, the answer may be cached for a year' })) },
  { additionalProperties: false },
);

export const NoQuery = Type.Object({}, { additionalProperties: false });
