/**
 * Replenishment (feature forecasting; shapes of src/server/features/forecasting/schema.ts):
 * GET /api/v1/replenishment/suggestions — per product × store, the periodic-review order-up-to
 * suggestion: safety stock z·σ·√(L+R) at the service level, reorder point, order-up-to level S,
 * and the quantity S − (on hand + on order) rounded up to whole packs — and
 * POST /api/v1/replenishment/orders, which turns chosen rows into draft purchase orders, one per
 * supplier and store. Filters live in the URL (?store_id=&supplier_id=&service_level=&review=&all=1).
 *
 * Selection arithmetic (exact, in cents): total = Σ over chosen rows of quantity × unit cost;
 * packs = quantity ÷ pack size, whole when the remainder is 0.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lineTotalCents, fromCents } from '../../../../src/shared/money';
import { api, type Query } from '../../app/api';
import { ORDERS_KEY } from '../orders/queries';

export interface Suggestion {
  store_id: string;
  store_name: string;
  product_id: string;
  sku: string;
  name: string;
  /** null: the product has no supplier (it cannot be ordered from here). */
  supplier_id: string | null;
  supplier_name: string | null;
  model: string;
  on_hand: number;
  /** Units on open (draft or submitted) orders for this store. */
  on_order: number;
  lead_time_days: number;
  review_period_days: number;
  service_level: number;
  demand_lead_time: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  /** Suggested units: whole packs. */
  quantity: number;
  packs: number;
  pack_size: number;
  days_of_cover: number | null;
  unit_cost: string;
  order_cost: string;
}

export interface Suggestions {
  as_of: string;
  currency: string;
  total: number;
  order_cost: string;
  items: Suggestion[];
}

export interface CreatedOrder {
  id: string;
  number: number;
  reference: string;
  supplier_id: string;
  store_id: string;
  lines: number;
  total: string;
}

export const SERVICE_LEVELS = [0.9, 0.95, 0.975, 0.99] as const;
export const DEFAULT_SERVICE_LEVEL = 0.95;
export const DEFAULT_REVIEW_DAYS = 7;
export const MAX_REVIEW_DAYS = 56;
export const MAX_QUANTITY = 1_000_000;

export interface ReplenishmentFilters {
  /** '' = every store / supplier. */
  storeId: string;
  supplierId: string;
  serviceLevel: number;
  reviewDays: number;
  /** Also the rows that need no order. */
  all: boolean;
}

export function readFilters(params: URLSearchParams): ReplenishmentFilters {
  const level = Number(params.get('service_level'));
  const review = Number(params.get('review'));
  return {
    storeId: params.get('store_id') ?? '',
    supplierId: params.get('supplier_id') ?? '',
    serviceLevel: (SERVICE_LEVELS as readonly number[]).includes(level) ? level : DEFAULT_SERVICE_LEVEL,
    reviewDays: Number.isInteger(review) && review >= 1 && review <= MAX_REVIEW_DAYS ? review : DEFAULT_REVIEW_DAYS,
    all: params.get('all') === '1',
  };
}

/** The filters as URL parameters; defaults are left out. */
export function writeFilters(f: ReplenishmentFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.storeId) p.set('store_id', f.storeId);
  if (f.supplierId) p.set('supplier_id', f.supplierId);
  if (f.serviceLevel !== DEFAULT_SERVICE_LEVEL) p.set('service_level', String(f.serviceLevel));
  if (f.reviewDays !== DEFAULT_REVIEW_DAYS) p.set('review', String(f.reviewDays));
  if (f.all) p.set('all', '1');
  return p;
}

export function toApiQuery(f: ReplenishmentFilters): Query {
  return {
    store_id: f.storeId || undefined,
    supplier_id: f.supplierId || undefined,
    service_level: f.serviceLevel,
    review_period_days: f.reviewDays,
    all: f.all || undefined,
  };
}

export const rowKey = (s: { store_id: string; product_id: string }) => `${s.store_id}/${s.product_id}`;

/** A row can become an order line only with a supplier. */
export const canOrder = (s: Suggestion) => s.supplier_id !== null;

export function useSuggestions(f: ReplenishmentFilters) {
  const query = toApiQuery(f);
  return useQuery({
    queryKey: ['replenishment', 'suggestions', query],
    queryFn: () => api<Suggestions>('/replenishment/suggestions', { query }),
    staleTime: 30_000,
  });
}

export interface CreateOrdersInput {
  items: Array<{ store_id: string; product_id: string; quantity: number }>;
  service_level: number;
  review_period_days: number;
}

export function useCreateOrders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrdersInput) => api<{ orders: CreatedOrder[] }>('/replenishment/orders', { method: 'POST', body }),
    onSuccess: async () => {
      // New drafts count as units on order: the suggestions change, and so does the order list.
      await Promise.all([qc.invalidateQueries({ queryKey: ['replenishment'] }), qc.invalidateQueries({ queryKey: ORDERS_KEY })]);
    },
  });
}

export type QuantityProblem = 'required' | 'whole' | 'range';

/** Parses a typed quantity: a whole number of units from 1 to 1 000 000. */
export function parseQuantity(text: string): { value: number } | { problem: QuantityProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'required' };
  const n = Number(trimmed);
  if (!Number.isInteger(n)) return { problem: 'whole' };
  if (n < 1 || n > MAX_QUANTITY) return { problem: 'range' };
  return { value: n };
}

/** packs = quantity ÷ pack size; `whole` when it divides exactly. */
export function packsOf(quantity: number, packSize: number): { packs: number; whole: boolean } {
  const size = Math.max(1, packSize);
  return { packs: quantity / size, whole: quantity % size === 0 };
}

/**
 * The chosen rows with their quantities (typed text where edited, else the suggestion), the
 * number of rows whose quantity is not valid, and the exact total cost Σ quantity × unit cost.
 */
export function selection(
  items: readonly Suggestion[],
  selected: ReadonlySet<string>,
  edited: ReadonlyMap<string, string>,
): { lines: Array<{ item: Suggestion; quantity: number }>; invalid: number; cost: string; units: number } {
  const lines: Array<{ item: Suggestion; quantity: number }> = [];
  let invalid = 0;
  let cents = 0n;
  let units = 0;
  for (const item of items) {
    const key = rowKey(item);
    if (!selected.has(key) || !canOrder(item)) continue;
    const text = edited.get(key);
    const parsed = text === undefined ? { value: item.quantity } : parseQuantity(text);
    if (!('value' in parsed) || parsed.value < 1) {
      invalid++;
      continue;
    }
    lines.push({ item, quantity: parsed.value });
    cents += lineTotalCents(parsed.value, item.unit_cost);
    units += parsed.value;
  }
  return { lines, invalid, cost: fromCents(cents), units };
}
