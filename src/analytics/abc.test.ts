import { describe, expect, it } from 'vitest';
import { abcClasses } from './abc.js';

describe('ABC classes', () => {
  it('A up to 80 % of the value (the crossing product included), B to 95 %, C the rest and the unsold', () => {
    // Total 100: a 50 (before 0 → A), b 30 (before 50 % → A), c 12 (before 80 % → B),
    // d 5 (before 92 % → B), e 3 (before 97 % → C), f 0 → C.
    const classes = abcClasses(new Map([['c', 12], ['a', 50], ['e', 3], ['b', 30], ['f', 0], ['d', 5]]));
    expect(Object.fromEntries(classes)).toEqual({ a: 'A', b: 'A', c: 'B', d: 'B', e: 'C', f: 'C' });
  });

  it('nothing sold: every product is C', () => {
    expect([...abcClasses(new Map([['x', 0], ['y', 0]])).values()]).toEqual(['C', 'C']);
  });
});
