/**
 * Seasonal naive forecast: tomorrow sells what the same weekday sold last week.
 *
 * With season m and a series y_0 … y_{T−1}, the forecast for day T + k (k = 0, 1, …) is the last
 * KNOWN value at the same position in the season: y_{T+k−jm} for the smallest j ≥ 1 that lands on
 * a known day (walking back whole seasons past unknown days), or 0 if there is none.
 *
 * In-sample errors are the one-step seasonal differences e_t = y_t − y_{t−m} over the pairs where
 * both days are known; sigma = √(Σe² / (n − 1)) over those n pairs.
 */
import { horizon, seasonLength, sigmaOf } from './fit-helpers.js';
import type { Fitter } from './types.js';

export const seasonalNaive: Fitter = (y, options) => {
  const m = seasonLength(options);
  const length = y.length;
  // last[r]: the forecast for every future day whose index is ≡ r (mod m).
  const last = new Float64Array(m);
  for (let j = 1; j <= m && j <= length; j++) {
    let i = length - j;
    const r = i % m;
    while (i >= 0 && Number.isNaN(y[i]!)) i -= m;
    last[r] = i >= 0 ? Math.max(0, y[i]!) : 0;
  }
  let sse = 0;
  let n = 0;
  for (let t = m; t < length; t++) {
    const e = y[t]! - y[t - m]!;
    if (Number.isNaN(e)) continue;
    sse += e * e;
    n++;
  }
  return {
    model: 'seasonal_naive',
    params: {},
    forecast(h) {
      const out = new Array<number>(horizon(h));
      for (let k = 0; k < out.length; k++) out[k] = last[(length + k) % m]!;
      return out;
    },
    sigma: sigmaOf(sse, n),
    n,
  };
};
