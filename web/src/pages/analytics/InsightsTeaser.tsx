/** The dashboard's card with the three insights of largest impact and a link to all of them. */
import { Link } from 'react-router';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { QueryView } from '../../components/State';
import { InsightItem } from './InsightItem';
import { useInsights } from './insights';
import './analytics.css';

export function InsightsTeaser() {
  const t = useT();
  const f = useFormat();
  const insights = useInsights(3);
  return (
    <section className="card insights-teaser" aria-labelledby="teaser-heading" data-testid="insights-teaser">
      <div className="card-head">
        <h2 id="teaser-heading">{t('analytics.teaser')}</h2>
        <Link to="/insights">{insights.data ? t('analytics.teaser.allCount', { count: f.number(insights.data.total) }) : t('analytics.teaser.all')}</Link>
      </div>
      <QueryView query={insights} isEmpty={(d) => d.items.length === 0} empty={t('analytics.none')}>
        {(d) => (
          <ul className="insight-list plain-list">
            {d.items.slice(0, 3).map((i) => (
              <InsightItem key={`${i.kind}-${i.product_id}-${i.store_id}`} insight={i} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
