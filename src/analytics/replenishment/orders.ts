/**
 * Draft purchase orders from chosen replenishment suggestions: one group per (supplier, store),
 * since a purchase order goes to one supplier for delivery to one store.
 *
 *   line cost   = quantity × unit cost (cents, exact)
 *   group total = Σ line costs; group units = Σ quantities
 *
 * Suggestions with quantity 0 add no line, and a group without lines is not returned. Products
 * without a supplier (supplier_id null) form their own group per store, for the buyer to assign.
 * Groups are ordered by store id, then supplier id (no supplier last); lines by product id. The
 * same product twice in one group is an error (RangeError): the caller must pick one suggestion.
 */
import { toCents } from '../../shared/money.js';
import type { ReplenishmentSuggestion } from './suggest.js';

export type OrderableSuggestion = Pick<ReplenishmentSuggestion, 'product_id' | 'store_id' | 'supplier_id' | 'quantity' | 'packs' | 'unit_cost'>;

export interface DraftOrderLine {
  product_id: string;
  quantity: number;
  packs: number;
  unit_cost: string;
  cost_cents: bigint;
}

export interface DraftOrderGroup {
  supplier_id: string | null;
  store_id: string;
  lines: DraftOrderLine[];
  units: number;
  total_cents: bigint;
}

/** Groups the suggestions' non-zero lines by (supplier, store) into draft orders with totals. */
export function groupIntoOrders(suggestions: readonly OrderableSuggestion[]): DraftOrderGroup[] {
  const groups = new Map<string, DraftOrderGroup>();
  for (const s of suggestions) {
    if (s.quantity === 0) continue;
    if (!Number.isInteger(s.quantity) || s.quantity < 0) throw new RangeError(`Order quantity must be a whole number ≥ 0, got ${s.quantity} for product ${s.product_id}`);
    const key = JSON.stringify([s.store_id, s.supplier_id]);
    let group = groups.get(key);
    if (!group) {
      group = { supplier_id: s.supplier_id, store_id: s.store_id, lines: [], units: 0, total_cents: 0n };
      groups.set(key, group);
    }
    if (group.lines.some((line) => line.product_id === s.product_id)) {
      throw new RangeError(`Product ${s.product_id} appears twice in the order of supplier ${s.supplier_id ?? '(none)'} for store ${s.store_id}`);
    }
    const cost = BigInt(s.quantity) * toCents(s.unit_cost);
    group.lines.push({ product_id: s.product_id, quantity: s.quantity, packs: s.packs, unit_cost: s.unit_cost, cost_cents: cost });
    group.units += s.quantity;
    group.total_cents += cost;
  }
  const out = [...groups.values()];
  for (const group of out) group.lines.sort((a, b) => compareText(a.product_id, b.product_id));
  return out.sort((a, b) => compareText(a.store_id, b.store_id) || compareSupplier(a.supplier_id, b.supplier_id));
}

function compareSupplier(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
