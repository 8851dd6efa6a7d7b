/**
 * Tenant settings changed by the tenant's owners. The tenants table is platform data, so this is
 * the one tenant feature that writes through the platform handle: only to the row of the tenant
 * the request resolved, and with the audit row in the same transaction.
 */
import type { FastifyRequest } from 'fastify';
import { bindTenant, type PlatformDb, type TenantDb } from '../../../store/types.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { auditorFor, type Auditor } from '../audit/writer.js';
import type { TenantRegistry } from '../tenants/registry.js';
import { findTenant, updateTenant } from '../tenants/repository.js';
import type { TenantContext, TenantSettings } from '../tenants/schema.js';
import { checkSettings } from '../tenants/service.js';
import { refuseWhileImpersonating } from '../users/guards.js';
import { endImpersonationSessions } from './repository.js';
import type { Settings, SettingsPatch } from './schema.js';

export function toSettings(t: TenantContext): Settings {
  return { id: t.id, name: t.name, ...t.settings };
}

function cleanName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw new AppError('validation_error', 'body.name must not be blank.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new AppError('validation_error', 'body.name must not contain control characters.');
  return name;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

export interface SettingsAudit {
  record: Auditor;
  /** Default 'tenant.settings_changed'. */
  action?: string;
  /** Added to the audit row's details. */
  details?: Record<string, unknown>;
  /** Runs after the write, before the audit row, when something changed; what it returns joins the details. */
  afterWrite?: (tdb: TenantDb, changes: Changes, settings: TenantSettings) => Promise<Record<string, unknown>>;
}

/**
 * Inside a platform transaction: validate the tenant's settings with `given` applied, write them
 * and the name if anything changed, and audit the change (old and new values). The one path every
 * settings change takes (PATCH /tenant/settings, the logo upload); the caller invalidates the
 * registry after the commit.
 */
export async function applySettingsChange(
  ptx: PlatformDb,
  tenantId: string,
  input: { name?: string | undefined; given: Partial<TenantSettings> },
  audit: SettingsAudit,
): Promise<TenantContext> {
  const current = await findTenant(ptx, tenantId);
  if (!current) throw new AppError('tenant_not_found', `Tenant '${tenantId}' does not exist.`);
  // Validates the whole document (the time zone must be one the runtime knows) and canonicalises the zone's spelling.
  const settings = checkSettings({ ...current.settings, ...input.given });
  const changes: Changes = {};
  if (input.name !== undefined && input.name !== current.name) changes.name = { from: current.name, to: input.name };
  for (const key of Object.keys(input.given) as Array<keyof TenantSettings>) {
    if (settings[key] !== current.settings[key]) changes[key] = { from: current.settings[key], to: settings[key] };
  }
  if (Object.keys(changes).length === 0) return current;
  await updateTenant(ptx, tenantId, { name: input.name, settings });
  const tdb = bindTenant(ptx, tenantId);
  const extra = audit.afterWrite ? await audit.afterWrite(tdb, changes, settings) : {};
  await audit.record(tdb, {
    action: audit.action ?? 'tenant.settings_changed',
    targetType: 'tenant',
    targetId: tenantId,
    details: { changed: Object.keys(changes), changes, ...(audit.details ?? {}), ...extra },
  });
  const updated = await findTenant(ptx, tenantId);
  if (!updated) throw new AppError('tenant_not_found', `Tenant '${tenantId}' does not exist.`);
  return updated;
}

export async function updateSettings(
  deps: { platform: PlatformDb; registry: Pick<TenantRegistry, 'invalidate'>; clock: Clock },
  request: FastifyRequest,
  tenantId: string,
  patch: SettingsPatch,
): Promise<Settings> {
  const { name: rawName, ...given } = patch;
  const name = rawName === undefined ? undefined : cleanName(rawName);
  for (const key of ['primaryColor', 'secondaryColor'] as const) if (given[key] !== undefined) given[key] = given[key].toLowerCase();
  if (given.allowImpersonation !== undefined) refuseWhileImpersonating(request, 'change the impersonation policy');
  const record = auditorFor(request, deps.clock);

  const updated = await deps.platform.tx((ptx) =>
    applySettingsChange(ptx, tenantId, { name, given }, {
      record,
      // Refusing impersonation also ends the impersonations under way, on their next request.
      afterWrite: async (tdb, changes, settings) => {
        const ended = changes.allowImpersonation && !settings.allowImpersonation ? await endImpersonationSessions(tdb) : 0;
        return ended > 0 ? { ended_impersonation_sessions: ended } : {};
      },
    }),
  );
  // The next request of any user of the tenant sees the new settings, not a cached copy.
  deps.registry.invalidate(tenantId);
  return toSettings(updated);
}
