/** Shapes of the offboarding endpoints on the admin host. */
import { Type, type Static } from 'typebox';

export const TenantIdParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$', maxLength: 63, description: 'Tenant id (a DNS label)' }) },
  { additionalProperties: false },
);

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const DeleteTenantBody = Type.Object(
  { confirm: Type.String({ maxLength: 100, description: 'The tenant id, typed again' }) },
  { additionalProperties: false },
);
export type DeleteTenantBody = Static<typeof DeleteTenantBody>;

export const DeletionReportSchema = Type.Object({
  tenant_id: Type.String(),
  deleted: Type.Record(Type.String(), Type.Integer(), { description: 'Rows deleted per table, `tenants` included' }),
  total_rows: Type.Integer(),
});
