import { describe, expect, it } from 'vitest';
import { willRunOut, type RunOutInput } from './run-out.js';

function input(overrides: Partial<RunOutInput> = {}): RunOutInput {
  return {
    product_id: 'p-leche',
    store_id: 's-centro',
    today: '2026-03-10',
    on_hand: 25,
    forecast: [6, 6, 6, 6, 6, 6, 6, 6, 6, 6],
    lead_time_days: 7,
    price: '4.50',
    ...overrides,
  };
}

describe('willRunOut', () => {
  it('flags a stock-out before the delivery of an order placed today', () => {
    // delivery 2026-03-17 (day 7); cumulative 6, 12, 18, 24, 30 → 30 ≥ 25 on day 4 (2026-03-14)
    // units short = 7 × 6 − 25 = 17; impact 17 × 4.50 = 76.50
    expect(willRunOut(input())).toEqual({
      kind: 'will_run_out',
      product_id: 'p-leche',
      store_id: 's-centro',
      numbers: { on_hand: 25, days_to_stockout: 4, delivery_in_days: 7, delivery_date: '2026-03-17', days_without_stock: 3, units_short: 17 },
      impact_cents: 7650n,
      date: '2026-03-14',
    });
  });

  it("uses the open order's expected date", () => {
    // order expected 2026-03-15 (day 5): cumulative over days 0–4 = 30 ≥ 25 on day 4 → short 30 − 25 = 5 → 22.50
    const r = willRunOut(input({ open_order_date: '2026-03-15' }));
    expect(r?.numbers).toMatchObject({ days_to_stockout: 4, delivery_in_days: 5, days_without_stock: 1, units_short: 5 });
    expect(r?.impact_cents).toBe(2250n);
    // order expected on day 4: the stock covers days 0–3 (24 < 25) → no insight
    expect(willRunOut(input({ open_order_date: '2026-03-14' }))).toBeNull();
  });

  it('counts a stock-out the day cumulative demand equals the stock', () => {
    // 24 on hand: cumulative 24 on day 3 → stock-out day 3; short 42 − 24 = 18 → 81.00
    const r = willRunOut(input({ on_hand: 24 }));
    expect(r?.numbers.days_to_stockout).toBe(3);
    expect(r?.impact_cents).toBe(8100n);
  });

  it('stays quiet when the stock lasts, and when it is already gone', () => {
    // 42 on hand: cumulative 42 ≥ 42 on day 6, before the delivery on day 7 → the shelf empties at
    // the close of day 6; an insight, with 7 × 6 − 42 = 0 units short
    expect(willRunOut(input({ on_hand: 42 }))).toMatchObject({ numbers: { days_to_stockout: 6, units_short: 0 }, impact_cents: 0n });
    // 43 on hand: cumulative never reaches 43 before day 7
    expect(willRunOut(input({ on_hand: 43 }))).toBeNull();
    expect(willRunOut(input({ on_hand: 0 }))).toBeNull();
  });

  it('handles fractional forecasts', () => {
    // [1.5, 2.5, 0, 3.2], 5 on hand, lead time 4: cumulative 1.5, 4, 4, 7.2 → out on day 3;
    // short 7.2 − 5 = 2.2 units × 4.50 = 9.90
    const r = willRunOut(input({ on_hand: 5, forecast: [1.5, 2.5, 0, 3.2], lead_time_days: 4 }));
    expect(r?.numbers.days_to_stockout).toBe(3);
    expect(r?.numbers.units_short).toBeCloseTo(2.2, 9);
    expect(r?.impact_cents).toBe(990n);
  });
});
