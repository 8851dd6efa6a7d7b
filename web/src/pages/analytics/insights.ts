/**
 * Insights from GET /api/v1/insights (feature ai-insights): what needs attention, per product and
 * store, with the numbers behind it and a money impact used to rank them (shapes of
 * src/server/features/analytics/schema.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export const INSIGHT_KINDS = ['out_of_stock', 'will_run_out', 'overstock', 'dead_stock', 'anomaly', 'margin_erosion'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export interface Insight {
  kind: InsightKind;
  product_id: string;
  sku: string;
  name: string;
  store_id: string;
  store_name: string;
  /** The figures behind the insight (which ones depends on the kind and the source). */
  numbers: Record<string, number | string | null>;
  /** Money at stake, a decimal string in the tenant's currency. */
  impact: string;
  /** One sentence in the tenant's language, written by the server. */
  text: string;
  /** The day it is about (stock-out, anomaly), when there is one. */
  date: string | null;
  abc: 'A' | 'B' | 'C' | null;
  xyz: 'X' | 'Y' | 'Z' | null;
}

export interface Insights {
  /** 'forecast' once the tenant has forecasts; 'run_rate' (28-day averages) before. */
  source: 'forecast' | 'run_rate';
  as_of: string;
  currency: string;
  /** Insights found before the limit. */
  total: number;
  items: Insight[];
}

/** Biggest impact first (the server's order too). */
export function byImpact(a: Insight, b: Insight): number {
  return Number(b.impact) - Number(a.impact);
}

/** The `limit` insights of highest impact (1–100). */
export function useInsights(limit: number) {
  return useQuery({
    queryKey: ['insights', limit],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const body = await api<Insights>('/insights', { query: { limit } });
      return { ...body, items: [...body.items].sort(byImpact) };
    },
  });
}
