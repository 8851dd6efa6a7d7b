import { describe, expect, it } from 'vitest';
import { marginErosion, type DatedValue, type MarginErosionInput } from './margin-erosion.js';

// Window: 90 days to 2026-03-10 → starts 2025-12-10.
function input(cost: DatedValue[], price: DatedValue[], overrides: Partial<MarginErosionInput> = {}): MarginErosionInput {
  return { product_id: 'p-cafe', store_id: 's-centro', cost_history: cost, price_history: price, window_end: '2026-03-10', units_sold: 300, ...overrides };
}

const COST = [
  { date: '2025-11-01', value: '10.00' },
  { date: '2026-01-15', value: '12.00' },
];
const PRICE = [
  { date: '2025-10-01', value: '15.00' },
  { date: '2026-02-01', value: '15.75' },
];

describe('marginErosion', () => {
  it('reports cost outrunning price and the margin lost', () => {
    // cost 10.00 → 12.00 = +20 %; price 15.00 → 15.75 = +5 % → 15 points ≥ 5
    // margin (15 − 10) / 15 = 33.333 % → (15.75 − 12) / 15.75 = 23.810 %
    // impact (2.00 − 0.75) × 300 = 375.00
    const r = marginErosion(input(COST, PRICE));
    expect(r).toMatchObject({
      kind: 'margin_erosion',
      product_id: 'p-cafe',
      store_id: 's-centro',
      numbers: { old_cost: '10.00', new_cost: '12.00', old_price: '15.00', new_price: '15.75', units_sold: 300 },
      impact_cents: 37500n,
    });
    expect(r?.numbers.cost_change_pct).toBeCloseTo(20, 10);
    expect(r?.numbers.price_change_pct).toBeCloseTo(5, 10);
    expect(r?.numbers.old_margin_pct).toBeCloseTo(33.3333, 4);
    expect(r?.numbers.new_margin_pct).toBeCloseTo(23.8095, 4);
  });

  it('fires at exactly 5 points and not below', () => {
    // cost 100 → 110 (+10 %), price 100 → 105 (+5 %): 5 points → insight, impact (10 − 5) × 300 = 1 500.00
    const cost = [{ date: '2025-12-01', value: '100.00' }, { date: '2026-02-01', value: '110.00' }];
    const at = (p: string) => [{ date: '2025-12-01', value: '100.00' }, { date: '2026-02-01', value: p }];
    expect(marginErosion(input(cost, at('105.00')))?.impact_cents).toBe(150000n);
    // price → 105.01 (+5.01 %): 4.99 points → nothing
    expect(marginErosion(input(cost, at('105.01')))).toBeNull();
  });

  it('only counts changes inside the window', () => {
    // both cost changes before 2025-12-10: old = new = 12.00 → no rise
    const early = [{ date: '2025-09-01', value: '10.00' }, { date: '2025-12-01', value: '12.00' }];
    expect(marginErosion(input(early, PRICE))).toBeNull();
    // a cost rise after the window end is not seen either
    expect(marginErosion(input([{ date: '2025-11-01', value: '10.00' }, { date: '2026-03-11', value: '15.00' }], PRICE))).toBeNull();
    // a 30-day window (from 2026-02-08) misses the cost change of 2026-01-15 and the price change of 2026-02-01
    expect(marginErosion(input(COST, PRICE, { window_days: 30 }))).toBeNull();
  });

  it('starts from the first value when the history begins inside the window', () => {
    // cost 10.00 (2026-01-01) → 11.00 (+10 %), price 20.00 since 2026-01-01 (0 %) → 10 points
    // impact (1.00 − 0) × 12.5 units = 12.50
    const r = marginErosion(input([{ date: '2026-02-01', value: '11.00' }, { date: '2026-01-01', value: '10.00' }], [{ date: '2026-01-01', value: '20.00' }], { units_sold: 12.5 }));
    expect(r).toMatchObject({ numbers: { old_cost: '10.00', new_cost: '11.00', old_price: '20.00', new_price: '20.00', price_change_pct: 0 }, impact_cents: 1250n });
  });

  it('reports a margin % erosion whose money margin grew with impact 0', () => {
    // cost 10 → 11 (+10 %), price 100 → 104 (+4 %): 6 points; per unit 1.00 − 4.00 < 0 → impact 0
    // margin 90 % → (104 − 11) / 104 = 89.423 %
    const r = marginErosion(input([{ date: '2025-12-01', value: '10.00' }, { date: '2026-02-01', value: '11.00' }], [{ date: '2025-12-01', value: '100.00' }, { date: '2026-02-01', value: '104.00' }]));
    expect(r?.impact_cents).toBe(0n);
    expect(r?.numbers.new_margin_pct).toBeCloseTo(89.4231, 4);
  });

  it('ignores price cuts with a steady cost, missing histories and zero costs', () => {
    // cost flat, price 15.00 → 12.00 (−20 %): 20 points apart but the cost did not rise
    expect(marginErosion(input([{ date: '2025-11-01', value: '10.00' }], [{ date: '2025-11-01', value: '15.00' }, { date: '2026-02-01', value: '12.00' }]))).toBeNull();
    expect(marginErosion(input([], PRICE))).toBeNull();
    expect(marginErosion(input(COST, [{ date: '2026-04-01', value: '15.00' }]))).toBeNull();
    expect(marginErosion(input([{ date: '2025-11-01', value: '0.00' }, { date: '2026-02-01', value: '1.00' }], PRICE))).toBeNull();
  });
});
