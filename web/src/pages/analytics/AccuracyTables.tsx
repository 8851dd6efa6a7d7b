/**
 * Accuracy store by store (each store's series' mean MASE next to the naive's, and their ratio
 * r = MASE ÷ naive MASE in words) and how many series chose each model (share = series ÷ Σ series).
 */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { TableWrap } from '../dashboard/TableWrap';
import { modelsChosen, type AccuracyReport } from './accuracy';
import { maseRatio } from './forecast';
import { fixed, modelLabel, vsNaiveText } from './accuracyText';

export function AccuracyByStore({ report }: { report: AccuracyReport }) {
  const t = useT();
  const f = useFormat();
  const col = {
    store: t('analytics.accuracy.col.store'),
    series: t('analytics.accuracy.col.series'),
    mase: t('analytics.accuracy.col.mase'),
    naive: t('analytics.accuracy.col.naive'),
    vs: t('analytics.accuracy.col.vsNaive'),
  };
  const num = (n: number | null) => fixed(f, n);
  const title = t('analytics.accuracy.byStore');
  return (
    <section className="card" aria-labelledby="accuracy-stores-heading" data-testid="accuracy-stores">
      <h2 id="accuracy-stores-heading">{title}</h2>
      <TableWrap label={title} flat>
        <table className="cards-on-phone accuracy-table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{col.store}</th>
              <th scope="col" className="num">
                {col.series}
              </th>
              <th scope="col" className="num">
                {col.mase}
              </th>
              <th scope="col" className="num">
                {col.naive}
              </th>
              <th scope="col">{col.vs}</th>
            </tr>
          </thead>
          <tbody>
            {report.by_store.map((s) => (
              <tr key={s.store_id} data-testid="accuracy-store-row" data-store={s.store_id}>
                <th scope="row" className="wrap" data-label={col.store}>
                  {s.store_name}
                </th>
                <td className="num" data-label={col.series}>
                  {f.number(s.series)}
                </td>
                <td className="num" data-label={col.mase}>
                  {num(s.mase)}
                </td>
                <td className="num" data-label={col.naive}>
                  {num(s.naive_mase)}
                </td>
                <td className="wrap" data-label={col.vs}>
                  {vsNaiveText(t, f, maseRatio(s.mase, s.naive_mase), true)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export function ModelsChosen({ report }: { report: AccuracyReport }) {
  const t = useT();
  const f = useFormat();
  const title = t('analytics.accuracy.modelsChosen');
  const col = { model: t('analytics.accuracy.col.model'), series: t('analytics.accuracy.col.series'), share: t('analytics.accuracy.col.share') };
  return (
    <section className="card" aria-labelledby="accuracy-chosen-heading" data-testid="accuracy-models-chosen">
      <h2 id="accuracy-chosen-heading">{title}</h2>
      <TableWrap label={title} flat>
        <table className="cards-on-phone accuracy-table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{col.model}</th>
              <th scope="col" className="num">
                {col.series}
              </th>
              <th scope="col" className="num">
                {col.share}
              </th>
            </tr>
          </thead>
          <tbody>
            {modelsChosen(report).map((m) => (
              <tr key={m.model} data-testid="accuracy-model-chosen" data-model={m.model}>
                <th scope="row" data-label={col.model}>
                  {modelLabel(t, m.model)}
                </th>
                <td className="num" data-label={col.series}>
                  {f.number(m.series)}
                </td>
                <td className="num" data-label={col.share}>
                  {f.percent(m.share * 100, 1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
