/**
 * Latency buckets of the request statistics: fixed upper bounds in milliseconds, roughly 1.5×
 * apart, so a percentile read from merged counts is within one bucket's width of the truth
 * (e.g. a p95 reported as 180 ms lies between 150 and 200 ms). Changing the bounds changes the
 * meaning of stored rows: add a migration that clears request_stats if they ever change.
 */

/** Upper bounds (inclusive) in ms; one more bucket after the last holds everything slower. */
export const LATENCY_BOUNDS_MS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000] as const;
export const BUCKET_COUNT = LATENCY_BOUNDS_MS.length + 1;

export function emptyBuckets(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

export function bucketIndex(ms: number): number {
  // Linear scan: 24 comparisons at most, cheaper than a binary search at this size.
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]!) return i;
  return LATENCY_BOUNDS_MS.length;
}

/** Add `from` into `into` (same length); tolerant of a stored array of another length. */
export function addBuckets(into: number[], from: readonly unknown[]): void {
  const n = Math.min(into.length, from.length);
  for (let i = 0; i < n; i++) into[i]! += Number(from[i]) || 0;
}

/**
 * The q-quantile (0 < q ≤ 1) of the counted latencies, interpolated linearly inside the bucket it
 * falls in; null without data. The open last bucket reports its lower bound.
 */
export function quantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0 && seen + c >= rank) {
      if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS.at(-1)!;
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BOUNDS_MS[i]!;
      return Math.round((lower + ((rank - seen) / c) * (upper - lower)) * 10) / 10;
    }
    seen += c;
  }
  return LATENCY_BOUNDS_MS.at(-1)!;
}
