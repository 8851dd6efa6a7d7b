/**
 * ABC classes by value (Pareto): products sorted by revenue, largest first; those making up the
 * first 80 % of the total are A, the next 15 % B, the rest C. A product is A when the running
 * total before it is under 80 % (so the product that crosses 80 % is still A), B when under 95 %.
 * Products with no revenue are C. Ties keep the key order, so the result is deterministic.
 */
export type AbcClass = 'A' | 'B' | 'C';

export function abcClasses(value: ReadonlyMap<string, number>): Map<string, AbcClass> {
  const entries = [...value].filter(([, v]) => Number.isFinite(v)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = entries.reduce((s, [, v]) => s + Math.max(0, v), 0);
  const out = new Map<string, AbcClass>();
  let before = 0;
  for (const [key, v] of entries) {
    const share = total > 0 ? before / total : 1;
    out.set(key, v <= 0 ? 'C' : share < 0.8 ? 'A' : share < 0.95 ? 'B' : 'C');
    before += Math.max(0, v);
  }
  return out;
}
