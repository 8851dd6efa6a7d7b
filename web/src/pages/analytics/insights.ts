/**
 * Insights from GET /api/v1/insights (feature ai-insights): what needs attention, per product and
 * store, with the numbers behind it and a money impact used to rank them (shapes of
 * src/server/features/analytics/schema.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export const INSIGHT_KINDS = ['out_of_stock', 'will_run_out', 'dead_stock', 'overstock'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export interface Insight {
  kind: InsightKind;
  product_id: string;
  sku: string;
  name: string;
  store_id: string;
  store_name: string;
  /**
   * out_of_stock: stock, avg_daily_units, days_out, price, lost_units. will_run_out: stock,
   * avg_daily_units, days_of_cover, stockout_date, price. dead_stock: stock, unit_cost,
   * days_without_sales. overstock: stock, avg_daily_units, days_of_cover, excess_units, unit_cost.
   * Money as decimal strings, units and days as numbers.
   */
  numbers: Record<string, number | string | null>;
  /** Money at stake, a decimal string in the tenant's currency. */
  impact: string;
}

export interface Insights {
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
