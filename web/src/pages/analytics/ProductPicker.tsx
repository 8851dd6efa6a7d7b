/** Find a product by name, SKU or barcode (GET /api/v1/products?q=) and pick it. */
import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { useT } from '../../app/i18n';
import { Loading, ErrorState } from '../../components/State';

export interface ProductRef {
  id: string;
  sku: string;
  name: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function ProductPicker({ selected, onPick }: { selected: ProductRef | null; onPick: (p: ProductRef | null) => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const search = useQuery({
    queryKey: ['products', 'search', q],
    enabled: q.length > 0,
    queryFn: () => api<Page<ProductRef>>('/products', { query: { q, limit: 10, active: true } }),
  });
  if (selected) {
    return (
      <div className="field">
        <span id={`${id}-label`}>{t('analytics.product')}</span>
        <div className="picker-selected" aria-labelledby={`${id}-label`} role="group">
          <strong data-testid="forecast-product">{selected.name}</strong>
          <span className="cell-sub">{selected.sku}</span>
          <button type="button" className="btn" onClick={() => onPick(null)}>
            {t('analytics.product.change')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="field product-picker">
      <label htmlFor={`${id}-q`}>{t('analytics.product.search')}</label>
      <input
        id={`${id}-q`}
        type="search"
        value={text}
        autoComplete="off"
        placeholder={t('analytics.product.placeholder')}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-hint`}
        data-testid="product-search"
      />
      <span id={`${id}-hint`} className="sr-only">
        {t('analytics.product.hint')}
      </span>
      {q.length > 0 &&
        (search.isPending ? (
          <Loading />
        ) : search.isError ? (
          <ErrorState error={search.error} retry={() => void search.refetch()} />
        ) : search.data.items.length === 0 ? (
          <p className="hint" role="status">
            {t('analytics.product.none', { q })}
          </p>
        ) : (
          <ul className="picker-results" aria-label={t('analytics.product.results')}>
            {search.data.items.map((p) => (
              <li key={p.id}>
                <button type="button" onClick={() => onPick({ id: p.id, sku: p.sku, name: p.name })} data-testid="product-option">
                  <span className="cell-main">{p.name}</span> <span className="cell-sub">{p.sku}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
