/**
 * Deterministic demo data: La Granja Mercado (VES, 6 stores, ≥ 800 grocery products, 2 years of
 * daily sales) and Cliente 2 S.A. (USD, 2 stores, ~200 products, 1 year). Same seed and same
 * `today` → byte-identical data, ids included.
 *
 * The work is two steps: a pure, synchronous simulation per tenant (simulate.ts) and one
 * DuckDB transaction that bulk-writes its output (write.ts). A failed load rolls back whole:
 * the demo tenants are either completely there or not there at all. With `force`, the previous
 * demo rows are deleted before that transaction (see loadDemo), so a failed forced load leaves
 * no demo tenants rather than the old ones. On PostgreSQL the same load fills a temporary DuckDB
 * file that one transaction then copies across (on-postgres.ts).
 */
import { DuckDbStore } from '../store/duckdb/store.js';
import { createDemoAccounts } from './accounts.js';
import type { Store } from '../store/types.js';
import { localEpochDay } from './calendar.js';
import { sample, type TenantSpec } from './catalog.js';
import { cliente2Spec } from './catalog-cliente2.js';
import { granjaSpec } from './catalog-granja.js';
import { demandScaleFor, simulate, type Simulation } from './simulate.js';
import { createMacros, deleteTenants, dropStaging, writeTenant, type WriteCounts } from './write.js';

export type DemoScale = 'full' | 'small';

export interface DemoOptions {
  /** 'full' for the product (a few million sales lines); 'small' for tests (seconds). */
  scale: DemoScale;
  seed?: number;
  /** Replace existing demo tenants' data. Without it, loading over existing data is refused. */
  force?: boolean;
  /** Progress callback: a phase name and a fraction 0..1. */
  onProgress?: (phase: string, fraction: number) => void;
  /** The "today" the history ends on (default: the current date). */
  today?: Date;
}

export type DemoTable = keyof WriteCounts;

export interface DemoReport {
  tenants: Array<{
    id: string;
    name: string;
    stores: number;
    products: number;
    salesLines: number;
    /** Rows written per table for this tenant. */
    rows: WriteCounts;
    tickets: number;
    /** First and last day of sales history, 'YYYY-MM-DD'. */
    firstDay: string;
    lastDay: string;
  }>;
  /** Rows written per table, both tenants together. */
  rows: WriteCounts;
  seed: number;
  /** Wall-clock seconds: the whole load, the simulation, and the database writes. */
  seconds: number;
  simulateSeconds: number;
  writeSeconds: number;
}

export class DemoDataExistsError extends Error {
  constructor(readonly tenants: string[]) {
    super(`Demo tenants already exist: ${tenants.join(', ')}. Use --force to replace their data.`);
    this.name = 'DemoDataExistsError';
  }
}

export const DEMO_TENANT_IDS = ['granja', 'cliente2'] as const;
export const DEFAULT_DEMO_SEED = 20_240_917;

/** Store count, product count and history days of the small (test) scale. */
const SMALL = {
  granja: { stores: 2, products: 60, days: 60 },
  cliente2: { stores: 1, products: 20, days: 30 },
} as const;

interface Plan {
  spec: TenantSpec;
  demandScale: number;
}

/** The two tenants' specifications at a scale. Exported for tests that only need the catalogue. */
export function demoSpecs(scale: DemoScale, seed: number = DEFAULT_DEMO_SEED): Plan[] {
  return [granjaSpec(seed), cliente2Spec(seed)].map((spec) => {
    // Calibrate on the full catalogue so a small sample keeps each product's own demand.
    const demandScale = demandScaleFor(spec);
    if (scale === 'small') {
      const small = SMALL[spec.id as keyof typeof SMALL];
      spec.stores = spec.stores.slice(0, small.stores);
      spec.products = sample(spec.products, small.products);
      spec.historyDays = small.days;
    }
    return { spec, demandScale };
  });
}

async function existingDemoTenants(store: Store): Promise<string[]> {
  const rows = await store.platform.all('SELECT id FROM tenants WHERE id IN ($1, $2) ORDER BY id', [...DEMO_TENANT_IDS]);
  return rows.map((r) => String(r.id));
}

function isoOfEpochDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export async function loadDemo(store: Store, options: DemoOptions): Promise<DemoReport> {
  const started = performance.now();
  if (!(store instanceof DuckDbStore)) {
    // The generator bulk-writes through DuckDB: on PostgreSQL it fills a temporary DuckDB file
    // that is then copied across.
    const { loadDemoOnPostgres } = await import('./on-postgres.js');
    return loadDemoOnPostgres(store, options);
  }
  if (options.scale !== 'full' && options.scale !== 'small') throw new Error(`Unknown demo scale: ${String(options.scale)}`);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`The demo seed must be an integer, got ${seed}`);
  const today = options.today ?? new Date();
  if (Number.isNaN(today.getTime())) throw new Error('The demo "today" is not a valid date');
  const progress = options.onProgress ?? (() => undefined);

  // Refuse early, before seconds of simulation; checked again under the write lock.
  const existing = await existingDemoTenants(store);
  if (existing.length > 0 && !options.force) throw new DemoDataExistsError(existing);

  const sims: Simulation[] = [];
  for (const { spec, demandScale } of demoSpecs(options.scale, seed)) {
    const phase = `${spec.id}: simulating sales`;
    progress(phase, 0);
    sims.push(
      simulate(spec, {
        seed,
        today: localEpochDay(today, spec.settings.timezone),
        demandScale,
        onProgress: (f) => progress(phase, f),
      }),
    );
  }
  const simulated = performance.now();

  const counts = await store.withWriter(async (conn) => {
    const found = (await conn.runAndReadAll('SELECT id FROM tenants WHERE id IN ($1, $2) ORDER BY id', [...DEMO_TENANT_IDS]))
      .getRows()
      .map((r) => String(r[0]));
    if (found.length > 0) {
      if (!options.force) throw new DemoDataExistsError(found);
      // DuckDB cannot delete a parent row whose children were deleted in the same transaction,
      // so the old rows go first, table by table, and the new data then comes in one
      // transaction. Marked inactive first, so a crash halfway never serves a half-deleted tenant.
      const phase = 'removing the previous demo data';
      progress(phase, 0);
      await conn.run("UPDATE tenants SET status = 'inactive', updated_at = now() WHERE id IN ($1, $2)", [...DEMO_TENANT_IDS]);
      await deleteTenants(conn, DEMO_TENANT_IDS, (f) => progress(phase, f));
    }
    await conn.run('BEGIN TRANSACTION');
    try {
      await createMacros(conn);
      const out: WriteCounts[] = [];
      for (const sim of sims) {
        out.push(await writeTenant(conn, sim, (step, f) => progress(`${sim.spec.id}: writing ${step}`, f)));
      }
      await dropStaging(conn);
      progress('committing', 0);
      await conn.run('COMMIT');
      progress('committing', 1);
      return out;
    } catch (err) {
      try {
        await conn.run('ROLLBACK');
      } catch {
        // Already rolled back by the failing statement.
      }
      throw err;
    }
  });
  // Sign-ins exist only with the demo data (the admin is kept if it is already there).
  progress('creating demo accounts', 0);
  await createDemoAccounts(store, sims.map((sim) => sim.spec.id));
  progress('creating demo accounts', 1);
  const finished = performance.now();

  const total = Object.fromEntries(Object.keys(counts[0]!).map((k) => [k, 0])) as unknown as WriteCounts;
  for (const c of counts) for (const k of Object.keys(c) as DemoTable[]) total[k] += c[k];

  return {
    tenants: sims.map((sim, i) => ({
      id: sim.spec.id,
      name: sim.spec.name,
      stores: sim.spec.stores.length,
      products: sim.spec.products.length,
      salesLines: counts[i]!.ventas,
      rows: counts[i]!,
      tickets: sim.stats.tickets,
      firstDay: isoOfEpochDay(sim.firstDay),
      lastDay: isoOfEpochDay(sim.firstDay + sim.days - 1),
    })),
    rows: total,
    seed,
    seconds: (finished - started) / 1000,
    simulateSeconds: (simulated - started) / 1000,
    writeSeconds: (finished - simulated) / 1000,
  };
}
