/**
 * Accuracy of one breakdown (by ABC class, by model, by demand class): a bar chart of the
 * forecasts' mean MASE next to the weekly seasonal naive's over the same days (lower is better;
 * r = MASE ÷ naive below 1 beats the naive), and the same figures as a table with the share of
 * days inside each group's 80 % and 95 % intervals.
 */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Chart } from '../../components/charts';
import { TableWrap } from '../dashboard/TableWrap';
import type { Aggregate } from './accuracy';
import { fixed, vsNaiveText } from './accuracyText';

export interface BreakdownRow extends Aggregate {
  key: string;
  label: string;
}

/** `horizontal`: bars across, group names on the left (long names such as the models'). */
export function AccuracyBreakdown(props: { id: string; title: string; group: string; rows: BreakdownRow[]; chart?: boolean; horizontal?: boolean }) {
  const { id, title, group, rows, chart = true, horizontal = false } = props;
  const t = useT();
  const f = useFormat();
  const col = {
    group,
    n: t('analytics.accuracy.col.n'),
    mase: t('analytics.accuracy.col.mase'),
    naive: t('analytics.accuracy.col.naive'),
    vs: t('analytics.accuracy.col.vsNaive'),
    c80: t('analytics.accuracy.col.coverage80'),
    c95: t('analytics.accuracy.col.coverage95'),
  };
  const num = (n: number | null) => fixed(f, n);
  // Groups with nothing scored have no bars.
  const scored = rows.filter((r) => r.mase !== null && r.naive_mase !== null);
  const share = (n: number | null) => (n === null ? '—' : f.percent(n * 100, 0));
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <div className={chart && scored.length > 0 ? 'breakdown-body' : undefined}>
        {chart && scored.length > 0 && (
          <Chart
            label={t('analytics.accuracy.chartLabel', {
              title,
              groups: scored.map((r) => t('analytics.accuracy.chartGroup', { group: r.label, mase: num(r.mase), naive: num(r.naive_mase) })).join('; '),
            })}
            kind="bar"
            horizontal={horizontal}
            data={scored.map((r) => ({ label: r.label, mase: r.mase, naive: r.naive_mase }))}
            x="label"
            series={[
              { key: 'mase', label: t('analytics.accuracy.seriesMase'), color: 'var(--brand-ink)' },
              { key: 'naive', label: t('analytics.accuracy.seriesNaive'), color: '#64748b' },
            ]}
            formatY={(n) => f.number(n, 2)}
            height={horizontal ? 70 + 48 * scored.length : 240}
          />
        )}
        <TableWrap label={title} flat>
          <table className="cards-on-phone accuracy-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{col.group}</th>
                <th scope="col" className="num">
                  {col.n}
                </th>
                <th scope="col" className="num">
                  {col.mase}
                </th>
                <th scope="col" className="num">
                  {col.naive}
                </th>
                <th scope="col">{col.vs}</th>
                <th scope="col" className="num">
                  {col.c80}
                </th>
                <th scope="col" className="num">
                  {col.c95}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid={`${id}-row`} data-key={r.key} data-ratio={r.ratio ?? ''}>
                  <th scope="row" data-label={col.group}>
                    {r.label}
                  </th>
                  <td className="num" data-label={col.n}>
                    {f.number(r.n)}
                  </td>
                  <td className="num" data-label={col.mase}>
                    {num(r.mase)}
                  </td>
                  <td className="num" data-label={col.naive}>
                    {num(r.naive_mase)}
                  </td>
                  <td className="wrap" data-label={col.vs}>
                    {vsNaiveText(t, f, r.ratio, true)}
                  </td>
                  <td className="num" data-label={col.c80}>
                    {share(r.coverage80)}
                  </td>
                  <td className="num" data-label={col.c95}>
                    {share(r.coverage95)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </section>
  );
}
