/** Previous / next over a paged API list, with "1–50 of 312". Hidden when everything fits on one page. */
import { useT } from '../app/i18n';
import { useFormat } from '../app/format';

export function Pager({ total, limit, offset, onChange, label }: { total: number; limit: number; offset: number; onChange: (offset: number) => void; label?: string }) {
  const t = useT();
  const f = useFormat();
  if (total <= limit && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager btn-row" aria-label={label ?? t('pager.label')}>
      <button type="button" className="btn" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))} data-testid="pager-prev">
        {t('pager.previous')}
      </button>
      <span className="pager-range" aria-live="polite">
        {t('pager.range', { first: f.number(first), last: f.number(last), total: f.number(total) })}
      </span>
      <button type="button" className="btn" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)} data-testid="pager-next">
        {t('pager.next')}
      </button>
    </nav>
  );
}
