/**
 * A plausible daily BCV series (bolívares per US dollar). Anchored on the rough path of the
 * official rate through late 2025 and extrapolated at about 3 % a month after that; between
 * anchors it moves log-linearly with a little autocorrelated noise. The BCV publishes on
 * business days, so Saturday and Sunday carry Friday's rate. Plausible, not the official series.
 */
import { civil, epochDayOf } from './calendar.js';
import { Rng } from './random.js';

const ANCHORS: ReadonlyArray<readonly [number, number, number, number]> = [
  [2023, 1, 2, 17.48],
  [2023, 7, 3, 28.01],
  [2024, 1, 2, 35.95],
  [2024, 7, 1, 36.46],
  [2024, 10, 1, 37.1],
  [2024, 12, 31, 51.93],
  [2025, 3, 31, 70.0],
  [2025, 6, 30, 107.62],
  [2025, 9, 30, 180.0],
  [2025, 11, 27, 243.0],
];
const MONTHLY_DEPRECIATION_AFTER = 0.03;

function trendLog(epochDay: number): number {
  const pts = ANCHORS.map(([y, m, d, r]) => [epochDayOf(y, m, d), Math.log(r)] as const);
  const first = pts[0]!;
  const last = pts.at(-1)!;
  if (epochDay <= first[0]) return first[1] + ((epochDay - first[0]) * Math.log(1.03)) / 30.4;
  if (epochDay >= last[0]) return last[1] + ((epochDay - last[0]) * Math.log(1 + MONTHLY_DEPRECIATION_AFTER)) / 30.4;
  for (let i = 1; i < pts.length; i++) {
    const [d1, l1] = pts[i]!;
    const [d0, l0] = pts[i - 1]!;
    if (epochDay <= d1) return l0 + ((l1 - l0) * (epochDay - d0)) / (d1 - d0);
  }
  return last[1];
}

/**
 * Rates for every day in [firstDay, lastDay], in units of 1/10 000 VES per USD (an integer, so
 * prices derived from it are exact). Index 0 is firstDay.
 */
export function bcvSeries(firstDay: number, lastDay: number, seed: number): Int32Array {
  const rng = Rng.of(seed, 'bcv');
  const out = new Int32Array(lastDay - firstDay + 1);
  // Start the noise a few days early so the first day can be a weekend carrying a Friday.
  let noise = 0;
  let friday = 0;
  for (let day = firstDay - 7; day <= lastDay; day++) {
    const wd = civil(day).weekday;
    let value: number;
    if (wd === 0 || wd === 6) {
      value = friday;
    } else {
      noise = 0.85 * noise + 0.006 * rng.normal();
      value = Math.round(Math.exp(trendLog(day) + noise) * 10_000);
      if (wd === 5) friday = value;
    }
    if (day >= firstDay) out[day - firstDay] = value || Math.round(Math.exp(trendLog(day)) * 10_000);
  }
  return out;
}

/** 2431234 → '243.123400' (the DECIMAL(18,6) text of a rate in 1/10 000 units). */
export function rateText(rateE4: number): string {
  return `${Math.floor(rateE4 / 10_000)}.${String(rateE4 % 10_000).padStart(4, '0')}00`;
}
