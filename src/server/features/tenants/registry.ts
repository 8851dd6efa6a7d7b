/**
 * The tenant registry as the request path sees it: a read-through cache over the `tenants`
 * table. Every change made through Fluxion invalidates its entry at once; the TTL bounds how long
 * a change made elsewhere (another process, a manual UPDATE) can go unseen. Unknown ids are cached
 * too, so a flood of random sub-domains does not become a flood of queries.
 */
import type { PlatformDb } from '../../../store/types.js';
import { findTenant } from './repository.js';
import type { TenantContext } from './schema.js';

interface Entry {
  tenant: TenantContext | null;
  expires: number;
}

export class TenantRegistry {
  private readonly cache = new Map<string, Entry>();
  private readonly listeners = new Set<(id: string) => void>();

  constructor(
    private readonly db: PlatformDb,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  async get(id: string): Promise<TenantContext | null> {
    const hit = this.cache.get(id);
    if (hit && hit.expires > this.now()) return hit.tenant;
    const tenant = (await findTenant(this.db, id)) ?? null;
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(id, { tenant, expires: this.now() + this.ttlMs });
    return tenant;
  }

  /** Forget one tenant (after a change to it), or all of them. */
  invalidate(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
    for (const l of this.listeners) l(id ?? '*');
  }

  /** Called on every invalidation, e.g. to broadcast it to other processes. */
  onInvalidate(listener: (id: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
