/** Stores, suppliers and products: what the API returns and the filters each list accepts. */
import { Type, type Static, type TSchema } from 'typebox';
import { IsoDateTime, Money, PageQuery, SortOrder, StringEnum, Uuid } from '../../http/schemas.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Free-text search; blank means no filter. `%`, `_` and `\` match themselves. */
const Search = (fields: string) =>
  Type.Optional(Type.String({ maxLength: 100, description: `Case-insensitive text contained in ${fields}` }));

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** Endpoints without query parameters still refuse unknown ones. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

// --- stores -------------------------------------------------------------------------------

export const StoreSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  city: Nullable(Type.String()),
  address: Nullable(Type.String()),
  active: Type.Boolean(),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
});
export type Store = Static<typeof StoreSchema>;

export const StoreQuery = Type.Object(
  {
    q: Search('the name, code or city'),
    active: Type.Optional(Type.Boolean({ description: 'true: open stores only; false: closed ones only' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type StoreQuery = Static<typeof StoreQuery>;

// --- suppliers ----------------------------------------------------------------------------

export const SupplierSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  lead_time_days: Type.Integer(),
  active: Type.Boolean(),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
});
export type Supplier = Static<typeof SupplierSchema>;

export const SupplierQuery = Type.Object(
  {
    q: Search('the name or code'),
    active: Type.Optional(Type.Boolean({ description: 'true: active suppliers only; false: inactive ones only' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type SupplierQuery = Static<typeof SupplierQuery>;

// --- products -----------------------------------------------------------------------------

export const TAX_CATEGORIES = ['general', 'reduced', 'exempt'] as const;
export const PRODUCT_SORTS = ['name', 'sku', 'category', 'price'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const ProductSchema = Type.Object({
  id: Uuid,
  sku: Type.String(),
  barcode: Nullable(Type.String()),
  name: Type.String(),
  category: Type.String(),
  unit: Type.String(),
  pack_size: Type.Integer(),
  price: Money,
  cost: Money,
  tax_category: StringEnum(TAX_CATEGORIES),
  supplier_id: Nullable(Uuid),
  lead_time_days: Nullable(Type.Integer()),
  active: Type.Boolean(),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
});
export type Product = Static<typeof ProductSchema>;

export const ProductDetailSchema = Type.Object({
  ...ProductSchema.properties,
  supplier_name: Nullable(Type.String()),
  total_stock: Type.Integer({ description: 'Units on hand over all stores' }),
});
export type ProductDetail = Static<typeof ProductDetailSchema>;

export const ProductQuery = Type.Object(
  {
    q: Search('the name, SKU or barcode'),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact category' })),
    supplier_id: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean({ description: 'true: active products only; false: discontinued ones only' })),
    sort: Type.Optional(StringEnum(PRODUCT_SORTS, { default: 'name' })),
    order: SortOrder,
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ProductQuery = Static<typeof ProductQuery>;

export const CategorySchema = Type.Object({
  category: Type.String(),
  product_count: Type.Integer({ description: 'Products in the category' }),
  active_count: Type.Integer({ description: 'Of which active' }),
});
export type Category = Static<typeof CategorySchema>;

export const CategoryList = Type.Object({ items: Type.Array(CategorySchema) });
export type CategoryList = Static<typeof CategoryList>;
