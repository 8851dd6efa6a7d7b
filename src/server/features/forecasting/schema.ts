/**
 * Schemas of forecasting and replenishment: a product's forecast with its evidence, the accuracy
 * report, runs, replenishment suggestions and the draft orders made from them.
 */
import { Type, type Static } from 'typebox';
import { Money, Uuid } from '../../http/schemas.js';
import { FORECAST_TRIGGERS } from '../../../store/migrations/007_forecasts.js';

const patternOf = (schema: object) => (schema as { pattern: string }).pattern;
const date = (description: string) => Type.String({ format: 'date', description });
const uuid = (description: string) => Type.String({ format: 'uuid', pattern: patternOf(Uuid), description });
const money = (description: string) => Type.String({ pattern: patternOf(Money), description });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });
const ratio = (description: string) => nullable(Type.Number(), description);

export const MODEL_NAMES = ['seasonal_naive', 'ses', 'holt_winters', 'holt_winters_damped', 'croston', 'sba', 'tsb'] as const;

export const ForecastQuerySchema = Type.Object(
  {
    product_id: Uuid,
    store_id: Type.Optional(uuid('One store; default all stores together')),
  },
  { additionalProperties: false },
);
export type ForecastQuery = Static<typeof ForecastQuerySchema>;

export const AccuracySchema = Type.Object({
  mase: ratio('MASE of the point forecast over the backtest (4 origins in the last 8 weeks, 28 days each); below 1 beats last week\'s same day in-sample'),
  naive_mase: ratio('MASE of the weekly seasonal naive forecast over the same days: the benchmark'),
  bias: ratio('Σ(mean forecast − actual) ÷ Σ actual over the backtest: 0.1 = 10 % too high'),
  coverage80: ratio('Share of backtest days inside the 80 % interval'),
  coverage95: ratio('Share of backtest days inside the 95 % interval'),
  days_scored: Type.Integer({ description: 'Known (not stock-out) backtest days scored' }),
});

export const ForecastSchema = Type.Object({
  product: Type.Object({ id: Uuid, sku: Type.String(), name: Type.String() }),
  store: nullable(Type.Object({ id: Uuid, name: Type.String() }), 'null: all stores together'),
  as_of: date('The run\'s day in the tenant\'s time zone: history ends the day before, the forecast starts on it'),
  run: Type.Object({ id: Uuid, finished_at: Type.String({ format: 'date-time' }) }),
  model: nullable(Type.String({ enum: [...MODEL_NAMES] }), 'The model chosen for the series by backtest; null for all stores together (each store has its own)'),
  params: nullable(Type.Record(Type.String(), Type.Number()), 'The fitted parameters (alpha, beta, gamma, phi); null for all stores together'),
  demand_class: nullable(Type.String({ enum: ['smooth', 'intermittent'] }), 'Smooth or intermittent demand (Syntetos–Boylan); null for all stores together'),
  abc: nullable(Type.String({ enum: ['A', 'B', 'C'] }), 'The product\'s ABC class by revenue'),
  accuracy: AccuracySchema,
  history: Type.Array(
    Type.Object({ date: date('Business date'), units: Type.Integer(), stockout: Type.Boolean({ description: 'The shelf was empty at some point of the day: demand censored, not used by the models' }) }),
    { description: 'The last 56 days, oldest first' },
  ),
  forecast: Type.Array(
    Type.Object({
      date: date('Business date'),
      units: Type.Number({ description: 'Point forecast: the predictive median (2 decimals)' }),
      mean: Type.Number({ description: 'Expected units (the mean; what replenishment adds up)' }),
      low: Type.Number({ description: 'Lower end of the 80 % interval' }),
      high: Type.Number({ description: 'Upper end of the 80 % interval' }),
      low95: Type.Number({ description: 'Lower end of the 95 % interval' }),
      high95: Type.Number({ description: 'Upper end of the 95 % interval' }),
    }),
    { description: '28 days from as_of; for all stores together each figure is the sum over the stores (so the summed bounds are conservative)' },
  ),
  stock: Type.Integer({ description: 'Units on hand now' }),
  days_of_cover: nullable(Type.Number(), 'stock ÷ mean forecast per day (1 decimal); null when nothing is expected to sell'),
  stockout_date: nullable(date('First day the expected demand reaches the stock'), 'null: the stock lasts beyond the horizon'),
});
export type Forecast = Static<typeof ForecastSchema>;

const AggregateSchema = Type.Object({
  n: Type.Integer({ description: 'Series × backtest origins scored' }),
  mase: ratio('Mean MASE of the point forecasts'),
  mean_mase: ratio('Mean MASE of the mean forecasts'),
  naive_mase: ratio('Mean MASE of the weekly seasonal naive forecasts'),
  ratio: ratio('mase ÷ naive_mase: below 1 beats the naive benchmark'),
  coverage80: ratio('Share of backtest days inside the 80 % interval'),
  coverage95: ratio('Share of backtest days inside the 95 % interval'),
});
export type AggregateView = Static<typeof AggregateSchema>;

