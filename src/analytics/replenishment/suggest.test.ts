import { describe, expect, it } from 'vitest';
import { suggestReplenishment, type ReplenishmentInput } from './suggest.js';

/*
 * The worked example: 10 units/day for the next 14 days, σ₁ = 3, L = 3, R = 7 (default),
 * p = 0.95 (default) → z = 1.644854.
 *   D_L      = 3 × 10 = 30           D_{L+R} = 10 × 10 = 100
 *   σ_L      = 3·√3  = 5.196152      σ_{L+R} = 3·√10 = 9.486833
 *   SS       = 1.644854 × 9.486833 = 15.6045
 *   ROP      = 30 + 1.644854 × 5.196152 = 30 + 8.5469 = 38.5469
 *   OUT      = 100 + 15.6045 = 115.6045
 */
function example(overrides: Partial<ReplenishmentInput> = {}): ReplenishmentInput {
  return {
    product_id: 'p-harina',
    store_id: 's-centro',
    supplier_id: 'sup-polar',
    forecast: Array<number>(14).fill(10),
    sigma: 3,
    on_hand: 20,
    on_order: 0,
    lead_time_days: 3,
    min_stock: 0,
    max_stock: null,
    pack_size: 12,
    unit_cost: '2.35',
    ...overrides,
  };
}

