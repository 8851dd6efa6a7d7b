/** The period's revenue by day, by store and by category. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Chart } from '../../components/charts';
import { Empty } from '../../components/State';
import { useChartFormat } from '../dashboard/chartFormat';
import { StoreBars } from '../dashboard/StoreBars';
import type { Stats } from '../dashboard/stats';

export function SalesCharts({ stats }: { stats: Stats }) {
  const t = useT();
  const f = useFormat();
  const cf = useChartFormat();
  const daily = stats.daily.map((d) => ({ date: d.date, revenue: Number(d.revenue) }));
  const categories = [...stats.by_category].sort((a, b) => Number(b.revenue) - Number(a.revenue)).map((c) => ({ category: c.category, revenue: Number(c.revenue) }));
  const height = Math.max(160, 36 * categories.length + 40);
  return (
    <section aria-labelledby="charts-heading">
      <h2 id="charts-heading" className="sr-only">
        {t('sales.charts')}
      </h2>
      <section className="card" aria-labelledby="by-day-heading" data-testid="sales-by-day">
        <h3 id="by-day-heading">{t('sales.byDay')}</h3>
        <Chart
          label={t('dashboard.trend.label', { from: f.date(stats.from), to: f.date(stats.to), total: f.money(stats.revenue) })}
          kind="bar"
          data={daily}
          x="date"
          series={[{ key: 'revenue', label: t('dashboard.kpi.revenue') }]}
          formatX={cf.day}
          formatY={cf.money}
        />
      </section>
      <div className="grid grid-2">
        <StoreBars stats={stats} headingLevel={3} />
        <section className="card" aria-labelledby="by-category-heading" data-testid="sales-by-category">
          <h3 id="by-category-heading">{t('sales.byCategory')}</h3>
          {categories.length === 0 ? (
            <Empty>{t('dashboard.noSales')}</Empty>
          ) : (
            <div className="chart-box" style={{ minHeight: height }}>
              <Chart
                label={t('sales.byCategory.label', { list: categories.map((c) => `${c.category}: ${cf.money(c.revenue)}`).join('; ') })}
                kind="bar"
                horizontal
                height={height}
                data={categories}
                x="category"
                series={[{ key: 'revenue', label: t('dashboard.kpi.revenue') }]}
                formatY={cf.money}
              />
            </div>
          )}
        </section>
      </div>
    </section>
  );
}
