/** Sales lines and tickets from /api/v1/sales (shapes of src/server/features/sales/schema.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import type { Taxes } from './taxes';

export interface SaleLine {
  ticket: string;
  line: number;
  store: { id: string; name: string };
  product: { id: string; sku: string; name: string };
  fecha_venta: string;
  business_date: string;
  quantity: number;
  unit_price: string;
  discount: string;
  total: string;
  currency: string;
  /** The product's (current) IVA category. */
  tax_category: 'general' | 'reduced' | 'exempt';
}

export interface Ticket {
  ticket: string;
  store: { id: string; name: string };
  fecha_venta: string;
  business_date: string;
  currency: string;
  fx_rate: string;
  lines: SaleLine[];
  totals: {
    lines: number;
    units: number;
    subtotal: string;
    discount: string;
    total: string;
    base_currency: string;
    total_base: string;
  };
  /** Venezuelan taxes, for tenants that show them (null otherwise). */
  taxes: Taxes | null;
}

export const PAGE_SIZE = 50;

export function useSales(query: { from: string; to: string; store_id?: string }, offset: number) {
  return useQuery({
    queryKey: ['sales', query, offset],
    queryFn: () => api<Page<SaleLine>>('/sales', { query: { ...query, limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(ticket: string | null) {
  return useQuery({
    queryKey: ['ticket', ticket],
    enabled: ticket !== null,
    queryFn: () => api<Ticket>(`/sales/tickets/${encodeURIComponent(ticket ?? '')}`),
  });
}
