/** Schemas of the analytics endpoints: the demand forecast of a product and the stock insights. */
import { Type, type Static } from 'typebox';
import { Money, StringEnum, Uuid } from '../../http/schemas.js';

// Shared schemas with a description of their own here (spreading a TypeBox schema would drop its kind).
const patternOf = (schema: object) => (schema as { pattern: string }).pattern;
const date = (description: string) => Type.String({ format: 'date', description });
const uuid = (description: string) => Type.String({ format: 'uuid', pattern: patternOf(Uuid), description });
const money = (description: string) => Type.String({ pattern: patternOf(Money), description });

export const ForecastQuerySchema = Type.Object(
  {
    product_id: Uuid,
    store_id: Type.Optional(uuid('One store; default all stores together')),
  },
  { additionalProperties: false },
);
export type ForecastQuery = Static<typeof ForecastQuerySchema>;

export const ForecastSchema = Type.Object({
  product: Type.Object({ id: Uuid, sku: Type.String(), name: Type.String() }),
  store: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()], { description: 'null: all stores together' }),
  method: Type.Literal('seasonal_mean_4w', {
    description: 'Run-rate placeholder: each day\'s forecast is the mean of the same weekday over the last 4 complete weeks',
  }),
  as_of: date('Today in the tenant\'s time zone: history ends the day before, the forecast starts today'),
  history_days: Type.Integer(),
  horizon_days: Type.Integer(),
  band: Type.Number({ description: 'Coverage of [low, high]: 0.8 (mean ± 1.28 × standard deviation of the same-weekday values)' }),
  history: Type.Array(Type.Object({ date: date('Business date'), units: Type.Integer() }), { description: 'Units sold per day, zero-filled, oldest first' }),
  forecast: Type.Array(
    Type.Object({
      date: date('Business date'),
      units: Type.Number({ description: 'Expected units (2 decimals)' }),
      low: Type.Number({ description: 'Lower end of the 80 % band, never below 0' }),
      high: Type.Number({ description: 'Upper end of the 80 % band' }),
    }),
  ),
  stock: Type.Integer({ description: 'Units on hand now (the store, or all stores)' }),
  days_of_cover: Type.Union([Type.Number(), Type.Null()], { description: 'stock ÷ mean forecast per day (1 decimal); null when nothing is expected to sell' }),
  stockout_date: Type.Union([date('First day the forecast demand reaches the stock (today when there is none)'), Type.Null()], {
    description: 'null: the stock lasts beyond the horizon',
  }),
});
export type Forecast = Static<typeof ForecastSchema>;

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
