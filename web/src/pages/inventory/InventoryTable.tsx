/**
 * The stock table: a real <table> (headers, scope, aria-sort, aria-rowcount) whose body renders
 * only the rows in view (@tanstack/react-virtual), with spacer rows above and below. Scrolling
 * near the end loads the next page of 200 from the server.
 */
import { useEffect, useRef, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import type { MessageKey } from '../../i18n';
import type { InventoryItem, InventorySort, SortOrder } from './types';

interface Column {
  key: string;
  label: MessageKey;
  sort?: InventorySort;
  num?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'product', label: 'inventory.col.product', sort: 'product_name' },
  { key: 'quantity', label: 'inventory.col.quantity', sort: 'quantity', num: true },
  { key: 'minmax', label: 'inventory.col.minMax', sort: 'min_stock', num: true },
  { key: 'store', label: 'inventory.col.store', sort: 'store_name' },
  { key: 'category', label: 'inventory.col.category', sort: 'category' },
  { key: 'cost', label: 'inventory.col.unitCost', sort: 'unit_cost', num: true },
  { key: 'value', label: 'inventory.col.value', sort: 'stock_value', num: true },
  { key: 'actions', label: 'inventory.col.actions' },
];

/** Rows closer than this to the end of what is loaded ask for the next page. */
const PREFETCH_ROWS = 40;

export interface InventoryTableProps {
  rows: InventoryItem[];
  total: number;
  sort: InventorySort;
  order: SortOrder;
  onSort: (sort: InventorySort) => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** Changes when the filters or sort change: the table scrolls back to the top. */
  resetKey: string;
  canAdjust: boolean;
  onAdjust: (item: InventoryItem) => void;
  onHistory: (item: InventoryItem) => void;
}

export function QuantityBadge({ item }: { item: Pick<InventoryItem, 'quantity' | 'min_stock'> }) {
  const t = useT();
  const f = useFormat();
  if (item.quantity <= 0)
    return (
      <span className="badge badge-danger qty-badge" data-level="out">
        {f.number(item.quantity)} · {t('inventory.badge.out')}
      </span>
    );
  if (item.quantity <= item.min_stock)
    return (
      <span className="badge badge-warn qty-badge" data-level="low">
        {f.number(item.quantity)} · {t('inventory.badge.low')}
      </span>
    );
  return <span data-level="ok">{f.number(item.quantity)}</span>;
}

export function InventoryTable(props: InventoryTableProps) {
  const { rows, total, sort, order, onSort, hasMore, loadingMore, loadMore, resetKey, canAdjust, onAdjust, onHistory } = props;
  const t = useT();
  const f = useFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 49,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, loadMore]);

  // A new filter or sort starts again at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const cols = COLUMNS.length;

  const rowClick = (e: MouseEvent<HTMLTableRowElement>, item: InventoryItem) => {
    // Buttons in the row do their own thing; a click anywhere else opens the history.
    if ((e.target as HTMLElement).closest('button, a, input, select')) return;
    onHistory(item);
  };

  return (
    <div ref={scrollRef} className="table-wrap inventory-scroll" data-testid="inventory-scroll" tabIndex={0} role="region" aria-label={t('inventory.title')}>
      <table data-testid="inventory-table" aria-rowcount={total + 1} className="inventory-table">
        <caption className="sr-only">{t('inventory.caption')}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const active = c.sort !== undefined && c.sort === sort;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.num ? 'num' : undefined}
                  aria-sort={c.sort ? (active ? (order === 'asc' ? 'ascending' : 'descending') : 'none') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(c.sort!)} data-sort={c.sort}>
                      {t(c.label)}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    t(c.label)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((v) => {
            const item = rows[v.index]!;
            return (
              <tr
                key={v.key}
                ref={virtualizer.measureElement}
                data-index={v.index}
                aria-rowindex={v.index + 2}
                className="clickable"
                data-testid="inventory-row"
                data-sku={item.product.sku}
                data-store={item.store.code}
                data-quantity={item.quantity}
                onClick={(e) => rowClick(e, item)}
              >
                <td className="product-cell">
                  <span className="product-name">{item.product.name}</span>
                  <span className="sku">
                    <span className="sr-only">{t('inventory.col.sku')} </span>
                    {item.product.sku}
                  </span>
                </td>
                <td className="num" data-testid="inventory-quantity">
                  <QuantityBadge item={item} />
                </td>
                <td className="num muted">
                  {f.number(item.min_stock)} / {f.number(item.max_stock)}
                </td>
                <td className="store-cell">{item.store.name}</td>
                <td>{item.product.category}</td>
                <td className="num">
                  {item.unit_cost === null ? (
                    <>
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">{t('inventory.noCost')}</span>
                    </>
                  ) : (
                    <Money amount={item.unit_cost} />
                  )}
                </td>
                <td className="num">
                  <Money amount={item.stock_value} />
                </td>
                <td className="actions">
                  <div className="btn-row">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => onHistory(item)}
                      aria-label={t('inventory.historyOf', { product: item.product.name, store: item.store.name })}
                      data-testid="history-button"
                    >
                      {t('inventory.history')}
                    </button>
                    {canAdjust && (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => onAdjust(item)}
                        aria-label={t('inventory.adjustOf', { product: item.product.name, store: item.store.name })}
                        data-testid="adjust-button"
                      >
                        {t('inventory.adjust')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: padBottom }} />
            </tr>
          )}
          {hasMore && (
            <tr className="more-row">
              <td colSpan={cols}>
                {loadingMore ? (
                  <span role="status">{t('inventory.loadingMore')}</span>
                ) : (
                  <button type="button" className="btn btn-small" onClick={loadMore}>
                    {t('action.more')}
                  </button>
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