export const AccuracyReportSchema = Type.Object({
  run: Type.Object({ id: Uuid, as_of: date('Day of the run'), finished_at: Type.String({ format: 'date-time' }), series: Type.Integer(), seconds: Type.Number() }),
  overall: AggregateSchema,
  by_model: Type.Record(Type.String(), AggregateSchema),
  by_abc: Type.Record(Type.String(), AggregateSchema),
  by_demand_class: Type.Record(Type.String(), AggregateSchema),
  by_store: Type.Array(Type.Object({ store_id: Uuid, store_name: Type.String(), series: Type.Integer(), mase: ratio('Mean MASE of its series'), naive_mase: ratio('Mean naive MASE of its series') })),
  models_chosen: Type.Record(Type.String(), Type.Integer(), { description: 'How many series use each model' }),
});
export type AccuracyReport = Static<typeof AccuracyReportSchema>;

export const RunSchema = Type.Object({
  id: Uuid,
  trigger: Type.String({ enum: [...FORECAST_TRIGGERS] }),
  status: Type.String({ enum: ['running', 'succeeded', 'failed'] }),
  as_of: date('Day of the run'),
  series: Type.Integer(),
  error: nullable(Type.String(), 'Why a failed run failed'),
  created_by: Type.String(),
  started_at: Type.String({ format: 'date-time' }),
  finished_at: nullable(Type.String({ format: 'date-time' }), 'null while running'),
  duration_ms: nullable(Type.Integer(), 'null while running'),
});
export const RunListSchema = Type.Object({ items: Type.Array(RunSchema), running: Type.Boolean({ description: 'A run of this tenant is under way in this server' }) });

export const SuggestionsQuerySchema = Type.Object(
  {
    store_id: Type.Optional(uuid('One store; default all')),
    supplier_id: Type.Optional(uuid('One supplier; default all')),
    service_level: Type.Optional(Type.Number({ minimum: 0.5, maximum: 0.999, default: 0.95, description: 'Target cycle service level (0.5–0.999)' })),
    review_period_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 56, default: 7, description: 'Days between two orders (1–56)' })),
    all: Type.Optional(Type.Boolean({ default: false, description: 'Also the rows that need no order' })),
  },
  { additionalProperties: false },
);
export type SuggestionsQuery = Static<typeof SuggestionsQuerySchema>;

export const SuggestionSchema = Type.Object({
  store_id: Uuid,
  store_name: Type.String(),
  product_id: Uuid,
  sku: Type.String(),
  name: Type.String(),
  supplier_id: nullable(Uuid, 'null: the product has no supplier'),
  supplier_name: nullable(Type.String(), 'null: no supplier'),
  model: Type.String(),
  on_hand: Type.Integer(),
  on_order: Type.Integer({ description: 'Units on open (draft or submitted) orders for this store' }),
  lead_time_days: Type.Integer(),
  review_period_days: Type.Integer(),
  service_level: Type.Number(),
  demand_lead_time: Type.Number({ description: 'Expected units over the lead time' }),
  safety_stock: Type.Number(),
  reorder_point: Type.Number(),
  order_up_to: Type.Number(),
  quantity: Type.Integer({ description: 'Suggested units: whole packs' }),
  packs: Type.Integer(),
  pack_size: Type.Integer(),
  days_of_cover: nullable(Type.Number(), 'Days the stock plus this order lasts by the forecast'),
  unit_cost: money('Unit cost'),
  order_cost: money('quantity × unit cost'),
});
export type Suggestion = Static<typeof SuggestionSchema>;

export const SuggestionsSchema = Type.Object({
  as_of: date('Day of the forecast run used'),
  currency: Type.String(),
  total: Type.Integer({ description: 'Rows returned' }),
  order_cost: money('Σ order_cost of the rows'),
  items: Type.Array(SuggestionSchema),
});
export type Suggestions = Static<typeof SuggestionsSchema>;

export const CreateOrdersBodySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          store_id: Uuid,
          product_id: Uuid,
          quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Units to order; default the suggested quantity' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
    service_level: Type.Optional(Type.Number({ minimum: 0.5, maximum: 0.999 })),
    review_period_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 56 })),
  },
  { additionalProperties: false },
);
export type CreateOrdersBody = Static<typeof CreateOrdersBodySchema>;

export const CreatedOrdersSchema = Type.Object({
  orders: Type.Array(Type.Object({ id: Uuid, number: Type.Integer(), reference: Type.String(), supplier_id: Uuid, store_id: Uuid, lines: Type.Integer(), total: money('Order total') })),
});

export const NoFields = Type.Object({}, { additionalProperties: false });
