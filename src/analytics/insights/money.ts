/**
 * Money of a fractional number of units: units × price, in cents. Forecast units are fractional
 * (12.4 units), prices are exact cents, so the product is computed in integers: the units are
 * fixed to millionths, u = round(units × 10⁶), and
 *   cents = round(u × price_cents / 10⁶)
 * rounded half away from zero to the cent, as src/shared/money.ts rounds.
 */
import { toCents } from '../../shared/money.js';

const MICRO = 1_000_000n;

/** units × price ("12.50") in cents, rounded half away from zero. Throws RangeError on non-finite units. */
export function unitsTimesPrice(units: number, price: string): bigint {
  return unitsTimesCents(units, toCents(price));
}

/** units × an amount already in cents, rounded half away from zero to the cent. */
export function unitsTimesCents(units: number, cents: bigint): bigint {
  if (!Number.isFinite(units)) throw new RangeError(`Not a finite number of units: ${units}`);
  const product = BigInt(Math.round(units * 1e6)) * cents;
  const half = MICRO / 2n;
  return product >= 0n ? (product + half) / MICRO : -((-product + half) / MICRO);
}
