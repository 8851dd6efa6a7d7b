/** Shapes of the purchase-order API as the page uses them (src/server/features/orders/schema.ts). */

export const ORDER_STATUSES = ['draft', 'submitted', 'received', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const MAX_ORDER_LINES = 500;
export const MAX_LINE_QUANTITY = 1_000_000;
/** A receipt may record up to this many times the quantity ordered. */
export const MAX_RECEIPT_FACTOR = 10;
/** A unit cost as the API takes it: ≤ 99 999 999.99, at most two decimals. */
export const UNIT_COST_PATTERN = /^\d{1,8}(\.\d{1,2})?$/;

interface Ref {
  id: string;
  name: string;
}

export interface OrderSummary {
  id: string;
  number: number;
  reference: string;
  status: OrderStatus;
  supplier: Ref;
  store: Ref;
  currency: string;
  total: string;
  line_count: number;
  expected_date: string | null;
  notes: string | null;
  created_by: string;
  created_at: string;
  submitted_at: string | null;
  received_at: string | null;
  cancelled_at: string | null;
}

export interface OrderLine {
  line: number;
  product: { id: string; sku: string; name: string };
  quantity: number;
  unit_cost: string;
  line_total: string;
  received_quantity: number | null;
}

export interface OrderDetail extends OrderSummary {
  lines: OrderLine[];
}

export interface CreateOrderBody {
  supplier_id: string;
  store_id: string;
  expected_date?: string;
  notes?: string;
  lines: { product_id: string; quantity: number; unit_cost?: string }[];
}

export interface ReceiveOrderBody {
  lines?: { line: number; quantity: number }[];
}

export interface Supplier {
  id: string;
  code: string;
  name: string;
  lead_time_days: number;
  active: boolean;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  category: string;
  unit: string;
  pack_size: number;
  cost: string;
  supplier_id: string | null;
  active: boolean;
}
