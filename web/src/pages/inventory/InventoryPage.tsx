/**
 * Inventory: every stock level of the tenant in one fast table (server-side search, filters and
 * sorting; pages of 200; only visible rows rendered), with the filters in the URL, stock
 * adjustments for staff and up, each item's movement history, and CSV/Parquet downloads of the view.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { atLeast, useMe } from '../../app/session';
import { ExportLinks } from '../../components/ExportLinks';
import { Empty, ErrorState, Loading } from '../../components/State';
import { AdjustDialog } from './AdjustDialog';
import { DEFAULT_FILTERS, hasFilters, readFilters, toApiQuery, writeFilters, type InventoryFilters } from './filters';
import { InventoryTable } from './InventoryTable';
import { MovementHistory } from './MovementHistory';
import { INVENTORY_KEY, useCategories, useInventoryPages, useStores } from './queries';
import type { AdjustmentResult, InventoryItem, InventorySort } from './types';
import { useDebounced } from './useDebounced';
import './inventory.css';

/** Columns whose natural first order is largest first. */
const DESC_FIRST: ReadonlySet<InventorySort> = new Set(['quantity', 'unit_cost', 'stock_value', 'updated_at']);

export default function InventoryPage() {
  const t = useT();
  const f = useFormat();
  const me = useMe();
  const canAdjust = atLeast(me.role, 'staff');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const update = useCallback(
    (change: Partial<InventoryFilters>) => setParams(writeFilters({ ...readFilters(params), ...change }), { replace: true }),
    [params, setParams],
  );

  // The search box writes to the URL 250 ms after typing stops.
  const [text, setText] = useState(filters.q);
  const settled = useDebounced(text, 250);
  const written = useRef(filters.q);
  useEffect(() => {
    if (settled === written.current) return;
    written.current = settled;
    update({ q: settled });
    // Only the settled text triggers this; `update` always reads the URL of this render.
  }, [settled]);
  useEffect(() => {
    // The URL changed from elsewhere (back button, "clear filters"): the box follows it.
    if (filters.q !== written.current) {
      written.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);

  const apiQuery = useMemo(() => toApiQuery(filters), [filters]);
  const levels = useInventoryPages(apiQuery);
  const everything = useQuery({
    queryKey: [...INVENTORY_KEY, 'levels', 'count'],
    queryFn: () => api<Page<InventoryItem>>('/inventory', { query: { limit: 1 } }).then((p) => p.total),
    staleTime: 60_000,
  });
  const stores = useStores();
  const categories = useCategories();

  const [adjusting, setAdjusting] = useState<InventoryItem | null>(null);
  const [history, setHistory] = useState<InventoryItem | null>(null);
  const [notice, setNotice] = useState('');

  const rows = useMemo(() => levels.data?.pages.flatMap((p) => p.items) ?? [], [levels.data]);
  const matching = levels.data?.pages[0]?.total ?? 0;
  const { fetchNextPage } = levels;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const onSort = (sort: InventorySort) => {
    const order = sort === filters.sort ? (filters.order === 'asc' ? 'desc' : 'asc') : DESC_FIRST.has(sort) ? 'desc' : 'asc';
    update({ sort, order });
  };

  const onAdjusted = (item: InventoryItem, result: AdjustmentResult) => {
    setAdjusting(null);
    setNotice(t('inventory.adjusted', { product: item.product.name, store: item.store.name, quantity: f.number(result.quantity) }));
  };

  const filtered = hasFilters(filters);

  return (
    <div className="inventory-page">
      <div className="page-head">
        <h1>{t('inventory.title')}</h1>
        <ExportLinks kind="inventory" query={apiQuery} />
      </div>

      <form className="toolbar inventory-filters" role="search" aria-label={t('inventory.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field search-field">
          <span>{t('inventory.search')}</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('inventory.searchHint')}
            maxLength={100}
            data-testid="inventory-search"
          />
        </label>
        <label className="field">
          <span>{t('inventory.store')}</span>
          <select value={filters.storeId} onChange={(e) => update({ storeId: e.target.value })} data-testid="inventory-store">
            <option value="">{t('inventory.allStores')}</option>
            {stores.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('inventory.category')}</span>
          <select value={filters.category} onChange={(e) => update({ category: e.target.value })} data-testid="inventory-category">
            <option value="">{t('inventory.allCategories')}</option>
            {filters.category && !categories.data?.some((c) => c.category === filters.category) && <option value={filters.category}>{filters.category}</option>}
            {categories.data?.map((c) => (
              <option key={c.category} value={c.category}>
                {c.category}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.lowStock} onChange={(e) => update({ lowStock: e.target.checked })} data-testid="inventory-low-stock" />
          {t('inventory.lowStock')}
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.outOfStock} onChange={(e) => update({ outOfStock: e.target.checked })} data-testid="inventory-out-of-stock" />
          {t('inventory.outOfStock')}
        </label>
        {filtered && (
          <button type="button" className="btn btn-ghost" onClick={() => setParams(writeFilters({ ...DEFAULT_FILTERS, sort: filters.sort, order: filters.order }), { replace: true })}>
            {t('inventory.clear')}
          </button>
        )}
      </form>

      <p className="inventory-count" role="status" aria-live="polite" data-testid="inventory-count" data-matching={levels.data ? matching : undefined} data-total={everything.data}>
        {levels.data &&
          (filtered && everything.data !== undefined
            ? t('inventory.count', { shown: f.number(matching), total: f.number(everything.data) })
            : t('inventory.countAll', { total: f.number(matching) }))}
        {levels.isFetching && !levels.isFetchingNextPage && levels.data && <span className="updating"> · {t('inventory.updating')}</span>}
      </p>
      {notice && (
        <p className="notice-ok" role="status" data-testid="adjust-notice">
          {notice}
        </p>
      )}

      {levels.isPending ? (
        <Loading />
      ) : levels.isError && !levels.data ? (
        <ErrorState error={levels.error} retry={() => void levels.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{filtered ? t('inventory.empty') : t('inventory.emptyAll')}</Empty>
      ) : (
        <>
          {levels.isError && <ErrorState error={levels.error} retry={() => void levels.refetch()} />}
          <InventoryTable
            rows={rows}
            total={matching}
            sort={filters.sort}
            order={filters.order}
            onSort={onSort}
            hasMore={levels.hasNextPage}
            loadingMore={levels.isFetchingNextPage}
            loadMore={loadMore}
            resetKey={JSON.stringify(apiQuery)}
            canAdjust={canAdjust}
            onAdjust={setAdjusting}
            onHistory={setHistory}
          />
        </>
      )}

      {adjusting && <AdjustDialog item={adjusting} onClose={() => setAdjusting(null)} onDone={(r) => onAdjusted(adjusting, r)} />}
      {history && <MovementHistory item={history} onClose={() => setHistory(null)} />}
    </div>
  );
}
