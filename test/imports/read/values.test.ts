/**
 * Cell text → values: decimal styles and their detection, integers, booleans, header keys.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  detectDecimalStyle,
  normaliseHeader,
  parseBoolean,
  parseDecimal,
  parseInteger,
} from '../../../src/server/features/imports/read/values.js';

describe('parseDecimal', () => {
  it('reads decimal comma with thousands dot', () => {
    expect(parseDecimal('1.234,56', 'comma')).toBe('1234.56');
    expect(parseDecimal('1.234.567,8', 'comma')).toBe('1234567.8');
    expect(parseDecimal('-3,5', 'comma')).toBe('-3.5');
    expect(parseDecimal('-0,5', 'comma')).toBe('-0.5');
    expect(parseDecimal('12,50', 'comma')).toBe('12.50');
    expect(parseDecimal('1.234', 'comma')).toBe('1234');
  });

  it('reads grouped amounts without the full rules, with the same result as the full rules', () => {
    expect(parseDecimal('4.999,99', 'comma')).toBe('4999.99');
    expect(parseDecimal('12.345.678,90', 'comma')).toBe('12345678.90');
    expect(parseDecimal('4,999.99', 'dot')).toBe('4999.99');
    expect(parseDecimal('1.23,4', 'comma')).toBeNull();
    expect(parseDecimal('1.2345,6', 'comma')).toBeNull();
    // A leading space makes a text take the full rules (regular expressions): both paths agree.
    const text = fc.array(fc.constantFrom('0', '1', '5', '9', '.', ',', '-'), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom<'comma' | 'dot'>('comma', 'dot'), (t, style) => parseDecimal(t, style) === parseDecimal(` ${t}`, style)),
      { numRuns: 20_000 },
    );
    fc.assert(fc.property(text, (t) => Object.is(parseInteger(t, 'comma'), parseInteger(` ${t}`, 'comma'))), { numRuns: 20_000 });
  });

  it('reads decimal dot with thousands comma', () => {
    expect(parseDecimal('1,234.56', 'dot')).toBe('1234.56');
    expect(parseDecimal('1,234,567', 'dot')).toBe('1234567');
    expect(parseDecimal('-0.5', 'dot')).toBe('-0.5');
    expect(parseDecimal('.5', 'dot')).toBe('0.5');
    expect(parseDecimal('1,234', 'dot')).toBe('1234');
  });

  it('reads plain numbers, spaces and signs', () => {
    expect(parseDecimal('12', 'dot')).toBe('12');
    expect(parseDecimal(' 7 ', 'comma')).toBe('7');
    expect(parseDecimal('007', 'dot')).toBe('7');
    expect(parseDecimal('+4,25', 'comma')).toBe('4.25');
    expect(parseDecimal('-0', 'dot')).toBe('0');
    expect(parseDecimal('-0,00', 'comma')).toBe('0.00');
    expect(parseDecimal('1 234,56', 'comma')).toBe('1234.56');
    expect(parseDecimal('1\u00a0234,56', 'comma')).toBe('1234.56');
  });

  it('accepts a currency symbol or code before or after', () => {
    expect(parseDecimal('Bs 12,50', 'comma')).toBe('12.50');
    expect(parseDecimal('Bs.12,50', 'comma')).toBe('12.50');
    expect(parseDecimal('Bs.S 1.000,00', 'comma')).toBe('1000.00');
    expect(parseDecimal('$3.99', 'dot')).toBe('3.99');
    expect(parseDecimal('-$ 3.99', 'dot')).toBe('-3.99');
    expect(parseDecimal('$-3.99', 'dot')).toBe('-3.99');
    expect(parseDecimal('USD 1,234.56', 'dot')).toBe('1234.56');
    expect(parseDecimal('VES\u00a012,5', 'comma')).toBe('12.5');
    expect(parseDecimal('12,50 Bs', 'comma')).toBe('12.50');
  });

  it('uses the last separator as decimal when both appear, whatever the style', () => {
    expect(parseDecimal('1,234.56', 'comma')).toBe('1234.56');
    expect(parseDecimal('1.234,56', 'dot')).toBe('1234.56');
  });

  it('reads a lone separator that cannot be thousands as the decimal point', () => {
    expect(parseDecimal('12.5', 'comma')).toBe('12.5');
    expect(parseDecimal('12,5', 'dot')).toBe('12.5');
  });

  it('returns null for anything else', () => {
    for (const text of ['', ' ', 'abc', '12abc', '1,2,3', '1.23.4', '12,34,5', '1e5', '--5', '5-', '.', ',', 'Bs', '1.2,3.4', '12 34']) {
      expect(parseDecimal(text, 'comma'), text).toBeNull();
      expect(parseDecimal(text, 'dot'), text).toBeNull();
    }
  });
});

describe('parseInteger', () => {
  it('reads integers with separators and zero fractions', () => {
    expect(parseInteger('12', 'comma')).toBe(12);
    expect(parseInteger('-3', 'dot')).toBe(-3);
    expect(parseInteger('1.234', 'comma')).toBe(1234);
    expect(parseInteger('1,234', 'dot')).toBe(1234);
    expect(parseInteger('12,0', 'comma')).toBe(12);
    expect(parseInteger('12.00', 'dot')).toBe(12);
    expect(parseInteger(' 5 ', 'dot')).toBe(5);
    expect(Object.is(parseInteger('-0', 'dot'), 0)).toBe(true);
  });

  it('refuses fractions, garbage and unsafe integers', () => {
    expect(parseInteger('12,5', 'comma')).toBeNull();
    expect(parseInteger('1.234', 'dot')).toBeNull();
    expect(parseInteger('abc', 'dot')).toBeNull();
    expect(parseInteger('', 'dot')).toBeNull();
    expect(parseInteger('99999999999999999999', 'dot')).toBeNull();
  });
});

describe('detectDecimalStyle', () => {
  it('votes from unambiguous samples', () => {
    expect(detectDecimalStyle(['1.234,56', '12', '3'])).toBe('comma');
    expect(detectDecimalStyle(['1,234.56'])).toBe('dot');
    expect(detectDecimalStyle(['12,50', '3,5', '7'])).toBe('comma');
    expect(detectDecimalStyle(['12.50', '3.5'])).toBe('dot');
    expect(detectDecimalStyle(['Bs 12,50', '-0,5'])).toBe('comma');
    expect(detectDecimalStyle(['0,125'])).toBe('comma');
    expect(detectDecimalStyle(['1.234.567'])).toBe('comma');
    expect(detectDecimalStyle(['12,3456'])).toBe('comma');
  });

  it('does not let 1,234 / 1.234 vote, and defaults to dot', () => {
    expect(detectDecimalStyle(['1,234', '5,678'])).toBe('dot');
    expect(detectDecimalStyle(['1.234', '12,5'])).toBe('comma');
    expect(detectDecimalStyle([])).toBe('dot');
    expect(detectDecimalStyle(['12', 'abc'])).toBe('dot');
  });
});

describe('parseBoolean', () => {
  it('reads Spanish and English words, case-insensitively', () => {
    for (const t of ['true', 'TRUE', '1', 'yes', 'Sí', 'si', 'S', 'y', 'x', 'X', 'Activo', ' verdadero ']) expect(parseBoolean(t), t).toBe(true);
    for (const t of ['false', 'False', '0', 'no', 'N', 'inactivo', 'falso']) expect(parseBoolean(t), t).toBe(false);
    expect(parseBoolean('')).toBeNull();
    expect(parseBoolean('  ')).toBeNull();
    expect(parseBoolean('quizás')).toBeUndefined();
    expect(parseBoolean('2')).toBeUndefined();
  });
});

describe('normaliseHeader', () => {
  it('lower-cases, removes accents and punctuation', () => {
    expect(normaliseHeader('Código de Barras')).toBe('codigo_de_barras');
    expect(normaliseHeader('Cant.')).toBe('cant');
    expect(normaliseHeader('  Precio (Bs.) ')).toBe('precio_bs');
    expect(normaliseHeader('AÑO')).toBe('ano');
    expect(normaliseHeader('\ufeffFecha')).toBe('fecha');
    expect(normaliseHeader('unit_price')).toBe('unit_price');
    expect(normaliseHeader('Nº')).toBe('n');
  });
});
