/** The numbers behind an insight, labelled in the user's language (unknown ones by their name). */
import type { MessageKey } from '../../i18n';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import type { Insight } from './insights';

/** Labels of the numbers the API sends; money-valued ones are formatted as money. */
const LABELS: Record<string, { key: MessageKey; money?: boolean; date?: boolean; digits?: number }> = {
  stock: { key: 'analytics.num.stock' },
  avg_daily_units: { key: 'analytics.num.avgDailyUnits', digits: 2 },
  days_out: { key: 'analytics.num.daysOut' },
  lost_units: { key: 'analytics.num.lostUnits', digits: 1 },
  days_of_cover: { key: 'analytics.num.daysOfCover', digits: 1 },
  stockout_date: { key: 'analytics.num.stockoutDate', date: true },
  days_without_sales: { key: 'analytics.num.daysWithoutSales' },
  excess_units: { key: 'analytics.num.excessUnits' },
  price: { key: 'analytics.num.price', money: true },
  unit_cost: { key: 'analytics.num.unitCost', money: true },
};

export function InsightNumbers({ insight }: { insight: Insight }) {
  const t = useT();
  const f = useFormat();
  const entries = Object.entries(insight.numbers).filter(([, v]) => v !== null && v !== '');
  return (
    <dl className="insight-numbers">
      <div>
        <dt>{t('analytics.sku')}</dt>
        <dd>{insight.sku}</dd>
      </div>
      {entries.map(([k, v]) => {
        const label = LABELS[k];
        const text =
          label?.date && typeof v === 'string'
            ? f.date(v)
            : label?.money
              ? f.money(String(v))
              : typeof v === 'number' || (typeof v === 'string' && v !== '' && Number.isFinite(Number(v)))
                ? f.number(Number(v), label?.digits ?? 2)
                : String(v);
        return (
          <div key={k}>
            <dt>{label ? t(label.key) : k.replace(/_/g, ' ')}</dt>
            <dd>{text}</dd>
          </div>
        );
      })}
    </dl>
  );
}
