/** The period's totals above the sales charts. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import type { Stats } from '../dashboard/stats';

export function SalesSummary({ stats }: { stats: Stats }) {
  const t = useT();
  const f = useFormat();
  return (
    <dl className="kpis sales-summary" data-testid="sales-summary">
      <div className="kpi">
        <dt className="kpi-label">{t('dashboard.kpi.revenue')}</dt>
        <dd className="kpi-value">
          <Money amount={stats.revenue} date={stats.to} />
        </dd>
      </div>
      <div className="kpi">
        <dt className="kpi-label">{t('dashboard.kpi.tickets')}</dt>
        <dd className="kpi-value">{f.number(stats.tickets)}</dd>
      </div>
      <div className="kpi">
        <dt className="kpi-label">{t('dashboard.kpi.units')}</dt>
        <dd className="kpi-value">{f.number(stats.units)}</dd>
      </div>
      <div className="kpi">
        <dt className="kpi-label">{t('dashboard.kpi.margin')}</dt>
        <dd className="kpi-value">{stats.gross_margin_pct === null ? '—' : f.percent(stats.gross_margin_pct)}</dd>
      </div>
    </dl>
  );
}
