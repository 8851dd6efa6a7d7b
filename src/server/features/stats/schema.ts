/** GET /api/v1/stats: the dashboard's numbers for a period and optionally one store. */
import { Type, type Static } from 'typebox';
import { Money, Uuid } from '../../http/schemas.js';
import { TaxesSchema } from '../sales/taxes.js';

const date = (description: string) => Type.String({ format: 'date', description });

export const StatsQuerySchema = Type.Object(
  {
    from: Type.Optional(date('First business date (default: 29 days before `to`)')),
    to: Type.Optional(date('Last business date (default: today in the tenant\'s time zone)')),
    store_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuerySchema>;

const Amounts = {
  revenue: Money,
  units: Type.Integer(),
  tickets: Type.Integer(),
};

export const StatsSchema = Type.Object({
  currency: Type.String({ description: 'The tenant\'s currency: every amount below is in it' }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  store_id: Type.Union([Uuid, Type.Null()]),
  revenue: Money,
  units: Type.Integer(),
  tickets: Type.Integer(),
  average_ticket: Money,
  cost: Money,
  gross_margin: Money,
  gross_margin_pct: Type.Union([Type.Number(), Type.Null()], { description: 'gross_margin / revenue × 100, one decimal; null without revenue' }),
  inventory_value: Type.String({ pattern: '^-?\\d{1,16}(\\.\\d{1,2})?$', description: 'Current stock × unit cost (for the store, or all stores)' }),
  low_stock_count: Type.Integer({ description: 'Stock rows with quantity ≤ min_stock (out-of-stock rows included)' }),
  out_of_stock_count: Type.Integer({ description: 'Stock rows with quantity 0' }),
  daily: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), ...Amounts }), { description: 'Every day of the period, zero-filled' }),
  by_store: Type.Array(Type.Object({ store_id: Uuid, store_name: Type.String(), ...Amounts })),
  by_category: Type.Array(Type.Object({ category: Type.String(), revenue: Money, units: Type.Integer(), margin: Money })),
  top_products: Type.Array(Type.Object({ product_id: Uuid, sku: Type.String(), name: Type.String(), revenue: Money, units: Type.Integer() }), {
    description: 'The 10 best sellers by revenue',
  }),
  taxes: Type.Union([TaxesSchema, Type.Null()], {
    description:
      'Venezuelan taxes of the period (null when showVenezuelanTaxes is off): net sales per IVA category (the products\' current ' +
      'categories) and IVA per rate on those bases; IGTF on the lines sold in a foreign currency, with their IVA. Computed on the ' +
      'period\'s bases, so it may differ by a few céntimos from the sum of the tickets\' own figures.',
  }),
});
export type Stats = Static<typeof StatsSchema>;
