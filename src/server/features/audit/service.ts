/** The audit trail for owners and managers: filters in the tenant's terms (its days, its time zone). */
import type { TenantDb } from '../../../store/types.js';
import { AppError } from '../../errors.js';
import type { PageOf } from '../../http/schemas.js';
import type { TenantContext } from '../tenants/schema.js';
import { startOfDay } from '../../../shared/dates.js';
import { listAudit as listRows } from './repository.js';
import type { AuditEntry, AuditQuery } from './schema.js';

/** Days a filter accepts: any real history, and always valid instants on every backend. */
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '2999-12-31';

export async function listAudit(tdb: TenantDb, tenant: TenantContext, q: AuditQuery): Promise<PageOf<AuditEntry>> {
  for (const [name, value] of [['from', q.from], ['to', q.to]] as const) {
    if (value !== undefined && (value < FIRST_DAY || value > LAST_DAY)) {
      throw new AppError('validation_error', `querystring.${name} must be a date between ${FIRST_DAY} and ${LAST_DAY}.`);
    }
  }
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw new AppError('validation_error', `querystring.from (${q.from}) is after querystring.to (${q.to}).`);
  }
  const zone = tenant.settings.timezone;
  return listRows(tdb, {
    action: q.action === undefined ? undefined : { value: q.action, prefix: q.action.endsWith('.') },
    actor: q.actor,
    targetType: q.target_type,
    targetId: q.target_id,
    since: q.from === undefined ? undefined : startOfDay(q.from, zone),
    before: q.to === undefined ? undefined : startOfDay(q.to, zone, 1),
    limit: q.limit,
    offset: q.offset,
  });
}
