/**
 * Venezuelan taxes on a sale: IVA per product tax category and IGTF on the part of a payment made
 * in foreign currency. One pure module, shared by the server (ticket totals, the sales report) and
 * the SPA; the rates are data (`VE_TAXES`, or a table passed in), never constants in the code that
 * uses them.
 *
 * The rules, as a Venezuelan fiscal invoice applies them:
 * - Product prices are net of IVA: a line's amount (quantity × unit price − discount) is its
 *   base imponible.
 * - IVA is computed per rate, not per line: the lines' net amounts are summed per tax category
 *   (general, reduced, exempt), and each category's base is multiplied by its rate and rounded to
 *   the céntimo, half away from zero. The invoice prints "base imponible al 16 %" and "IVA 16 %"
 *   the same way. (Rounding line by line can differ by a céntimo or so per line: 0.03 + 0.03 at
 *   16 % is 0.00 + 0.00 line by line, 0.01 on the category base of 0.06.)
 * - Exempt lines carry no IVA: their rate in the table must be 0.
 * - IGTF is charged on the amount paid in foreign currency (US dollars in cash, Zelle…), counted in
 *   the tenant's currency (bolívares), rounded to the céntimo half away from zero. That amount is at
 *   most the total including IVA (change handed back is not a payment), and IGTF is not part of its
 *   own base.
 * - total = subtotal (Σ bases) + IVA + IGTF.
 *
 * Amounts are decimal strings ("1234.50") computed as bigint céntimos (src/shared/money.ts), never
 * floats. Payments are given already in the tenant's currency (convert a dollar payment with
 * `fromForeign` of src/shared/exchange.ts first).
 */
import { fromCents, toCents } from './money.js';

export const TAX_CATEGORIES = ['general', 'reduced', 'exempt'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

/** Rates in percent, as decimal strings ("16", "8", "0", "3"). */
export interface TaxRates {
  /** IVA (impuesto al valor agregado) per product tax category. */
  iva: Readonly<Record<TaxCategory, string>>;
  /** IGTF (impuesto a las grandes transacciones financieras) on payments in foreign currency. */
  igtf: string;
}

/** The rates in force in Venezuela: IVA general 16 %, reduced 8 %, exempt; IGTF 3 %. */
export const VE_TAXES: TaxRates = Object.freeze({
  iva: Object.freeze({ general: '16', reduced: '8', exempt: '0' }),
  igtf: '3',
});

export interface TaxLine {
  /** The line's net amount (quantity × unit price − discount), in the tenant's currency. */
  amount: string;
  taxCategory: TaxCategory;
}

export interface TaxPayment {
  /** The amount paid, in the tenant's currency. */
  amount: string;
  /** Paid in a foreign currency (subject to IGTF). */
  foreign: boolean;
}

export interface TicketTaxes {
  /** Net amounts (base imponible) per tax category. */
  bases: Record<TaxCategory, string>;
  /** IVA per taxed category, each rounded on its category's base. */
  iva: { general: string; reduced: string };
  ivaTotal: string;
  /** Σ bases: the amount before taxes. */
  subtotal: string;
  /** The part of the payments made in foreign currency that IGTF applies to. */
  igtfBase: string;
  igtf: string;
  /** subtotal + ivaTotal + igtf. */
  total: string;
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/** A percentage as numerator / denominator of a fraction of 1: "16" → 16/100, "0.5" → 5/1000. */
function fraction(percent: string, what: string): { num: bigint; den: bigint } {
  const m = PERCENT.exec(percent.trim());
  if (!m) throw new RangeError(`Not a tax rate in percent (${what}): '${percent}'`);
  const decimals = m[2] ?? '';
  return { num: BigInt(m[1]! + decimals), den: 100n * 10n ** BigInt(decimals.length) };
}

/** n ÷ d rounded half away from zero (d > 0). */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  return 2n * (r < 0n ? -r : r) >= d ? q + (n < 0n ? -1n : 1n) : q;
}

/** `percent` % of an amount in céntimos, rounded to the céntimo half away from zero. */
export function percentOf(cents: bigint, percent: string): bigint {
  const { num, den } = fraction(percent, 'rate');
  return divRound(cents * num, den);
}

function checkRates(rates: TaxRates): void {
  for (const c of TAX_CATEGORIES) fraction(rates.iva[c], `IVA ${c}`);
  fraction(rates.igtf, 'IGTF');
  if (fraction(rates.iva.exempt, 'IVA exempt').num !== 0n) throw new RangeError(`Exempt lines carry no IVA: its rate must be 0, not '${rates.iva.exempt}'`);
}

/**
 * IVA per category and IGTF of one ticket (or of any set of lines: a report passes one line per
 * category with the period's net amounts). Throws RangeError on an amount that is not a decimal, an
 * unknown category, a negative payment or a malformed rate table.
 */
export function computeTicketTaxes(lines: readonly TaxLine[], payments: readonly TaxPayment[] = [], rates: TaxRates = VE_TAXES): TicketTaxes {
  checkRates(rates);
  const bases: Record<TaxCategory, bigint> = { general: 0n, reduced: 0n, exempt: 0n };
  for (const line of lines) {
    if (!(TAX_CATEGORIES as readonly string[]).includes(line.taxCategory)) throw new RangeError(`Unknown tax category '${String(line.taxCategory)}'`);
    bases[line.taxCategory] += toCents(line.amount);
  }
  const ivaGeneral = percentOf(bases.general, rates.iva.general);
  const ivaReduced = percentOf(bases.reduced, rates.iva.reduced);
  const subtotal = bases.general + bases.reduced + bases.exempt;
  const ivaTotal = ivaGeneral + ivaReduced;
  const beforeIgtf = subtotal + ivaTotal;

  let foreign = 0n;
  for (const p of payments) {
    const cents = toCents(p.amount);
    if (cents < 0n) throw new RangeError(`A payment cannot be negative: '${p.amount}'`);
    if (p.foreign) foreign += cents;
  }
  // Change handed back is not a payment: IGTF applies to the ticket's total at most.
  const igtfBase = foreign < beforeIgtf ? foreign : beforeIgtf > 0n ? beforeIgtf : 0n;
  const igtf = percentOf(igtfBase, rates.igtf);

  return {
    bases: { general: fromCents(bases.general), reduced: fromCents(bases.reduced), exempt: fromCents(bases.exempt) },
    iva: { general: fromCents(ivaGeneral), reduced: fromCents(ivaReduced) },
    ivaTotal: fromCents(ivaTotal),
    subtotal: fromCents(subtotal),
    igtfBase: fromCents(igtfBase),
    igtf: fromCents(igtf),
    total: fromCents(beforeIgtf + igtf),
  };
}
