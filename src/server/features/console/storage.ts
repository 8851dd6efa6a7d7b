/**
 * Storage used per tenant, as the console shows it: the bytes of the tenant's values — for every
 * table holding tenant data (found in the catalogue, so a new table counts without a code change)
 * and the tenant's own registry row, the sum over its rows of the length in bytes of each non-null
 * value written as text (what the value weighs in the tenant's CSV export, without quotes or
 * separators). `request_stats` is left out: it is the platform's record of the tenant's traffic,
 * not data the tenant stored, and would make the figure move with every request. The same definition on DuckDB and PostgreSQL, independent of compression, page
 * fill and indexes, and it adds up across tenants; the database's physical size is
 * `fluxion_database_size_bytes` on /metrics.
 *
 * One scan per table for every tenant at once; the result is kept for STORAGE_TTL_MS and
 * recomputed in the background when a reader finds it stale, so the console never waits on it.
 */
import { quoteIdent as quote, tenantTables } from '../../../store/catalogue.js';
import type { Store } from '../../../store/types.js';
import type { Clock } from '../../clock.js';
import { REQUEST_STATS_TABLE } from '../telemetry/repository.js';

export const STORAGE_TTL_MS = 10 * 60_000;

export interface StorageSnapshot {
  bytes: Map<string, number>;
  computedAt: string;
}

export async function computeStorage(store: Store): Promise<Map<string, number>> {
  const db = store.platform;
  const length = (expr: string) => (db.dialect === 'postgres' ? `octet_length(${expr})` : `strlen(${expr})`);
  const totals = new Map<string, number>();
  for (const table of await tenantTables(db)) {
    if (table.name === REQUEST_STATS_TABLE) continue;
    const key = table.tenantColumn;
    const sum = table.columns.map((c) => `COALESCE(${length(`CAST(${quote(c.name)} AS VARCHAR)`)}, 0)`).join(' + ');
    const rows = await db.all(`SELECT ${quote(key)} AS tenant, sum(${sum}) AS bytes FROM ${quote(table.name)} GROUP BY ${quote(key)}`);
    for (const r of rows) totals.set(String(r.tenant), (totals.get(String(r.tenant)) ?? 0) + Number(r.bytes ?? 0));
  }
  return totals;
}

export class StorageMeter {
  private snapshot: StorageSnapshot | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** The latest figures (null before the first computation); starts a recomputation when stale. */
  current(): StorageSnapshot | null {
    const stale = !this.snapshot || this.clock() - Date.parse(this.snapshot.computedAt) >= STORAGE_TTL_MS;
    if (stale) void this.refresh();
    return this.snapshot;
  }

  /** Recompute now (one computation at a time); resolves when the figures are fresh. */
  refresh(): Promise<void> {
    this.running ??= (async () => {
      try {
        const started = this.clock();
        const bytes = await computeStorage(this.store);
        this.snapshot = { bytes, computedAt: new Date(started).toISOString() };
      } catch (err) {
        this.onError(err);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
