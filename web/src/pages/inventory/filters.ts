/**
 * The inventory view's filters live in the URL (/inventory?low_stock=true&sort=quantity), so a
 * view can be bookmarked, shared, and linked from the dashboard. Pure: parse, write, to API query.
 */
import type { Query } from '../../app/api';
import { INVENTORY_SORTS, type InventorySort, type SortOrder } from './types';

export interface InventoryFilters {
  q: string;
  storeId: string;
  category: string;
  lowStock: boolean;
  outOfStock: boolean;
  sort: InventorySort;
  order: SortOrder;
}

export const DEFAULT_FILTERS: InventoryFilters = {
  q: '',
  storeId: '',
  category: '',
  lowStock: false,
  outOfStock: false,
  sort: 'product_name',
  order: 'asc',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Filters from the address bar; anything the API would refuse is dropped rather than sent. */
export function readFilters(params: URLSearchParams): InventoryFilters {
  const sort = params.get('sort');
  const storeId = params.get('store_id') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    storeId: UUID.test(storeId) ? storeId : '',
    category: (params.get('category') ?? '').slice(0, 100),
    lowStock: params.get('low_stock') === 'true',
    outOfStock: params.get('out_of_stock') === 'true',
    sort: sort && (INVENTORY_SORTS as readonly string[]).includes(sort) ? (sort as InventorySort) : DEFAULT_FILTERS.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** The address-bar form of the filters: defaults are left out so URLs stay short. */
export function writeFilters(f: InventoryFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q);
  if (f.storeId) p.set('store_id', f.storeId);
  if (f.category) p.set('category', f.category);
  if (f.lowStock) p.set('low_stock', 'true');
  if (f.outOfStock) p.set('out_of_stock', 'true');
  if (f.sort !== DEFAULT_FILTERS.sort) p.set('sort', f.sort);
  if (f.order !== DEFAULT_FILTERS.order) p.set('order', f.order);
  return p;
}

/** GET /api/v1/inventory parameters for the filters (without limit/offset). */
export function toApiQuery(f: InventoryFilters): Query {
  return {
    q: f.q.trim() || undefined,
    store_id: f.storeId || undefined,
    category: f.category || undefined,
    low_stock: f.lowStock || undefined,
    out_of_stock: f.outOfStock || undefined,
    sort: f.sort,
    order: f.order,
  };
}

export function hasFilters(f: InventoryFilters): boolean {
  return Boolean(f.q.trim() || f.storeId || f.category || f.lowStock || f.outOfStock);
}
