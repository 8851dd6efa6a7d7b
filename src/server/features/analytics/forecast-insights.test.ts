import { describe, expect, it } from 'vitest';
import { forecastFindings, type ForecastInsightInputs } from './forecast-insights.js';
import { forecastFrom } from '../../../analytics/replenishment/index.js';
import type { ForecastStockRow } from './repository.js';

const TODAY = '2026-11-27';

const row = (extra: Partial<ForecastStockRow> = {}): ForecastStockRow => ({
  store_id: 's1',
  store_name: 'Centro',
  product_id: 'p1',
  sku: 'P-1',
  name: 'Harina',
  on_hand: 10,
  price: '2.00',
  unit_cost: '1.50',
  lead_time_days: 5,
  open_order_date: null,
  as_of: TODAY,
  mean: new Array<number>(28).fill(4),
  sigma: 0,
  ...extra,
});

/** Findings of one row; every other input empty unless given. A last sale yesterday keeps the row from being dead stock. */
const findings = (r: ForecastStockRow, extra: Partial<ForecastInsightInputs> = {}) =>
  forecastFindings({ today: TODAY, rows: [r], daysOut: new Map(), lastSale: new Map([['s1/p1', '2026-11-26']]), dailyUnits: new Map(), margins: new Map(), ...extra });

describe('forecast insights', () => {
  it('the forecast from today: shifted by the days since it was made, the last week\'s mean beyond it', () => {
    // Means 1…10 made 2 days ago: from today 3…10, then (4 + … + 10) / 7 = 7.
    expect(forecastFrom([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2, 12)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 7, 7, 7, 7]);
    expect(forecastFrom([], 0, 2)).toEqual([0, 0]);
  });

  it('will_run_out: delivery at today + lead time, or an open order\'s date when earlier', () => {
    // 10 on hand, 4 a day: cumulative 4, 8, 12 → out on day 2 (29 Nov); delivery in 5 days; short 20 − 10 = 10 units × 2.00 = 20.00.
    const [runOut] = findings(row());
    expect(runOut).toMatchObject({
      kind: 'will_run_out',
      date: '2026-11-29',
      impact_cents: 2000n,
      numbers: { on_hand: 10, days_to_stockout: 2, delivery_in_days: 5, delivery_date: '2026-12-02', days_without_stock: 3, units_short: 10 },
      facts: { kind: 'will_run_out', name: 'Harina', store: 'Centro', impact: '20.00', date: '2026-11-29', days_early: 3, units_short: 10 },
    });
    // An order expected in 2 days: 8 units of demand before it, 10 on hand → no insight. One expected after the lead time changes nothing.
    expect(findings(row({ open_order_date: '2026-11-29' }))).toEqual([]);
    expect(findings(row({ open_order_date: '2026-12-06' }))[0]).toMatchObject({ numbers: { delivery_date: '2026-12-02' } });
  });

  it('out_of_stock: mean of the first 7 forecast days × days out from the ledger (1 when it does not say); none without demand', () => {
    // (1 + 2 + … + 7) / 7 = 4 a day × 3 days out = 12 units × 2.00 = 24.00, out since 24 Nov.
    const mean = [1, 2, 3, 4, 5, 6, 7, ...new Array<number>(21).fill(4)];
    expect(findings(row({ on_hand: 0, mean }), { daysOut: new Map([['s1/p1', 3]]) })).toMatchObject([
      { kind: 'out_of_stock', date: '2026-11-24', impact_cents: 2400n, numbers: { days_out: 3, daily_mean: 4, lost_units: 12 } },
    ]);
    expect(findings(row({ on_hand: 0, mean }))).toMatchObject([{ kind: 'out_of_stock', numbers: { days_out: 1, lost_units: 4 } }]);
    expect(findings(row({ on_hand: 0, mean: new Array<number>(28).fill(0) }))).toEqual([]);
  });

  it('dead stock rather than overstock for a row that has not sold in 60 days', () => {
    const idle = row({ on_hand: 100, mean: new Array<number>(28).fill(0) });
    // Never sold: 100 × 1.50 = 150.00 dead.
    expect(findings(idle, { lastSale: new Map() })).toMatchObject([{ kind: 'dead_stock', impact_cents: 15000n, numbers: { on_hand: 100, days_since_sale: null } }]);
    // Sold yesterday: no demand ahead, σ = 0 → safety stock 0, need 0, all 100 units in excess: 100 × 1.50 = 150.00.
    expect(findings(idle)).toMatchObject([{ kind: 'overstock', impact_cents: 15000n, numbers: { days_of_cover: null, need_units: 0, excess_units: 100 } }]);
  });

  it('overstock: the safety stock is z₉₅ · σ · √(L + 7)', () => {
    // 1 a day, 200 on hand, L = 9, σ = 2: protection 16 days, safety 1.6449 × 2 × 4 = 13.159; need 16 + 13.159 = 29.159;
    // cover 200 days > max(90, 3 × 16 = 48); excess 170.841 × 1.50 = 256.26.
    const [over] = findings(row({ on_hand: 200, mean: new Array<number>(28).fill(1), sigma: 2, lead_time_days: 9 }));
    expect(over).toMatchObject({ kind: 'overstock', impact_cents: 25626n, numbers: { threshold_days: 90, days_of_cover: 200 } });
    expect(over!.numbers.need_units as number).toBeCloseTo(29.159, 3);
  });

  it('anomaly against the same-weekday baseline, dated on its day', () => {
    // 98 days alternating 5 and 6 units: every baseline is (odd + even + odd + even) / 4 = 5.5 and residuals are ±0.5 (scale 1.4826 × 0.5).
    // Yesterday (index 97) sold 50: residual 44.5 × 2.00 = 89.00.
    const units = Array.from({ length: 98 }, (_, t) => (t === 97 ? 50 : 5 + (t % 2)));
    const [anomaly] = findings(row({ on_hand: 100, mean: new Array<number>(28).fill(5.5) }), { dailyUnits: new Map([['s1/p1', units]]) });
    expect(anomaly).toMatchObject({
      kind: 'anomaly',
      date: '2026-11-26',
      impact_cents: 8900n,
      numbers: { direction: 'spike', actual: 50, expected: 5.5, residual: 44.5 },
      facts: { kind: 'anomaly', date: '2026-11-26', direction: 'spike', actual: 50, expected: 5.5 },
    });
  });

  it('margin erosion over 90 days from the weekly histories', () => {
    // Cost 10.00 → 12.00 (+20 %), price 20.00 steady: (2.00 − 0) × 10 units = 20.00.
    const margins = new Map([['s1/p1', { cost: [{ date: '2026-08-29', value: '10.00' }, { date: '2026-11-21', value: '12.00' }], price: [{ date: '2026-08-29', value: '20.00' }], units: 10 }]]);
    const [erosion] = findings(row({ on_hand: 50, mean: new Array<number>(28).fill(1) }), { margins });
    expect(erosion).toMatchObject({ kind: 'margin_erosion', impact_cents: 2000n, numbers: { cost_change_pct: 20, price_change_pct: 0, old_margin_pct: 50, new_margin_pct: 40 } });
    expect(erosion!.facts).toMatchObject({ kind: 'margin_erosion', window_days: 90, new_margin_pct: 40 });
  });
});
