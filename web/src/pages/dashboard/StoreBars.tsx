/** Revenue by store for the period, as horizontal bars (best store first). */
import { useT } from '../../app/i18n';
import { Chart } from '../../components/charts';
import { Empty } from '../../components/State';
import { useChartFormat } from './chartFormat';
import type { Stats } from './stats';

export function StoreBars({ stats, headingLevel = 2 }: { stats: Stats; headingLevel?: 2 | 3 }) {
  const t = useT();
  const cf = useChartFormat();
  const H = `h${headingLevel}` as const;
  const data = [...stats.by_store].sort((a, b) => Number(b.revenue) - Number(a.revenue)).map((s) => ({ store: s.store_name, revenue: Number(s.revenue) }));
  const height = Math.max(160, 40 * data.length + 40);
  return (
    <section className="card" aria-labelledby="by-store-heading" data-testid="sales-by-store">
      <H id="by-store-heading">{t('dashboard.byStore')}</H>
      {data.length === 0 ? (
        <Empty>{t('dashboard.noSales')}</Empty>
      ) : (
        <div className="chart-box" style={{ minHeight: height }}>
          <Chart
            label={t('dashboard.byStore.label', { list: data.map((d) => `${d.store}: ${cf.money(d.revenue)}`).join('; ') })}
            kind="bar"
            horizontal
            height={height}
            data={data}
            x="store"
            series={[{ key: 'revenue', label: t('dashboard.kpi.revenue') }]}
            formatY={cf.money}
          />
        </div>
      )}
    </section>
  );
}
