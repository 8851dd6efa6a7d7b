/**
 * The replenishment filters: store, supplier, target service level (90 / 95 / 97.5 / 99 %: the
 * z of the safety stock z·σ·√(L+R)), review period R in days (1–56, applied once typing stops)
 * and whether to list the rows that need no order.
 */
import { useEffect, useId, useState } from 'react';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useStores } from '../dashboard/stats';
import { useDebounced } from '../inventory/useDebounced';
import { useSuppliers } from '../orders/queries';
import { MAX_REVIEW_DAYS, SERVICE_LEVELS, type ReplenishmentFilters } from './replenishment';

export function ReplenishmentToolbar({ filters, onChange }: { filters: ReplenishmentFilters; onChange: (change: Partial<ReplenishmentFilters>) => void }) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const stores = useStores();
  const suppliers = useSuppliers();
  const [review, setReview] = useState(String(filters.reviewDays));
  const settled = useDebounced(review, 400);
  const validReview = (text: string) => {
    const n = Number(text);
    return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= MAX_REVIEW_DAYS;
  };
  const reviewValid = validReview(review);
  useEffect(() => {
    if (validReview(settled) && Number(settled) !== filters.reviewDays) onChange({ reviewDays: Number(settled) });
    // Only a settled, valid number is written to the URL.
  }, [settled]);
  useEffect(() => {
    // The URL changed from elsewhere (back button): the box follows it.
    if (Number(review) !== filters.reviewDays) setReview(String(filters.reviewDays));
  }, [filters.reviewDays]);

  return (
    <form className="toolbar replenishment-filters" role="search" aria-label={t('analytics.repl.filters')} onSubmit={(e) => e.preventDefault()}>
      <label className="field" htmlFor={`${id}-store`}>
        <span>{t('dashboard.store')}</span>
        <select id={`${id}-store`} value={filters.storeId} onChange={(e) => onChange({ storeId: e.target.value })} data-testid="repl-store">
          <option value="">{t('dashboard.allStores')}</option>
          {(stores.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-supplier`}>
        <span>{t('analytics.repl.supplier')}</span>
        <select id={`${id}-supplier`} value={filters.supplierId} onChange={(e) => onChange({ supplierId: e.target.value })} data-testid="repl-supplier">
          <option value="">{t('analytics.repl.allSuppliers')}</option>
          {(suppliers.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-level`}>
        <span>{t('analytics.repl.serviceLevel')}</span>
        <select id={`${id}-level`} value={String(filters.serviceLevel)} onChange={(e) => onChange({ serviceLevel: Number(e.target.value) })} data-testid="repl-service-level">
          {SERVICE_LEVELS.map((l) => (
            <option key={l} value={String(l)}>
              {f.percent(l * 100, 1)}
            </option>
          ))}
        </select>
      </label>
      <label className="field review-field" htmlFor={`${id}-review`}>
        <span>{t('analytics.repl.review')}</span>
        <input
          id={`${id}-review`}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_REVIEW_DAYS}
          step={1}
          value={review}
          onChange={(e) => setReview(e.target.value)}
          aria-invalid={!reviewValid || undefined}
          aria-describedby={`${id}-review-hint`}
          data-testid="repl-review"
        />
        <span id={`${id}-review-hint`} className={reviewValid ? 'sr-only' : 'field-error'}>
          {t('analytics.repl.reviewHint', { max: MAX_REVIEW_DAYS })}
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={filters.all} onChange={(e) => onChange({ all: e.target.checked })} data-testid="repl-all" />
        {t('analytics.repl.showAll')}
      </label>
    </form>
  );
}
