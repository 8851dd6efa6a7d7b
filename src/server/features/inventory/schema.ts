/** Stock levels, adjustments and the movements ledger: shapes and filters. */
import { Type, type Static, type TSchema } from 'typebox';
import { IsoDate, IsoDateTime, Money, PageQuery, SortOrder, StringEnum, Uuid } from '../../http/schemas.js';
import { MOVEMENT_REASONS } from '../../../store/migrations/001_core.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;
export const NoQuery = Type.Object({}, { additionalProperties: false });

const StoreRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });

// --- stock levels -------------------------------------------------------------------------

export const InventoryItemSchema = Type.Object({
  id: Uuid,
  store: StoreRef,
  product: Type.Object({ id: Uuid, sku: Type.String(), name: Type.String(), category: Type.String(), unit: Type.String() }),
  quantity: Type.Integer(),
  min_stock: Type.Integer(),
  max_stock: Type.Integer(),
  unit_cost: Nullable(Money),
  stock_value: { ...Money, description: 'quantity × unit_cost (0 when the unit cost is unknown)' },
  updated_at: IsoDateTime,
});
export type InventoryItem = Static<typeof InventoryItemSchema>;

export const INVENTORY_SORTS = [
  'product_name', 'sku', 'category', 'store_name', 'quantity', 'min_stock', 'max_stock', 'unit_cost', 'stock_value', 'updated_at',
] as const;
export type InventorySort = (typeof INVENTORY_SORTS)[number];

export const InventoryQuery = Type.Object(
  {
    store_id: Type.Optional(Uuid),
    product_id: Type.Optional(Uuid),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact product category' })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Case-insensitive text contained in the product name, SKU or barcode' })),
    low_stock: Type.Optional(Type.Boolean({ description: 'true: quantity ≤ min_stock; false: quantity > min_stock' })),
    out_of_stock: Type.Optional(Type.Boolean({ description: 'true: quantity = 0; false: quantity > 0' })),
    sort: Type.Optional(StringEnum(INVENTORY_SORTS, { default: 'product_name' })),
    order: SortOrder,
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type InventoryQuery = Static<typeof InventoryQuery>;

// --- movements ----------------------------------------------------------------------------

export const MovementSchema = Type.Object({
  id: Uuid,
  store: StoreRef,
  product: Type.Object({ id: Uuid, sku: Type.String(), name: Type.String() }),
  delta: Type.Integer(),
  quantity_after: Type.Integer(),
  reason: StringEnum(MOVEMENT_REASONS),
  ref_type: Nullable(Type.String()),
  ref_id: Nullable(Type.String()),
  actor: Type.String(),
  note: Nullable(Type.String()),
  created_at: IsoDateTime,
});
export type Movement = Static<typeof MovementSchema>;

export const MovementQuery = Type.Object(
  {
    store_id: Type.Optional(Uuid),
    product_id: Type.Optional(Uuid),
    reason: Type.Optional(StringEnum(MOVEMENT_REASONS)),
    from: Type.Optional({ ...IsoDate, description: 'First day, inclusive, in the tenant\'s time zone' }),
    to: Type.Optional({ ...IsoDate, description: 'Last day, inclusive, in the tenant\'s time zone' }),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type MovementQuery = Static<typeof MovementQuery>;

// --- adjustments --------------------------------------------------------------------------

/** Reasons a person may give for a manual change; sales, receipts and imports have their own paths. */
export const ADJUSTMENT_REASONS = ['count', 'damage', 'theft', 'expiry', 'correction', 'return'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
/** Reasons that can only take stock away. */
export const REMOVAL_REASONS: ReadonlySet<AdjustmentReason> = new Set(['damage', 'theft', 'expiry']);

export const MAX_ADJUSTMENT = 1_000_000;

export const AdjustmentBody = Type.Object(
  {
    store_id: Uuid,
    product_id: Uuid,
    delta: Type.Integer({
      minimum: -MAX_ADJUSTMENT,
      maximum: MAX_ADJUSTMENT,
      description: 'Units added (positive) or removed (negative); not zero',
    }),
    reason: StringEnum(ADJUSTMENT_REASONS, { description: 'damage, theft and expiry only remove stock' }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type AdjustmentBody = Static<typeof AdjustmentBody>;

export const AdjustmentResult = Type.Object({
  movement: MovementSchema,
  quantity: Type.Integer({ description: 'Stock of the product in the store after the adjustment' }),
});
export type AdjustmentResult = Static<typeof AdjustmentResult>;
