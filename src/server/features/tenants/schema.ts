/** Tenant settings and the public branding document the SPA reads at run time. */
import { Type, type Static } from 'typebox';
import { StringEnum } from '../../http/schemas.js';

export const FEATURES = ['inventory', 'sales', 'ai-insights', 'forecasting'] as const;
export type Feature = (typeof FEATURES)[number];
export const PLANS = ['free', 'standard', 'premium'] as const;
export type Plan = (typeof PLANS)[number];
export const TENANT_STATUSES = ['active', 'inactive', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'CSS hex colour, #rrggbb' });

export const TenantSettingsSchema = Type.Object(
  {
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the tenant\'s base currency' }),
    timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/Caracas' }),
    locale: Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', description: 'BCP 47 locale, e.g. es-VE' }),
    features: Type.Array(StringEnum(FEATURES), { uniqueItems: true }),
    primaryColor: Color,
    secondaryColor: Color,
    logoUrl: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    showVenezuelanTaxes: Type.Boolean(),
    allowImpersonation: Type.Boolean({ description: 'Whether platform admins may impersonate users of this tenant (owners decide)' }),
  },
  { additionalProperties: false },
);
export type TenantSettings = Static<typeof TenantSettingsSchema>;

export const DEFAULT_SETTINGS: TenantSettings = {
  currency: 'USD',
  timezone: 'UTC',
  locale: 'en-US',
  features: ['inventory', 'sales'],
  primaryColor: '#4f46e5',
  secondaryColor: '#4338ca',
  logoUrl: null,
  showVenezuelanTaxes: false,
  allowImpersonation: true,
};

/** GET /api/v1/tenant: everything the SPA needs to brand itself, nothing private. */
export const TenantBrandingSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: StringEnum(TENANT_STATUSES),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  primaryColor: Type.String(),
  secondaryColor: Type.String(),
  features: Type.Array(Type.String()),
  currency: Type.String(),
  timezone: Type.String(),
  locale: Type.String(),
  showVenezuelanTaxes: Type.Boolean(),
});
export type TenantBranding = Static<typeof TenantBrandingSchema>;

export interface TenantContext {
  id: string;
  name: string;
  status: TenantStatus;
  plan: Plan;
  settings: TenantSettings;
  createdAt: string;
  updatedAt: string;
}

export function hasFeature(tenant: TenantContext, feature: Feature): boolean {
  return tenant.settings.features.includes(feature);
}

export function toBranding(t: TenantContext): TenantBranding {
  const s = t.settings;
  return {
    id: t.id,
    name: t.name,
    status: t.status,
    logoUrl: s.logoUrl,
    primaryColor: s.primaryColor,
    secondaryColor: s.secondaryColor,
    features: s.features,
    currency: s.currency,
    timezone: s.timezone,
    locale: s.locale,
    showVenezuelanTaxes: s.showVenezuelanTaxes,
  };
}
