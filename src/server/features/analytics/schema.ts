/** Schemas of the stock insights. */
import { Type, type Static } from 'typebox';
import { Money, StringEnum, Uuid } from '../../http/schemas.js';

// Shared schemas with a description of their own here (spreading a TypeBox schema would drop its kind).
const patternOf = (schema: object) => (schema as { pattern: string }).pattern;
const date = (description: string) => Type.String({ format: 'date', description });
const uuid = (description: string) => Type.String({ format: 'uuid', pattern: patternOf(Uuid), description });
const money = (description: string) => Type.String({ pattern: patternOf(Money), description });

export const INSIGHT_KINDS = ['out_of_stock', 'will_run_out', 'dead_stock', 'overstock', 'anomaly', 'margin_erosion'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export const InsightsQuerySchema = Type.Object(
  {
    store_id: Type.Optional(uuid('One store; default all')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Insights returned, highest impact first (1–100)' })),
  },
  { additionalProperties: false },
);
export type InsightsQuery = Static<typeof InsightsQuerySchema>;

export const INSIGHT_SOURCES = ['forecast', 'run_rate'] as const;
export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export const XYZ_CLASSES = ['X', 'Y', 'Z'] as const;

export const InsightSchema = Type.Object({
  kind: StringEnum(INSIGHT_KINDS),
  product_id: Uuid,
  sku: Type.String(),
  name: Type.String(),
  store_id: Uuid,
  store_name: Type.String(),
  numbers: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()]), {
    description:
      'The figures behind the insight (numbers rounded to 2 decimals, money as decimal strings). From forecasts (source `forecast`): ' +
      'will_run_out: on_hand, days_to_stockout, delivery_in_days, delivery_date, days_without_stock, units_short. ' +
      'out_of_stock: days_out, daily_mean, lost_units. overstock: on_hand, days_of_cover (null: no forecast demand), threshold_days, need_units, excess_units. ' +
      'dead_stock: on_hand, days_since_sale (null: never sold), threshold_days. anomaly: direction (spike | drop), actual, expected, residual, score, scale. ' +
      'margin_erosion: old_cost, new_cost, old_price, new_price, cost_change_pct, price_change_pct, old_margin_pct, new_margin_pct, units_sold. ' +
      'From run rates (source `run_rate`): out_of_stock: stock, avg_daily_units, days_out, price, lost_units. ' +
      'will_run_out: stock, avg_daily_units, days_of_cover, stockout_date, price. dead_stock: stock, unit_cost, days_without_sales. ' +
      'overstock: stock, avg_daily_units, days_of_cover, excess_units, unit_cost.',
  }),
  impact: money('Money at stake in the tenant\'s currency (lost sales, sales at risk, stock value tied up, the units off expectation, or margin lost); the ranking key'),
  text: Type.String({ description: 'The insight in one sentence, in the tenant\'s language (Spanish for an `es` locale, else English), numbers formatted for its locale' }),
  date: Type.Union([date('The day the insight is about: stock-out date, day the shelf went empty, last sale, or the unusual day'), Type.Null()]),
  abc: StringEnum(ABC_CLASSES, { description: 'ABC class of the product by revenue over the last 13 weeks, all stores (A: top 80 %, B: next 15 %, C: the rest)' }),
  xyz: Type.Union([StringEnum(XYZ_CLASSES, { description: 'XYZ class by the variation of weekly units over the last 13 weeks (X: CV < 0.5, Y: < 1, Z: the rest or no demand)' }), Type.Null()], {
    description: 'XYZ class; null when the product was not classified',
  }),
});
export type Insight = Static<typeof InsightSchema>;

export const InsightsSchema = Type.Object({
  as_of: date('Today in the tenant\'s time zone'),
  source: StringEnum(INSIGHT_SOURCES, { description: '`forecast` when the tenant has a finished forecasting run, else `run_rate` (28-day sales averages)' }),
  currency: Type.String({ description: 'The currency of every amount' }),
  total: Type.Integer({ description: 'Insights found before the limit' }),
  items: Type.Array(InsightSchema),
  classes: Type.Record(Type.String({ pattern: '^[ABC][XYZ]$' }), Type.Integer({ minimum: 1 }), {
    description: 'Products per ABC–XYZ cell over the last 13 weeks (all stores; products stocked or sold), e.g. { "AX": 12, "CZ": 3 }; empty cells are left out',
  }),
});
export type Insights = Static<typeof InsightsSchema>;
