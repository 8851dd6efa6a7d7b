/**
 * A forecasting query's states: before the tenant's first forecasting run has finished the API
 * answers 409 forecast_pending, shown as a friendly "being computed" notice with a retry instead
 * of an error; everything else as every page shows it (components/State.tsx).
 */
import type { ReactNode } from 'react';
import { useT } from '../../app/i18n';
import { QueryView } from '../../components/State';
import { isForecastPending } from './forecast';

export function ForecastPending({ retry }: { retry: () => void }) {
  const t = useT();
  return (
    <div className="state forecast-pending" role="status" data-testid="forecast-pending">
      <p>
        <strong>{t('analytics.pending.title')}</strong>
      </p>
      <p>{t('analytics.pending.body')}</p>
      <button type="button" className="btn" onClick={retry}>
        {t('state.retry')}
      </button>
    </div>
  );
}

export function ForecastQueryView<T>(props: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (props.query.isError && isForecastPending(props.query.error)) return <ForecastPending retry={() => void props.query.refetch()} />;
  return <QueryView {...props} />;
}
