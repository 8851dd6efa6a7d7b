/** Revenue, units and gross margin by product category for the period. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import type { Stats } from '../dashboard/stats';
import { TableWrap } from '../dashboard/TableWrap';

export function CategoryTable({ stats }: { stats: Stats }) {
  const t = useT();
  const f = useFormat();
  const rows = [...stats.by_category].sort((a, b) => Number(b.revenue) - Number(a.revenue));
  const col = { category: t('sales.col.category'), revenue: t('dashboard.col.revenue'), units: t('dashboard.col.units'), margin: t('sales.col.margin'), pct: t('sales.col.marginPct') };
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="category-heading">
      <h2 id="category-heading">{t('sales.categories')}</h2>
      <TableWrap label={t('sales.categories')}>
        <table className="cards-on-phone" data-testid="category-table">
          <caption className="sr-only">{t('sales.categories')}</caption>
          <thead>
            <tr>
              <th scope="col">{col.category}</th>
              <th scope="col" className="num">
                {col.revenue}
              </th>
              <th scope="col" className="num">
                {col.units}
              </th>
              <th scope="col" className="num">
                {col.margin}
              </th>
              <th scope="col" className="num">
                {col.pct}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const revenue = Number(c.revenue);
              return (
                <tr key={c.category} data-testid="category-row">
                  <td data-label={col.category}>{c.category}</td>
                  <td className="num" data-label={col.revenue}>
                    <Money amount={c.revenue} date={stats.to} />
                  </td>
                  <td className="num" data-label={col.units}>
                    {f.number(c.units)}
                  </td>
                  <td className="num" data-label={col.margin}>
                    <Money amount={c.margin} date={stats.to} />
                  </td>
                  <td className="num" data-label={col.pct}>
                    {revenue > 0 ? f.percent((Number(c.margin) / revenue) * 100) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
