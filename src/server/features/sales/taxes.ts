/**
 * Venezuelan taxes in API answers (tickets and the sales report), where the tenant setting
 * `showVenezuelanTaxes` is on. The arithmetic is src/shared/taxes.ts; this file maps sales lines
 * to it and its result to the API's snake_case shape, with the rates used, so clients label the
 * figures without knowing the rates themselves.
 */
import { Type, type Static } from 'typebox';
import { Money } from '../../http/schemas.js';
import { computeTicketTaxes, VE_TAXES, type TaxLine, type TaxRates, type TicketTaxes } from '../../../shared/taxes.js';
import type { TenantContext } from '../tenants/schema.js';

const patternOf = (schema: object) => (schema as { pattern: string }).pattern;
const amount = (description: string) => Type.String({ pattern: patternOf(Money), description });
const percent = (description: string) => Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,4})?$', description });

export const TaxesSchema = Type.Object(
  {
    currency: Type.String({ description: 'The tenant\'s currency: every amount here is in it' }),
    rates: Type.Object({
      iva_general: percent('IVA general rate, percent'),
      iva_reduced: percent('IVA reduced rate, percent'),
      igtf: percent('IGTF rate on payments in foreign currency, percent'),
    }),
    bases: Type.Object(
      { general: amount('Net amount taxed at the general rate'), reduced: amount('Net amount taxed at the reduced rate'), exempt: amount('Net amount exempt from IVA') },
      { description: 'Base imponible per tax category (the products\' current tax categories; prices are net of IVA)' },
    ),
    iva: Type.Object({ general: amount('IVA at the general rate'), reduced: amount('IVA at the reduced rate') }, {
      description: 'IVA per rate, each rounded to the céntimo on its category\'s base',
    }),
    iva_total: amount('IVA general + reduced'),
    subtotal: amount('Σ bases: the amount before taxes'),
    igtf_base: amount('The amount paid in foreign currency (lines sold in a currency other than the tenant\'s, IVA included)'),
    igtf: amount('IGTF on igtf_base'),
    total: amount('subtotal + iva_total + igtf'),
  },
  { description: 'Venezuelan taxes; null when the tenant\'s showVenezuelanTaxes setting is off' },
);
export type Taxes = Static<typeof TaxesSchema>;

/** The rate table the tenant's taxes are computed with. One table today: Venezuela's. */
export function taxRatesOf(_tenant: TenantContext): TaxRates {
  return VE_TAXES;
}

export function showsTaxes(tenant: TenantContext): boolean {
  return tenant.settings.showVenezuelanTaxes;
}

function toApi(t: TicketTaxes, currency: string, rates: TaxRates): Taxes {
  return {
    currency,
    rates: { iva_general: rates.iva.general, iva_reduced: rates.iva.reduced, igtf: rates.igtf },
    bases: t.bases,
    iva: t.iva,
    iva_total: t.ivaTotal,
    subtotal: t.subtotal,
    igtf_base: t.igtfBase,
    igtf: t.igtf,
    total: t.total,
  };
}

/**
 * Taxes of lines in the tenant's currency, `foreign` of them paid in a foreign currency: IGTF
 * applies to what those lines cost with their IVA (the taxes of the foreign lines alone).
 */
export function taxesOf(tenant: TenantContext, lines: readonly TaxLine[], foreign: readonly TaxLine[]): Taxes {
  const rates = taxRatesOf(tenant);
  const paidForeign = foreign.length === 0 ? [] : [{ amount: computeTicketTaxes(foreign, [], rates).total, foreign: true }];
  return toApi(computeTicketTaxes(lines, paidForeign, rates), tenant.settings.currency, rates);
}
