/** Sales (ventas): one row per ticket line. Schemas for the list, the ticket and a new sale. */
import { Type, type Static } from 'typebox';
import { Currency, IsoDate, IsoDateTime, Money, PageQuery, StringEnum, Uuid } from '../../http/schemas.js';
import { TAX_CATEGORIES } from '../../../shared/taxes.js';
import { TaxesSchema } from './taxes.js';

// Shared schemas with a description of their own here (spreading a TypeBox schema would drop its kind).
const date = (description: string) => Type.String({ format: 'date', description });
const patternOf = (schema: object) => (schema as { pattern: string }).pattern;
const amount = (description: string) => Type.String({ pattern: patternOf(Money), description });
const currency = (description: string) => Type.String({ pattern: patternOf(Currency), description });

/** The POS's ticket id: what a receipt prints and an export carries. */
export const TICKET_PATTERN = '^[A-Za-z0-9._-]{1,64}$';
const ticketId = (description: string) => Type.String({ pattern: TICKET_PATTERN, minLength: 1, maxLength: 64, description });
export const TicketId = ticketId('Ticket id: 1–64 letters, digits, dot, underscore or hyphen');

/**
 * A price or discount as sent by a client: non-negative, at most 10 integer digits, so that
 * 100 000 units of it still fit the DECIMAL(18,2) columns and their sums.
 */
const priceInput = (description: string) => Type.String({ pattern: '^\\d{1,10}(\\.\\d{1,2})?$', maxLength: 13, description });

export const MAX_LINES = 500;
export const MAX_QUANTITY = 100_000;

const StoreRef = Type.Object({ id: Uuid, name: Type.String() });
const ProductRef = Type.Object({ id: Uuid, sku: Type.String(), name: Type.String() });

export const SaleLineSchema = Type.Object({
  ticket: Type.String(),
  line: Type.Integer({ minimum: 1 }),
  store: StoreRef,
  product: ProductRef,
  fecha_venta: IsoDateTime,
  business_date: date('Calendar day of the sale in the tenant\'s time zone'),
  quantity: Type.Integer({ minimum: 1 }),
  unit_price: Money,
  discount: Money,
  total: amount('quantity × unit_price − discount, in the line\'s currency'),
  currency: Currency,
  tax_category: StringEnum(TAX_CATEGORIES, { description: 'The product\'s (current) IVA category: general, reduced or exempt' }),
});
export type SaleLine = Static<typeof SaleLineSchema>;

export const TicketSchema = Type.Object({
  ticket: Type.String(),
  store: StoreRef,
  fecha_venta: IsoDateTime,
  business_date: IsoDate,
  currency: Currency,
  fx_rate: Type.String({ description: 'Units of the tenant\'s currency per unit of the ticket\'s currency (1 when they are the same)' }),
  lines: Type.Array(SaleLineSchema),
  totals: Type.Object({
    lines: Type.Integer(),
    units: Type.Integer(),
    subtotal: amount('Σ quantity × unit_price'),
    discount: amount('Σ discount'),
    total: amount('subtotal − discount, in the ticket\'s currency'),
    base_currency: currency('The tenant\'s currency'),
    total_base: amount('The total in the tenant\'s currency: each line × fx_rate, rounded to the cent'),
  }),
  taxes: Type.Union([TaxesSchema, Type.Null()], {
    description:
      'Venezuelan taxes of the ticket in the tenant\'s currency (null when showVenezuelanTaxes is off): IVA per category on the net line ' +
      'amounts; a ticket in a foreign currency counts as paid in it, so IGTF applies to its total with IVA',
  }),
});
export type Ticket = Static<typeof TicketSchema>;

export const SalesQuerySchema = Type.Object(
  {
    from: Type.Optional(date('First business date included')),
    to: Type.Optional(date('Last business date included')),
    store_id: Type.Optional(Uuid),
    product_id: Type.Optional(Uuid),
    ticket: Type.Optional(TicketId),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type SalesQuery = Static<typeof SalesQuerySchema>;

export const TicketParamsSchema = Type.Object({ ticket: TicketId }, { additionalProperties: false });

export const NewSaleLineSchema = Type.Object(
  {
    product_id: Uuid,
    quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }),
    unit_price: Type.Optional(priceInput('Non-negative amount, e.g. "45.00". Default: the product\'s current price (converted when the ticket is in another currency)')),
    discount: Type.Optional(priceInput('Discount on the whole line, at most quantity × unit_price. Default 0')),
  },
  { additionalProperties: false },
);

export const NewSaleSchema = Type.Object(
  {
    store_id: Uuid,
    ticket: Type.Optional(ticketId('The POS\'s ticket id ([A-Za-z0-9._-], 1–64); generated when absent. Must not exist yet.')),
    fecha_venta: Type.Optional(Type.String({ format: 'date-time', description: 'Instant of the sale (default now); at most 5 minutes in the future' })),
    currency: Type.Optional(currency('Default: the tenant\'s currency. Another one needs an exchange rate on or before the sale\'s date.')),
    lines: Type.Array(NewSaleLineSchema, { minItems: 1, maxItems: MAX_LINES }),
  },
  { additionalProperties: false },
);
export type NewSale = Static<typeof NewSaleSchema>;
