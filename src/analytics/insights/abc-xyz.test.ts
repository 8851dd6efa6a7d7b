import { describe, expect, it } from 'vitest';
import { abcClasses, classifyAbcXyz, coefficientOfVariation } from './abc-xyz.js';

const steady = [10, 10, 10, 10];

describe('classifyAbcXyz: ABC', () => {
  it('walks the cumulative revenue share with the product crossing 80 % in A', () => {
    // total 1 000.00: p1 500 (before 0 % → A), p2 250 (before 50 % → A, crosses to 75 %),
    // p3 100 (before 75 % → A, reaches 85 %), p4 80 (before 85 % → B, 93 %),
    // p5 50 (before 93 % → B, 98 %), p6 20 (before 98 % → C, 100 %)
    const r = classifyAbcXyz([
      { product_id: 'p6', revenue: '20.00', weekly_units: steady },
      { product_id: 'p1', revenue: '500.00', weekly_units: steady },
      { product_id: 'p4', revenue: '80.00', weekly_units: steady },
      { product_id: 'p2', revenue: '250.00', weekly_units: steady },
      { product_id: 'p5', revenue: '50.00', weekly_units: steady },
      { product_id: 'p3', revenue: '100.00', weekly_units: steady },
    ]);
    expect(r.map((c) => `${c.product_id}:${c.abc}`)).toEqual(['p1:A', 'p2:A', 'p3:A', 'p4:B', 'p5:B', 'p6:C']);
    expect(r.map((c) => c.cumulative_share)).toEqual([0.5, 0.75, 0.85, 0.93, 0.98, 1]);
    expect(r[2]?.revenue_share).toBe(0.1);
  });

  it('closes A exactly at 80 % and B exactly at 95 %', () => {
    // 80 / 15 / 5 of 100: the first reaches 80 % → A; the second starts at 80 % → B (to 95 %);
    // the third starts at 95 % → C
    const r = classifyAbcXyz([
      { product_id: 'a', revenue: '80.00', weekly_units: steady },
      { product_id: 'b', revenue: '15.00', weekly_units: steady },
      { product_id: 'c', revenue: '5.00', weekly_units: steady },
    ]);
    expect(r.map((c) => c.abc)).toEqual(['A', 'B', 'C']);
  });

  it('breaks revenue ties by product id and puts products without revenue in C', () => {
    // two at 40.00 (ids x < y), one at 0.00 and one at −5.00 (returns): total counted 80.00
    // x before 0 % → A, y before 50 % → A, zero and negative → C
    const r = classifyAbcXyz([
      { product_id: 'y', revenue: '40.00', weekly_units: steady },
      { product_id: 'neg', revenue: '-5.00', weekly_units: [0, 1] },
      { product_id: 'x', revenue: '40.00', weekly_units: steady },
      { product_id: 'zero', revenue: '0', weekly_units: [0, 0] },
    ]);
    expect(r.map((c) => `${c.product_id}:${c.abc}`)).toEqual(['x:A', 'y:A', 'zero:C', 'neg:C']);
    expect(classifyAbcXyz([{ product_id: 'only', revenue: '0.00', weekly_units: [] }])[0]).toMatchObject({ abc: 'C', xyz: 'Z', revenue_share: 0, cv: null });
  });

  it('returns nothing for no products', () => {
    expect(classifyAbcXyz([])).toEqual([]);
  });
});

describe('classifyAbcXyz: XYZ', () => {
  it('classes by the coefficient of variation of weekly demand', () => {
    // [8, 12]: mean 10, σ = 2 → CV 0.2 → X
    // [4, 16]: mean 10, σ = 6 → CV 0.6 → Y
    // [0, 20]: mean 10, σ = 10 → CV 1.0 → Z (the boundary belongs to Z)
    // [5, 15]: mean 10, σ = 5 → CV 0.5 → Y (the boundary belongs to Y)
    const r = classifyAbcXyz([
      { product_id: 'x', revenue: '4.00', weekly_units: [8, 12] },
      { product_id: 'y', revenue: '3.00', weekly_units: [4, 16] },
      { product_id: 'z', revenue: '2.00', weekly_units: [0, 20] },
      { product_id: 'yb', revenue: '1.00', weekly_units: [5, 15] },
    ]);
    expect(r.map((c) => [c.product_id, c.xyz, c.cv])).toEqual([
      ['x', 'X', 0.2],
      ['y', 'Y', 0.6],
      ['z', 'Z', 1],
      ['yb', 'Y', 0.5],
    ]);
  });

  it('computes the population CV and rejects bad weekly units', () => {
    // [1, 2, 3, 6]: mean 3, deviations −2, −1, 0, 3 → Σ² = 14 → σ = √3.5 = 1.870829 → CV 0.623610
    expect(coefficientOfVariation([1, 2, 3, 6])).toBeCloseTo(0.62361, 5);
    expect(coefficientOfVariation([0, 0, 0])).toBeNull();
    expect(() => coefficientOfVariation([1, -1])).toThrow(RangeError);
  });
});

describe('abcClasses', () => {
  it('A up to 80 % of the value (the crossing product included), B to 95 %, C the rest and the unsold', () => {
    // Total 100: a 50 (before 0 → A), b 30 (before 50 % → A), c 12 (before 80 % → B),
    // d 5 (before 92 % → B), e 3 (before 97 % → C), f 0 → C.
    const classes = abcClasses(new Map([['c', 12], ['a', 50], ['e', 3], ['b', 30], ['f', 0], ['d', 5]]));
    expect(Object.fromEntries(classes)).toEqual({ a: 'A', b: 'A', c: 'B', d: 'B', e: 'C', f: 'C' });
  });
});
