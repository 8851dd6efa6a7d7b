/**
 * A new purchase order (/orders/new, managers and owners): supplier, receiving store, expected
 * day (from the supplier's lead time unless changed), notes, and lines picked by searching the
 * catalogue; each line's unit cost starts at the product's cost. Creates a draft.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { addDays } from '../../../../src/shared/dates';
import { fromCents, lineTotalCents } from '../../../../src/shared/money';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { Money, todayIn } from '../../app/money';
import { useTenant } from '../../app/session';
import { FormError } from '../../components/State';
import { useStores } from '../inventory/queries';
import { useDebounced } from '../inventory/useDebounced';
import { useCreateOrder, useProductSearch, useSuppliers } from './queries';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, UNIT_COST_PATTERN, type CreateOrderBody, type Product } from './types';

interface DraftLine {
  product: Product;
  quantity: string;
  unitCost: string;
}

function lineCents(l: DraftLine): bigint | null {
  if (!/^\d+$/.test(l.quantity.trim()) || !UNIT_COST_PATTERN.test(l.unitCost.trim())) return null;
  return lineTotalCents(Number(l.quantity), l.unitCost.trim());
}

export function OrderForm() {
  const t = useT();
  const f = useFormat();
  const tenant = useTenant();
  const navigate = useNavigate();
  const id = useId();
  const suppliers = useSuppliers();
  const stores = useStores();
  const create = useCreateOrder();

  const [supplierId, setSupplierId] = useState('');
  const [storeId, setStoreId] = useState('');
  const [expected, setExpected] = useState('');
  const [expectedTouched, setExpectedTouched] = useState(false);
  const [notes, setNotes] = useState('');
  const [search, setSearch] = useState('');
  const [onlySupplier, setOnlySupplier] = useState(true);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [problem, setProblem] = useState('');

  const supplier = suppliers.data?.find((s) => s.id === supplierId);
  const activeStores = useMemo(() => stores.data?.filter((s) => s.active) ?? [], [stores.data]);
  const q = useDebounced(search.trim(), 250);
  const results = useProductSearch(q, onlySupplier && supplierId ? supplierId : undefined);

  // One store: nothing to choose.
  useEffect(() => {
    if (!storeId && activeStores.length === 1) setStoreId(activeStores[0]!.id);
  }, [activeStores, storeId]);
  // The expected day follows the supplier's lead time until someone types one.
  useEffect(() => {
    if (!expectedTouched) setExpected(supplier ? addDays(todayIn(tenant.timezone), supplier.lead_time_days) : '');
  }, [supplier, expectedTouched, tenant.timezone]);

  const added = new Set(lines.map((l) => l.product.id));
  const totalCents = lines.reduce<bigint | null>((sum, l) => {
    const c = lineCents(l);
    return sum === null || c === null ? null : sum + c;
  }, 0n);

  const addProduct = (p: Product) => {
    if (added.has(p.id)) return;
    setLines([...lines, { product: p, quantity: String(Math.max(1, p.pack_size)), unitCost: p.cost }]);
  };
  const changeLine = (i: number, change: Partial<DraftLine>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    let why = '';
    if (!supplierId) why = t('orders.form.error.supplier');
    else if (!storeId) why = t('orders.form.error.store');
    else if (lines.length === 0) why = t('orders.form.noLines');
    else if (lines.length > MAX_ORDER_LINES) why = t('orders.form.error.tooMany', { max: MAX_ORDER_LINES });
    else
      for (const l of lines) {
        const n = Number(l.quantity.trim());
        if (!/^\d+$/.test(l.quantity.trim()) || n < 1 || n > MAX_LINE_QUANTITY) {
          why = t('orders.form.error.quantity', { product: l.product.name, max: f.number(MAX_LINE_QUANTITY) });
          break;
        }
        if (!UNIT_COST_PATTERN.test(l.unitCost.trim())) {
          why = t('orders.form.error.cost', { product: l.product.name });
          break;
        }
      }
    setProblem(why);
    if (why) return;
    const body: CreateOrderBody = {
      supplier_id: supplierId,
      store_id: storeId,
      expected_date: expected || undefined,
      notes: notes.trim() || undefined,
      lines: lines.map((l) => ({ product_id: l.product.id, quantity: Number(l.quantity.trim()), unit_cost: l.unitCost.trim() })),
    };
    create.mutate(body, {
      onSuccess: (o) => navigate(`/orders/${o.id}`, { state: { notice: t('orders.done.created', { reference: o.reference }) } }),
    });
  };

  return (
    <div className="order-new">
      <p className="back">
        <Link to="/orders">
          <span aria-hidden="true">← </span>
          {t('orders.back')}
        </Link>
      </p>
      <h1>{t('orders.form.title')}</h1>
      <form onSubmit={submit} noValidate data-testid="order-form" className="order-form">
        <div className="form-grid">
          <label className="field">
            <span>{t('orders.form.supplier')}</span>
            <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)} required data-testid="order-supplier">
              <option value="">{t('orders.form.chooseSupplier')}</option>
              {suppliers.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('orders.form.store')}</span>
            <select value={storeId} onChange={(e) => setStoreId(e.target.value)} required data-testid="order-store">
              <option value="">{t('orders.form.chooseStore')}</option>
              {activeStores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('orders.form.expected')}</span>
            <input
              type="date"
              value={expected}
              onChange={(e) => {
                setExpected(e.target.value);
                setExpectedTouched(true);
              }}
              aria-describedby={supplier ? `${id}-lead` : undefined}
              data-testid="order-expected"
            />
            {supplier && (
              <span className="hint" id={`${id}-lead`}>
                {t('orders.form.expectedHint', { days: supplier.lead_time_days })}
              </span>
            )}
          </label>
        </div>
        <FormError error={suppliers.error ?? stores.error} />
        <label className="field">
          <span>{t('orders.form.notes')}</span>
          <textarea value={notes} maxLength={1000} onChange={(e) => setNotes(e.target.value)} data-testid="order-notes" />
        </label>

        <fieldset className="card products-picker">
          <legend>{t('orders.form.products')}</legend>
          <div className="toolbar">
            <label className="field search-field">
              <span>{t('orders.form.search')}</span>
              <input
                type="search"
                value={search}
                maxLength={100}
                placeholder={t('orders.form.searchHint')}
                onChange={(e) => setSearch(e.target.value)}
                onKeyDown={(e) => {
                  // Enter in the search box adds the only match instead of sending the form.
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    const only = results.data?.items.length === 1 ? results.data.items[0] : undefined;
                    if (only) addProduct(only);
                  }
                }}
                aria-controls={`${id}-results`}
                data-testid="order-product-search"
              />
            </label>
            <label className="check">
              <input type="checkbox" checked={onlySupplier} disabled={!supplierId} onChange={(e) => setOnlySupplier(e.target.checked)} />
              {t('orders.form.onlySupplier')}
            </label>
          </div>
          <div id={`${id}-results`} aria-live="polite" aria-busy={results.isFetching}>
            {results.isError ? (
              <FormError error={results.error} />
            ) : results.data && results.data.items.length === 0 ? (
              <p className="hint">{t('orders.form.noResults')}</p>
            ) : (
              <ul className="product-results" aria-label={t('orders.form.results')}>
                {results.data?.items.map((p) => (
                  <li key={p.id}>
                    <span className="result-name">
                      {p.name} <span className="muted">({p.sku})</span>
                    </span>
                    <span className="muted result-cost">{t('orders.form.cost', { cost: f.money(p.cost) })}</span>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => addProduct(p)}
                      disabled={added.has(p.id)}
                      aria-label={added.has(p.id) ? `${p.name}: ${t('orders.form.added')}` : t('orders.form.addOf', { product: p.name })}
                      data-testid="order-product-add"
                      data-sku={p.sku}
                    >
                      {added.has(p.id) ? t('orders.form.added') : t('orders.form.add')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </fieldset>

        <section aria-labelledby={`${id}-lines`} className="form-lines">
          <h2 id={`${id}-lines`}>{t('orders.form.lines', { count: lines.length })}</h2>
          {lines.length === 0 ? (
            <p className="hint">{t('orders.form.noLines')}</p>
          ) : (
            <div className="table-wrap">
              <table className="cards-on-phone">
                <thead>
                  <tr>
                    <th scope="col">{t('orders.line.product')}</th>
                    <th scope="col">{t('orders.line.quantity')}</th>
                    <th scope="col">{t('orders.line.unitCost')}</th>
                    <th scope="col" className="num">
                      {t('orders.line.total')}
                    </th>
                    <th scope="col">
                      <span className="sr-only">{t('orders.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l, i) => {
                    const cents = lineCents(l);
                    return (
                      <tr key={l.product.id} data-testid="order-form-line" data-sku={l.product.sku}>
                        <td className="wrap" data-label={t('orders.line.product')}>
                          <span>
                            {l.product.name} <span className="muted">({l.product.sku})</span>
                          </span>
                        </td>
                        <td data-label={t('orders.line.quantity')}>
                          <input
                            className="qty-input"
                            type="number"
                            inputMode="numeric"
                            min={1}
                            max={MAX_LINE_QUANTITY}
                            step={1}
                            value={l.quantity}
                            onChange={(e) => changeLine(i, { quantity: e.target.value })}
                            aria-label={t('orders.line.quantityOf', { product: l.product.name })}
                            data-testid="order-line-quantity"
                          />
                        </td>
                        <td data-label={t('orders.line.unitCost')}>
                          <input
                            className="cost-input"
                            type="text"
                            inputMode="decimal"
                            value={l.unitCost}
                            onChange={(e) => changeLine(i, { unitCost: e.target.value.replace(',', '.') })}
                            aria-label={t('orders.line.unitCostOf', { product: l.product.name })}
                            data-testid="order-line-cost"
                          />
                        </td>
                        <td className="num" data-label={t('orders.line.total')}>
                          {cents === null ? '' : <Money amount={fromCents(cents)} />}
                        </td>
                        <td className="line-remove" data-label="">
                          <button
                            type="button"
                            className="btn btn-small btn-ghost"
                            onClick={() => setLines(lines.filter((_, j) => j !== i))}
                            aria-label={t('orders.line.removeOf', { product: l.product.name })}
                          >
                            {t('orders.line.remove')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3} className="num">
                      {t('orders.total')}
                    </th>
                    <td className="num total" data-label={t('orders.total')} data-testid="order-form-total">
                      {totalCents === null ? '' : <Money amount={fromCents(totalCents)} />}
                    </td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </section>

        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <FormError error={create.error} />
        <div className="btn-row form-actions">
          <Link to="/orders" className="btn">
            {t('action.cancel')}
          </Link>
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="order-form-submit">
            {create.isPending ? t('orders.form.busy') : t('orders.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
