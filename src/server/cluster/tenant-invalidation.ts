/**
 * Tenant cache invalidations between server processes. A change to a tenant made in one process
 * (HTTP request, admin socket command) invalidates that process's registry entry at once; this
 * bridge broadcasts it on the shared state, and every other process drops its entry on hearing
 * it. Remote invalidations are applied with source 'remote' and never re-broadcast, and a
 * process ignores its own messages (it has applied them already), so nothing echoes.
 *
 * While the shared state is down, invalidations from other processes can be missed: cached
 * entries are then served for at most DEGRADED_MAX_AGE_MS, and when it is back the whole cache is
 * dropped, since whatever was missed is unknown.
 */
import crypto from 'node:crypto';
import type { TenantRegistry } from '../features/tenants/registry.js';
import type { SharedState } from './shared-state.js';

export const TENANT_INVALIDATION_TOPIC = 'tenants.invalidate';
export const DEGRADED_MAX_AGE_MS = 5_000;

interface InvalidationMessage {
  /** The sending process (registry), so it can skip its own message. */
  origin: string;
  /** A tenant id, or '*' for all. */
  id: string;
}

function parse(raw: string): InvalidationMessage | null {
  try {
    const m = JSON.parse(raw) as Partial<InvalidationMessage>;
    return typeof m.origin === 'string' && typeof m.id === 'string' ? { origin: m.origin, id: m.id } : null;
  } catch {
    return null;
  }
}

/** Connect a registry to the shared state; returns the function that disconnects it. */
export function shareTenantInvalidations(registry: TenantRegistry, shared: SharedState): () => void {
  const origin = crypto.randomUUID();
  const offLocal = registry.onInvalidate((id, source) => {
    if (source !== 'local') return;
    const message: InvalidationMessage = { origin, id };
    void shared.publish(TENANT_INVALIDATION_TOPIC, JSON.stringify(message));
  });
  const offRemote = shared.subscribe(TENANT_INVALIDATION_TOPIC, (raw) => {
    const m = parse(raw);
    if (!m || m.origin === origin) return;
    registry.invalidate(m.id === '*' ? undefined : m.id, 'remote');
  });
  const degrade = (down: boolean) => registry.capMaxAge(down ? DEGRADED_MAX_AGE_MS : null);
  degrade(shared.status === 'down');
  const offStatus = shared.onStatus((status) => {
    degrade(status === 'down');
    if (status === 'up') registry.invalidate(undefined, 'remote');
  });
  return () => {
    offLocal();
    offRemote();
    offStatus();
    registry.capMaxAge(null);
  };
}
