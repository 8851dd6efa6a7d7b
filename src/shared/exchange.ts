/**
 * Exchange rates: 1 unit of a foreign currency is worth `rate` units of the tenant's currency
 * (the official BCV rate: bolívars per dollar). The rate of a day is the latest one entered on or
 * before it, so a weekend or holiday uses the last business day's rate. Shared by the server
 * (which answers the same rule in SQL) and the SPA (which shows Bs and USD side by side).
 */
import { fromCents, toCents } from './money.js';

export interface DatedRate {
  /** YYYY-MM-DD */
  rate_date: string;
  /** Decimal string, up to 6 decimals: "36.512300" */
  rate: string;
}

/** The rate that applies on `date` (YYYY-MM-DD): the latest on or before it, or null. */
export function rateOn<R extends DatedRate>(rates: readonly R[], date: string): R | null {
  let best: R | null = null;
  for (const r of rates) if (r.rate_date <= date && (best === null || r.rate_date > best.rate_date)) best = r;
  return best;
}

const RATE = /^(\d{1,12})(?:\.(\d{1,6}))?$/;

/** A rate as a scaled integer (micro-units), refusing anything that is not a positive decimal. */
function micro(rate: string): bigint {
  const m = RATE.exec(rate.trim());
  if (!m) throw new RangeError(`Not a positive rate: '${rate}'`);
  const v = BigInt(m[1]! + (m[2] ?? '').padEnd(6, '0'));
  if (v === 0n) throw new RangeError('A rate must be greater than zero');
  return v;
}

function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const up = 2n * (r < 0n ? -r : r) >= d;
  return up ? q + (n < 0n ? -1n : 1n) : q;
}

/** An amount in the tenant's currency expressed in the foreign one (Bs → USD), to the cent. */
export function toForeign(amount: string, rate: string): string {
  return fromCents(divRound(toCents(amount) * 1_000_000n, micro(rate)));
}

/** An amount in the foreign currency expressed in the tenant's (USD → Bs), to the cent. */
export function fromForeign(amount: string, rate: string): string {
  return fromCents(divRound(toCents(amount) * micro(rate), 1_000_000n));
}

/** Whether a rate string is acceptable (positive, ≤ 12 integer digits, ≤ 6 decimals). */
export function isValidRate(rate: string): boolean {
  try {
    micro(rate);
    return true;
  } catch {
    return false;
  }
}
