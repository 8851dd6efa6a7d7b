/** Shapes of the platform console's tenant pages: the dashboard, a tenant's overview, onboarding and lifecycle. */
import { Type, type Static } from 'typebox';
import { IsoDateTime, StringEnum } from '../../http/schemas.js';
import { FEATURES, PLANS, TENANT_STATUSES, TenantSettingsSchema } from '../tenants/schema.js';
import { AuditEntry } from '../admin/schema.js';
import { LOGO_CONTENT_TYPES, LOGO_MAX_BYTES } from '../settings/logo-image.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Ms = Type.Number({ description: 'Milliseconds' });

export const ConsoleTenant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: StringEnum(TENANT_STATUSES),
  plan: StringEnum(PLANS),
  url: Type.String({ description: 'Where the tenant\'s site answers' }),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
  settings: TenantSettingsSchema,
});
export type ConsoleTenant = Static<typeof ConsoleTenant>;

const Storage = {
  storage_bytes: Nullable(Type.Integer({ description: 'Bytes of the tenant\'s data (docs/operations.md: how it is computed); null until first computed' })),
  storage_computed_at: Nullable(IsoDateTime),
};

export const DashboardTenant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: StringEnum(TENANT_STATUSES),
  plan: StringEnum(PLANS),
  url: Type.String(),
  created_at: IsoDateTime,
  user_count: Type.Integer(),
  requests_per_minute: Type.Object({
    m1: Type.Number({ description: 'Average requests per minute over the last minute' }),
    m5: Type.Number(),
    m15: Type.Number(),
  }),
  error_rate: Nullable(Type.Number({ description: 'Share of 5xx answers in the last 15 minutes (0–1)' })),
  client_error_rate: Nullable(Type.Number({ description: 'Share of 4xx answers in the last 15 minutes (0–1)' })),
  p95_ms: Nullable(Ms),
  ...Storage,
  last_activity_at: Nullable(IsoDateTime),
});
export type DashboardTenant = Static<typeof DashboardTenant>;

export const Dashboard = Type.Object({
  generated_at: IsoDateTime,
  active_tenants: Type.Integer(),
  total_tenants: Type.Integer(),
  tenants: Type.Array(DashboardTenant),
});

export const TenantOverview = Type.Object({
  tenant: ConsoleTenant,
  user_count: Type.Integer(),
  ...Storage,
  totals_24h: Type.Object({
    requests: Type.Integer(),
    status_2xx: Type.Integer(),
    status_3xx: Type.Integer(),
    status_4xx: Type.Integer(),
    status_5xx: Type.Integer(),
    p95_ms: Nullable(Ms),
  }),
  endpoints: Type.Array(
    Type.Object({
      method: Type.String(),
      route: Type.String(),
      requests: Type.Integer(),
      errors_4xx: Type.Integer(),
      errors_5xx: Type.Integer(),
      avg_ms: Ms,
      p95_ms: Nullable(Ms),
    }),
  ),
  hourly: Type.Array(Type.Object({ start: IsoDateTime, requests: Type.Integer(), errors_4xx: Type.Integer(), errors_5xx: Type.Integer() })),
  audit: Type.Array(AuditEntry),
});

/** Settings an operator may give at onboarding or change later (all optional: defaults apply). */
const SettingsInput = Type.Partial(Type.Omit(TenantSettingsSchema, ['logoUrl']), { additionalProperties: false });

export const OnboardBody = Type.Object(
  {
    id: Type.String({ maxLength: 100, description: 'The sub-domain: a DNS label, not reserved, not taken' }),
    name: Type.String({ maxLength: 300 }),
    plan: Type.Optional(StringEnum(PLANS)),
    settings: Type.Optional(SettingsInput),
    owner: Type.Object(
      { email: Type.String({ maxLength: 254 }), name: Type.Optional(Type.String({ maxLength: 200 })) },
      { additionalProperties: false, description: 'The first owner: receives an invitation link' },
    ),
    logo: Type.Optional(
      Type.Object(
        {
          content_type: Type.String({ maxLength: 100, description: `${LOGO_CONTENT_TYPES.join(' or ')}; SVG is refused` }),
          data_base64: Type.String({ maxLength: Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 1024, description: 'The file, base64 (at most 512 KB decoded)' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type OnboardBody = Static<typeof OnboardBody>;

export const Onboarded = Type.Object({
  tenant: ConsoleTenant,
  url: Type.String(),
  invite: Type.Object({ email: Type.String(), url: Type.String({ description: 'Single-use link for the owner to set a password' }), expires_at: IsoDateTime }),
});

export const PatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 300 })),
    plan: Type.Optional(StringEnum(PLANS)),
    settings: Type.Optional(SettingsInput),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StatusChanged = Type.Object({ tenant: ConsoleTenant, changed: Type.Boolean() });

export { FEATURES };
