/**
 * One purchase order (/orders/<id>): status, supplier and store, its timeline, the lines and
 * totals, and the actions its status and the user's role allow (managers and owners:
 * submit a draft, receive a submitted order, cancel either after confirming).
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { Money } from '../../app/money';
import { atLeast, useMe, useTenant } from '../../app/session';
import { Dialog } from '../../components/Dialog';
import { Empty, FormError, QueryView } from '../../components/State';
import { dayOf } from './dates';
import { useCancelOrder, useOrder, useSubmitOrder } from './queries';
import { ReceiveDialog } from './ReceiveDialog';
import { StatusBadge } from './StatusBadge';
import type { OrderDetail as Order } from './types';
import type { MessageKey } from '../../i18n';
import { useRestoreFocus } from '../inventory/useRestoreFocus';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Timeline({ order }: { order: Order }) {
  const t = useT();
  const f = useFormat();
  const steps: { key: string; label: MessageKey; at: string | null }[] = [{ key: 'created', label: 'orders.timeline.created', at: order.created_at }];
  if (order.submitted_at || order.status === 'draft') steps.push({ key: 'submitted', label: 'orders.timeline.submitted', at: order.submitted_at });
  if (order.status === 'cancelled') steps.push({ key: 'cancelled', label: 'orders.timeline.cancelled', at: order.cancelled_at });
  else steps.push({ key: 'received', label: 'orders.timeline.received', at: order.received_at });
  return (
    <ol className="timeline" data-testid="order-timeline">
      {steps.map((s) => (
        <li key={s.key} className={s.at ? 'done' : 'pending'} data-step={s.key}>
          <span className="timeline-label">{t(s.label)}</span>
          {s.at ? <time dateTime={s.at}>{f.dateTime(s.at)}</time> : <span className="muted">{t('orders.timeline.pending')}</span>}
        </li>
      ))}
    </ol>
  );
}

function CancelDialog(props: { order: Order; busy: boolean; error: unknown; onConfirm: () => void; onClose: () => void }) {
  const { order, busy, error, onConfirm, onClose } = props;
  useRestoreFocus();
  const t = useT();
  // The safe choice takes the focus once the dialog is open.
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <Dialog title={t('orders.cancel.title')} open onClose={onClose}>
      <p>{t('orders.cancel.body', { reference: order.reference, supplier: order.supplier.name })}</p>
      <FormError error={error} />
      <div className="btn-row dialog-actions">
        <button type="button" className="btn" onClick={onClose} ref={keep}>
          {t('orders.action.keep')}
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy} data-testid="order-cancel-confirm">
          {busy ? t('orders.action.busy') : t('orders.action.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

function OrderView({ order }: { order: Order }) {
  const t = useT();
  const f = useFormat();
  const me = useMe();
  const tenant = useTenant();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string>(() => (location.state as { notice?: string } | null)?.notice ?? '');
  // The notice handed over by the form is shown once, not again on reload.
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const [dialog, setDialog] = useState<'receive' | 'cancel' | null>(null);
  const submit = useSubmitOrder();
  const cancel = useCancelOrder();
  const canWrite = atLeast(me.role, 'manager');
  const day = dayOf(order.created_at, tenant.timezone);
  const received = order.status === 'received';
  const busy = submit.isPending || cancel.isPending;

  const onSubmit = () =>
    submit.mutate(order.id, { onSuccess: (o) => setNotice(t('orders.done.submitted', { reference: o.reference })) });
  const onCancel = () =>
    cancel.mutate(order.id, {
      onSuccess: (o) => {
        setDialog(null);
        setNotice(t('orders.done.cancelled', { reference: o.reference }));
      },
    });

  return (
    <div className="order-detail" data-testid="order-detail" data-status={order.status} data-number={order.number}>
      <p className="back">
        <Link to="/orders">
          <span aria-hidden="true">← </span>
          {t('orders.back')}
        </Link>
      </p>
      <div className="page-head">
        <div className="title-line">
          <h1>{t('orders.detail.title', { reference: order.reference })}</h1>
          <StatusBadge status={order.status} testId="order-status" />
        </div>
        {canWrite && (order.status === 'draft' || order.status === 'submitted') && (
          <div className="btn-row" role="group" aria-label={t('orders.actions')}>
            {order.status === 'draft' && (
              <button type="button" className="btn btn-primary" onClick={onSubmit} disabled={busy} data-testid="order-submit">
                {submit.isPending ? t('orders.action.busy') : t('orders.action.submit')}
              </button>
            )}
            {order.status === 'submitted' && (
              <button type="button" className="btn btn-primary" onClick={() => setDialog('receive')} disabled={busy} data-testid="order-receive">
                {t('orders.action.receive')}
              </button>
            )}
            <button type="button" className="btn btn-danger" onClick={() => {
                cancel.reset();
                setDialog('cancel');
              }} disabled={busy} data-testid="order-cancel">
              {t('orders.action.cancel')}
            </button>
          </div>
        )}
      </div>
      {notice && (
        <p className="notice-ok" role="status" data-testid="order-notice">
          {notice}
        </p>
      )}
      <FormError error={submit.error} />
      {!canWrite && order.status !== 'received' && order.status !== 'cancelled' && <p className="hint">{t('orders.readOnly')}</p>}

      <div className="order-grid">
        <section className="card" aria-labelledby="order-info">
          <h2 id="order-info">{t('orders.detail.info')}</h2>
          <dl className="facts">
            <dt>{t('orders.col.supplier')}</dt>
            <dd>{order.supplier.name}</dd>
            <dt>{t('orders.col.store')}</dt>
            <dd>{order.store.name}</dd>
            <dt>{t('orders.col.expected')}</dt>
            <dd>{order.expected_date ? f.date(order.expected_date) : t('orders.detail.noDate')}</dd>
            <dt>{t('orders.detail.createdBy')}</dt>
            <dd>{order.created_by}</dd>
            <dt>{t('orders.total')}</dt>
            <dd data-testid="order-total">
              <Money amount={order.total} date={day} />
            </dd>
            {order.notes && (
              <>
                <dt>{t('orders.detail.notes')}</dt>
                <dd className="notes">{order.notes}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="order-timeline">
          <h2 id="order-timeline">{t('orders.detail.timeline')}</h2>
          <Timeline order={order} />
        </section>
      </div>

      <section aria-labelledby="order-lines">
        <h2 id="order-lines">{t('orders.detail.lines')}</h2>
        <div className="table-wrap">
          <table className="cards-on-phone" data-testid="order-lines">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('orders.line.number')}
                </th>
                <th scope="col">{t('orders.line.sku')}</th>
                <th scope="col">{t('orders.line.product')}</th>
                <th scope="col" className="num">
                  {t('orders.line.quantity')}
                </th>
                {received && (
                  <th scope="col" className="num">
                    {t('orders.line.received')}
                  </th>
                )}
                <th scope="col" className="num">
                  {t('orders.line.unitCost')}
                </th>
                <th scope="col" className="num">
                  {t('orders.line.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.line} data-testid="order-line" data-sku={l.product.sku}>
                  <td className="num" data-label={t('orders.line.number')}>
                    {l.line}
                  </td>
                  <td data-label={t('orders.line.sku')}>{l.product.sku}</td>
                  <td className="wrap" data-label={t('orders.line.product')}>
                    {l.product.name}
                  </td>
                  <td className="num" data-label={t('orders.line.quantity')}>
                    {f.number(l.quantity)}
                  </td>
                  {received && (
                    <td className="num" data-label={t('orders.line.received')} data-testid="order-line-received">
                      {l.received_quantity === null ? '' : f.number(l.received_quantity)}
                    </td>
                  )}
                  <td className="num" data-label={t('orders.line.unitCost')}>
                    <Money amount={l.unit_cost} date={day} />
                  </td>
                  <td className="num" data-label={t('orders.line.total')}>
                    <Money amount={l.line_total} date={day} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={received ? 6 : 5} className="num">
                  {t('orders.total')}
                </th>
                <td className="num total" data-label={t('orders.total')}>
                  <Money amount={order.total} date={day} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      {dialog === 'receive' && (
        <ReceiveDialog
          order={order}
          onClose={() => setDialog(null)}
          onDone={(o) => {
            setDialog(null);
            setNotice(t('orders.done.received', { reference: o.reference, store: o.store.name }));
          }}
        />
      )}
      {dialog === 'cancel' && <CancelDialog order={order} busy={cancel.isPending} error={cancel.error} onConfirm={onCancel} onClose={() => setDialog(null)} />}
    </div>
  );
}

export function OrderDetail() {
  const t = useT();
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const query = useOrder(id, valid);
  if (valid && query.data) return <OrderView order={query.data} />;
  return (
    <div className="order-detail">
      <p className="back">
        <Link to="/orders">
          <span aria-hidden="true">← </span>
          {t('orders.back')}
        </Link>
      </p>
      <h1>{t('orders.title')}</h1>
      {valid ? <QueryView query={query}>{() => null}</QueryView> : <Empty>{t('page.notFound')}</Empty>}
    </div>
  );
}
