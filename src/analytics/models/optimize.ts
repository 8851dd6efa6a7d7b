/**
 * Bounded minimisers for the models' in-sample one-step SSE. Every evaluation of the objective is
 * a full pass over the series, so each minimiser takes a hard cap on evaluations.
 *
 * - `gridSearch`: the best point of the cartesian product of a few values per parameter.
 * - `minimizeScalar`: a grid of G equally spaced points on [lo, hi], then golden-section search
 *   on the bracket [x_{i−1}, x_{i+1}] around the best grid point x_i. Golden section keeps two
 *   interior points c = b − r(b − a), d = a + r(b − a) with r = (√5 − 1)/2 ≈ 0.618, drops the end
 *   beyond the worse one and reuses the other point, so each step costs one evaluation and
 *   shrinks the bracket by the factor r.
 * - `patternSearch`: compass search from a starting point: per coordinate, tries x_i + s_i then
 *   x_i − s_i (clamped to [lo_i, hi_i]) and moves on the first improvement; after a sweep without
 *   one every step s_i is halved. Stops when the evaluations are spent.
 */

export type Objective = (x: Float64Array) => number;

export interface Minimum {
  x: Float64Array;
  value: number;
  evaluations: number;
}

/** Evaluates `f` on every combination of `axes` (one array of candidate values per parameter). */
export function gridSearch(f: Objective, axes: readonly (readonly number[])[]): Minimum {
  const d = axes.length;
  const x = new Float64Array(d);
  const best = new Float64Array(d);
  const index = new Int32Array(d);
  let value = Infinity;
  let evaluations = 0;
  for (;;) {
    for (let i = 0; i < d; i++) x[i] = axes[i]![index[i]!]!;
    const v = f(x);
    evaluations++;
    if (v < value) {
      value = v;
      best.set(x);
    }
    // Advance the combination like an odometer; done when every axis has wrapped.
    let i = 0;
    for (; i < d; i++) {
      index[i] = index[i]! + 1;
      if (index[i]! < axes[i]!.length) break;
      index[i] = 0;
    }
    if (i === d) return { x: best, value, evaluations };
  }
}

/** Minimises a function of one variable on [lo, hi] with `gridPoints` (≥ 2) grid evaluations, then golden section up to `evaluations` in all. */
export function minimizeScalar(f: (a: number) => number, lo: number, hi: number, gridPoints: number, evaluations: number): { x: number; value: number } {
  const spacing = (hi - lo) / (gridPoints - 1);
  let bestIndex = 0;
  let value = Infinity;
  for (let i = 0; i < gridPoints; i++) {
    const v = f(lo + i * spacing);
    if (v < value) {
      value = v;
      bestIndex = i;
    }
  }
  let x = lo + bestIndex * spacing;
  const remaining = evaluations - gridPoints;
  if (remaining < 2) return { x, value };
  const r = (Math.sqrt(5) - 1) / 2;
  let a = Math.max(lo, x - spacing);
  let b = Math.min(hi, x + spacing);
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let k = 2; k < remaining; k++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  if (fc < value) {
    x = c;
    value = fc;
  }
  if (fd < value) {
    x = d;
    value = fd;
  }
  return { x, value };
}

/** Compass search from `start` (its value already known) within [lo, hi], at most `evaluations` further evaluations. */
export function patternSearch(f: Objective, start: Minimum, lo: readonly number[], hi: readonly number[], step: readonly number[], evaluations: number): Minimum {
  const d = start.x.length;
  const x = Float64Array.from(start.x);
  const s = Float64Array.from(step);
  const trial = new Float64Array(d);
  let value = start.value;
  let used = 0;
  while (used < evaluations) {
    let tried = false;
    let moved = false;
    for (let i = 0; i < d && used < evaluations; i++) {
      for (let sign = 1; sign >= -1 && used < evaluations; sign -= 2) {
        const xi = Math.min(hi[i]!, Math.max(lo[i]!, x[i]! + sign * s[i]!));
        if (xi === x[i]) continue;
        trial.set(x);
        trial[i] = xi;
        const v = f(trial);
        used++;
        tried = true;
        if (v < value) {
          value = v;
          x[i] = xi;
          moved = true;
          break;
        }
      }
    }
    // Steps so small that every trial point equals x (or the box is a point): nothing left to try.
    if (!tried) break;
    if (!moved) for (let i = 0; i < d; i++) s[i] = s[i]! * 0.5;
  }
  return { x, value, evaluations: start.evaluations + used };
}
