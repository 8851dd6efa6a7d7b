/**
 * What can be exported: every list the API serves, each with the list's own filters (its
 * querystring schema less paging), permission, item schema (the columns) and rows, read through
 * the list's own repository query and checks a page at a time. Adding a list here adds its
 * `GET /api/v1/exports/<kind>` route and its `fluxion export <kind>`.
 */
import { Type, type Static, type TObject, type TSchema } from 'typebox';
import type { TenantDb } from '../../../store/types.js';
import { tenantRoute } from '../../access.js';
import { StringEnum } from '../../http/schemas.js';
import type { TenantContext } from '../tenants/schema.js';
import { InventoryItemSchema, InventoryQuery, MovementQuery, MovementSchema } from '../inventory/schema.js';
import * as inventory from '../inventory/service.js';
import { SaleLineSchema, SalesQuerySchema } from '../sales/schema.js';
import * as sales from '../sales/service.js';
import { OrderListQuery, OrderSummarySchema } from '../orders/schema.js';
import * as orders from '../orders/service.js';
import { ProductQuery, ProductSchema, StoreQuery, StoreSchema, SupplierQuery, SupplierSchema } from '../catalog/schema.js';
import * as catalog from '../catalog/service.js';

export const EXPORT_KINDS = ['inventory', 'movements', 'sales', 'orders', 'products', 'stores', 'suppliers'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportContext {
  tdb: TenantDb;
  tenant: TenantContext;
}

export interface KindSpec {
  /** The list this export mirrors. */
  list: string;
  /** The list's filters plus `format`; unknown fields refused, as on the list. */
  query: TObject;
  item: TSchema;
  policy: ReturnType<typeof tenantRoute>;
  /** Checks the filters as the list does (throws before any row is read), then reads the rows a page at a time. */
  pages(ctx: ExportContext, filters: Record<string, unknown>, pageSize: number): AsyncGenerator<unknown[]>;
  /** How many rows the export holds (the list's own total), for progress. */
  total(ctx: ExportContext, filters: Record<string, unknown>): Promise<number>;
}

/** The list's querystring without its paging fields, plus `format`. */
function exportQuery(list: TObject): TObject {
  const { limit: _limit, offset: _offset, ...filters } = list.properties;
  return Type.Object(
    {
      ...filters,
      format: Type.Optional(StringEnum(EXPORT_FORMATS, { default: 'csv', description: 'csv (default, UTF-8 with BOM) or parquet (typed columns)' })),
    },
    { additionalProperties: false },
  );
}

type Filters<Q extends TObject> = Omit<Static<Q>, 'limit' | 'offset'>;

function kind<Q extends TObject>(spec: {
  list: string;
  listQuery: Q;
  item: TSchema;
  policy: ReturnType<typeof tenantRoute>;
  pages(ctx: ExportContext, filters: Filters<Q>, pageSize: number): AsyncGenerator<unknown[]>;
  total(ctx: ExportContext, filters: Filters<Q>): Promise<number>;
}): KindSpec {
  // The querystring validator has shaped `filters` to the list's schema by the time they get here.
  return {
    list: spec.list,
    query: exportQuery(spec.listQuery),
    item: spec.item,
    policy: spec.policy,
    pages: (ctx, filters, pageSize) => spec.pages(ctx, filters as Filters<Q>, pageSize),
    total: (ctx, filters) => spec.total(ctx, filters as Filters<Q>),
  };
}

const ONE = { limit: 1, offset: 0 } as const;

export const KINDS: Record<ExportKind, KindSpec> = {
  inventory: kind({
    list: '/api/v1/inventory',
    listQuery: InventoryQuery,
    item: InventoryItemSchema,
    policy: tenantRoute('inventory:read', { feature: 'inventory' }),
    pages: ({ tdb }, f, n) => inventory.inventoryPages(tdb, f, n),
    total: async ({ tdb }, f) => (await inventory.listInventory(tdb, { ...f, ...ONE })).total,
  }),
  movements: kind({
    list: '/api/v1/inventory/movements',
    listQuery: MovementQuery,
    item: MovementSchema,
    policy: tenantRoute('inventory:read', { feature: 'inventory' }),
    pages: ({ tdb, tenant }, f, n) => inventory.movementPages(tdb, tenant, f, n),
    total: async ({ tdb, tenant }, f) => (await inventory.listMovements(tdb, tenant, { ...f, ...ONE })).total,
  }),
  sales: kind({
    list: '/api/v1/sales',
    listQuery: SalesQuerySchema,
    item: SaleLineSchema,
    policy: tenantRoute('sales:read', { feature: 'sales' }),
    pages: ({ tdb }, f, n) => sales.salesPages(tdb, f, n),
    total: async ({ tdb }, f) => (await sales.listSales(tdb, { ...f, ...ONE })).total,
  }),
  orders: kind({
    list: '/api/v1/orders',
    listQuery: OrderListQuery,
    item: OrderSummarySchema,
    policy: tenantRoute('orders:read'),
    pages: ({ tdb, tenant }, f, n) => orders.orderPages(tenant, tdb, f, n),
    total: async ({ tdb, tenant }, f) => (await orders.listOrders(tenant, tdb, { ...f, ...ONE })).total,
  }),
  products: kind({
    list: '/api/v1/products',
    listQuery: ProductQuery,
    item: ProductSchema,
    policy: tenantRoute('catalog:read'),
    pages: ({ tdb }, f, n) => catalog.productPages(tdb, f, n),
    total: async ({ tdb }, f) => (await catalog.listProducts(tdb, { ...f, ...ONE })).total,
  }),
  stores: kind({
    list: '/api/v1/stores',
    listQuery: StoreQuery,
    item: StoreSchema,
    policy: tenantRoute('catalog:read'),
    pages: ({ tdb }, f, n) => catalog.storePages(tdb, f, n),
    total: async ({ tdb }, f) => (await catalog.listStores(tdb, { ...f, ...ONE })).total,
  }),
  suppliers: kind({
    list: '/api/v1/suppliers',
    listQuery: SupplierQuery,
    item: SupplierSchema,
    policy: tenantRoute('catalog:read'),
    pages: ({ tdb }, f, n) => catalog.supplierPages(tdb, f, n),
    total: async ({ tdb }, f) => (await catalog.listSuppliers(tdb, { ...f, ...ONE })).total,
  }),
};

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}
