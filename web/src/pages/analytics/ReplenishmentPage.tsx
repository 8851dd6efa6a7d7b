/**
 * What to order (feature forecasting): the forecasts' order-up-to suggestions per product and
 * store, filtered by store, supplier, service level and review period (kept in the URL). Owners
 * and managers tick rows, adjust quantities and create draft purchase orders from them — one per
 * supplier and store — then open them from the list of orders created; the footer adds up the
 * chosen rows (Σ quantity × unit cost). Everyone else reads the table.
 */
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import { atLeast, useMe } from '../../app/session';
import { FormError } from '../../components/State';
import { ForecastQueryView } from './ForecastQueryView';
import { ReplenishmentTable } from './ReplenishmentTable';
import { ReplenishmentToolbar } from './ReplenishmentToolbar';
import { canOrder, readFilters, rowKey, selection, useCreateOrders, useSuggestions, writeFilters, type CreatedOrder, type ReplenishmentFilters, type Suggestion } from './replenishment';
import '../dashboard/dashboard.css';
import './analytics.css';

interface CreatedView extends CreatedOrder {
  supplier_name: string;
  store_name: string;
}

function CreatedOrders({ orders, onClose }: { orders: CreatedView[]; onClose: () => void }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="notice-ok repl-created" role="status" data-testid="repl-created">
      <p>
        <strong>{t('analytics.repl.created', { count: f.number(orders.length) })}</strong>
      </p>
      <ul>
        {orders.map((o) => (
          <li key={o.id} data-testid="repl-created-order" data-number={o.number}>
            <Link to={`/orders/${o.id}`}>{o.reference}</Link>{' '}
            {t('analytics.repl.createdLine', { supplier: o.supplier_name, store: o.store_name, lines: f.number(o.lines) })} <Money amount={o.total} />
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-small" onClick={onClose}>
        {t('action.close')}
      </button>
    </div>
  );
}

export default function ReplenishmentPage() {
  const t = useT();
  const f = useFormat();
  const me = useMe();
  const editable = atLeast(me.role, 'manager');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const suggestions = useSuggestions(filters);
  const create = useCreateOrders();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [edited, setEdited] = useState<ReadonlyMap<string, string>>(new Map());
  const [created, setCreated] = useState<CreatedView[] | null>(null);

  const update = useCallback(
    (change: Partial<ReplenishmentFilters>) => {
      // Other filters, other rows: the choice starts again.
      setSelected(new Set());
      setEdited(new Map());
      setParams(writeFilters({ ...readFilters(params), ...change }), { replace: true });
    },
    [params, setParams],
  );

  const items = suggestions.data?.items ?? [];
  const chosen = selection(items, selected, edited);

  const toggle = (key: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const toggleAll = (on: boolean) => setSelected(on ? new Set(items.filter(canOrder).map(rowKey)) : new Set());
  const edit = (key: string, text: string) => {
    setEdited((prev) => new Map(prev).set(key, text));
    // Changing a quantity means ordering it.
    setSelected((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));
  };

  const submit = () => {
    const lines = chosen.lines;
    if (lines.length === 0 || chosen.invalid > 0) return;
    const names = new Map<string, Suggestion>(lines.map((l) => [`${l.item.supplier_id}|${l.item.store_id}`, l.item]));
    create.mutate(
      {
        items: lines.map((l) => ({ store_id: l.item.store_id, product_id: l.item.product_id, quantity: l.quantity })),
        service_level: filters.serviceLevel,
        review_period_days: filters.reviewDays,
      },
      {
        onSuccess: ({ orders }) => {
          setCreated(
            orders.map((o) => {
              const row = names.get(`${o.supplier_id}|${o.store_id}`);
              return { ...o, supplier_name: row?.supplier_name ?? '', store_name: row?.store_name ?? '' };
            }),
          );
          setSelected(new Set());
          setEdited(new Map());
        },
      },
    );
  };

  return (
    <div className="replenishment-page">
      <div className="page-head">
        <h1>{t('analytics.repl.title')}</h1>
      </div>
      <p className="hint">{t('analytics.repl.lead')}</p>
      <ReplenishmentToolbar filters={filters} onChange={update} />
      {created && <CreatedOrders orders={created} onClose={() => setCreated(null)} />}
      <ForecastQueryView query={suggestions} isEmpty={(d) => d.items.length === 0} empty={filters.all ? t('analytics.repl.emptyAll') : t('analytics.repl.empty')}>
        {(d) => (
          <>
            <p className="repl-count" role="status" aria-live="polite" data-testid="repl-count" data-total={d.total}>
              {t('analytics.repl.count', { count: f.number(d.total), date: f.date(d.as_of) })} <Money amount={d.order_cost} />
              {suggestions.isFetching && <span className="updating"> · {t('state.loading')}</span>}
            </p>
            {!editable && <p className="hint">{t('analytics.repl.readOnly')}</p>}
            <ReplenishmentTable
              rows={d.items}
              editable={editable}
              selected={selected}
              edited={edited}
              onToggle={toggle}
              onToggleAll={toggleAll}
              onEdit={edit}
              resetKey={JSON.stringify(filters)}
            />
            {editable && (
              <div className="repl-footer" data-testid="repl-footer">
                <p className="repl-total" aria-live="polite" data-testid="repl-selected" data-count={chosen.lines.length} data-cost={chosen.cost}>
                  {t('analytics.repl.selected', { count: f.number(chosen.lines.length), units: f.number(chosen.units) })} <Money amount={chosen.cost} />
                </p>
                {chosen.invalid > 0 && (
                  <p className="form-error" role="alert">
                    {t('analytics.repl.invalid', { count: f.number(chosen.invalid) })}
                  </p>
                )}
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={chosen.lines.length === 0 || chosen.invalid > 0 || create.isPending}
                  onClick={submit}
                  data-testid="repl-create-orders"
                >
                  {create.isPending ? t('analytics.repl.creating') : t('analytics.repl.create')}
                </button>
                <FormError error={create.error} />
              </div>
            )}
          </>
        )}
      </ForecastQueryView>
    </div>
  );
}
