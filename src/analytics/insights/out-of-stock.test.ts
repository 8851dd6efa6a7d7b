import { describe, expect, it } from 'vitest';
import { outOfStock, type OutOfStockInput } from './out-of-stock.js';

function input(overrides: Partial<OutOfStockInput> = {}): OutOfStockInput {
  return { product_id: 'p-arroz', store_id: 's-norte', today: '2026-03-10', on_hand: 0, days_out: 4, daily_mean: 7.5, price: '38.50', ...overrides };
}

describe('outOfStock', () => {
  it('estimates the sales lost while out', () => {
    // 7.5 units/day × 4 days = 30 units × 38.50 = 1 155.00; out since 2026-03-10 − 4 = 2026-03-06
    expect(outOfStock(input())).toEqual({
      kind: 'out_of_stock',
      product_id: 'p-arroz',
      store_id: 's-norte',
      numbers: { days_out: 4, daily_mean: 7.5, lost_units: 30 },
      impact_cents: 115500n,
      date: '2026-03-06',
    });
  });

  it('treats a negative book stock as out and a positive one as not', () => {
    // 0.3/day × 3 days = 0.9 units × 38.50 = 34.65
    expect(outOfStock(input({ on_hand: -2, daily_mean: 0.3, days_out: 3 }))?.impact_cents).toBe(3465n);
    expect(outOfStock(input({ on_hand: 1 }))).toBeNull();
  });

  it('reports an item that just ran out with no loss yet', () => {
    expect(outOfStock(input({ days_out: 0 }))).toMatchObject({ impact_cents: 0n, date: '2026-03-10' });
  });

  it('rejects negative or fractional days out and a negative mean', () => {
    expect(() => outOfStock(input({ days_out: -1 }))).toThrow(RangeError);
    expect(() => outOfStock(input({ days_out: 1.5 }))).toThrow(/whole number/);
    expect(() => outOfStock(input({ daily_mean: -1 }))).toThrow(/Daily mean/);
  });
});
