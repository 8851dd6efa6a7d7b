/**
 * Demand forecast for one product in one store or all (feature forecasting): pick them (kept in
 * the URL as ?product_id=&store_id=), then the chart of sales, stock-out days, forecast and its
 * 80 % and 95 % intervals, the model with its accuracy, and the stock figures.
 */
import { useId } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useT } from '../../app/i18n';
import { Empty, QueryView } from '../../components/State';
import { ForecastQueryView } from './ForecastQueryView';
import { useStores } from '../dashboard/stats';
import { ForecastChart } from './ForecastChart';
import { ForecastSummary } from './ForecastSummary';
import { ProductPicker, type ProductRef } from './ProductPicker';
import { useForecast } from './forecast';
import '../dashboard/dashboard.css';
import './analytics.css';

export default function ForecastPage() {
  const t = useT();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const productId = params.get('product_id') ?? '';
  const stores = useStores();
  /** '' = all stores together. */
  const storeId = params.get('store_id') ?? '';
  const product = useQuery({
    queryKey: ['product', productId],
    enabled: productId !== '',
    queryFn: () => api<ProductRef>(`/products/${encodeURIComponent(productId)}`),
    staleTime: 5 * 60_000,
  });
  const forecast = useForecast(productId, storeId);

  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="forecast-page">
      <div className="page-head">
        <h1>{t('analytics.forecast.title')}</h1>
        <Link to="/forecast/accuracy" data-testid="forecast-accuracy-link">
          {t('analytics.forecast.seeAccuracy')}
        </Link>
      </div>
      <div className="toolbar forecast-filters">
        <ProductPicker
          selected={product.data ?? (productId && product.isPending ? { id: productId, sku: '', name: t('state.loading') } : null)}
          onPick={(p) => {
            if (p) qc.setQueryData(['product', p.id], p);
            set('product_id', p?.id ?? '');
          }}
        />
        <label className="field" htmlFor={`${id}-store`}>
          <span>{t('dashboard.store')}</span>
          <select id={`${id}-store`} value={storeId} onChange={(e) => set('store_id', e.target.value)} data-testid="forecast-store">
            <option value="">{t('dashboard.allStores')}</option>
            {(stores.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!productId ? (
        <Empty>{t('analytics.forecast.pick')}</Empty>
      ) : product.isError ? (
        <QueryView query={product}>{() => null}</QueryView>
      ) : (
        <ForecastQueryView query={forecast} isEmpty={(f) => f.history.every((h) => h.units === 0) && f.stock === 0} empty={t('analytics.forecast.none')}>
          {(f) => (
            <>
              <ForecastChart forecast={f} />
              <ForecastSummary forecast={f} />
            </>
          )}
        </ForecastQueryView>
      )}
    </div>
  );
}
