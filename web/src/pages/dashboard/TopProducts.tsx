/** The period's ten best sellers by revenue. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import { Empty } from '../../components/State';
import type { Stats } from './stats';
import { TableWrap } from './TableWrap';

export function TopProducts({ stats }: { stats: Stats }) {
  const t = useT();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="top-heading" data-testid="top-products">
      <h2 id="top-heading">{t('dashboard.top')}</h2>
      {stats.top_products.length === 0 ? (
        <Empty>{t('dashboard.noSales')}</Empty>
      ) : (
        <TableWrap label={t('dashboard.top')} flat>
          <table className="top-table">
            <caption className="sr-only">{t('dashboard.top')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num rank">
                  #
                </th>
                <th scope="col">{t('dashboard.col.product')}</th>
                <th scope="col" className="num">
                  {t('dashboard.col.units')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.col.revenue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.top_products.map((p, i) => (
                <tr key={p.product_id} data-testid="top-product-row">
                  <td className="num rank" data-label="#">
                    {i + 1}
                  </td>
                  <td className="wrap" data-label={t('dashboard.col.product')}>
                    <span className="cell-main">{p.name}</span> <span className="cell-sub">{p.sku}</span>
                  </td>
                  <td className="num" data-label={t('dashboard.col.units')}>
                    {f.number(p.units)}
                  </td>
                  <td className="num" data-label={t('dashboard.col.revenue')}>
                    <Money amount={p.revenue} date={stats.to} />
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
