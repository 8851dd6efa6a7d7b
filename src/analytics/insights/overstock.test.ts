import { describe, expect, it } from 'vitest';
import { overstock, type OverstockInput } from './overstock.js';

function input(overrides: Partial<OverstockInput> = {}): OverstockInput {
  return {
    product_id: 'p-aceite',
    store_id: 's-sur',
    on_hand: 400,
    forecast: Array<number>(28).fill(2),
    lead_time_days: 3,
    safety_stock: 5.5,
    unit_cost: '12.00',
    ...overrides,
  };
}

describe('overstock', () => {
  it('flags stock far beyond the cover threshold and prices the excess', () => {
    // mean 2/day → cover 400 / 2 = 200 days > max(90, 3 × (3 + 7) = 30) = 90
    // need = 10 × 2 + 5.5 = 25.5 → excess 374.5 units × 12.00 = 4 494.00
    expect(overstock(input())).toEqual({
      kind: 'overstock',
      product_id: 'p-aceite',
      store_id: 's-sur',
      numbers: { on_hand: 400, days_of_cover: 200, threshold_days: 90, need_units: 25.5, excess_units: 374.5 },
      impact_cents: 449400n,
    });
  });

  it('uses three protection intervals when that is longer than 90 days', () => {
    // L = 30, R = 7 → 3 × 37 = 111 days; 200 days of cover > 111 → insight with threshold 111
    // need = 37 × 2 + 5.5 = 79.5 (forecast must cover 37 days)
    const long = input({ lead_time_days: 30, forecast: Array<number>(40).fill(2) });
    expect(overstock(long)?.numbers).toMatchObject({ threshold_days: 111, need_units: 79.5, excess_units: 320.5 });
    // 220 units = 110 days ≤ 111 → no insight
    expect(overstock({ ...long, on_hand: 220 })).toBeNull();
  });

  it('stays quiet at or under the threshold', () => {
    // 180 units / 2 per day = 90 days: not beyond 90
    expect(overstock(input({ on_hand: 180 }))).toBeNull();
    expect(overstock(input({ on_hand: 182 }))?.numbers.days_of_cover).toBe(91);
  });

  it('averages an uneven forecast for the cover', () => {
    // forecast [0, 4] × 14 → mean 2/day; need = (0+4)×5 + 5.5 = 25.5; same as the flat case
    const uneven = input({ forecast: Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 0 : 4)) });
    expect(overstock(uneven)).toMatchObject({ numbers: { days_of_cover: 200, need_units: 25.5 }, impact_cents: 449400n });
  });

  it('reports infinite cover as null when there is no forecast demand', () => {
    // need = 0 + safety stock 0 → all 10 units excess × 12.00 = 120.00
    const r = overstock(input({ on_hand: 10, forecast: Array<number>(28).fill(0), safety_stock: 0 }));
    expect(r).toMatchObject({ numbers: { days_of_cover: null, excess_units: 10 }, impact_cents: 12000n });
    expect(overstock(input({ on_hand: 0, forecast: Array<number>(28).fill(0) }))).toBeNull();
  });

  it('rejects a forecast shorter than the protection interval', () => {
    expect(() => overstock(input({ forecast: [2, 2, 2] }))).toThrow(RangeError);
    expect(() => overstock(input({ forecast: [] }))).toThrow(/empty/);
  });
});
