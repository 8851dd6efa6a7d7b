/** Daily revenue over the period, as an area chart. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Chart } from '../../components/charts';
import { useChartFormat } from './chartFormat';
import type { Stats } from './stats';

export function SalesTrend({ stats }: { stats: Stats }) {
  const t = useT();
  const f = useFormat();
  const cf = useChartFormat();
  const data = stats.daily.map((d) => ({ date: d.date, revenue: Number(d.revenue) }));
  return (
    <section className="card" aria-labelledby="trend-heading" data-testid="sales-trend">
      <h2 id="trend-heading">{t('dashboard.trend')}</h2>
      <Chart
        label={t('dashboard.trend.label', { from: f.date(stats.from), to: f.date(stats.to), total: f.money(stats.revenue) })}
        kind="area"
        data={data}
        x="date"
        series={[{ key: 'revenue', label: t('dashboard.kpi.revenue') }]}
        formatX={cf.day}
        formatY={cf.money}
      />
    </section>
  );
}
