/** Shapes of the platform console's endpoints: admin sign-in, tenants, the merged audit trail, impersonation. */
import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Page, PageQuery, StringEnum, Uuid } from '../../http/schemas.js';
import { PLANS, TENANT_STATUSES } from '../tenants/schema.js';
import { Email } from '../auth/schema.js';

export { LoginBody as AdminLoginBody, AdminInfo } from '../auth/schema.js';

export const IMPERSONATION_MINUTES = 60;
export const GRANT_SECONDS = 60;
export const REASON_MIN = 10;
export const REASON_MAX = 500;

const TenantId = Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$', maxLength: 63, description: 'Tenant id (a DNS label)' });

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const TenantParams = Type.Object({ id: TenantId }, { additionalProperties: false });

export const TenantListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const TenantSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: StringEnum(TENANT_STATUSES),
  plan: StringEnum(PLANS),
  created_at: IsoDateTime,
  user_count: Type.Integer({ description: 'Users of the tenant, active or not' }),
  allow_impersonation: Type.Boolean({ description: 'Whether the tenant\'s owners allow platform admins to impersonate its users' }),
});
export type TenantSummary = Static<typeof TenantSummary>;
export const TenantPage = Page(TenantSummary);

export const AUDIT_TRAILS = ['tenant', 'platform'] as const;
export type AuditTrail = (typeof AUDIT_TRAILS)[number];

const Instant = Type.Union([IsoDate, IsoDateTime], { description: 'YYYY-MM-DD (a whole UTC day) or an ISO 8601 instant' });

export const AuditQuery = Type.Object(
  {
    // Not `tenant`: on localhost `?tenant=` is the development tenant selector (tenancy plugin).
    tenant_id: Type.Optional(TenantId),
    trail: Type.Optional(StringEnum(AUDIT_TRAILS, { description: 'Only tenant trails, or only the platform\'s own' })),
    action: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_.:-]+$', description: 'Action prefix, e.g. `auth.` or `impersonation.start`' }),
    ),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  trail: StringEnum(AUDIT_TRAILS),
  id: Uuid,
  tenant: Type.Union([Type.String(), Type.Null()], { description: 'The tenant the event is about (platform events may name none)' }),
  occurred_at: IsoDateTime,
  actor_type: Type.String(),
  actor_id: Type.Union([Type.String(), Type.Null()]),
  actor: Type.String(),
  action: Type.String(),
  target_type: Type.Union([Type.String(), Type.Null()]),
  target_id: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  request_id: Type.Union([Type.String(), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditPage = Page(AuditEntry);

export const ImpersonateBody = Type.Object(
  {
    reason: Type.String({ minLength: REASON_MIN, maxLength: REASON_MAX, description: 'Why: recorded in both audit trails and shown to the tenant' }),
    user_email: Type.Optional(Email),
  },
  { additionalProperties: false },
);
export type ImpersonateBody = Static<typeof ImpersonateBody>;

export const ImpersonationGrant = Type.Object({
  url: Type.String({ description: 'Open it in the browser: it signs in on the tenant\'s own host. Single use.' }),
  expires_at: IsoDateTime,
  tenant: Type.Object({ id: Type.String(), name: Type.String() }),
  user: Type.Object({ id: Uuid, email: Type.String(), role: Type.String() }),
});

export const GrantQuery = Type.Object(
  { grant: Type.String({ minLength: 1, maxLength: 100, description: 'The single-use grant from POST /api/v1/admin/tenants/:id/impersonate' }) },
  { additionalProperties: false },
);
