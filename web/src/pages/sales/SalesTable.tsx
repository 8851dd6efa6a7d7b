/** The period's sales lines, newest first, a page at a time; a ticket id opens the ticket. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { QueryView } from '../../components/State';
import { LineMoney } from './LineMoney';
import { Pager } from '../../components/Pager';
import { PAGE_SIZE, useSales } from './sales';
import { TableWrap } from '../dashboard/TableWrap';

export function SalesTable({
  query,
  offset,
  onOffset,
  onTicket,
}: {
  query: { from: string; to: string; store_id?: string };
  offset: number;
  onOffset: (offset: number) => void;
  onTicket: (ticket: string) => void;
}) {
  const t = useT();
  const f = useFormat();
  const sales = useSales(query, offset);
  const col = {
    when: t('sales.col.when'),
    ticket: t('sales.col.ticket'),
    store: t('sales.col.store'),
    product: t('sales.col.product'),
    qty: t('sales.col.quantity'),
    price: t('sales.col.unitPrice'),
    discount: t('sales.col.discount'),
    total: t('sales.col.total'),
  };
  return (
    <section className="sales-lines" aria-labelledby="lines-heading">
      <h2 id="lines-heading">{t('sales.lines')}</h2>
      <QueryView query={sales} isEmpty={(p) => p.items.length === 0} empty={t('sales.lines.none')}>
        {(page) => (
          <>
            <TableWrap label={t('sales.lines')} busy={sales.isFetching}>
              <table className="cards-on-phone" data-testid="sales-table">
                <caption className="sr-only">{t('sales.lines')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{col.when}</th>
                    <th scope="col">{col.ticket}</th>
                    <th scope="col">{col.store}</th>
                    <th scope="col">{col.product}</th>
                    <th scope="col" className="num">
                      {col.qty}
                    </th>
                    <th scope="col" className="num">
                      {col.price}
                    </th>
                    <th scope="col" className="num">
                      {col.discount}
                    </th>
                    <th scope="col" className="num">
                      {col.total}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((s) => (
                    <tr key={`${s.ticket}-${s.line}`} data-testid="sales-row">
                      <td data-label={col.when}>{f.dateTime(s.fecha_venta)}</td>
                      <td data-label={col.ticket}>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onTicket(s.ticket)}
                          aria-label={t('sales.ticket.open', { ticket: s.ticket })}
                          data-testid="ticket-link"
                        >
                          {s.ticket}
                        </button>
                      </td>
                      <td data-label={col.store}>{s.store.name}</td>
                      <td className="wrap" data-label={col.product}>
                        <span className="cell">
                          <span className="cell-main">{s.product.name}</span> <span className="cell-sub">{s.product.sku}</span>
                        </span>
                      </td>
                      <td className="num" data-label={col.qty}>
                        {f.number(s.quantity)}
                      </td>
                      <td className="num" data-label={col.price}>
                        <LineMoney amount={s.unit_price} currency={s.currency} date={s.business_date} />
                      </td>
                      <td className="num" data-label={col.discount}>
                        {Number(s.discount) === 0 ? '—' : <LineMoney amount={s.discount} currency={s.currency} date={s.business_date} />}
                      </td>
                      <td className="num" data-label={col.total}>
                        <LineMoney amount={s.total} currency={s.currency} date={s.business_date} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={onOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}
