/**
 * Deterministic demo data: La Granja Mercado (VES, 6 stores, ≥ 800 grocery products, 2 years of
 * daily sales) and Cliente 2 S.A. (USD, 2 stores, ~200 products). Same seed → same data.
 */
import type { Store } from '../store/types.js';

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

export interface DemoReport {
  tenants: Array<{ id: string; name: string; stores: number; products: number; salesLines: number }>;
  seconds: number;
}

export class DemoDataExistsError extends Error {
  constructor(readonly tenants: string[]) {
    super(`Demo tenants already exist: ${tenants.join(', ')}. Use --force to replace their data.`);
    this.name = 'DemoDataExistsError';
  }
}

export async function loadDemo(_store: Store, _options: DemoOptions): Promise<DemoReport> {
  throw new Error('Demo data generator not implemented yet');
}
