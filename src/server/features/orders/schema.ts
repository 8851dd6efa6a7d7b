/** Purchase orders to suppliers: request and response shapes, and the domain types behind them. */
import { Type, type Static } from 'typebox';
import { Currency, IsoDate, IsoDateTime, Money, Page, PageQuery, StringEnum, Uuid } from '../../http/schemas.js';

export const ORDER_STATUSES = ['draft', 'submitted', 'received', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const MAX_ORDER_LINES = 500;
export const MAX_LINE_QUANTITY = 1_000_000;
/** A receipt may record up to this many times the ordered quantity (over-deliveries happen; typos of 100× should not). */
export const MAX_RECEIPT_FACTOR = 10;

/**
 * A unit cost as the client sends it. At most 99 999 999.99 because receipts copy it into
 * inventory.unit_cost, a DECIMAL(10,2) the customer specified.
 */
const UnitCost = Type.String({
  pattern: '^\\d{1,8}(\\.\\d{1,2})?$',
  description: 'Cost of one unit, an exact decimal string ≤ 99999999.99, e.g. "30.00". Defaults to the product\'s cost.',
});

/** Free text stored as given; NUL is refused because PostgreSQL cannot store it in text columns. */
const Notes = Type.String({ maxLength: 1000, pattern: '^[^\\u0000]*$', description: 'Free text for the supplier or the store, ≤ 1000 characters' });

export const OrderListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(ORDER_STATUSES, { description: 'Only orders in this status' })),
    supplier_id: Type.Optional(Uuid),
    store_id: Type.Optional(Uuid),
    from: Type.Optional(Type.String({ format: 'date', description: 'Created on or after this day (YYYY-MM-DD, tenant time zone)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Created on or before this day (YYYY-MM-DD, tenant time zone)' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type OrderListQuery = Static<typeof OrderListQuery>;

export const OrderParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const NewOrderLine = Type.Object(
  {
    product_id: Uuid,
    quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY, description: 'Units ordered' }),
    unit_cost: Type.Optional(UnitCost),
  },
  { additionalProperties: false },
);

export const CreateOrderBody = Type.Object(
  {
    supplier_id: Uuid,
    store_id: Uuid,
    expected_date: Type.Optional(Type.String({ format: 'date', description: 'Day the goods are expected, YYYY-MM-DD' })),
    notes: Type.Optional(Notes),
    lines: Type.Array(NewOrderLine, {
      minItems: 1,
      maxItems: MAX_ORDER_LINES,
      description: `1–${MAX_ORDER_LINES} lines, each product at most once`,
    }),
  },
  { additionalProperties: false },
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;

const ReceiptLine = Type.Object(
  {
    line: Type.Integer({ minimum: 1, maximum: 1000, description: 'Line number of the order' }),
    quantity: Type.Integer({
      minimum: 0,
      maximum: MAX_LINE_QUANTITY * MAX_RECEIPT_FACTOR,
      description: `Units that arrived: 0 up to ${MAX_RECEIPT_FACTOR}× the quantity ordered`,
    }),
  },
  { additionalProperties: false },
);

export const ReceiveOrderBody = Type.Object(
  {
    lines: Type.Optional(
      Type.Array(ReceiptLine, {
        maxItems: 1000,
        description: 'What actually arrived, by line. Lines not listed arrived exactly as ordered; list a line with 0 if none of it came.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ReceiveOrderBody = Static<typeof ReceiveOrderBody>;

/** No fields: a query string or body that must be empty when sent. */
export const NoFields = Type.Object({}, { additionalProperties: false });

const Ref = Type.Object({ id: Uuid, name: Type.String() });
const NullableDate = Type.Union([IsoDate, Type.Null()]);
const NullableInstant = Type.Union([IsoDateTime, Type.Null()]);

export const OrderSummarySchema = Type.Object({
  id: Uuid,
  number: Type.Integer({ description: 'Per-tenant sequence number' }),
  reference: Type.String({ description: 'The number as people quote it, e.g. PO-000123' }),
  status: StringEnum(ORDER_STATUSES),
  supplier: Ref,
  store: Ref,
  currency: Currency,
  total: Money,
  line_count: Type.Integer(),
  expected_date: NullableDate,
  notes: Type.Union([Type.String(), Type.Null()]),
  created_by: Type.String(),
  created_at: IsoDateTime,
  submitted_at: NullableInstant,
  received_at: NullableInstant,
  cancelled_at: NullableInstant,
});
export type OrderSummary = Static<typeof OrderSummarySchema>;

export const OrderLineSchema = Type.Object({
  line: Type.Integer(),
  product: Type.Object({ id: Uuid, sku: Type.String(), name: Type.String() }),
  quantity: Type.Integer(),
  unit_cost: Money,
  line_total: Money,
  received_quantity: Type.Union([Type.Integer(), Type.Null()], { description: 'Units received; null until the order is received' }),
});
export type OrderLine = Static<typeof OrderLineSchema>;

export const OrderDetailSchema = Type.Object({
  ...OrderSummarySchema.properties,
  lines: Type.Array(OrderLineSchema),
});
export type OrderDetail = Static<typeof OrderDetailSchema>;

export const OrderPageSchema = Page(OrderSummarySchema);

export function orderReference(number: number): string {
  return `PO-${String(number).padStart(6, '0')}`;
}
