/**
 * Data the dashboard and the sales report share: the figures of GET /api/v1/stats and the store
 * list for the filter. Shapes follow src/server/features/stats/schema.ts (amounts are decimal strings).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import type { Taxes } from '../sales/taxes';

interface Amounts {
  revenue: string;
  units: number;
  tickets: number;
}

export interface Stats extends Amounts {
  currency: string;
  from: string;
  to: string;
  store_id: string | null;
  average_ticket: string;
  cost: string;
  gross_margin: string;
  gross_margin_pct: number | null;
  inventory_value: string;
  low_stock_count: number;
  out_of_stock_count: number;
  daily: Array<Amounts & { date: string }>;
  by_store: Array<Amounts & { store_id: string; store_name: string }>;
  by_category: Array<{ category: string; revenue: string; units: number; margin: string }>;
  top_products: Array<{ product_id: string; sku: string; name: string; revenue: string; units: number }>;
  /** Venezuelan taxes of the period, for tenants that show them (null otherwise). */
  taxes: Taxes | null;
}

export interface Store {
  id: string;
  code: string;
  name: string;
  city: string | null;
  active: boolean;
}

export function useStats(query: { from: string; to: string; store_id?: string }, enabled = true) {
  return useQuery({
    queryKey: ['stats', query],
    enabled,
    queryFn: () => api<Stats>('/stats', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useStores() {
  return useQuery({
    queryKey: ['stores', 'all'],
    queryFn: () => api<Page<Store>>('/stores', { query: { limit: 500 } }).then((p) => p.items),
    staleTime: 5 * 60_000,
  });
}
