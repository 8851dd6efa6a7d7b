import { describe, expect, it } from 'vitest';
import { rankInsights } from './rank.js';
import type { Insight, InsightKind } from './types.js';

function insight(kind: InsightKind, product_id: string, impact_cents: bigint, store_id = 's-1'): Insight {
  return { kind, product_id, store_id, numbers: {}, impact_cents };
}

describe('rankInsights', () => {
  it('sorts by impact, largest first, then kind, product id and store id', () => {
    const input = [
      insight('overstock', 'p-2', 500n),
      insight('dead_stock', 'p-9', 500n),
      insight('anomaly', 'p-1', 20n),
      insight('overstock', 'p-1', 500n, 's-2'),
      insight('overstock', 'p-1', 500n, 's-1'),
      insight('will_run_out', 'p-3', 123456789012345678n),
    ];
    const ranked = rankInsights(input);
    expect(ranked.map((i) => `${i.impact_cents}:${i.kind}:${i.product_id}:${i.store_id}`)).toEqual([
      '123456789012345678:will_run_out:p-3:s-1',
      // 500 each: dead_stock < overstock; overstock p-1 < p-2; p-1 s-1 < s-2
      '500:dead_stock:p-9:s-1',
      '500:overstock:p-1:s-1',
      '500:overstock:p-1:s-2',
      '500:overstock:p-2:s-1',
      '20:anomaly:p-1:s-1',
    ]);
    // a copy: the input keeps its order
    expect(input[0]?.product_id).toBe('p-2');
  });
});
