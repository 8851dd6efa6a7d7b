/** Every import kind, by name. */
import type { ImportKind } from '../../../../store/migrations/006_imports.js';
import type { KindSpec } from './columns.js';
import { storesKind } from './stores.js';
import { suppliersKind } from './suppliers.js';
import { productsKind } from './products.js';
import { inventoryKind } from './inventory.js';
import { salesKind } from './sales.js';
import { exchangeRatesKind } from './exchange-rates.js';

export const KINDS: Record<ImportKind, KindSpec> = {
  stores: storesKind,
  suppliers: suppliersKind,
  products: productsKind,
  inventory: inventoryKind,
  sales: salesKind,
  exchange_rates: exchangeRatesKind,
};
