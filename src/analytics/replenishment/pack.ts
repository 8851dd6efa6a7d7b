/**
 * An order quantity in whole packs (cases of `packSize` units).
 *
 * 1. The need (order-up-to level − inventory position) is rounded UP to whole packs:
 *      q = ⌈need / pack⌉ · pack
 *    (a need within 10⁻⁹ packs of a whole number counts as that number, so float noise in the
 *    sums does not add a pack).
 * 2. When a maximum stock is set and position + q would exceed it, one pack is taken off. One is
 *    enough: the order-up-to level is already clamped to the maximum, so q < need + pack.
 * 3. The quantity never goes below what brings the position up to the reorder point,
 *      q ≥ ⌈(reorder point − position) / pack⌉ · pack,
 *    even if that overshoots the maximum: a position left below the reorder point would expect a
 *    stock-out before the next order arrives, and an empty shelf costs more than a few units over
 *    a shelf-space limit. The maximum is a soft ceiling; reaching the reorder point is not.
 */

export interface PackRule {
  /** Units wanted: order-up-to level − inventory position (> 0). */
  need: number;
  /** On hand + on order. */
  position: number;
  reorderPoint: number;
  /** Units the store should not exceed, or null for no limit. */
  maxStock: number | null;
  /** Units per case, a whole number ≥ 1. */
  packSize: number;
}

const EPSILON = 1e-9;

/** Whole packs covering `need`, stepped down a pack to respect the maximum but never below the reorder point. */
export function packQuantity({ need, position, reorderPoint, maxStock, packSize }: PackRule): number {
  let quantity = packsFor(need, packSize) * packSize;
  if (maxStock !== null && position + quantity > maxStock) quantity -= packSize;
  const floor = reorderPoint > position ? packsFor(reorderPoint - position, packSize) * packSize : 0;
  return Math.max(quantity, floor);
}

function packsFor(units: number, packSize: number): number {
  return Math.ceil(units / packSize - EPSILON);
}
