/**
 * Shapes of the inventory API as the page uses them (src/server/features/inventory/schema.ts and
 * catalog/schema.ts are the source of truth), and the reasons a person may give for an adjustment.
 */

export interface StoreRef {
  id: string;
  code: string;
  name: string;
}

export interface InventoryItem {
  id: string;
  store: StoreRef;
  product: { id: string; sku: string; name: string; category: string; unit: string };
  quantity: number;
  min_stock: number;
  max_stock: number;
  unit_cost: string | null;
  stock_value: string;
  updated_at: string;
}

/** Every reason the stock ledger knows (MOVEMENT_REASONS in src/store/migrations/001_core.ts). */
export const MOVEMENT_REASONS = [
  'initial', 'sale', 'receipt', 'count', 'damage', 'theft', 'expiry', 'correction', 'return',
  'transfer_in', 'transfer_out', 'import',
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** Reasons a person may give for a manual change (ADJUSTMENT_REASONS of the API). */
export const ADJUSTMENT_REASONS = ['count', 'damage', 'theft', 'expiry', 'correction', 'return'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
/** Reasons that can only take stock away (the API answers 422 otherwise). */
export const REMOVAL_REASONS: ReadonlySet<AdjustmentReason> = new Set(['damage', 'theft', 'expiry']);
/** Largest change one adjustment may make, either way. */
export const MAX_ADJUSTMENT = 1_000_000;

export interface Movement {
  id: string;
  store: StoreRef;
  product: { id: string; sku: string; name: string };
  delta: number;
  quantity_after: number;
  reason: MovementReason;
  ref_type: string | null;
  ref_id: string | null;
  actor: string;
  note: string | null;
  created_at: string;
}

export interface AdjustmentBody {
  store_id: string;
  product_id: string;
  delta: number;
  reason: AdjustmentReason;
  note?: string;
}

export interface AdjustmentResult {
  movement: Movement;
  quantity: number;
}

export interface Store extends StoreRef {
  city: string | null;
  active: boolean;
}

export interface Category {
  category: string;
  product_count: number;
  active_count: number;
}

export const INVENTORY_SORTS = [
  'product_name', 'sku', 'category', 'store_name', 'quantity', 'min_stock', 'max_stock', 'unit_cost', 'stock_value', 'updated_at',
] as const;
export type InventorySort = (typeof INVENTORY_SORTS)[number];
export type SortOrder = 'asc' | 'desc';
