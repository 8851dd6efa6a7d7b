/**
 * The forecast in figures: the model chosen and how accurate it has been (MASE against last
 * week's same day, 80 % / 95 % interval coverage, bias), the demand and ABC classes; then the
 * stock now, the recent sales rate, the expected units ahead (Σ daily means), days of cover, the
 * stock-out date, and a weekly table of expected units and the stock they leave.
 */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { maseRatio, weeklyRows, type Forecast } from './forecast';
import { biasText, coverageText, fixed, modelLabel, paramsText, vsNaiveText } from './accuracyText';
import { TableWrap } from '../dashboard/TableWrap';

function ModelFigures({ forecast }: { forecast: Forecast }) {
  const t = useT();
  const f = useFormat();
  const a = forecast.accuracy;
  const ratio = maseRatio(a.mase, a.naive_mase);
  const params = paramsText(f, forecast.params);
  return (
    <section aria-labelledby="forecast-model-heading">
      <h2 id="forecast-model-heading">{t('analytics.forecast.modelHeading')}</h2>
      <dl className="forecast-summary forecast-model-figures kpis" data-testid="forecast-model-figures">
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.modelLabel')}</dt>
          <dd className="kpi-value" data-testid="forecast-model" data-model={forecast.model ?? ''}>
            {modelLabel(t, forecast.model)}
          </dd>
          {params && <dd className="kpi-note">{params}</dd>}
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.accuracy')}</dt>
          <dd className="kpi-value" data-testid="forecast-accuracy" data-ratio={ratio ?? ''}>
            {vsNaiveText(t, f, ratio)}
          </dd>
          <dd className="kpi-note">
            {a.mase === null || a.naive_mase === null
              ? t('analytics.forecast.daysScored', { days: f.number(a.days_scored) })
              : t('analytics.forecast.maseNote', { mase: fixed(f, a.mase), naive: fixed(f, a.naive_mase), days: f.number(a.days_scored) })}
          </dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.coverage')}</dt>
          <dd className="kpi-value forecast-coverage" data-testid="forecast-coverage">
            <span>{t('analytics.forecast.coverage80', { value: coverageText(t, f, a.coverage80, 80) })}</span>
            <span>{t('analytics.forecast.coverage95', { value: coverageText(t, f, a.coverage95, 95) })}</span>
          </dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.bias')}</dt>
          <dd className="kpi-value" data-testid="forecast-bias">
            {biasText(t, f, a.bias)}
          </dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.demandClass')}</dt>
          <dd className="kpi-value" data-testid="forecast-demand-class">
            {forecast.demand_class ? t(`analytics.demand.${forecast.demand_class}`) : t('analytics.model.perStore')}
          </dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.abc')}</dt>
          <dd className="kpi-value" data-testid="forecast-abc">
            {forecast.abc ?? '—'}
          </dd>
          {forecast.abc && <dd className="kpi-note">{t(`analytics.abc.${forecast.abc}`)}</dd>}
        </div>
      </dl>
    </section>
  );
}

function StockFigures({ forecast }: { forecast: Forecast }) {
  const t = useT();
  const f = useFormat();
  const sold = forecast.history.reduce((s, h) => s + h.units, 0);
  const perDay = forecast.history.length ? sold / forecast.history.length : 0;
  const next = forecast.forecast.reduce((s, p) => s + p.mean, 0);
  const weeks = weeklyRows(forecast);
  const col = { week: t('analytics.forecast.week'), units: t('analytics.forecast.units'), stock: t('analytics.forecast.stockAfter') };
  return (
    <section aria-labelledby="forecast-figures-heading">
      <h2 id="forecast-figures-heading">{t('analytics.forecast.figures')}</h2>
      <dl className="forecast-summary kpis" data-testid="forecast-summary">
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.stock')}</dt>
          <dd className="kpi-value" data-testid="forecast-stock">
            {f.number(forecast.stock)}
          </dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.perDay', { days: forecast.history.length })}</dt>
          <dd className="kpi-value">{f.number(perDay, 1)}</dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.next', { days: forecast.forecast.length })}</dt>
          <dd className="kpi-value">{f.number(next, 0)}</dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.cover')}</dt>
          <dd className="kpi-value" data-testid="forecast-cover">
            {forecast.days_of_cover === null ? '—' : f.number(forecast.days_of_cover, 1)}
          </dd>
        </div>
        <div className="kpi">
          <dt className="kpi-label">{t('analytics.forecast.stockout')}</dt>
          <dd className="kpi-value" data-testid="forecast-stockout">
            {forecast.stockout_date ? f.date(forecast.stockout_date) : t('analytics.forecast.noStockout', { days: forecast.forecast.length })}
          </dd>
        </div>
      </dl>
      {weeks.length > 0 && (
        <TableWrap label={t('analytics.forecast.byWeek')}>
          <table className="cards-on-phone" data-testid="forecast-table">
            <caption className="sr-only">{t('analytics.forecast.byWeek')}</caption>
            <thead>
              <tr>
                <th scope="col">{col.week}</th>
                <th scope="col" className="num">
                  {col.units}
                </th>
                <th scope="col" className="num">
                  {col.stock}
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.from}>
                  <td data-label={col.week}>{t('dashboard.range', { from: f.date(w.from), to: f.date(w.to) })}</td>
                  <td className="num" data-label={col.units}>
                    {f.number(w.units, 1)}
                  </td>
                  <td className="num" data-label={col.stock}>
                    {w.stockAfter === 0 ? <span className="badge badge-danger">{t('analytics.forecast.out')}</span> : f.number(w.stockAfter, 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export function ForecastSummary({ forecast }: { forecast: Forecast }) {
  const t = useT();
  const f = useFormat();
  return (
    <>
      <ModelFigures forecast={forecast} />
      <StockFigures forecast={forecast} />
      <p className="hint" data-testid="forecast-run">
        {t('analytics.forecast.runNote', { date: f.date(forecast.as_of), finished: f.dateTime(forecast.run.finished_at) })}
      </p>
    </>
  );
}
