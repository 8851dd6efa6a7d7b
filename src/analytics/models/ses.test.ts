import { describe, expect, it } from 'vitest';
import { ses, sesInitialLevel, sesWith } from './ses.js';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Roughly normal noise: the sum of 12 uniforms minus 6 (mean 0, sd 1). */
function noise(u: () => number): number {
  let s = -6;
  for (let i = 0; i < 12; i++) s += u();
  return s;
}

describe('sesInitialLevel', () => {
  it('is the mean of the first (up to) 7 known values', () => {
    // known values 2, 4, 6 → (2 + 4 + 6) / 3 = 4
    expect(sesInitialLevel([NaN, 2, 4, NaN, 6])).toBe(4);
    // the first 7 of 1…9: (1 + … + 7) / 7 = 28 / 7 = 4
    expect(sesInitialLevel([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(4);
    expect(sesInitialLevel([NaN, NaN])).toBe(0);
  });
});

describe('sesWith', () => {
  it('runs the recursion step by step, carrying the level over an unknown day', () => {
    // y = [10, 12, NaN, 8], α = 0.5, ℓ₀ = (10 + 12 + 8) / 3 = 10
    // t0: ŷ = 10, e = 0,          ℓ = 10
    // t1: ŷ = 10, e = 2,          ℓ = 10 + 0.5·2 = 11
    // t2: unknown: ŷ = 11,        ℓ = 11, no error
    // t3: ŷ = 11, e = 8 − 11 = −3, ℓ = 11 − 1.5 = 9.5
    // SSE = 0 + 4 + 9 = 13 over n = 3 known days
    const run = sesWith([10, 12, NaN, 8], 0.5);
    expect(Array.from(run.fitted)).toEqual([10, 10, 11, 11]);
    expect(run.level).toBe(9.5);
    expect(run.sse).toBe(13);
    expect(run.n).toBe(3);
  });
});

describe('ses', () => {
  it('forecasts the final level flat, with sigma = √(SSE / (n − 1)) at the fitted α', () => {
    const y = [10, 12, 9, 14, 11, 13, 10, 15, 12, 16];
    const fit = ses(y);
    const run = sesWith(y, fit.params.alpha!);
    expect(fit.model).toBe('ses');
    expect(fit.forecast(3)).toEqual([run.level, run.level, run.level]);
    expect(fit.n).toBe(10);
    expect(fit.sigma).toBeCloseTo(Math.sqrt(run.sse / 9), 12);
  });

  it('finds the α that minimises the SSE (no grid α does better)', () => {
    const u = uniform(7);
    const y = Array.from({ length: 120 }, (_, t) => 20 + 0.05 * t + 3 * noise(u));
    const fitted = sesWith(y, ses(y).params.alpha!).sse;
    for (let a = 0.01; a <= 0.99; a += 0.01) expect(fitted).toBeLessThanOrEqual(sesWith(y, a).sse + 1e-9);
  });

  it('fits a small α on a noisy flat series and a large α on a random walk', () => {
    const u = uniform(42);
    const flat = Array.from({ length: 365 }, () => 50 + 5 * noise(u));
    expect(ses(flat).params.alpha!).toBeLessThan(0.1);
    const walk: number[] = [];
    for (let t = 0, v = 500; t < 365; t++) walk.push((v += 5 * noise(u)));
    expect(ses(walk).params.alpha!).toBeGreaterThan(0.8);
  });
});
