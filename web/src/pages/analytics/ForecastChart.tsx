/** Units sold per day, the forecast from today and its band, in one chart. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Chart } from '../../components/charts';
import { chartRows, type Forecast } from './forecast';

export function ForecastChart({ forecast }: { forecast: Forecast }) {
  const t = useT();
  const f = useFormat();
  const total = forecast.forecast.reduce((s, p) => s + p.units, 0);
  const band = f.percent(forecast.band * 100, 0);
  return (
    <section className="card" aria-labelledby="forecast-chart-heading" data-testid="forecast-chart">
      <h2 id="forecast-chart-heading">{t('analytics.forecast.chart')}</h2>
      <Chart
        label={t('analytics.forecast.chartLabel', {
          product: forecast.product.name,
          store: forecast.store?.name ?? t('dashboard.allStores'),
          days: forecast.history.length,
          horizon: forecast.forecast.length,
          units: f.number(total),
          band,
        })}
        kind="composed"
        data={chartRows(forecast)}
        x="date"
        series={[
          { key: 'low', to: 'high', as: 'band', label: t('analytics.forecast.band', { band }), color: '#64748b' },
          { key: 'actual', as: 'line', label: t('analytics.forecast.actual'), color: 'var(--brand-ink)' },
          { key: 'forecast', as: 'line', dashed: true, label: t('analytics.forecast.forecast'), color: '#b45309' },
        ]}
        formatX={f.day}
        formatY={(n) => f.number(n, 1)}
        height={300}
      />
    </section>
  );
}
