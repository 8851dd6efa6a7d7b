/**
 * Numbers as people and spreadsheets write them: '1.234,56' in Venezuela and most of Europe and
 * Latin America, '1,234.56' in the US, with a currency in front ('Bs 12,50', '$ 3.99', 'USD 10')
 * and spaces (also the no-break spaces spreadsheets put in). Parsed into canonical decimal text
 * ('1234.56') — never a float, so amounts stay exact down to the cent.
 */

export type DecimalStyle = 'dot' | 'comma';

const CURRENCY = String.raw`(?:bs\.?\s?[sfd]\.?|bs\.?|us\$|usd|ves|vef|eur|\$|€)`;
const PREFIX = new RegExp(`^${CURRENCY}\\s*`, 'i');
const SUFFIX = new RegExp(`\\s*${CURRENCY}$`, 'i');
const BODY = /^[\d.,\s]*\d[\d.,\s]*$|^[.,]\d+$/;

/** Sign and digits/separators of a number text, without currency or outer spaces; null when it is not one. */
function numberParts(text: string): { negative: boolean; body: string } | null {
  let t = text.trim();
  let negative = false;
  let signed = false;
  const takeSign = () => {
    const c = t[0];
    if (!signed && (c === '-' || c === '+')) {
      negative = c === '-';
      signed = true;
      t = t.slice(1).trimStart();
    }
  };
  takeSign();
  t = t.replace(PREFIX, '');
  takeSign();
  t = t.replace(SUFFIX, '');
  return BODY.test(t) ? { negative, body: t } : null;
}

const GROUPED = { '.': /^\d{1,3}(?:\.\d{3})+$/, ',': /^\d{1,3}(?:,\d{3})+$/, ' ': /^\d{1,3}(?:\s\d{3})+$/ } as const;
const DIGITS = /^\d*$/;

/** Integer part text with its group separators removed; null when the grouping is not valid. */
function ungroup(int: string, group: '.' | ','): string | null {
  if (DIGITS.test(int)) return int;
  if (GROUPED[group].test(int)) return int.split(group).join('');
  if (GROUPED[' '].test(int)) return int.replace(/\s/g, '');
  return null;
}

