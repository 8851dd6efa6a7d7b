/**
 * Units sold per day, the forecast from the run's day with its 80 % and 95 % intervals, and the
 * stock-out days, in one chart (described in words for screen readers) with its legend.
 */
import { lazy, Suspense } from 'react';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Loading } from '../../components/State';
import { chartRows, type Forecast } from './forecast';
import { SERIES_COLORS, type SeriesKey } from './plotColors';

const ForecastPlot = lazy(() => import('./ForecastPlot'));

export function ForecastChart({ forecast }: { forecast: Forecast }) {
  const t = useT();
  const f = useFormat();
  // Expected units over the horizon: Σ of the daily means.
  const total = forecast.forecast.reduce((s, p) => s + p.mean, 0);
  const stockouts = forecast.history.filter((h) => h.stockout).length;
  const labels = {
    actual: t('analytics.forecast.actual'),
    forecast: t('analytics.forecast.forecast'),
    band80: t('analytics.forecast.band80'),
    band95: t('analytics.forecast.band95'),
    stockout: t('analytics.forecast.stockoutDay'),
  };
  const legend: Array<{ key: SeriesKey; label: string }> = [
    { key: 'actual', label: labels.actual },
    { key: 'forecast', label: labels.forecast },
    { key: 'band80', label: labels.band80 },
    { key: 'band95', label: labels.band95 },
    { key: 'stockout', label: t('analytics.forecast.stockoutDays', { count: f.number(stockouts) }) },
  ];
  return (
    <section className="card" aria-labelledby="forecast-chart-heading" data-testid="forecast-chart">
      <h2 id="forecast-chart-heading">{t('analytics.forecast.chart')}</h2>
      <figure
        className="chart"
        role="img"
        aria-label={t('analytics.forecast.chartLabel', {
          product: forecast.product.name,
          store: forecast.store?.name ?? t('dashboard.allStores'),
          days: forecast.history.length,
          horizon: forecast.forecast.length,
          units: f.number(total),
          stockouts: f.number(stockouts),
        })}
      >
        <Suspense fallback={<Loading />}>
          <ForecastPlot rows={chartRows(forecast)} asOf={forecast.as_of} labels={labels} formatX={f.day} formatY={(n) => f.number(n, 1)} />
        </Suspense>
      </figure>
      <ul className="forecast-legend plain-list" aria-label={t('analytics.forecast.legend')} data-testid="forecast-legend">
        {legend.map((l) => (
          <li key={l.key} data-series={l.key}>
            <span className={`legend-swatch legend-${l.key}`} aria-hidden="true" style={{ color: SERIES_COLORS[l.key] }} />
            {l.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
