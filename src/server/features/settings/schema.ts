/** The tenant's own settings as its owners see and change them. */
import { Type, type Static } from 'typebox';
import { TenantSettingsSchema } from '../tenants/schema.js';

const Color = (example: string) => Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: `CSS hex colour #rrggbb, e.g. ${example}` });

export const SettingsSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  ...TenantSettingsSchema.properties,
});
export type Settings = Static<typeof SettingsSchema>;

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const SettingsPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The tenant\'s display name' })),
    primaryColor: Type.Optional(Color('#10b981')),
    secondaryColor: Type.Optional(Color('#059669')),
    locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', description: 'BCP 47 locale, e.g. es-VE' })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/Caracas' })),
    allowImpersonation: Type.Optional(Type.Boolean({ description: 'false: platform admins may not impersonate users of this tenant' })),
    showVenezuelanTaxes: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsPatch = Static<typeof SettingsPatch>;
