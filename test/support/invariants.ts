/** Invariants tests check across features. */
import type { Store } from '../../src/store/types.js';

/** Stock levels that differ from the sum of their ledger deltas (empty when the ledger agrees). */
export function ledgerMismatches(t: { store: Store }) {
  return t.store.platform.all(
    `SELECT i.tenant_id, i.store_id, i.product_id, i.quantity, COALESCE(sum(m.delta), 0) AS ledger
     FROM inventory i
     LEFT JOIN inventory_movements m ON m.tenant_id = i.tenant_id AND m.store_id = i.store_id AND m.product_id = i.product_id
     GROUP BY i.tenant_id, i.store_id, i.product_id, i.quantity
     HAVING i.quantity <> COALESCE(sum(m.delta), 0)`,
  );
}
