/** Exact sums of decimal money strings (through céntimos, never floats). */
import { fromCents, toCents } from '../../../../src/shared/money';

export function sumMoney(amounts: readonly string[]): string {
  return fromCents(amounts.reduce((s, a) => s + toCents(a), 0n));
}
