/**
 * Inventory snapshots: the counted quantity of each product in each store as of a moment. Every
 * difference with the stored level becomes a movement in the ledger (reason 'import', the import
 * as its reference), so history explains the new level. A count older than a movement already
 * recorded for the item would erase that movement's effect: such rows are rejected
 * (older_than_ledger) unless they agree with the stored level. Without a date the count is "now".
 */
import type { KindSpec } from './columns.js';
import { applyStockCounts } from '../../inventory/ledger.js';
import { PRODUCT_REF, rejectDuplicates, rejectRows, resolveReference, STORE_REF } from './sql.js';

export const inventoryKind: KindSpec = {
  kind: 'inventory',
  naturalKey: ['store', 'sku'],
  columns: [
    { name: 'store', type: 'reference', required: true, maxLength: 50, aliases: ['tienda', 'codigo_tienda', 'sucursal', 'store_code', 'almacen', 'warehouse', 'location'], description: 'Store code', examples: ['T01', 'T01'] },
    { name: 'sku', type: 'reference', required: true, maxLength: 64, aliases: ['producto', 'codigo', 'codigo_producto', 'product', 'product_code', 'item', 'articulo', 'referencia'], description: 'Product sku', examples: ['HAR-001', 'LEC-002'] },
    { name: 'quantity', type: 'integer', required: true, min: 0, max: 100_000_000, aliases: ['cantidad', 'existencia', 'existencias', 'stock', 'qty', 'on_hand', 'inventario', 'unidades', 'conteo'], description: 'Units counted (whole, ≥ 0)', examples: ['120', '48'] },
    { name: 'date', type: 'datetime', aliases: ['fecha', 'as_of', 'fecha_conteo', 'counted_at', 'snapshot_date', 'fecha_corte'], description: "When counted, in the tenant's time zone (default: now)", examples: ['27/11/2026 21:00', '27/11/2026 21:00'] },
    { name: 'min_stock', type: 'integer', min: 0, max: 100_000_000, aliases: ['minimo', 'stock_minimo', 'min', 'reorder_point'], description: 'Minimum stock', examples: ['20', '12'] },
    { name: 'max_stock', type: 'integer', min: 0, max: 100_000_000, aliases: ['maximo', 'stock_maximo', 'max'], description: 'Maximum stock', examples: ['300', '120'] },
    { name: 'unit_cost', type: 'decimal', scale: 2, min: 0, aliases: ['costo', 'costo_unitario', 'cost'], description: 'Unit cost of this stock', examples: ['900,00', '700,00'] },
  ],
  async apply(ctx, staging) {
    await rejectDuplicates(ctx, staging, ['store', 'sku'], 'store and sku');
    let created = await resolveReference(ctx, staging, { ...STORE_REF, column: 'store' });
    created += await resolveReference(ctx, staging, { ...PRODUCT_REF, column: 'sku' });
    if (ctx.rejections.any) return { inserted: 0, updated: 0, unchanged: 0, created_references: 0 };

    const resolved = `SELECT s.line_no, s.date, st.id AS store_id, p.id AS product_id, s.quantity, s.min_stock, s.max_stock, s.unit_cost
      FROM ${staging} s JOIN stores st ON st.tenant_id = $1 AND st.code = s.store JOIN productos p ON p.tenant_id = $1 AND p.sku = s.sku`;
    await rejectRows(
      ctx,
      'older_than_ledger',
      'date',
      `CAST(s.date AS VARCHAR)`,
      `FROM (${resolved}) s LEFT JOIN inventory i ON i.tenant_id = $1 AND i.store_id = s.store_id AND i.product_id = s.product_id
       WHERE s.date IS NOT NULL AND s.quantity <> COALESCE(i.quantity, 0)
         AND EXISTS (SELECT 1 FROM inventory_movements m WHERE m.tenant_id = $1 AND m.store_id = s.store_id AND m.product_id = s.product_id AND m.created_at > s.date)`,
      (v) => `Counted at ${v}, before a stock movement already recorded for this item: the count would undo it. Import a newer count.`,
    );
    if (ctx.rejections.any) return { inserted: 0, updated: 0, unchanged: 0, created_references: created };

    const r = await applyStockCounts(
      ctx.tx,
      { sql: resolved, params: [] },
      { reason: 'import', actor: ctx.actor, refType: 'import', refId: ctx.importId, note: 'inventory snapshot', now: ctx.now },
    );
    return { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, created_references: created, extra: { movements: r.movements } };
  },
};
