/**
 * The order insights are shown in: largest money impact first; equal impacts by kind, then
 * product id, then store id (plain code-unit order, so every runtime sorts alike).
 */
import type { Insight } from './types.js';

/** A sorted copy of `insights`; the input is left as it is. */
export function rankInsights<T extends Insight>(insights: readonly T[]): T[] {
  return [...insights].sort(
    (a, b) =>
      (a.impact_cents > b.impact_cents ? -1 : a.impact_cents < b.impact_cents ? 1 : 0) ||
      compareText(a.kind, b.kind) ||
      compareText(a.product_id, b.product_id) ||
      compareText(a.store_id, b.store_id),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
