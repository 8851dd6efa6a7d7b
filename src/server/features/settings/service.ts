/**
 * Tenant settings changed by the tenant's owners. The tenants table is platform data, so this is
 * the one tenant feature that writes through the platform handle: only to the row of the tenant
 * the request resolved, and with the audit row in the same transaction.
 */
import type { FastifyRequest } from 'fastify';
import { bindTenant, type PlatformDb } from '../../../store/types.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { auditorFor } from '../audit/writer.js';
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

  const updated = await deps.platform.tx(async (ptx) => {
    const current = await findTenant(ptx, tenantId);
    if (!current) throw new AppError('tenant_not_found', `Tenant '${tenantId}' does not exist.`);
    // Validates the whole document (the time zone must be one the runtime knows) and canonicalises the zone's spelling.
    const settings = checkSettings({ ...current.settings, ...given });
    const changes: Changes = {};
    if (name !== undefined && name !== current.name) changes.name = { from: current.name, to: name };
    for (const key of Object.keys(given) as Array<keyof TenantSettings>) {
      if (settings[key] !== current.settings[key]) changes[key] = { from: current.settings[key], to: settings[key] };
    }
    if (Object.keys(changes).length === 0) return current;
    await updateTenant(ptx, tenantId, { name, settings });
    const tdb = bindTenant(ptx, tenantId);
    // Refusing impersonation also ends the impersonations under way, on their next request.
    const ended = changes.allowImpersonation && !settings.allowImpersonation ? await endImpersonationSessions(tdb) : 0;
    await record(tdb, {
      action: 'tenant.settings_changed',
      targetType: 'tenant',
      targetId: tenantId,
      details: { changed: Object.keys(changes), changes, ...(ended > 0 ? { ended_impersonation_sessions: ended } : {}) },
    });
    return findTenant(ptx, tenantId);
  });
  // The next request of any user of the tenant sees the new settings, not a cached copy.
  deps.registry.invalidate(tenantId);
  if (!updated) throw new AppError('tenant_not_found', `Tenant '${tenantId}' does not exist.`);
  return toSettings(updated);
}
