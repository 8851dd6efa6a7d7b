/**
 * Exact money. Amounts travel as decimal strings ("1234.50") and are computed as integer cents
 * (bigint), never as floats. Rounding is half away from zero, to the cent (céntimo).
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "12.3" → 1230n. Throws on anything that is not a plain decimal. */
export function toCents(amount: string | number): bigint {
  const text = typeof amount === 'number' ? amountFromNumber(amount) : amount.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`Not a decimal amount: '${text}'`);
  const [, sign, whole, frac = ''] = m;
  const digits = BigInt(whole! + (frac + '00').slice(0, 2));
  // Round half away from zero on the third decimal and beyond.
  const rest = frac.slice(2);
  const roundUp = rest.length > 0 && rest[0]! >= '5';
  const cents = digits + (roundUp ? 1n : 0n);
  return sign ? -cents : cents;
}

function amountFromNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite amount: ${n}`);
  // Integers and values that came from exact decimals print exactly enough for cents.
  return n.toFixed(6);
}

/** 1230n → "12.30" */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** A database DECIMAL value (string or number) as a canonical two-decimal string. */
export function money(value: unknown): string {
  if (value === null || value === undefined) return '0.00';
  return fromCents(toCents(typeof value === 'number' ? value : String(value)));
}

/** A nullable money column. */
export function moneyOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : money(value);
}

/** quantity × unit price − discount, in cents. */
export function lineTotalCents(quantity: number, unitPrice: string, discount = '0'): bigint {
  return BigInt(quantity) * toCents(unitPrice) - toCents(discount);
}

/** cents × rate (a decimal string such as "36.512300"), rounded half away from zero to the cent. */
export function convertCents(cents: bigint, rate: string): bigint {
  const m = DECIMAL.exec(rate.trim());
  if (!m || m[1]) throw new RangeError(`Not a positive rate: '${rate}'`);
  const frac = m[3] ?? '';
  const scale = 10n ** BigInt(frac.length);
  const r = BigInt(m[2]! + frac);
  const product = cents * r;
  const half = scale / 2n;
  const q = product >= 0n ? (product + half) / scale : -((-product + half) / scale);
  return scale === 1n ? product : q;
}
