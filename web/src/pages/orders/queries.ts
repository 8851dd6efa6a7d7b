/**
 * Data for the orders pages: the list, one order, suppliers, stores and product search for the
 * form, and the create / submit / receive / cancel calls. A receipt changes stock, so it also
 * refreshes every inventory query.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { INVENTORY_KEY } from '../inventory/queries';
import type { CreateOrderBody, OrderDetail, OrderStatus, OrderSummary, Product, ReceiveOrderBody, Supplier } from './types';

export const ORDERS_KEY = ['orders'] as const;
export const ORDERS_PAGE = 25;

export function useOrderList(status: OrderStatus | '', page: number) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'list', { status, page }],
    queryFn: () =>
      api<Page<OrderSummary>>('/orders', { query: { status: status || undefined, limit: ORDERS_PAGE, offset: (page - 1) * ORDERS_PAGE } }),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string, enabled = true) {
  return useQuery({ queryKey: [...ORDERS_KEY, 'detail', id], queryFn: () => api<OrderDetail>(`/orders/${encodeURIComponent(id)}`), enabled });
}

export function useSuppliers() {
  return useQuery({
    queryKey: ['suppliers', 'active'],
    queryFn: () => api<Page<Supplier>>('/suppliers', { query: { active: true, limit: 500 } }).then((p) => p.items),
    staleTime: 5 * 60_000,
  });
}

export function useProductSearch(q: string, supplierId: string | undefined) {
  return useQuery({
    queryKey: ['products', 'search', { q, supplierId }],
    queryFn: () => api<Page<Product>>('/products', { query: { q: q || undefined, supplier_id: supplierId, active: true, limit: 20, sort: 'name' } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

function useOrderChange<V>(call: (vars: V) => Promise<OrderDetail>, touchesStock = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (order) => {
      qc.setQueryData([...ORDERS_KEY, 'detail', order.id], order);
      await Promise.all([
        qc.invalidateQueries({ queryKey: [...ORDERS_KEY, 'list'] }),
        touchesStock ? qc.invalidateQueries({ queryKey: INVENTORY_KEY }) : undefined,
      ]);
    },
  });
}

export const useCreateOrder = () => useOrderChange((body: CreateOrderBody) => api<OrderDetail>('/orders', { method: 'POST', body }));
export const useSubmitOrder = () => useOrderChange((id: string) => api<OrderDetail>(`/orders/${id}/submit`, { method: 'POST', body: {} }));
export const useCancelOrder = () => useOrderChange((id: string) => api<OrderDetail>(`/orders/${id}/cancel`, { method: 'POST', body: {} }));
export const useReceiveOrder = () =>
  useOrderChange(({ id, body }: { id: string; body: ReceiveOrderBody }) => api<OrderDetail>(`/orders/${id}/receive`, { method: 'POST', body }), true);
