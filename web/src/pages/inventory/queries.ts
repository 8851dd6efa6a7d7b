/**
 * Data for the inventory page: stock levels in pages of 200 (server-side filtering and sorting),
 * a product's movement history, stores and categories for the filters, and the adjustment call.
 * Query keys start with 'inventory' so one invalidation refreshes every stock view.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page, type Query } from '../../app/api';
import type { AdjustmentBody, AdjustmentResult, Category, InventoryItem, Movement, Store } from './types';

/** Every stock query (levels and movements) starts with this key. */
export const INVENTORY_KEY = ['inventory'] as const;
export const PAGE_SIZE = 200;
export const MOVEMENTS_PAGE = 50;

function nextOffset(last: Page<unknown>): number | undefined {
  const next = last.offset + last.items.length;
  return last.items.length > 0 && next < last.total ? next : undefined;
}

export function useInventoryPages(query: Query) {
  return useInfiniteQuery({
    queryKey: [...INVENTORY_KEY, 'levels', query],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api<Page<InventoryItem>>('/inventory', { query: { ...query, limit: PAGE_SIZE, offset: pageParam } }),
    getNextPageParam: nextOffset,
    placeholderData: (previous) => previous,
    staleTime: 15_000,
  });
}

export function useMovements(storeId: string, productId: string) {
  return useInfiniteQuery({
    queryKey: [...INVENTORY_KEY, 'movements', { store_id: storeId, product_id: productId }],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api<Page<Movement>>('/inventory/movements', {
        query: { store_id: storeId, product_id: productId, limit: MOVEMENTS_PAGE, offset: pageParam },
      }),
    getNextPageParam: nextOffset,
  });
}

export function useStores() {
  return useQuery({
    queryKey: ['stores', 'all'],
    queryFn: () => api<Page<Store>>('/stores', { query: { limit: 500 } }).then((p) => p.items),
    staleTime: 5 * 60_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['products', 'categories'],
    queryFn: () => api<{ items: Category[] }>('/products/categories').then((p) => p.items),
    staleTime: 5 * 60_000,
  });
}

export function useAdjustStock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AdjustmentBody) => api<AdjustmentResult>('/inventory/adjustments', { method: 'POST', body }),
    // Stock levels and movement histories refresh; the table shows the new quantity.
    onSuccess: () => qc.invalidateQueries({ queryKey: INVENTORY_KEY }),
  });
}
