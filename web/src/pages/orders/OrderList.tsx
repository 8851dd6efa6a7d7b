/** The purchase-order list: status filter and page in the URL (?status=submitted&page=2), newest first. */
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { Money } from '../../app/money';
import { atLeast, useMe, useTenant } from '../../app/session';
import { ExportLinks } from '../../components/ExportLinks';
import { QueryView } from '../../components/State';
import { dayOf } from './dates';
import { ORDERS_PAGE, useOrderList } from './queries';
import { StatusBadge } from './StatusBadge';
import { ORDER_STATUSES, type OrderStatus } from './types';

function readStatus(value: string | null): OrderStatus | '' {
  return value && (ORDER_STATUSES as readonly string[]).includes(value) ? (value as OrderStatus) : '';
}

export function OrderList() {
  const t = useT();
  const f = useFormat();
  const me = useMe();
  const tenant = useTenant();
  const [params, setParams] = useSearchParams();
  const status = readStatus(params.get('status'));
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const query = useOrderList(status, page);

  const go = (next: { status?: OrderStatus | ''; page?: number }) => {
    const p = new URLSearchParams();
    const s = next.status ?? status;
    const n = next.page ?? page;
    if (s) p.set('status', s);
    if (n > 1) p.set('page', String(n));
    setParams(p);
  };

  return (
    <div className="orders-page">
      <div className="page-head">
        <h1>{t('orders.title')}</h1>
        <div className="page-head-actions">
          <ExportLinks kind="orders" query={{ status: status || undefined }} />
          {atLeast(me.role, 'manager') && (
            <Link to="/orders/new" className="btn btn-primary" data-testid="new-order">
              {t('orders.new')}
            </Link>
          )}
        </div>
      </div>
      <div className="toolbar">
        <label className="field">
          <span>{t('orders.filter.status')}</span>
          <select value={status} onChange={(e) => go({ status: readStatus(e.target.value), page: 1 })} data-testid="orders-status-filter">
            <option value="">{t('orders.filter.all')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orders.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={status ? t('orders.emptyStatus') : t('orders.empty')}>
        {(data) => {
          const from = data.total === 0 ? 0 : data.offset + 1;
          const to = data.offset + data.items.length;
          const pages = Math.max(1, Math.ceil(data.total / ORDERS_PAGE));
          return (
            <>
              <div className="table-wrap">
                <table className="cards-on-phone" data-testid="orders-table">
                  <caption className="sr-only">{t('orders.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('orders.col.reference')}</th>
                      <th scope="col">{t('orders.col.status')}</th>
                      <th scope="col">{t('orders.col.supplier')}</th>
                      <th scope="col">{t('orders.col.store')}</th>
                      <th scope="col" className="num">
                        {t('orders.col.lines')}
                      </th>
                      <th scope="col" className="num">
                        {t('orders.col.total')}
                      </th>
                      <th scope="col">{t('orders.col.expected')}</th>
                      <th scope="col">{t('orders.col.created')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((o) => (
                      <tr key={o.id} data-testid="order-row" data-number={o.number} data-reference={o.reference} data-status={o.status}>
                        <th scope="row" data-label={t('orders.col.reference')}>
                          <Link to={`/orders/${o.id}`}>{o.reference}</Link>
                        </th>
                        <td data-label={t('orders.col.status')}>
                          <StatusBadge status={o.status} />
                        </td>
                        <td className="wrap party" data-label={t('orders.col.supplier')}>
                          {o.supplier.name}
                        </td>
                        <td className="wrap party" data-label={t('orders.col.store')}>
                          {o.store.name}
                        </td>
                        <td className="num" data-label={t('orders.col.lines')}>
                          {f.number(o.line_count)}
                        </td>
                        <td className="num" data-label={t('orders.col.total')}>
                          <Money amount={o.total} date={dayOf(o.created_at, tenant.timezone)} />
                        </td>
                        <td data-label={t('orders.col.expected')}>{o.expected_date ? f.date(o.expected_date) : t('orders.detail.noDate')}</td>
                        <td data-label={t('orders.col.created')}>
                          <time dateTime={o.created_at} title={f.dateTime(o.created_at)}>
                            {f.date(dayOf(o.created_at, tenant.timezone))}
                          </time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label={t('orders.pagination')}>
                <button type="button" className="btn" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
                  {t('orders.prev')}
                </button>
                <span aria-live="polite">{t('orders.range', { from: f.number(from), to: f.number(to), total: f.number(data.total) })}</span>
                <button type="button" className="btn" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
                  {t('orders.next')}
                </button>
              </nav>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
