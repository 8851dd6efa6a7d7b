/** Previous / next page buttons with "rows x–y of n". */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';

export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  const t = useT();
  const f = useFormat();
  if (total === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager btn-row" aria-label={t('sales.pager')}>
      <button type="button" className="btn" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))} data-testid="pager-prev">
        {t('sales.pager.prev')}
      </button>
      <span aria-live="polite">{t('sales.pager.range', { first: f.number(offset + 1), last: f.number(last), total: f.number(total) })}</span>
      <button type="button" className="btn" disabled={last >= total} onClick={() => onChange(offset + limit)} data-testid="pager-next">
        {t('sales.pager.next')}
      </button>
    </nav>
  );
}
