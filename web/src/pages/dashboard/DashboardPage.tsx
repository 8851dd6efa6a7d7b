/**
 * The dashboard: period and store filters (in the URL), KPI cards, the sales trend, sales by
 * store, top products, the low-stock list, and an insights teaser for tenants with ai-insights.
 */
import { useT } from '../../app/i18n';
import { hasFeature, useTenant } from '../../app/session';
import { QueryView } from '../../components/State';
import { InsightsTeaser } from '../analytics/InsightsTeaser';
import { KpiCards } from './KpiCards';
import { LowStockList } from './LowStockList';
import { PeriodFilter } from './PeriodFilter';
import { SalesTrend } from './SalesTrend';
import { StoreBars } from './StoreBars';
import { TopProducts } from './TopProducts';
import { usePeriod } from './period';
import { useStats } from './stats';
import './dashboard.css';

export default function DashboardPage() {
  const t = useT();
  const tenant = useTenant();
  const period = usePeriod();
  const stats = useStats(period.query, !period.tooLong);
  return (
    <div className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <PeriodFilter period={period} />
      {!period.tooLong && (
        <QueryView query={stats}>
          {(s) => (
            <>
              <KpiCards stats={s} />
              <SalesTrend stats={s} />
              <div className="grid grid-2">
                <StoreBars stats={s} />
                <TopProducts stats={s} />
              </div>
            </>
          )}
        </QueryView>
      )}
      {/* Shown once the figures are in (or not asked for), so their arrival does not push it down (layout shift). */}
      {!stats.isLoading && (
        <div className="grid grid-2">
          {hasFeature(tenant, 'inventory') && <LowStockList storeId={period.storeId} />}
          {hasFeature(tenant, 'ai-insights') && <InsightsTeaser />}
        </div>
      )}
    </div>
  );
}
