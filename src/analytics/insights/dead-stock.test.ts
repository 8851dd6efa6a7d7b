import { describe, expect, it } from 'vitest';
import { deadStock, type DeadStockInput } from './dead-stock.js';

function input(overrides: Partial<DeadStockInput> = {}): DeadStockInput {
  return { product_id: 'p-salsa', store_id: 's-este', today: '2026-03-10', on_hand: 14, last_sale_date: '2025-12-20', unit_cost: '6.25', ...overrides };
}

describe('deadStock', () => {
  it('flags stock unsold for N days and prices it at cost', () => {
    // 2025-12-20 → 2026-03-10: 11 + 31 + 28 + 10 = 80 days ≥ 60; 14 × 6.25 = 87.50
    expect(deadStock(input())).toEqual({
      kind: 'dead_stock',
      product_id: 'p-salsa',
      store_id: 's-este',
      numbers: { on_hand: 14, days_since_sale: 80, threshold_days: 60 },
      impact_cents: 8750n,
      date: '2025-12-20',
    });
  });

  it('counts a last sale exactly N days ago as dead, N − 1 days ago as alive', () => {
    // 2026-03-10 − 60 days = 2026-01-09; − 59 days = 2026-01-10
    expect(deadStock(input({ last_sale_date: '2026-01-09' }))?.numbers.days_since_sale).toBe(60);
    expect(deadStock(input({ last_sale_date: '2026-01-10' }))).toBeNull();
  });

  it('takes N from the input', () => {
    // 80 days since sale < 90 → alive; ≥ 30 → dead
    expect(deadStock(input({ days: 90 }))).toBeNull();
    expect(deadStock(input({ days: 30 }))?.numbers.threshold_days).toBe(30);
  });

  it('flags a product never sold, without a date', () => {
    const r = deadStock(input({ last_sale_date: null }));
    expect(r).toMatchObject({ numbers: { days_since_sale: null }, impact_cents: 8750n });
    expect(r && 'date' in r).toBe(false);
  });

  it('needs stock on hand', () => {
    expect(deadStock(input({ on_hand: 0 }))).toBeNull();
  });
});
