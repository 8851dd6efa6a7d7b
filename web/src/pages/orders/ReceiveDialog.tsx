/** Receiving an order: what arrived on each line (as ordered unless changed; 0 when none came). */
import { useState, type FormEvent } from 'react';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/State';
import { useReceiveOrder } from './queries';
import { MAX_RECEIPT_FACTOR, type OrderDetail } from './types';
import { useRestoreFocus } from '../inventory/useRestoreFocus';

export function ReceiveDialog({ order, onClose, onDone }: { order: OrderDetail; onClose: () => void; onDone: (o: OrderDetail) => void }) {
  useRestoreFocus();
  const t = useT();
  const f = useFormat();
  const receive = useReceiveOrder();
  const [arrived, setArrived] = useState<Record<number, string>>(() => Object.fromEntries(order.lines.map((l) => [l.line, String(l.quantity)])));
  const [invalid, setInvalid] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lines = order.lines.map((l) => ({ line: l.line, text: (arrived[l.line] ?? '').trim(), max: l.quantity * MAX_RECEIPT_FACTOR }));
    const bad = lines.some((l) => !/^\d+$/.test(l.text) || Number(l.text) > l.max);
    setInvalid(bad);
    if (bad || receive.isPending) return;
    receive.mutate({ id: order.id, body: { lines: lines.map((l) => ({ line: l.line, quantity: Number(l.text) })) } }, { onSuccess: onDone });
  };

  return (
    <Dialog title={t('orders.receive.title')} open onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="receive-dialog">
        <p>{t('orders.receive.body', { store: order.store.name })}</p>
        <div className="table-wrap receive-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('orders.line.product')}</th>
                <th scope="col" className="num">
                  {t('orders.receive.ordered')}
                </th>
                <th scope="col" className="num">
                  {t('orders.receive.arrived')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.line}>
                  <th scope="row" className="wrap">
                    {l.product.name} <span className="muted">({l.product.sku})</span>
                  </th>
                  <td className="num">{f.number(l.quantity)}</td>
                  <td className="num">
                    <input
                      className="qty-input"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={l.quantity * MAX_RECEIPT_FACTOR}
                      step={1}
                      value={arrived[l.line] ?? ''}
                      onChange={(e) => setArrived({ ...arrived, [l.line]: e.target.value })}
                      aria-label={t('orders.line.receivedOf', { product: l.product.name })}
                      data-testid="receive-quantity"
                      data-line={l.line}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {invalid && (
          <p className="form-error" role="alert">
            {t('orders.receive.invalid', { factor: MAX_RECEIPT_FACTOR })}
          </p>
        )}
        <FormError error={receive.error} />
        <div className="btn-row dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={receive.isPending} data-testid="order-receive-confirm">
            {receive.isPending ? t('orders.action.busy') : t('orders.receive.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
