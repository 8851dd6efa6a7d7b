/** The period's Venezuelan taxes (from /stats), for tenants that show them. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useTenant } from '../../app/session';
import type { Stats } from '../dashboard/stats';
import { TaxBreakdown } from './TaxBreakdown';

export function TaxSummary({ stats }: { stats: Stats }) {
  const t = useT();
  const f = useFormat();
  const tenant = useTenant();
  if (!tenant.showVenezuelanTaxes || !stats.taxes) return null;
  return (
    <section className="card tax-summary" aria-labelledby="tax-heading" data-testid="tax-summary">
      <h2 id="tax-heading">{t('sales.tax.summary')}</h2>
      <p className="hint">{t('dashboard.range', { from: f.date(stats.from), to: f.date(stats.to) })}</p>
      <TaxBreakdown taxes={stats.taxes} date={stats.to} caption={t('sales.tax.summary')} />
    </section>
  );
}
