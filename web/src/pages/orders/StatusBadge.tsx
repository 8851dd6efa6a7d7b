/** An order's status as a translated, coloured badge (the colour is never the only cue: the word is there). */
import { useT } from '../../app/i18n';
import type { OrderStatus } from './types';

const TONE: Record<OrderStatus, string> = { draft: '', submitted: 'badge-warn', received: 'badge-ok', cancelled: 'badge-danger' };

export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  const t = useT();
  return (
    <span className={`badge ${TONE[status]}`} data-status={status} data-testid={testId}>
      {t(`orders.status.${status}`)}
    </span>
  );
}
