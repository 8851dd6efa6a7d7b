/**
 * Venezuelan taxes as the API reports them on a ticket and on /stats (TaxesSchema of
 * src/server/features/sales/taxes.ts; null when the tenant's showVenezuelanTaxes is off).
 * Amounts are decimal strings in the tenant's currency; rates are percent strings sent with them.
 */
export interface Taxes {
  currency: string;
  rates: { iva_general: string; iva_reduced: string; igtf: string };
  bases: { general: string; reduced: string; exempt: string };
  iva: { general: string; reduced: string };
  iva_total: string;
  subtotal: string;
  igtf_base: string;
  igtf: string;
  total: string;
}

/** The rate of a label, in percent (16). */
export function ratePercent(taxes: Taxes, key: 'general' | 'reduced' | 'igtf'): number {
  return Number(key === 'igtf' ? taxes.rates.igtf : taxes.rates[`iva_${key}`]);
}
