/**
 * Cell text → typed values, the one place the import engine gets them from: numbers (numbers.ts),
 * dates and date-times (dates.ts), and here booleans and header names. All pure and forgiving of
 * the way Spanish- and English-speaking users write things, and strict about what they return.
 */
export { detectDecimalStyle, parseDecimal, parseInteger, type DecimalStyle } from './numbers.js';
export { detectDateOrder, parseDate, parseDateTime, type DateOrder } from './dates.js';

const TRUE = new Set(['true', 't', '1', 'yes', 'y', 'si', 'sí', 's', 'x', 'on', 'verdadero', 'activo', 'activa', 'active']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n', 'off', 'falso', 'inactivo', 'inactiva', 'inactive']);

/** true/false; null for an empty cell; undefined when the text is not a boolean. */
export function parseBoolean(text: string): boolean | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return undefined;
}

/** 'Código de Barras' → 'codigo_de_barras', 'Cant.' → 'cant': the key header aliases are matched on. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
