/** A table's scroll box: a labelled region ("Table: …") that keyboard users can focus to scroll it sideways. */
import type { ReactNode } from 'react';
import { useT } from '../../app/i18n';

export function TableWrap({ label, flat, busy, children }: { label: string; flat?: boolean; busy?: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <div
      className={`table-wrap${flat ? ' table-flat' : ''}`}
      role="region"
      aria-label={t('dashboard.table', { name: label })}
      tabIndex={0}
      aria-busy={busy || undefined}
    >
      {children}
    </div>
  );
}
