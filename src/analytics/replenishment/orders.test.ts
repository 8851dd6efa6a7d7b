import { describe, expect, it } from 'vitest';
import { groupIntoOrders, type OrderableSuggestion } from './orders.js';

function line(product_id: string, store_id: string, supplier_id: string | null, quantity: number, unit_cost: string, packs = quantity / 12): OrderableSuggestion {
  return { product_id, store_id, supplier_id, quantity, packs, unit_cost };
}

describe('groupIntoOrders', () => {
  it('groups by (supplier, store) with line costs and totals', () => {
    const groups = groupIntoOrders([
      line('p-b', 's-1', 'sup-polar', 24, '2.35'),
      line('p-a', 's-1', 'sup-polar', 12, '10.00'),
      line('p-c', 's-2', 'sup-polar', 36, '1.10'),
      line('p-d', 's-1', 'sup-mavesa', 12, '3.33'),
    ]);
    expect(groups).toEqual([
      // store s-1, supplier sup-mavesa: 12 × 3.33 = 39.96
      { supplier_id: 'sup-mavesa', store_id: 's-1', units: 12, total_cents: 3996n, lines: [{ product_id: 'p-d', quantity: 12, packs: 1, unit_cost: '3.33', cost_cents: 3996n }] },
      // store s-1, supplier sup-polar: 12 × 10.00 = 120.00 and 24 × 2.35 = 56.40 → 176.40, 36 units
      {
        supplier_id: 'sup-polar',
        store_id: 's-1',
        units: 36,
        total_cents: 17640n,
        lines: [
          { product_id: 'p-a', quantity: 12, packs: 1, unit_cost: '10.00', cost_cents: 12000n },
          { product_id: 'p-b', quantity: 24, packs: 2, unit_cost: '2.35', cost_cents: 5640n },
        ],
      },
      // store s-2: 36 × 1.10 = 39.60
      { supplier_id: 'sup-polar', store_id: 's-2', units: 36, total_cents: 3960n, lines: [{ product_id: 'p-c', quantity: 36, packs: 3, unit_cost: '1.10', cost_cents: 3960n }] },
    ]);
  });

  it('drops zero quantities and puts products without a supplier in a group of their own, last', () => {
    const groups = groupIntoOrders([line('p-x', 's-1', null, 6, '1.00', 6), line('p-y', 's-1', 'sup-a', 0, '5.00'), line('p-z', 's-1', 'sup-b', 12, '0.50')]);
    expect(groups.map((g) => [g.supplier_id, g.lines.map((l) => l.product_id), g.total_cents])).toEqual([
      ['sup-b', ['p-z'], 600n], // 12 × 0.50
      [null, ['p-x'], 600n], // 6 × 1.00
    ]);
    expect(groupIntoOrders([line('p-y', 's-1', 'sup-a', 0, '5.00')])).toEqual([]);
  });

  it('rejects a product twice in one order and fractional quantities', () => {
    expect(() => groupIntoOrders([line('p-a', 's-1', 'sup', 12, '1.00'), line('p-a', 's-1', 'sup', 24, '1.00')])).toThrow(RangeError);
    expect(() => groupIntoOrders([line('p-a', 's-1', 'sup', 2.5, '1.00')])).toThrow(/whole number/);
  });
});
