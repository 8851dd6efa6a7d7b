/**
 * ABC–XYZ classes of a set of products over a period.
 *
 * ABC, by revenue: products sorted by revenue, highest first (ties by product id), and walked
 * with the cumulative share of the total revenue *before* each product, c_before:
 *   A  when c_before < 80 %   (the top products making 80 % of revenue; the product that crosses
 *                              80 % is A, so the A set reaches at least 80 %)
 *   B  when c_before < 95 %   (the next 15 %, same rule)
 *   C  otherwise, and always for a revenue ≤ 0 (nothing sold, or returns exceeding sales).
 * A product landing exactly on 80 % closes class A: the next one starts B. Shares are compared
 * in exact cents (c_before · 100 < total · 80).
 *
 * XYZ, by the coefficient of variation of weekly demand, CV = σ / μ with σ the population sd of
 * the weekly units and μ their mean:
 *   X  CV < 0.5   (steady)      Y  0.5 ≤ CV < 1.0      Z  CV ≥ 1.0, or no demand at all (μ = 0).
 */
import { toCents } from '../../shared/money.js';

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';

export interface AbcXyzInput {
  product_id: string;
  /** Revenue over the period, decimal string. */
  revenue: string;
  /** Units sold per week of the period. */
  weekly_units: readonly number[];
}

export interface AbcXyzResult {
  product_id: string;
  abc: AbcClass;
  xyz: XyzClass;
  /** This product's share of the total revenue, 0…1 (0 when the total is 0). */
  revenue_share: number;
  /** Cumulative share up to and including this product in revenue order, 0…1. */
  cumulative_share: number;
  /** Coefficient of variation of weekly units; null without demand. */
  cv: number | null;
}

/** One class per product, in revenue order (highest first, ties by product id). */
export function classifyAbcXyz(products: readonly AbcXyzInput[]): AbcXyzResult[] {
  const ranked = products
    .map((p) => ({ p, cents: toCents(p.revenue) }))
    .sort((a, b) => (a.cents !== b.cents ? (a.cents > b.cents ? -1 : 1) : a.p.product_id < b.p.product_id ? -1 : a.p.product_id > b.p.product_id ? 1 : 0));
  const total = ranked.reduce((sum, r) => sum + (r.cents > 0n ? r.cents : 0n), 0n);
  let before = 0n;
  return ranked.map(({ p, cents }) => {
    const counted = cents > 0n ? cents : 0n;
    const abc: AbcClass = counted === 0n ? 'C' : before * 100n < total * 80n ? 'A' : before * 100n < total * 95n ? 'B' : 'C';
    before += counted;
    const cv = coefficientOfVariation(p.weekly_units);
    return {
      product_id: p.product_id,
      abc,
      xyz: cv === null || cv >= 1 ? 'Z' : cv >= 0.5 ? 'Y' : 'X',
      revenue_share: total > 0n ? Number(counted) / Number(total) : 0,
      cumulative_share: total > 0n ? Number(before) / Number(total) : 0,
      cv,
    };
  });
}

/** σ / μ of the values (population sd), null when their mean is 0 or there are none. Throws RangeError on negative or non-finite units. */
export function coefficientOfVariation(values: readonly number[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`Weekly units must be finite and ≥ 0, got ${v}`);
    sum += v;
  }
  if (sum === 0) return null;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / values.length) / mean;
}

/** ABC classes alone, from revenue per product (in currency units), keyed by product id. */
export function abcClasses(revenue: ReadonlyMap<string, number>): Map<string, AbcClass> {
  const inputs = [...revenue].map(([product_id, value]) => ({ product_id, revenue: (Number.isFinite(value) ? value : 0).toFixed(2), weekly_units: [] }));
  return new Map(classifyAbcXyz(inputs).map((r) => [r.product_id, r.abc]));
}
