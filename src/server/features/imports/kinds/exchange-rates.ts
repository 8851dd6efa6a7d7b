/**
 * Official daily rates, by (currency, date): 1 unit of `currency` is worth `rate` units of the
 * tenant's currency. A known (currency, date) takes the file's rate.
 */
import type { KindSpec } from './columns.js';
import { rejectDuplicates, rejectRows, TENANT_GUARD, upsert } from './sql.js';

export const exchangeRatesKind: KindSpec = {
  kind: 'exchange_rates',
  naturalKey: ['currency', 'date'],
  columns: [
    { name: 'date', type: 'date', required: true, aliases: ['fecha', 'rate_date', 'dia', 'valid_on'], description: 'Day the rate applies to', examples: ['2026-11-26', '27/11/2026'] },
    { name: 'currency', type: 'currency', required: true, aliases: ['moneda', 'divisa', 'currency_code', 'codigo_moneda'], description: 'Currency code (ISO 4217, e.g. USD)', examples: ['USD', 'USD'] },
    { name: 'rate', type: 'decimal', required: true, scale: 6, min: 0.000001, aliases: ['tasa', 'tipo_de_cambio', 'cambio', 'valor', 'exchange_rate', 'tasa_bcv'], description: "Units of the tenant's currency per unit of `currency`", examples: ['245,67', '246,12'] },
    { name: 'source', type: 'text', maxLength: 50, aliases: ['fuente', 'origen'], description: 'Source (default BCV)', examples: ['BCV', 'BCV'] },
  ],
  async apply(ctx, staging) {
    await rejectDuplicates(ctx, staging, ['currency', 'date'], 'currency and date');
    await rejectRows(
      ctx,
      'invalid_value',
      'currency',
      's.currency',
      `FROM ${staging} s WHERE ${TENANT_GUARD} AND s.currency = $2`,
      () => `A rate for the tenant's own currency (${ctx.baseCurrency}) is always 1.`,
      [ctx.baseCurrency],
    );
    const counts = await upsert(ctx, staging, {
      table: 'exchange_rates',
      key: [
        { column: 'currency', staging: 'currency' },
        { column: 'rate_date', staging: 'date' },
      ],
      fields: [
        { column: 'rate', expr: 's.rate', source: 'rate' },
        { column: 'source', expr: 's.source', source: 'source', insertDefault: "'BCV'" },
        { column: 'created_by', expr: 'CAST(NULL AS VARCHAR)', source: 'never', insertDefault: '$3' },
      ],
      timestamps: 'created',
      insertParams: [ctx.actor],
    });
    return { ...counts, created_references: 0 };
  },
};
