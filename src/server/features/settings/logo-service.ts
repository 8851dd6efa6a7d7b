/**
 * The tenant's logo: upload (stored in tenant_assets, with settings.logoUrl pointing at it under a
 * version derived from its content, so browsers may cache it forever), removal, and reading it
 * back. The settings change goes through applySettingsChange like any other (audit row in the same
 * transaction, registry invalidated after the commit).
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bindTenant, type PlatformDb, type TenantDb } from '../../../store/types.js';
import type { Clock } from '../../clock.js';
import { actorOf } from '../../http/context.js';
import { auditorFor } from '../audit/writer.js';
import type { TenantRegistry } from '../tenants/registry.js';
import { deleteAsset, findAsset, findAssetMeta, putAsset, type Asset } from './assets-repository.js';
import { checkLogo } from './logo-image.js';
import { applySettingsChange } from './service.js';
import type { Logo } from './logo-schema.js';

export const LOGO_PATH = '/api/v1/tenant/logo';
/** Hex digits of the content hash in the logo's URL. */
export const VERSION_LENGTH = 12;

export function logoVersion(sha256: string): string {
  return sha256.slice(0, VERSION_LENGTH);
}

export function logoUrlFor(sha256: string): string {
  return `${LOGO_PATH}?v=${logoVersion(sha256)}`;
}

interface Deps {
  platform: PlatformDb;
  registry: Pick<TenantRegistry, 'invalidate'>;
  clock: Clock;
}

export async function setLogo(deps: Deps, request: FastifyRequest, tenantId: string, bytes: Buffer, contentType: string): Promise<Logo> {
  const type = checkLogo(bytes, contentType);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const logoUrl = logoUrlFor(sha256);
  const record = auditorFor(request, deps.clock);
  const now = new Date(deps.clock()).toISOString();
  const meta = await deps.platform.tx(async (ptx) => {
    const tdb = bindTenant(ptx, tenantId);
    const before = await findAssetMeta(tdb, 'logo');
    if (before?.sha256 !== sha256) {
      await putAsset(tdb, { kind: 'logo', contentType: type, content: bytes, sha256, updatedBy: actorOf(request), updatedAt: now });
    }
    await applySettingsChange(ptx, tenantId, { given: { logoUrl } }, {
      record,
      action: 'tenant.logo_changed',
      details: { logo: { content_type: type, bytes: bytes.length, sha256 } },
    });
    return findAssetMeta(tdb, 'logo');
  });
  deps.registry.invalidate(tenantId);
  if (!meta) throw new Error('The logo just stored cannot be read back');
  return { logoUrl, contentType: meta.contentType, bytes: meta.bytes, sha256: meta.sha256, updatedAt: meta.updatedAt };
}

/** Remove the logo (settings.logoUrl becomes null). Removing none changes nothing. */
export async function removeLogo(deps: Deps, request: FastifyRequest, tenantId: string): Promise<void> {
  const record = auditorFor(request, deps.clock);
  await deps.platform.tx(async (ptx) => {
    const removed = await deleteAsset(bindTenant(ptx, tenantId), 'logo');
    await applySettingsChange(ptx, tenantId, { given: { logoUrl: null } }, { record, action: 'tenant.logo_removed', details: { removed_asset: removed > 0 } });
  });
  deps.registry.invalidate(tenantId);
}

export function readLogo(tdb: TenantDb): Promise<Asset | undefined> {
  return findAsset(tdb, 'logo');
}
