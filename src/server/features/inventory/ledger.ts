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

export interface StockCountSource {
  /**
   * A SELECT (on the tenant handle: it names `$1`) yielding one row per (store, product):
   * store_id, product_id, quantity, and min_stock, max_stock, unit_cost (NULL keeps the stored value).
   */
  sql: string;
  params: readonly string[];
}

export interface StockCountMeta {
  reason: MovementReason;
  actor: string;
  refType: string;
  refId: string;
  note: string | null;
  /** The instant written as the movements' created_at (ISO). */
  now: string;
}

/**
 * Set many stock levels at once (a counted snapshot): for every item whose quantity changes, one
 * movement with the difference and the new balance; then the levels (and min/max/cost where
 * given), creating inventory rows for items never stocked. Set-based, in the caller's
 * transaction; the ledger and the levels agree afterwards as with applyStockChange.
 */
export async function applyStockCounts(tx: TenantDb, source: StockCountSource, meta: StockCountMeta): Promise<{ movements: number; inserted: number; updated: number; unchanged: number }> {
  const n = source.params.length;
  const p = (i: number) => `$${n + 2 + i}`;
  const src = `(${source.sql}) src`;
  const current = `LEFT JOIN inventory i ON i.tenant_id = $1 AND i.store_id = src.store_id AND i.product_id = src.product_id`;
  const changed = `(src.quantity <> i.quantity OR (src.min_stock IS NOT NULL AND src.min_stock <> i.min_stock)
    OR (src.max_stock IS NOT NULL AND src.max_stock <> i.max_stock) OR (src.unit_cost IS NOT NULL AND src.unit_cost IS DISTINCT FROM i.unit_cost))`;
  const counts = await tx.get(
    `SELECT count(i.id) AS matched, count(*) FILTER (WHERE i.id IS NOT NULL AND ${changed}) AS changed FROM ${src} ${current}`,
    source.params,
  );
  const movements = await tx.run(
    `INSERT INTO inventory_movements (tenant_id, store_id, product_id, delta, quantity_after, reason, ref_type, ref_id, actor, note, created_at)
     SELECT CAST($1 AS VARCHAR), src.store_id, src.product_id, src.quantity - COALESCE(i.quantity, 0), src.quantity, ${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::TIMESTAMPTZ
     FROM ${src} ${current} WHERE src.quantity <> COALESCE(i.quantity, 0)`,
    [...source.params, meta.reason, meta.refType, meta.refId, meta.actor, meta.note, meta.now],
  );
  const updated = await tx.run(
    `UPDATE inventory AS i SET quantity = src.quantity, min_stock = COALESCE(src.min_stock, i.min_stock), max_stock = COALESCE(src.max_stock, i.max_stock),
       unit_cost = COALESCE(src.unit_cost, i.unit_cost), updated_at = ${p(0)}::TIMESTAMPTZ
     FROM ${src} WHERE i.tenant_id = $1 AND i.store_id = src.store_id AND i.product_id = src.product_id AND ${changed}`,
    [...source.params, meta.now],
  );
  const inserted = await tx.run(
    `INSERT INTO inventory (tenant_id, store_id, product_id, quantity, min_stock, max_stock, unit_cost, created_at, updated_at)
     SELECT CAST($1 AS VARCHAR), src.store_id, src.product_id, src.quantity, COALESCE(src.min_stock, 0), COALESCE(src.max_stock, 999999), COALESCE(src.unit_cost, p.cost), ${p(0)}::TIMESTAMPTZ, ${p(0)}::TIMESTAMPTZ
     FROM ${src} JOIN productos p ON p.tenant_id = $1 AND p.id = src.product_id
     WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.tenant_id = $1 AND i.store_id = src.store_id AND i.product_id = src.product_id)`,
    [...source.params, meta.now],
  );
  const matched = Number(counts?.matched ?? 0);
  return { movements, inserted, updated, unchanged: matched - Number(counts?.changed ?? updated) };
}
