import { describe, expect, it } from 'vitest';
import { detectAnomaly, robustScale, type AnomalyInput } from './anomalies.js';

/*
 * 70 days from 2026-01-01, fitted 10 every day. Days 0–55 are the reference window, days 56–69
 * (2026-02-26 … 2026-03-11) the recent one. Residuals alternate −1, +1 unless a test sets a day:
 * median 0, |deviations| all 1 → MAD 1 → scale 1.4826; a day is unusual beyond ±3.5 × 1.4826 = ±5.19.
 */
function series(recent: Record<number, number> = {}, reference: (t: number) => number = (t) => (t % 2 === 0 ? -1 : 1)): AnomalyInput {
  const actual = Array.from({ length: 70 }, (_, t) => 10 + (recent[t] ?? reference(t)));
  return { product_id: 'p-queso', store_id: 's-centro', first_date: '2026-01-01', actual, fitted: Array<number>(70).fill(10), price: '4.00' };
}

describe('robustScale', () => {
  it('is 1.4826 × MAD', () => {
    // [1, 2, 3, 4, 100]: median 3, |dev| [2, 1, 0, 1, 97] → MAD 1 → 1.4826 (the outlier does not count)
    expect(robustScale([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 10);
  });

  it('falls back to the standard deviation when the MAD is 0', () => {
    // [0, 0, 0, 0, 5]: median 0, MAD 0 → mean 1, Σ(r − 1)² = 4 × 1 + 16 = 20 → √(20/5) = 2
    expect(robustScale([0, 0, 0, 0, 5])).toBe(2);
    expect(robustScale([2, 2, 2])).toBe(0);
  });
});

describe('detectAnomaly', () => {
  it('reports the worst day of the recent window', () => {
    // day 58: r = +6 → z = 6 / 1.4826 = 4.047 (spike); day 60: r = −7 → z = −4.7215 (drop, worse)
    // impact |−7| × 4.00 = 28.00; day 60 = 2026-03-02
    const r = detectAnomaly(series({ 58: 6, 60: -7 }));
    expect(r).toMatchObject({
      kind: 'anomaly',
      product_id: 'p-queso',
      store_id: 's-centro',
      numbers: { direction: 'drop', actual: 3, expected: 10, residual: -7, scale: 1.4826 },
      impact_cents: 2800n,
      date: '2026-03-02',
    });
    expect(r?.numbers.score).toBeCloseTo(-4.7214, 4);
  });

  it('reports a spike, the latest day on a tie', () => {
    // r = +6 on days 58 and 65 (equal scores 4.047) → day 65 = 2026-03-07; 6 × 4.00 = 24.00
    const r = detectAnomaly(series({ 58: 6, 65: 6 }));
    expect(r).toMatchObject({ numbers: { direction: 'spike', actual: 16, residual: 6 }, impact_cents: 2400n, date: '2026-03-07' });
    expect(r?.numbers.score).toBeCloseTo(4.0469, 4);
  });

  it('ignores days within 3.5 scales and days outside the recent window', () => {
    // r = +5 → z = 3.372 ≤ 3.5; a +20 on day 50 is in the reference window, not a recent anomaly
    expect(detectAnomaly(series({ 60: 5 }))).toBeNull();
    expect(detectAnomaly(series({ 50: 20 }))).toBeNull();
  });

  it('needs the residual to be at least 2 units', () => {
    // reference ±0.2 → MAD 0.2 → scale 0.29652: r = 1.5 scores 5.06 but is under 2 units
    const small = (t: number) => (t % 2 === 0 ? -0.2 : 0.2);
    expect(detectAnomaly(series({ 60: 1.5 }, small))).toBeNull();
    // r = 2 → z = 6.745 → a spike
    expect(detectAnomaly(series({ 60: 2 }, small))?.numbers.score).toBeCloseTo(6.745, 3);
  });

  it('uses the standard deviation for slow movers and gives up on a flat reference', () => {
    // residuals 0 except +3 on the days t ≡ 0 (mod 7) (8 of the 56 reference days): MAD 0;
    // mean 24/56 = 0.428571, variance 72/56 − 0.428571² = 1.102041 → scale 1.049781.
    // The routine +3 on days 56 and 63 scores 3 / 1.049781 = 2.858: not unusual.
    const slow = (t: number) => (t % 7 === 0 ? 3 : 0);
    expect(detectAnomaly(series({}, slow))).toBeNull();
    // r = +6 on day 60 → z = 5.7155 → a spike
    const r = detectAnomaly(series({ 60: 6 }, slow));
    expect(r?.numbers.scale).toBeCloseTo(1.049781, 6);
    expect(r?.numbers.score).toBeCloseTo(5.7155, 4);
    expect(detectAnomaly(series({ 60: 9 }, () => 0))).toBeNull();
  });

  it('skips unknown days and needs 14 known reference days', () => {
    const withGaps = series({ 60: -7 });
    const actual = [...withGaps.actual];
    for (let t = 0; t < 56; t += 3) actual[t] = Number.NaN; // 19 of the 56 reference days unknown
    actual[62] = Number.NaN;
    expect(detectAnomaly({ ...withGaps, actual })?.date).toBe('2026-03-02');
    // only the last 13 reference days known → no scale
    const sparse = [...withGaps.actual].map((v, t) => (t < 43 ? Number.NaN : v));
    expect(detectAnomaly({ ...withGaps, actual: sparse })).toBeNull();
  });

  it('honours custom windows and rejects misaligned arrays', () => {
    // K = 5 → recent days 65–69: the drop on day 60 is now in the reference window
    expect(detectAnomaly({ ...series({ 60: -7 }), recent_days: 5 })).toBeNull();
    const s = series();
    expect(() => detectAnomaly({ ...s, fitted: s.fitted.slice(1) })).toThrow(RangeError);
  });
});
