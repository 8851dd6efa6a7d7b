/** Exchange rates: schemas of the list, the rate of a day and the upsert. */
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../http/schemas.js';

const date = (description: string) => Type.String({ format: 'date', description });
const currency = (description: string) => Type.String({ pattern: '^[A-Z]{3}$', description });

/** A stored rate: 6 decimals, as DECIMAL(18, 6) keeps it. */
export const RateText = Type.String({ pattern: '^\\d{1,12}\\.\\d{6}$', description: 'Units of the tenant\'s currency per unit of `currency`, 6 decimals, e.g. "36.512300"' });

export const ExchangeRateSchema = Type.Object({
  currency: currency('The foreign currency (ISO 4217), e.g. USD'),
  rate_date: date('The day the rate applies from'),
  rate: RateText,
  source: Type.String({ description: 'Who published it, e.g. BCV' }),
  created_by: Type.Union([Type.String(), Type.Null()], { description: 'Who entered the current value' }),
  created_at: Type.String({ format: 'date-time', description: 'When the current value was entered' }),
});
export type ExchangeRate = Static<typeof ExchangeRateSchema>;

export const RatesQuerySchema = Type.Object(
  {
    currency: Type.Optional(currency('Only this currency')),
    from: Type.Optional(date('First rate date included')),
    to: Type.Optional(date('Last rate date included')),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type RatesQuery = Static<typeof RatesQuerySchema>;

export const CurrentRateQuerySchema = Type.Object(
  {
    currency: currency('The foreign currency, e.g. USD'),
    on: Type.Optional(date('The day asked about (default: today in the tenant\'s time zone)')),
  },
  { additionalProperties: false },
);
export type CurrentRateQuery = Static<typeof CurrentRateQuerySchema>;

export const CurrentRateSchema = Type.Object({
  currency: Type.String(),
  on: date('The day asked about'),
  rate_date: date('The day of the rate that applies: the latest on or before `on`'),
  rate: RateText,
  source: Type.String(),
});
export type CurrentRate = Static<typeof CurrentRateSchema>;

export const RATE_INPUT_PATTERN = '^\\d{1,12}(\\.\\d{1,6})?$';

export const PutRateSchema = Type.Object(
  {
    currency: currency('The foreign currency (3 capital letters), not the tenant\'s own'),
    date: date('The day the rate applies from; at most tomorrow (the BCV publishes the next business day\'s rate)'),
    // Checked by the service, which says what is wrong with it.
    rate: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Number()], {
      description: 'Units of the tenant\'s currency per unit of `currency`: greater than 0, at most 6 decimals, e.g. "36.5123"',
    }),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Who published it (default BCV)' })),
  },
  { additionalProperties: false },
);
export type PutRate = Static<typeof PutRateSchema>;

export const PutRateResultSchema = Type.Object({
  ...ExchangeRateSchema.properties,
  outcome: Type.Union([Type.Literal('created'), Type.Literal('replaced'), Type.Literal('unchanged')], {
    description: 'created: no rate for that day before; replaced: the day had another rate or source; unchanged: the same rate and source were there already',
  }),
  previous_rate: Type.Union([RateText, Type.Null()], { description: 'The day\'s rate before this request, if any' }),
});
export type PutRateResult = Static<typeof PutRateResultSchema>;
