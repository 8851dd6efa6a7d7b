/** Stock levels, manual adjustments and the ledger. */
import type { TenantDb } from '../../../store/types.js';
import type { TenantContext } from '../tenants/schema.js';
import type { PageOf } from '../../http/schemas.js';
import { AppError, notFound } from '../../errors.js';
import type { Auditor } from '../audit/writer.js';
import { applyStockChange } from './ledger.js';
import * as repo from './repository.js';
import { startOfDay } from '../../../shared/dates.js';
import {
  REMOVAL_REASONS,
  type AdjustmentBody,
  type AdjustmentResult,
  type InventoryItem,
  type InventoryQuery,
  type Movement,
  type MovementQuery,
} from './schema.js';

export const listInventory = (tdb: TenantDb, query: InventoryQuery): Promise<PageOf<InventoryItem>> => repo.listInventory(tdb, query);
/** Every stock level the list shows, a page at a time: the export. */
export const inventoryPages = repo.inventoryPages;

export async function getInventoryItem(tdb: TenantDb, id: string): Promise<InventoryItem> {
  const item = await repo.findInventoryItem(tdb, id);
  if (!item) throw notFound('Inventory item', id);
  return item;
}

/** `from`/`to` are whole days in the tenant's time zone, both inclusive. */
export async function listMovements(tdb: TenantDb, tenant: TenantContext, query: MovementQuery): Promise<PageOf<Movement>> {
  return repo.listMovements(tdb, { ...movementFilter(tenant, query), limit: query.limit, offset: query.offset });
}

/** Every movement the list shows for `query` (refused as the list refuses it), a page at a time: the export. */
export function movementPages(tdb: TenantDb, tenant: TenantContext, query: Omit<MovementQuery, 'limit' | 'offset'>, pageSize: number): AsyncGenerator<Movement[]> {
  return repo.movementPages(tdb, movementFilter(tenant, query), pageSize);
}

function movementFilter(tenant: TenantContext, query: Omit<MovementQuery, 'limit' | 'offset'>): repo.MovementFilter {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('validation_error', `'from' (${query.from}) is after 'to' (${query.to}).`);
  }
  const zone = tenant.settings.timezone;
  return {
    storeId: query.store_id,
    productId: query.product_id,
    reason: query.reason,
    since: query.from ? startOfDay(query.from, zone) : undefined,
    before: query.to ? startOfDay(query.to, zone, 1) : undefined,
  };
}

/**
 * A manual stock change with its reason. Damage, theft and expiry can only remove stock; the
 * ledger refuses (409) to go below zero. Adding stock to a product never kept in the store starts
 * its inventory row. All of it commits, or none of it, audit row included.
 */
export async function adjustStock(tdb: TenantDb, body: AdjustmentBody, actor: string, record: Auditor): Promise<AdjustmentResult> {
  if (body.delta === 0) throw new AppError('validation_error', 'body.delta must not be zero.');
  if (REMOVAL_REASONS.has(body.reason) && body.delta > 0) {
    throw new AppError('unprocessable', `Reason '${body.reason}' removes stock: delta must be negative.`);
  }
  return tdb.tx(async (tx) => {
    const exists = await repo.storeAndProductExist(tx, body.store_id, body.product_id);
    if (!exists.store) throw notFound('Store', body.store_id);
    if (!exists.product) throw notFound('Product', body.product_id);
    const change = await applyStockChange(tx, {
      storeId: body.store_id,
      productId: body.product_id,
      delta: body.delta,
      reason: body.reason,
      actor,
      refType: 'adjustment',
      note: body.note?.trim() || null,
      createIfMissing: true,
    });
    const movement = change.movementId ? await repo.findMovement(tx, change.movementId) : undefined;
    // The ledger just wrote this row in the same transaction.
    if (!movement) throw new Error('The adjustment was applied but its movement could not be read back.');
    await record(tx, {
      action: 'inventory.adjusted',
      targetType: 'inventory_movement',
      targetId: movement.id,
      details: { store_id: body.store_id, product_id: body.product_id, delta: body.delta, reason: body.reason, quantity_after: change.quantityAfter },
    });
    return { movement, quantity: change.quantityAfter };
  });
}