describe('suggestReplenishment', () => {
  it('computes the worked example', () => {
    const s = suggestReplenishment(example());
    expect(s.review_period_days).toBe(7);
    expect(s.service_level).toBe(0.95);
    expect(s.z).toBeCloseTo(1.644854, 6);
    expect(s.demand_lead_time).toBe(30);
    expect(s.demand_protection).toBe(100);
    expect(s.sigma_lead_time).toBeCloseTo(5.196152, 6);
    expect(s.sigma_protection).toBeCloseTo(9.486833, 6);
    expect(s.safety_stock).toBeCloseTo(15.6045, 4);
    expect(s.reorder_point).toBeCloseTo(38.5469, 4);
    expect(s.order_up_to).toBeCloseTo(115.6045, 4);
    // position 20 → need 95.6045 → 95.6045 / 12 = 7.967 → 8 packs = 96 units
    expect(s.inventory_position).toBe(20);
    expect(s).toMatchObject({ quantity: 96, packs: 8, pack_size: 12 });
    // 20 + 96 = 116 units at 10/day → 11.6 days
    expect(s.days_of_cover).toBe(11.6);
    // 96 × 2.35 = 225.60
    expect(s.order_cost_cents).toBe(22560n);
  });

  it('counts units on order in the inventory position', () => {
    // 5 on hand + 15 on order = 20: the same order as the worked example
    expect(suggestReplenishment(example({ on_hand: 5, on_order: 15 })).quantity).toBe(96);
    // 20 + 40 = 60 → need 115.6045 − 60 = 55.6045 → 4.63 packs → 5 packs = 60; cover (60 + 60) / 10 = 12.0
    const s = suggestReplenishment(example({ on_order: 40 }));
    expect(s).toMatchObject({ inventory_position: 60, quantity: 60, packs: 5, days_of_cover: 12, order_cost_cents: 14100n });
  });

  it('orders nothing when the position is at or above the order-up-to level', () => {
    // position 120 > OUT 115.6 → 0; cover 120 / 10 = 12.0
    const s = suggestReplenishment(example({ on_hand: 120 }));
    expect(s).toMatchObject({ quantity: 0, packs: 0, days_of_cover: 12, order_cost_cents: 0n });
  });

  it('rounds the need up to whole packs', () => {
    // need 95.6045: pack 1 → 96; pack 24 → 3.98 → 4 packs = 96; pack 50 → 1.91 → 2 packs = 100
    expect(suggestReplenishment(example({ pack_size: 1 })).quantity).toBe(96);
    expect(suggestReplenishment(example({ pack_size: 24 })).quantity).toBe(96);
    expect(suggestReplenishment(example({ pack_size: 50 })).quantity).toBe(100);
    // σ₁ = 0 → OUT = 100; position 28 → need 72 = exactly 6 packs of 12, no seventh pack
    expect(suggestReplenishment(example({ sigma: 0, on_hand: 28 })).quantity).toBe(72);
  });

  it('clamps the order-up-to level to the max stock and steps a pack down to respect it', () => {
    // OUT = min(115.6, 100) = 100; need 80 → 6.67 → 7 packs = 84; 20 + 84 = 104 > 100 → 6 packs = 72
    // (20 + 72 = 92 ≥ ROP 38.55, so the step down is allowed)
    const s = suggestReplenishment(example({ max_stock: 100 }));
    expect(s.order_up_to).toBe(100);
    expect(s).toMatchObject({ quantity: 72, packs: 6 });
  });

  it('never steps below the reorder point, even past the max stock', () => {
    // OUT = min(115.6, 40) = 40; need 20 → 2 packs = 24; 20 + 24 = 44 > 40 → 1 pack = 12, but
    // 20 + 12 = 32 < ROP 38.55: reaching the ROP needs 18.55 → 2 packs = 24 (44 units, 4 over the max)
    const s = suggestReplenishment(example({ max_stock: 40 }));
    expect(s.order_up_to).toBe(40);
    expect(s.quantity).toBe(24);
  });

  it('raises the order-up-to level to the min stock', () => {
    // OUT = max(115.6, 150) = 150; need 130 → 10.83 → 11 packs = 132
    const s = suggestReplenishment(example({ min_stock: 150 }));
    expect(s.order_up_to).toBe(150);
    expect(s.quantity).toBe(132);
  });

  it('handles zero demand: nothing to order unless the min stock asks for it', () => {
    const zero = { forecast: Array<number>(14).fill(0), sigma: 0, on_hand: 0 };
    const s = suggestReplenishment(example(zero));
    expect(s).toMatchObject({ demand_lead_time: 0, demand_protection: 0, safety_stock: 0, reorder_point: 0, order_up_to: 0, quantity: 0, days_of_cover: null });
    // min stock 24, 5 on hand → need 19 → 2 packs of 12 = 24; cover still null (no demand)
    expect(suggestReplenishment(example({ ...zero, on_hand: 5, min_stock: 24 }))).toMatchObject({ order_up_to: 24, quantity: 24, days_of_cover: null });
  });

  it("uses the product's lead time over the supplier's", () => {
    // L = 5: D_L = 50, ROP = 50 + 1.644854·3·√5 = 50 + 11.0340 = 61.0340
    // L + R = 12: OUT = 120 + 1.644854·3·√12 = 120 + 17.0938 = 137.0938
    const s = suggestReplenishment(example({ product_lead_time_days: 5 }));
    expect(s.lead_time_days).toBe(5);
    expect(s.reorder_point).toBeCloseTo(61.034, 4);
    expect(s.order_up_to).toBeCloseTo(137.0938, 4);
    expect(suggestReplenishment(example({ product_lead_time_days: null })).lead_time_days).toBe(3);
  });

  it('accepts one sd per forecast day', () => {
    // σ = [1, 2, 2, 2, 2, 2, 2, 2, 2, 2]: σ_L = √(1 + 4 + 4) = 3; σ_{L+R} = √(1 + 9 × 4) = √37 = 6.0828
    // SS = 1.644854 × 6.0828 = 10.0053; ROP = 30 + 1.644854 × 3 = 34.9346
    const s = suggestReplenishment(example({ sigma: [1, 2, 2, 2, 2, 2, 2, 2, 2, 2] }));
    expect(s.sigma_lead_time).toBe(3);
    expect(s.sigma_protection).toBeCloseTo(6.0828, 4);
    expect(s.safety_stock).toBeCloseTo(10.0053, 4);
    expect(s.reorder_point).toBeCloseTo(34.9346, 4);
  });

  it('follows the service level', () => {
    // p = 0.8 → z = 0.841621; SS = 0.841621 × 9.486833 = 7.9843
    expect(suggestReplenishment(example({ service_level: 0.8 })).safety_stock).toBeCloseTo(7.9843, 4);
  });

  it('rejects invalid inputs with a RangeError', () => {
    expect(() => suggestReplenishment(example({ lead_time_days: -1 }))).toThrow(new RangeError('Lead time must be a whole number of days ≥ 0, got -1'));
    expect(() => suggestReplenishment(example({ product_lead_time_days: 1.5 }))).toThrow(/Lead time must be a whole number/);
    for (const p of [0, 1, 1.2, -0.5]) expect(() => suggestReplenishment(example({ service_level: p }))).toThrow(/Service level must lie strictly between 0 and 1/);
    for (const pack of [0, -12, 2.5]) expect(() => suggestReplenishment(example({ pack_size: pack }))).toThrow(/Pack size must be a whole number ≥ 1/);
    expect(() => suggestReplenishment(example({ review_period_days: 0 }))).toThrow(/Review period/);
    expect(() => suggestReplenishment(example({ on_hand: -3 }))).toThrow(/On-hand stock must be/);
    expect(() => suggestReplenishment(example({ min_stock: 50, max_stock: 40 }))).toThrow(/Max stock must be ≥ min stock/);
    expect(() => suggestReplenishment(example({ forecast: [10, Number.NaN, 10, 10, 10, 10, 10, 10, 10, 10] }))).toThrow(/Forecast for day 1/);
    expect(() => suggestReplenishment(example({ unit_cost: '-1.00' }))).toThrow(/Unit cost/);
    // L + R = 10 days needed, 9 given
    expect(() => suggestReplenishment(example({ forecast: Array<number>(9).fill(10) }))).toThrow(new RangeError('The forecast covers 9 days; 10 are needed'));
  });
});
