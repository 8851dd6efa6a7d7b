/**
 * What needs attention (feature ai-insights): every insight as a sentence with the numbers behind
 * it and the money at stake, largest impact first, filtered by kind (?kind= in the URL).
 */
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import { QueryView } from '../../components/State';
import { InsightItem } from './InsightItem';
import { INSIGHT_KINDS, useInsights, type InsightKind } from './insights';
import { sumMoney } from './sum';
import '../dashboard/dashboard.css';
import './analytics.css';

export default function InsightsPage() {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const raw = params.get('kind') ?? '';
  const kind = (INSIGHT_KINDS as readonly string[]).includes(raw) ? (raw as InsightKind) : '';
  const insights = useInsights(100);
  const setKind = (k: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (k) next.set('kind', k);
        else next.delete('kind');
        return next;
      },
      { replace: true },
    );
  const counts = new Map<string, number>();
  for (const i of insights.data?.items ?? []) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return (
    <div className="insights-page">
      <h1>{t('analytics.insights.title')}</h1>
      <p className="hint">{t('analytics.insights.lead')}</p>
      <div className="toolbar">
        <label className="field" htmlFor={`${id}-kind`}>
          <span>{t('analytics.insights.kind')}</span>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} data-testid="insight-kind">
            <option value="">{t('analytics.insights.allKinds', { count: f.number(insights.data?.items.length ?? 0) })}</option>
            {INSIGHT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t('analytics.insights.kindCount', { kind: t(`analytics.kind.${k}`), count: f.number(counts.get(k) ?? 0) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryView query={insights} isEmpty={(d) => d.items.length === 0} empty={t('analytics.none')}>
        {(d) => {
          const shown = kind ? d.items.filter((i) => i.kind === kind) : d.items;
          return (
            <section aria-labelledby="insights-heading">
              <div className="card-head">
                <h2 id="insights-heading">{t('analytics.insights.count', { count: f.number(shown.length) })}</h2>
                <p className="insights-total" data-testid="insights-total">
                  {t('analytics.insights.atStake')} <Money amount={sumMoney(shown.map((i) => i.impact))} />
                </p>
              </div>
              {d.total > d.items.length && <p className="hint">{t('analytics.insights.more', { shown: f.number(d.items.length), total: f.number(d.total) })}</p>}
              {shown.length === 0 ? (
                <p className="state state-empty">{t('analytics.insights.noneOfKind')}</p>
              ) : (
                <ul className="insight-list plain-list" data-testid="insights-list">
                  {shown.map((i) => (
                    <InsightItem key={`${i.kind}-${i.product_id}-${i.store_id}`} insight={i} full />
                  ))}
                </ul>
              )}
            </section>
          );
        }}
      </QueryView>
    </div>
  );
}
