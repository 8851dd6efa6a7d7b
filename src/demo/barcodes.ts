/** GS1 check digits: EAN-13 for the Venezuelan grocer (prefix 759), UPC-A for the US retailer. */

/** The check digit of the first 12 digits of an EAN-13 (or of 11 digits of a UPC-A). */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`Not digits: ${digits}`);
  let sum = 0;
  // Weights 3,1,3,1… counted from the rightmost digit of the payload.
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** EAN-13 from a 3-digit GS1 prefix, a 4-digit company code and a 5-digit item reference. */
export function ean13(prefix: string, company: number, item: number): string {
  const payload = `${prefix}${String(company).padStart(4, '0')}${String(item).padStart(5, '0')}`;
  if (payload.length !== 12) throw new RangeError(`EAN-13 payload must be 12 digits: ${payload}`);
  return payload + gs1CheckDigit(payload);
}

/** UPC-A (12 digits) from a 6-digit company prefix and a 5-digit item reference. */
export function upcA(company: number, item: number): string {
  const payload = `${String(company).padStart(6, '0')}${String(item).padStart(5, '0')}`;
  if (payload.length !== 11) throw new RangeError(`UPC-A payload must be 11 digits: ${payload}`);
  return payload + gs1CheckDigit(payload);
}

/** True when the last digit of an EAN-13 / UPC-A / EAN-8 is the right check digit. */
export function validGs1(code: string): boolean {
  if (!/^\d{8}$|^\d{12,13}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}
