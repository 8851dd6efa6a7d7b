/**
 * The one way stock changes: update `inventory.quantity` and append the movement to the ledger,
 * in the caller's transaction. Sales, adjustments, order receipts and imports all go through here,
 * so the ledger and the stock level can never disagree.
 */
import type { TenantDb } from '../../../store/types.js';
import type { MovementReason } from '../../../store/migrations/001_core.js';
import { AppError } from '../../errors.js';

export interface StockChange {
  storeId: string;
  productId: string;
  /** Positive adds stock, negative removes it. Zero is a no-op. */
  delta: number;
  reason: MovementReason;
  actor: string;
  refType?: string | null;
  refId?: string | null;
  note?: string | null;
  /** Creates the inventory row (quantity 0) when the product was never stocked in the store. */
  createIfMissing?: boolean;
}

export interface StockChangeResult {
  movementId: string | null;
  quantityBefore: number;
  quantityAfter: number;
}

/** Apply one change inside `tx`. Refuses (409 insufficient_stock) to take stock below zero. */
export async function applyStockChange(tx: TenantDb, change: StockChange): Promise<StockChangeResult> {
  if (!Number.isSafeInteger(change.delta)) throw new AppError('validation_error', 'Stock changes are whole units.');
  await tx.lock(`stock:${change.storeId}:${change.productId}`);
  let row = await tx.get(
    'SELECT quantity FROM inventory WHERE tenant_id = $1 AND store_id = $2::UUID AND product_id = $3::UUID',
    [change.storeId, change.productId],
  );
  if (!row) {
    if (!change.createIfMissing) {
      throw new AppError('not_found', 'This product is not stocked in this store.');
    }
    await tx.run(
      `INSERT INTO inventory (tenant_id, store_id, product_id, quantity, unit_cost)
       SELECT p.tenant_id, $2::UUID, p.id, 0, p.cost FROM productos p WHERE p.tenant_id = $1 AND p.id = $3::UUID`,
      [change.storeId, change.productId],
    );
    row = { quantity: 0 };
  }
  const before = Number(row.quantity);
  const after = before + change.delta;
  if (after < 0) {
    throw new AppError('insufficient_stock', `Only ${before} in stock; cannot remove ${-change.delta}.`, {
      storeId: change.storeId,
      productId: change.productId,
      available: before,
      requested: -change.delta,
    });
  }
  if (change.delta === 0) return { movementId: null, quantityBefore: before, quantityAfter: before };
  await tx.run(
    `UPDATE inventory SET quantity = $4, updated_at = now()
     WHERE tenant_id = $1 AND store_id = $2::UUID AND product_id = $3::UUID`,
    [change.storeId, change.productId, after],
  );
  const movement = await tx.get(
    `INSERT INTO inventory_movements (tenant_id, store_id, product_id, delta, quantity_after, reason, ref_type, ref_id, actor, note)
     VALUES ($1, $2::UUID, $3::UUID, $4, $5, $6, $7, $8, $9, $10)
     RETURNING id`,
    [change.storeId, change.productId, change.delta, after, change.reason, change.refType ?? null, change.refId ?? null, change.actor, change.note ?? null],
  );
  return { movementId: String(movement?.id), quantityBefore: before, quantityAfter: after };
}
