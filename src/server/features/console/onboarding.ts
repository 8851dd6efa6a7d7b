/**
 * Onboarding a tenant in one step, from the console or `fluxion tenant create --owner-email`:
 * the tenant row (id checked as a DNS label, reserved and taken names refused), its settings, its
 * logo, and an invitation for its first owner — in ONE transaction, so a refusal at any step
 * (a taken id, a bad colour, an invalid email) leaves nothing behind. The registry entry is
 * invalidated after the commit, so the new sub-domain serves its branding on the very next request:
 * no deploy, no DNS change (a wildcard record covers every tenant), no rebuild.
 */
import { createHash } from 'node:crypto';
import { bindTenant, type Store } from '../../../store/types.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { AuditEvent, Auditor } from '../audit/writer.js';
import type { PlatformDb } from '../../../store/types.js';
import { putAsset } from '../settings/assets-repository.js';
import { checkLogo } from '../settings/logo-image.js';
import { logoUrlFor } from '../settings/logo-service.js';
import type { TenantRegistry } from '../tenants/registry.js';
import type { TenantContext } from '../tenants/schema.js';
import { TenantService, type CreateTenantInput } from '../tenants/service.js';
import { createInvite } from '../users/service.js';

export interface OnboardInput extends CreateTenantInput {
  owner: { email: string; name?: string | undefined };
  logo?: { contentType: string; bytes: Buffer } | undefined;
}

export interface Onboarding {
  tenant: TenantContext;
  invite: { email: string; url: string; expiresAt: string };
}

/** Who is onboarding: their audit writers (tenant trail and platform trail) and label. */
export interface Onboarder {
  label: string;
  now: number;
  record: Auditor;
  recordPlatform: (db: PlatformDb, event: AuditEvent & { tenantId?: string | null }) => Promise<void>;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode a logo sent as base64 text; refuses what is not base64 rather than decoding garbage. */
export function decodeLogo(contentType: string, base64: string): { contentType: string; bytes: Buffer } {
  const clean = base64.replace(/\s+/g, '');
  if (clean.length === 0 || clean.length % 4 === 1 || !BASE64.test(clean)) {
    throw new AppError('validation_error', 'logo.data_base64 is not base64 text: send the PNG or JPEG file encoded as base64.');
  }
  return { contentType: contentType.trim().toLowerCase(), bytes: Buffer.from(clean, 'base64') };
}

export async function onboardTenant(
  deps: { store: Store; config: Config; registry: Pick<TenantRegistry, 'invalidate'> },
  input: OnboardInput,
  who: Onboarder,
): Promise<Onboarding> {
  // The logo is checked first: it is the one part not validated by the services below.
  const logo = input.logo ? { type: checkLogo(input.logo.bytes, input.logo.contentType), bytes: input.logo.bytes } : undefined;
  const sha256 = logo ? createHash('sha256').update(logo.bytes).digest('hex') : undefined;
  const settings = { ...(input.settings ?? {}), ...(sha256 ? { logoUrl: logoUrlFor(sha256) } : {}) };
  try {
    return await deps.store.platform.tx(async (tx) => {
      const tenant = await new TenantService(tx, deps.registry).create({ id: input.id, name: input.name, plan: input.plan, settings });
      const tdb = bindTenant(tx, tenant.id);
      const at = new Date(who.now).toISOString();
      if (logo && sha256) {
        await putAsset(tdb, { kind: 'logo', contentType: logo.type, content: logo.bytes, sha256, updatedBy: who.label, updatedAt: at });
      }
      await who.record(tdb, {
        action: 'tenant.created',
        targetType: 'tenant',
        targetId: tenant.id,
        details: { name: tenant.name, plan: tenant.plan, settings: tenant.settings, ...(logo ? { logo: { content_type: logo.type, bytes: logo.bytes.length, sha256 } } : {}) },
      });
      const invite = await createInvite(tdb, deps.config, { email: input.owner.email, role: 'owner', invitedBy: who.label }, { userId: null, now: who.now, record: who.record });
      await who.recordPlatform(tx, {
        action: 'tenant.onboarded',
        tenantId: tenant.id,
        targetType: 'tenant',
        targetId: tenant.id,
        details: { name: tenant.name, plan: tenant.plan, owner: invite.email, ...(input.owner.name ? { owner_name: input.owner.name.slice(0, 200) } : {}) },
      });
      return { tenant, invite: { email: invite.email, url: invite.invite_url, expiresAt: invite.expires_at } };
    });
  } finally {
    // After the commit (or the rollback): the next request for this id reads the registry again.
    deps.registry.invalidate(input.id);
  }
}
