/** Schemas of the stock insights. */
import { Type, type Static } from 'typebox';
import { Money, StringEnum, Uuid } from '../../http/schemas.js';

// Shared schemas with a description of their own here (spreading a TypeBox schema would drop its kind).
const patternOf = (schema: object) => (schema as { pattern: string }).pattern;
const date = (description: string) => Type.String({ format: 'date', description });
const uuid = (description: string) => Type.String({ format: 'uuid', pattern: patternOf(Uuid), description });
const money = (description: string) => Type.String({ pattern: patternOf(Money), description });

export const INSIGHT_KINDS = ['out_of_stock', 'will_run_out', 'dead_stock', 'overstock'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export const InsightsQuerySchema = Type.Object(
  {
    store_id: Type.Optional(uuid('One store; default all')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Insights returned, highest impact first (1–100)' })),
  },
  { additionalProperties: false },
);
export type InsightsQuery = Static<typeof InsightsQuerySchema>;

export const InsightSchema = Type.Object({
  kind: StringEnum(INSIGHT_KINDS),
  product_id: Uuid,
  sku: Type.String(),
  name: Type.String(),
  store_id: Uuid,
  store_name: Type.String(),
  numbers: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()]), {
    description:
      'The figures behind the insight, for the SPA to word it. out_of_stock: stock, avg_daily_units, days_out, price, lost_units. ' +
      'will_run_out: stock, avg_daily_units, days_of_cover, stockout_date, price. dead_stock: stock, unit_cost, days_without_sales. ' +
      'overstock: stock, avg_daily_units, days_of_cover, excess_units, unit_cost. Money as decimal strings, units and days as numbers.',
  }),
  impact: money('Money at stake in the tenant\'s currency (lost sales, sales at risk, or stock value tied up); the ranking key'),
});
export type Insight = Static<typeof InsightSchema>;

export const InsightsSchema = Type.Object({
  as_of: date('Today in the tenant\'s time zone'),
  currency: Type.String({ description: 'The currency of every amount' }),
  total: Type.Integer({ description: 'Insights found before the limit' }),
  items: Type.Array(InsightSchema),
});
export type Insights = Static<typeof InsightsSchema>;
