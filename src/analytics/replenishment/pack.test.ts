import { describe, expect, it } from 'vitest';
import { packQuantity } from './pack.js';

describe('packQuantity', () => {
  it('rounds up to whole packs without a maximum', () => {
    // need 13 / 6 = 2.17 → 3 packs = 18
    expect(packQuantity({ need: 13, position: 0, reorderPoint: 5, maxStock: null, packSize: 6 })).toBe(18);
  });

  it('drops the only pack when it would overshoot the max and the reorder point is already reached', () => {
    // need 5 → 1 pack of 12; 30 + 12 = 42 > max 40 → 0 packs; position 30 ≥ ROP 20, so 0 stands
    expect(packQuantity({ need: 5, position: 30, reorderPoint: 20, maxStock: 40, packSize: 12 })).toBe(0);
    // same, but ROP 33 > position 30: 3 units short → 1 pack of 12 is kept (42, over the max)
    expect(packQuantity({ need: 5, position: 30, reorderPoint: 33, maxStock: 40, packSize: 12 })).toBe(12);
  });
});
