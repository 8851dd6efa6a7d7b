/**
 * The suggestions table: a real <table> (headers, scope, aria-rowcount) whose body renders only
 * the rows in view (@tanstack/react-virtual, as the inventory does), with spacer rows above and
 * below. Owners and managers tick rows (or all of them) and may change each quantity; the row's
 * cost follows: quantity × unit cost, exact in cents. Everyone else reads it.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { fromCents, lineTotalCents } from '../../../../src/shared/money';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import { canOrder, MAX_QUANTITY, packsOf, parseQuantity, rowKey, type Suggestion } from './replenishment';

export interface ReplenishmentTableProps {
  rows: Suggestion[];
  /** Owners and managers: checkboxes and editable quantities. */
  editable: boolean;
  selected: ReadonlySet<string>;
  edited: ReadonlyMap<string, string>;
  onToggle: (key: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  onEdit: (key: string, text: string) => void;
  /** Changes when the filters change: the table scrolls back to the top. */
  resetKey: string;
}

function SelectAll({ rows, selected, onToggleAll }: Pick<ReplenishmentTableProps, 'rows' | 'selected' | 'onToggleAll'>) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const selectable = rows.filter(canOrder);
  const count = selectable.filter((r) => selected.has(rowKey(r))).length;
  const all = selectable.length > 0 && count === selectable.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={all}
      disabled={selectable.length === 0}
      onChange={(e) => onToggleAll(e.target.checked)}
      aria-label={t('analytics.repl.selectAll')}
      data-testid="repl-select-all"
    />
  );
}

function QuantityCell({ item, text, onEdit }: { item: Suggestion; text: string | undefined; onEdit: (text: string) => void }) {
  const t = useT();
  const f = useFormat();
  const id = `repl-qty-${rowKey(item).replace(/[^a-zA-Z0-9-]/g, '')}`;
  const parsed = text === undefined ? { value: item.quantity } : parseQuantity(text);
  const problem = 'problem' in parsed ? parsed.problem : null;
  const packs = 'value' in parsed ? packsOf(parsed.value, item.pack_size) : null;
  const hint = problem
    ? t(`analytics.repl.qty.${problem}`, { max: f.number(MAX_QUANTITY) })
    : item.pack_size > 1 && packs
      ? packs.whole
        ? t('analytics.repl.packs', { packs: f.number(packs.packs), size: f.number(item.pack_size) })
        : t('analytics.repl.notWholePacks', { size: f.number(item.pack_size) })
      : '';
  return (
    <div className="qty-cell">
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_QUANTITY}
        step={1}
        value={text ?? String(item.quantity)}
        onChange={(e) => onEdit(e.target.value)}
        aria-label={t('analytics.repl.quantityOf', { product: item.name, store: item.store_name })}
        aria-invalid={problem ? true : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-testid="repl-quantity"
      />
      {hint && (
        <span id={`${id}-hint`} className={problem || (packs && !packs.whole) ? 'qty-hint qty-warn' : 'qty-hint'}>
          {hint}
        </span>
      )}
    </div>
  );
}

export function ReplenishmentTable(props: ReplenishmentTableProps) {
  const { rows, editable, selected, edited, onToggle, onToggleAll, onEdit, resetKey } = props;
  const t = useT();
  const f = useFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (editable ? 62 : 49),
    overscan: 12,
    getItemKey: (i) => (rows[i] ? rowKey(rows[i]) : i),
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const headers = [
    t('analytics.repl.col.product'),
    t('analytics.repl.col.store'),
    t('analytics.repl.col.supplier'),
    t('analytics.repl.col.onHand'),
    t('analytics.repl.col.onOrder'),
    t('analytics.repl.col.reorderPoint'),
    t('analytics.repl.col.orderUpTo'),
    t('analytics.repl.col.quantity'),
    t('analytics.repl.col.cover'),
    t('analytics.repl.col.cost'),
  ];
  const numeric = new Set([3, 4, 5, 6, 7, 8, 9]);
  const cols = headers.length + (editable ? 1 : 0);

  return (
    <div ref={scrollRef} className="table-wrap repl-scroll" tabIndex={0} role="region" aria-label={t('analytics.repl.caption')} data-testid="repl-scroll">
      <table className="repl-table" aria-rowcount={rows.length + 1} data-testid="repl-table">
        <caption className="sr-only">{t('analytics.repl.caption')}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {editable && (
              <th scope="col" className="select-cell">
                <SelectAll rows={rows} selected={selected} onToggleAll={onToggleAll} />
              </th>
            )}
            {headers.map((h, i) => (
              <th key={h} scope="col" className={numeric.has(i) ? 'num' : undefined}>
                {h}
              </th>
            ))}
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
            const key = rowKey(item);
            const text = edited.get(key);
            const parsed = text === undefined ? null : parseQuantity(text);
            const cost = parsed && 'value' in parsed ? fromCents(lineTotalCents(parsed.value, item.unit_cost)) : parsed ? null : item.order_cost;
            const orderable = canOrder(item);
            return (
              <tr
                key={v.key}
                ref={virtualizer.measureElement}
                data-index={v.index}
                aria-rowindex={v.index + 2}
                className={selected.has(key) ? 'selected' : undefined}
                data-testid="repl-row"
                data-sku={item.sku}
                data-store={item.store_id}
                data-supplier={item.supplier_id ?? ''}
              >
                {editable && (
                  <td className="select-cell">
                    <input
                      type="checkbox"
                      checked={selected.has(key)}
                      disabled={!orderable}
                      onChange={(e) => onToggle(key, e.target.checked)}
                      aria-label={t(orderable ? 'analytics.repl.select' : 'analytics.repl.selectNoSupplier', { product: item.name, store: item.store_name })}
                      data-testid="repl-select"
                    />
                  </td>
                )}
                <td className="product-cell">
                  <span className="product-name">{item.name}</span>
                  <span className="sku">
                    <span className="sr-only">{t('analytics.sku')} </span>
                    {item.sku}
                  </span>
                </td>
                <td className="wrap-cell">{item.store_name}</td>
                <td className="wrap-cell">{item.supplier_name ?? <span className="muted">{t('analytics.repl.noSupplier')}</span>}</td>
                <td className="num">{f.number(item.on_hand)}</td>
                <td className="num">{f.number(item.on_order)}</td>
                <td className="num">{f.number(item.reorder_point, 1)}</td>
                <td className="num">{f.number(item.order_up_to, 1)}</td>
                <td className="num" data-testid="repl-suggested" data-quantity={item.quantity}>
                  {editable && orderable ? (
                    <QuantityCell item={item} text={text} onEdit={(value) => onEdit(key, value)} />
                  ) : (
                    <>
                      {f.number(item.quantity)}
                      {item.pack_size > 1 && (
                        <span className="qty-hint">{t('analytics.repl.packs', { packs: f.number(item.packs), size: f.number(item.pack_size) })}</span>
                      )}
                    </>
                  )}
                </td>
                <td className="num">{item.days_of_cover === null ? '—' : f.number(item.days_of_cover, 1)}</td>
                <td className="num">{cost === null ? '—' : <Money amount={cost} />}</td>
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
