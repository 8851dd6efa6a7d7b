/** The forecast in figures: stock now, recent sales rate, the days ahead, days of cover, the stock-out date, and a weekly table. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { weeklyRows, type Forecast } from './forecast';
import { TableWrap } from '../dashboard/TableWrap';

export function ForecastSummary({ forecast }: { forecast: Forecast }) {
  const t = useT();
  const f = useFormat();
  const sold = forecast.history.reduce((s, h) => s + h.units, 0);
  const perDay = forecast.history.length ? sold / forecast.history.length : 0;
  const next = forecast.forecast.reduce((s, p) => s + p.units, 0);
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
          <dd className="kpi-value">{forecast.days_of_cover === null ? '—' : f.number(forecast.days_of_cover, 1)}</dd>
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
      <p className="hint">
        {forecast.method === 'seasonal_mean_4w'
          ? t('analytics.forecast.method', { date: f.date(forecast.as_of) })
          : t('analytics.forecast.model', { model: forecast.method, date: f.date(forecast.as_of) })}
      </p>
    </section>
  );
}
