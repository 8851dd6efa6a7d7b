import { describe, expect, it } from 'vitest';
import { classInputs, costPriceHistories, dailyUnitsByRow, sameWeekdayBaseline, type DailySales } from './history.js';

const day = (date: string, units: number, extra: Partial<DailySales> = {}): DailySales => ({
  store_id: 's1',
  product_id: 'p1',
  date,
  units,
  revenue_cents: 0n,
  price_cents: 0n,
  cost_units: 0,
  cost_cents: 0n,
  ...extra,
});

describe('history', () => {
  it('daily units: zero-filled from the first day, summed per store × product, days outside left out', () => {
    const units = dailyUnitsByRow([day('2026-11-02', 3), day('2026-11-04', 5), day('2026-11-04', 1), day('2026-10-31', 9), day('2026-11-02', 2, { store_id: 's2' })], '2026-11-01', '2026-11-05');
    expect(Object.fromEntries(units)).toEqual({ 's1/p1': [0, 3, 0, 6, 0], 's2/p1': [0, 2, 0, 0, 0] });
  });

  it('same-weekday baseline: the mean of the 4 same weekdays before each day from day 28 on', () => {
    // Day t = t units for 30 days: baseline_28 = (21 + 14 + 7 + 0) / 4 = 10.5, baseline_29 = (22 + 15 + 8 + 1) / 4 = 11.5.
    expect(sameWeekdayBaseline(Array.from({ length: 30 }, (_, t) => t))).toEqual([10.5, 11.5]);
    expect(sameWeekdayBaseline(new Array<number>(28).fill(4))).toEqual([]);
  });

  it('weekly average cost and price, weighted by units, rounded to the cent; cost-less lines out of the cost', () => {
    const sales = [
      // Week 1 (from 1 Nov): 2 at 30.00 and 1 at 31.00 cost → 91.00 / 3 = 30.333… → 30.33; price 3 × 45.00 / 3 = 45.00.
      day('2026-11-01', 2, { price_cents: 9000n, cost_units: 2, cost_cents: 6000n }),
      day('2026-11-07', 1, { price_cents: 4500n, cost_units: 1, cost_cents: 3100n }),
      // Week 3 (from 15 Nov): 3 units at 46.00, one of them costed at 36.00, two without a cost.
      day('2026-11-16', 3, { price_cents: 13800n, cost_units: 1, cost_cents: 3600n }),
      // Outside the window.
      day('2026-10-31', 5, { price_cents: 100n, cost_units: 5, cost_cents: 100n }),
    ];
    expect(costPriceHistories(sales, '2026-11-01', '2026-11-30').get('s1/p1')).toEqual({
      cost: [{ date: '2026-11-01', value: '30.33' }, { date: '2026-11-15', value: '36.00' }],
      price: [{ date: '2026-11-01', value: '45.00' }, { date: '2026-11-15', value: '46.00' }],
      units: 6,
    });
    // Half a cent rounds up: 2 units for 0.03 → 0.015 → 0.02.
    expect(costPriceHistories([day('2026-11-01', 2, { price_cents: 3n })], '2026-11-01', '2026-11-07').get('s1/p1')!.price).toEqual([{ date: '2026-11-01', value: '0.02' }]);
  });

  it('class inputs: revenue and 13 weekly unit counts per product over all stores, stocked products without sales included', () => {
    // Today 28 Nov: the 13 weeks run from 29 Aug (week 0) to 27 Nov (week 12).
    const inputs = classInputs(
      [day('2026-08-29', 2, { revenue_cents: 1000n }), day('2026-11-27', 3, { store_id: 's2', revenue_cents: 1550n }), day('2026-08-28', 7, { revenue_cents: 99n })],
      ['p2'],
      '2026-11-28',
    );
    expect(inputs).toEqual([
      { product_id: 'p2', revenue: '0.00', weekly_units: new Array<number>(13).fill(0) },
      { product_id: 'p1', revenue: '25.50', weekly_units: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3] },
    ]);
  });
});
