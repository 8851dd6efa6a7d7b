/**
 * The tenant registry as the request path sees it: a read-through cache over the `tenants`
 * table. Every change made through Fluxion invalidates its entry at once; with several server
 * processes the invalidation travels to the others through the shared state
 * (`src/server/cluster/tenant-invalidation.ts`). The TTL bounds how long a change made elsewhere
 * (a manual UPDATE, a process without shared state) can go unseen. Unknown ids are cached too, so
 * a flood of random sub-domains does not become a flood of queries.
 */
import type { PlatformDb } from '../../../store/types.js';
import { findTenant } from './repository.js';
import type { TenantContext } from './schema.js';

interface Entry {
  tenant: TenantContext | null;
  cachedAt: number;
}

/** 'local': a change made in this process (worth telling the others); 'remote': heard from another. */
export type InvalidationSource = 'local' | 'remote';

export class TenantRegistry {
  private readonly cache = new Map<string, Entry>();
  private readonly listeners = new Set<(id: string, source: InvalidationSource) => void>();
  /** Bumped by every invalidation: a lookup that overlapped one does not cache what it read. */
  private generation = 0;
  private maxAgeCapMs: number | null = null;

  constructor(
    private readonly db: PlatformDb,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  async get(id: string): Promise<TenantContext | null> {
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.cachedAt < this.maxAgeMs()) return hit.tenant;
    const generation = this.generation;
    const startedAt = this.now();
    const tenant = (await findTenant(this.db, id)) ?? null;
    // An invalidation that arrived while the query ran may describe a change the query missed.
    if (generation === this.generation) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(id, { tenant, cachedAt: startedAt });
    }
    return tenant;
  }

  /**
   * Forget one tenant (after a change to it), or all of them. Listeners hear every call with its
   * source; only 'local' ones are broadcast, so a remote invalidation never echoes back.
   */
  invalidate(id?: string, source: InvalidationSource = 'local'): void {
    this.generation++;
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
    for (const l of this.listeners) l(id ?? '*', source);
  }

  /** Called on every invalidation (`'*'` for all), e.g. to broadcast it to other processes. */
  onInvalidate(listener: (id: string, source: InvalidationSource) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Serve cached entries for at most `ms` (also those cached before), or lift the cap with null.
   * Used while other processes' invalidations cannot be heard.
   */
  capMaxAge(ms: number | null): void {
    this.maxAgeCapMs = ms;
  }

  private maxAgeMs(): number {
    return this.maxAgeCapMs === null ? this.ttlMs : Math.min(this.ttlMs, this.maxAgeCapMs);
  }
}
