/**
 * The accuracy report's headline: over every series and backtest origin, the forecasts' MASE
 * against the weekly seasonal naive's (r = MASE ÷ naive MASE, "(1 − r) × 100 % better than last
 * week's same day"), and the share of days inside the 80 % and 95 % intervals next to those
 * nominal levels; with the run it comes from.
 */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import type { AccuracyReport } from './accuracy';
import { fixed, vsNaiveText } from './accuracyText';

export function AccuracyHeadline({ report }: { report: AccuracyReport }) {
  const t = useT();
  const f = useFormat();
  const o = report.overall;
  return (
    <section aria-labelledby="accuracy-overall-heading">
      <h2 id="accuracy-overall-heading" className="sr-only">
        {t('analytics.accuracy.overall')}
      </h2>
      <dl className="kpis" data-testid="accuracy-overall">
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.accuracy.vsNaive')}</dt>
          <dd className="kpi-value" data-testid="accuracy-ratio" data-ratio={o.ratio ?? ''}>
            {o.ratio === null ? '—' : t('analytics.accuracy.ratio', { ratio: fixed(f, o.ratio) })}
          </dd>
          <dd className="kpi-note">{vsNaiveText(t, f, o.ratio)}</dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.accuracy.mase')}</dt>
          <dd className="kpi-value">{fixed(f, o.mase)}</dd>
          <dd className="kpi-note">{o.naive_mase === null ? '' : t('analytics.accuracy.naiveNote', { naive: fixed(f, o.naive_mase) })}</dd>
        </div>
        {([
          ['coverage80', o.coverage80, 80],
          ['coverage95', o.coverage95, 95],
        ] as const).map(([key, share, nominal]) => (
          <div key={key} className="kpi" data-testid={`accuracy-${key}`}>
            <dt className="kpi-label">{t(`analytics.accuracy.${key}`)}</dt>
            <dd className="kpi-value">{share === null ? '—' : f.percent(share * 100, 0)}</dd>
            <dd className="kpi-note">{t('analytics.coverage.target', { nominal: f.percent(nominal, 0) })}</dd>
          </div>
        ))}
      </dl>
      <p className="hint" data-testid="accuracy-run">
        {t('analytics.accuracy.run', {
          date: f.date(report.run.as_of),
          finished: f.dateTime(report.run.finished_at),
          series: f.number(report.run.series),
          seconds: f.number(report.run.seconds, 1),
          scored: f.number(o.n),
        })}
      </p>
    </section>
  );
}
