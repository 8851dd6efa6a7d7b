/** The dashboard's headline figures for the period (sales) and for the stock now. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import { hasFeature, useTenant } from '../../app/session';
import type { Stats } from './stats';

function Kpi({ id, label, children, note }: { id: string; label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <div className="kpi" data-testid={`kpi-${id}`}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{children}</div>
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}

export function KpiCards({ stats }: { stats: Stats }) {
  const t = useT();
  const f = useFormat();
  const tenant = useTenant();
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading" className="sr-only">
        {t('dashboard.kpis')}
      </h2>
      <div className="kpis">
        <Kpi id="revenue" label={t('dashboard.kpi.revenue')}>
          <Money amount={stats.revenue} date={stats.to} />
        </Kpi>
        <Kpi id="tickets" label={t('dashboard.kpi.tickets')}>
          {f.number(stats.tickets)}
        </Kpi>
        <Kpi id="average-ticket" label={t('dashboard.kpi.averageTicket')}>
          <Money amount={stats.average_ticket} date={stats.to} />
        </Kpi>
        <Kpi id="units" label={t('dashboard.kpi.units')}>
          {f.number(stats.units)}
        </Kpi>
        <Kpi id="margin" label={t('dashboard.kpi.margin')} note={<Money amount={stats.gross_margin} date={stats.to} />}>
          {stats.gross_margin_pct === null ? '—' : f.percent(stats.gross_margin_pct)}
        </Kpi>
        <Kpi id="inventory-value" label={t('dashboard.kpi.inventoryValue')}>
          <Money amount={stats.inventory_value} />
        </Kpi>
        <Kpi id="low-stock" label={t('dashboard.kpi.lowStock')} note={hasFeature(tenant, 'inventory') ? <Link to="/inventory?low_stock=true&sort=quantity">{t('dashboard.seeInventory')}</Link> : undefined}>
          {f.number(stats.low_stock_count)}
        </Kpi>
        <Kpi id="out-of-stock" label={t('dashboard.kpi.outOfStock')}>
          <span className={stats.out_of_stock_count > 0 ? 'text-danger' : undefined}>{f.number(stats.out_of_stock_count)}</span>
        </Kpi>
      </div>
    </section>
  );
}