function canonical(negative: boolean, int: string, frac: string): string {
  const whole = int.replace(/^0+(?=\d)/, '') || '0';
  const zero = /^0*$/.test(whole) && /^0*$/.test(frac);
  return `${negative && !zero ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The common case without regular expressions: '-?digits' or '-?digits<decimal>digits' with no
 * leading zero, as most cells of a big file are, and positive amounts grouped in threes by the
 * style's group separator ('4.999,99' in comma style, '4,999.99' in dot style). Undefined when the
 * text needs the full rules (which give the same answer for every text accepted here).
 */
function plainDecimal(t: string, decimal: number): string | undefined {
  const n = t.length;
  let i = t.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < n && isDigit(t.charCodeAt(i))) i++;
  let intEnd = i;
  if (intEnd === start || (t.charCodeAt(start) === 48 && intEnd - start > 1)) return undefined;
  if (i === n) return start === 1 && t === '-0' ? undefined : t;
  let int: string | undefined;
  const group = decimal === 44 ? 46 : 44;
  if (t.charCodeAt(i) === group) {
    // '4.999' / '4.999,99': a first group of 1–3 digits not starting with 0, then groups of three.
    if (start === 1 || intEnd - start > 3 || t.charCodeAt(start) === 48) return undefined;
    int = t.slice(start, intEnd);
    while (i < n && t.charCodeAt(i) === group) {
      if (!isDigit(t.charCodeAt(i + 1)) || !isDigit(t.charCodeAt(i + 2)) || !isDigit(t.charCodeAt(i + 3))) return undefined;
      int += t.slice(i + 1, i + 4);
      i += 4;
    }
    intEnd = i;
    if (i === n) return int;
    if (isDigit(t.charCodeAt(i))) return undefined;
  }
  if (t.charCodeAt(i) !== decimal) return undefined;
  i++;
  while (i < n && isDigit(t.charCodeAt(i))) i++;
  if (i !== n || intEnd + 1 === n || start === 1) return undefined; // negatives: '-0,00' needs the full rules
  if (int !== undefined) return `${int}.${t.slice(intEnd + 1)}`;
  return decimal === 46 ? t : `${t.slice(0, intEnd)}.${t.slice(intEnd + 1)}`;
}

export function parseDecimal(text: string, style: DecimalStyle): string | null {
  const plain = plainDecimal(text, style === 'comma' ? 44 : 46);
  if (plain !== undefined) return plain;
  const parts = numberParts(text);
  if (!parts) return null;
  const { negative, body } = parts;
  const dec = style === 'comma' ? ',' : '.';
  const group = style === 'comma' ? '.' : ',';
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  // Both separators: the last one is the decimal one, whatever the style says.
  let decimal: '.' | ',' | null = null;
  if (lastDot !== -1 && lastComma !== -1) decimal = lastDot > lastComma ? '.' : ',';
  else if (body.includes(dec)) decimal = dec;
  else if (body.includes(group)) {
    // Only the style's group separator: thousands when grouped in threes ('1.234' = 1234 in
    // comma style), else a lone one is read as the decimal point ('12.5' is 12.5 in any style).
    const int = ungroup(body, group);
    if (int !== null) return canonical(negative, int, '');
    if (body.indexOf(group) !== body.lastIndexOf(group)) return null;
    decimal = group;
  }
  if (decimal === null) {
    const int = ungroup(body, group);
    return int === null ? null : canonical(negative, int, '');
  }
  const at = body.lastIndexOf(decimal);
  const frac = body.slice(at + 1);
  if (!DIGITS.test(frac) || body.indexOf(decimal) !== at) return null;
  const int = ungroup(body.slice(0, at), decimal === '.' ? ',' : '.');
  if (int === null || (int === '' && frac === '')) return null;
  return canonical(negative, int, frac);
}

/** '-?digits' (at most 15) as a number, without a regular expression; undefined otherwise. */
function plainInteger(t: string): number | undefined {
  const n = t.length;
  const start = t.charCodeAt(0) === 45 ? 1 : 0;
  if (n === start || n - start > 15) return undefined;
  let v = 0;
  for (let i = start; i < n; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  return start === 1 && v !== 0 ? -v : v;
}

export function parseInteger(text: string, style: DecimalStyle): number | null {
  const plain = plainInteger(text);
  if (plain !== undefined) return plain;
  const d = parseDecimal(text, style);
  if (d === null) return null;
  const [int, frac = ''] = d.split('.');
  if (!/^0*$/.test(frac)) return null;
  const n = Number(int);
  return Number.isSafeInteger(n) ? n : null;
}

/** Which separator a sample value shows to be decimal, or null when it does not tell. */
function vote(text: string): DecimalStyle | null {
  const parts = numberParts(text);
  if (!parts) return null;
  const body = parts.body.replace(/\s/g, '');
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return lastDot > lastComma ? 'dot' : 'comma';
  const sep = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : null;
  if (sep === null) return null;
  const mine: DecimalStyle = sep === '.' ? 'dot' : 'comma';
  const other: DecimalStyle = sep === '.' ? 'comma' : 'dot';
  if (body.indexOf(sep) !== body.lastIndexOf(sep)) return other; // '1.234.567': thousands
  const before = body.slice(0, body.indexOf(sep));
  const after = body.length - body.indexOf(sep) - 1;
  if (after !== 3 || before === '' || /^0+$/.test(before)) return mine; // '12,5', '0,125', ',5'
  return null; // '1,234' / '1.234': thousands or three decimals
}

export function detectDecimalStyle(samples: readonly string[]): DecimalStyle {
  let comma = 0;
  let dot = 0;
  for (const s of samples) {
    const v = vote(s);
    if (v === 'comma') comma++;
    else if (v === 'dot') dot++;
  }
  return comma > dot ? 'comma' : 'dot';
}
