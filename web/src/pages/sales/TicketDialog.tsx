/** One ticket in a dialog: when and where, its lines, totals, and the Venezuelan taxes where the tenant shows them. */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import { useTenant } from '../../app/session';
import { Dialog } from '../../components/Dialog';
import { QueryView } from '../../components/State';
import { LineMoney } from './LineMoney';
import { TaxBreakdown } from './TaxBreakdown';
import { useTicket, type Ticket } from './sales';
import { ratePercent } from './taxes';
import { TableWrap } from '../dashboard/TableWrap';

export function TicketDialog({ ticket, onClose }: { ticket: string | null; onClose: () => void }) {
  const t = useT();
  const query = useTicket(ticket);
  return (
    <Dialog title={t('sales.ticket.title', { ticket: ticket ?? '' })} open={ticket !== null} onClose={onClose}>
      <div className="ticket" data-testid="ticket-dialog">
        <QueryView query={query}>{(data) => <TicketBody ticket={data} />}</QueryView>
      </div>
    </Dialog>
  );
}

function TicketBody({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const f = useFormat();
  const tenant = useTenant();
  const money = (amount: string) => <LineMoney amount={amount} currency={ticket.currency} date={ticket.business_date} />;
  const foreign = ticket.currency !== ticket.totals.base_currency;
  const showTaxes = tenant.showVenezuelanTaxes && ticket.taxes !== null;
  const col = { product: t('sales.col.product'), qty: t('sales.col.quantity'), price: t('sales.col.unitPrice'), total: t('sales.col.total') };
  return (
    <>
      <dl className="ticket-meta">
        <div>
          <dt>{t('sales.col.when')}</dt>
          <dd>{f.dateTime(ticket.fecha_venta)}</dd>
        </div>
        <div>
          <dt>{t('sales.col.store')}</dt>
          <dd>{ticket.store.name}</dd>
        </div>
        {foreign && (
          <div>
            <dt>{t('sales.ticket.currency')}</dt>
            <dd>{t('sales.ticket.rate', { currency: ticket.currency, rate: f.number(ticket.fx_rate, 4), base: ticket.totals.base_currency })}</dd>
          </div>
        )}
      </dl>
      <TableWrap label={t('sales.ticket.lines')} flat>
        <table className="cards-on-phone" data-testid="ticket-lines">
          <caption className="sr-only">{t('sales.ticket.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{col.product}</th>
              <th scope="col" className="num">
                {col.qty}
              </th>
              <th scope="col" className="num">
                {col.price}
              </th>
              <th scope="col" className="num">
                {col.total}
              </th>
            </tr>
          </thead>
          <tbody>
            {ticket.lines.map((l) => (
              <tr key={l.line} data-testid="ticket-line">
                <td className="wrap" data-label={col.product}>
                  <span className="cell">
                    <span className="cell-main">{l.product.name}</span> <span className="cell-sub">{l.product.sku}</span>
                    {showTaxes && ticket.taxes && (
                      <span className="cell-sub" data-testid="line-tax">
                        {l.tax_category === 'exempt' ? t('sales.tax.exempt') : t('sales.tax.line', { rate: f.percent(ratePercent(ticket.taxes, l.tax_category), 2) })}
                      </span>
                    )}
                    {Number(l.discount) > 0 && <span className="cell-sub">{t('sales.ticket.lineDiscount', { amount: f.money(l.discount, l.currency) })}</span>}
                  </span>
                </td>
                <td className="num" data-label={col.qty}>
                  {f.number(l.quantity)}
                </td>
                <td className="num" data-label={col.price}>
                  {money(l.unit_price)}
                </td>
                <td className="num" data-label={col.total}>
                  {money(l.total)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <dl className="ticket-totals" data-testid="ticket-totals">
        <div>
          <dt>{t('sales.ticket.subtotal')}</dt>
          <dd>{money(ticket.totals.subtotal)}</dd>
        </div>
        {Number(ticket.totals.discount) > 0 && (
          <div>
            <dt>{t('sales.col.discount')}</dt>
            <dd>{money(ticket.totals.discount)}</dd>
          </div>
        )}
        <div className="row-total">
          <dt>{t(ticket.totals.units === 1 ? 'sales.ticket.totalOne' : 'sales.ticket.total', { units: f.number(ticket.totals.units) })}</dt>
          <dd data-testid="ticket-total">{money(ticket.totals.total)}</dd>
        </div>
        {foreign && (
          <div>
            <dt>{t('sales.ticket.totalBase', { currency: ticket.totals.base_currency })}</dt>
            <dd>
              <Money amount={ticket.totals.total_base} date={ticket.business_date} />
            </dd>
          </div>
        )}
      </dl>
      {showTaxes && ticket.taxes && (
        <section className="ticket-taxes" aria-labelledby="ticket-taxes-heading" data-testid="ticket-taxes">
          <h3 id="ticket-taxes-heading">{t('sales.tax.title')}</h3>
          <TaxBreakdown taxes={ticket.taxes} date={ticket.business_date} caption={t('sales.tax.title')} />
        </section>
      )}
    </>
  );
}
