/**
 * How accurate the forecasts are (feature forecasting), from the latest run's rolling-origin
 * backtest: the headline against last week's same day and the interval coverage, MASE next to
 * the naive's by ABC class and by model (bar charts and tables), by demand class, store by store,
 * the models chosen; owners and managers can start a run and the page refreshes when it ends.
 */
import { Link } from 'react-router';
import { useT } from '../../app/i18n';
import { atLeast, useMe } from '../../app/session';
import { AccuracyBreakdown } from './AccuracyBreakdown';
import { AccuracyHeadline } from './AccuracyHeadline';
import { AccuracyByStore, ModelsChosen } from './AccuracyTables';
import { ABC_ORDER, rowsOf, useAccuracy } from './accuracy';
import { modelLabel } from './accuracyText';
import { MODEL_NAMES } from './forecast';
import { ForecastQueryView } from './ForecastQueryView';
import { RunForecasts } from './RunForecasts';
import '../dashboard/dashboard.css';
import './analytics.css';

export default function AccuracyPage() {
  const t = useT();
  const me = useMe();
  const report = useAccuracy();
  return (
    <div className="accuracy-page">
      <div className="page-head">
        <h1>{t('analytics.accuracy.title')}</h1>
        <Link to="/forecast">{t('analytics.accuracy.toForecast')}</Link>
      </div>
      <p className="hint">{t('analytics.accuracy.lead')}</p>
      <RunForecasts canRun={atLeast(me.role, 'manager')} />
      <ForecastQueryView query={report}>
        {(r) => (
          <>
            <AccuracyHeadline report={r} />
            <AccuracyBreakdown
              id="accuracy-abc"
              title={t('analytics.accuracy.byAbc')}
              group={t('analytics.accuracy.col.abc')}
              rows={rowsOf(r.by_abc, ABC_ORDER).map((a) => ({ ...a, label: t('analytics.accuracy.abcClass', { abc: a.key }) }))}
            />
            <AccuracyBreakdown
              id="accuracy-model"
              title={t('analytics.accuracy.byModel')}
              group={t('analytics.accuracy.col.model')}
              horizontal
              rows={rowsOf(r.by_model, MODEL_NAMES).map((a) => ({ ...a, label: modelLabel(t, a.key) }))}
            />
            <AccuracyBreakdown
              id="accuracy-demand"
              title={t('analytics.accuracy.byDemand')}
              group={t('analytics.accuracy.col.demand')}
              chart={false}
              rows={rowsOf(r.by_demand_class, ['smooth', 'intermittent']).map((a) => ({
                ...a,
                label: a.key === 'smooth' || a.key === 'intermittent' ? t(`analytics.demand.${a.key}`) : a.key,
              }))}
            />
            <AccuracyByStore report={r} />
            <ModelsChosen report={r} />
          </>
        )}
      </ForecastQueryView>
    </div>
  );
}
