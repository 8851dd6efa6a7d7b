/** One insight: its kind, the server's sentence (in the tenant's language), the money at stake and (in full) the numbers behind it. */
import { Link } from 'react-router';
import { useT } from '../../app/i18n';
import { hasFeature, useTenant } from '../../app/session';
import { Money } from '../../app/money';
import { InsightNumbers } from './InsightNumbers';
import type { Insight, InsightKind } from './insights';

const BADGE: Record<InsightKind, string> = {
  out_of_stock: 'badge-danger',
  will_run_out: 'badge-warn',
  dead_stock: '',
  overstock: '',
  anomaly: 'badge-warn',
  margin_erosion: '',
};

export function InsightItem({ insight, full = false }: { insight: Insight; full?: boolean }) {
  const t = useT();
  const tenant = useTenant();
  return (
    <li className={`insight insight-${insight.kind}`} data-testid="insight-item" data-kind={insight.kind}>
      <div className="insight-head">
        <span className={`badge ${BADGE[insight.kind] ?? ''}`}>{t(`analytics.kind.${insight.kind}`)}</span>
        <span className="insight-impact">
          <span className="sr-only">{t('analytics.impact')}: </span>
          <Money amount={insight.impact} />
        </span>
      </div>
      <p className="insight-text" lang={tenant.locale.slice(0, 2)}>{insight.text}</p>
      {full && <InsightNumbers insight={insight} />}
      {full && hasFeature(tenant, 'forecasting') && (
        <Link className="insight-link" to={`/forecast?product_id=${insight.product_id}&store_id=${insight.store_id}`}>
          {t('analytics.insights.forecast', { product: insight.name })}
        </Link>
      )}
    </li>
  );
}
