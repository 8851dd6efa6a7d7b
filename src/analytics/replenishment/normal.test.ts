import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal.js';

describe('normalQuantile', () => {
  it('matches the textbook table in the central region', () => {
    // Φ(1.644854) = 0.95, Φ(1.959964) = 0.975, Φ(0.841621) = 0.8 (standard normal tables).
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 6);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('matches the table in both tails (p < 0.02425 and p > 0.97575)', () => {
    // Φ(2.326348) = 0.99, Φ(3.090232) = 0.999, Φ(−2.326348) = 0.01, Φ(−3.719016) = 0.0001.
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 6);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
    expect(normalQuantile(0.0001)).toBeCloseTo(-3.719016, 6);
  });

  it('is antisymmetric around ½: Φ⁻¹(p) = −Φ⁻¹(1 − p)', () => {
    for (const p of [0.6, 0.8, 0.9, 0.97, 0.98, 0.995]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 8);
  });

  it('throws a RangeError outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(/strictly between 0 and 1/);
  });
});
