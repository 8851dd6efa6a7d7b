/**
 * The shape of an insight: a fact about one product in one store worth a sentence on the
 * dashboard. It carries the numbers the sentence needs, never the sentence itself (clients word
 * it in the tenant's language), and its money impact in cents, which ranks it (rank.ts).
 *
 * Numbers are plain numbers (units, days, percentages), decimal strings for money ("12.50"),
 * short codes ('spike'), or null when a value does not exist (no last sale).
 */

export type InsightKind = 'will_run_out' | 'out_of_stock' | 'overstock' | 'dead_stock' | 'anomaly' | 'margin_erosion';

export type InsightNumbers = Readonly<Record<string, number | string | null>>;

export interface Insight<K extends InsightKind = InsightKind, N extends InsightNumbers = InsightNumbers> {
  kind: K;
  product_id: string;
  store_id: string;
  numbers: N;
  /** What is at stake, in cents (lost sales, money tied up, margin lost); ≥ 0. */
  impact_cents: bigint;
  /** The day the insight is about ('YYYY-MM-DD'), when there is one. */
  date?: string;
}
