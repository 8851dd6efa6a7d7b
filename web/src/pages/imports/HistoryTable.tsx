/**
 * The last 20 imports of the company, newest first: when, what, which file, who, how it ended
 * and its counts. "Show" opens one in the result panel above.
 */
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { QueryView } from '../../components/State';
import { useBytes } from './DropZone';
import { useHistory } from './queries';
import type { ImportRun, ImportStatus } from './types';

const BADGE: Record<ImportStatus, string> = { queued: 'badge', running: 'badge badge-warn', succeeded: 'badge badge-ok', failed: 'badge badge-danger' };

export function HistoryTable({ onShow }: { onShow: (run: ImportRun) => void }) {
  const t = useT();
  const f = useFormat();
  const bytes = useBytes();
  const history = useHistory();
  return (
    <section className="imports-step" aria-labelledby="imports-history-title">
      <h2 id="imports-history-title">{t('imports.history.title')}</h2>
      <QueryView query={history} isEmpty={(items) => items.length === 0} empty={t('imports.history.empty')}>
        {(items) => (
          <div className="table-wrap">
            <table className="cards-on-phone imports-history" data-testid="history-table">
              <caption className="sr-only">{t('imports.history.caption', { timezone: f.timezone })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.history.when')}</th>
                  <th scope="col">{t('imports.history.kind')}</th>
                  <th scope="col">{t('imports.history.file')}</th>
                  <th scope="col">{t('imports.history.who')}</th>
                  <th scope="col">{t('imports.history.status')}</th>
                  <th scope="col" className="num">
                    {t('imports.count.total')}
                  </th>
                  <th scope="col" className="num">
                    {t('imports.history.written')}
                  </th>
                  <th scope="col" className="num">
                    {t('imports.count.rejected')}
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t('imports.history.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((run) => (
                  <tr key={run.id} data-testid="history-row" data-status={run.status} data-file={run.file_name}>
                    <td data-label={t('imports.history.when')}>{f.dateTime(run.created_at)}</td>
                    <td data-label={t('imports.history.kind')}>{t(`imports.kind.${run.kind}`)}</td>
                    <td data-label={t('imports.history.file')} className="imports-file-cell">
                      <span title={run.checksum ?? undefined}>{run.file_name}</span> <span className="hint">({bytes(run.size_bytes)})</span>
                    </td>
                    <td data-label={t('imports.history.who')}>{run.created_by ?? '—'}</td>
                    <td data-label={t('imports.history.status')}>
                      <span className={BADGE[run.status]}>{t(`imports.status.${run.status}`)}</span>
                      {run.dry_run && <span className="badge imports-dry">{t('imports.history.dryRun')}</span>}
                    </td>
                    <td className="num" data-label={t('imports.count.total')}>
                      {run.rows ? f.number(run.rows.total) : '—'}
                    </td>
                    <td className="num" data-label={t('imports.history.written')}>
                      {run.rows && !run.dry_run && run.status === 'succeeded' ? f.number(run.rows.inserted + run.rows.updated) : '—'}
                    </td>
                    <td className="num" data-label={t('imports.count.rejected')}>
                      {run.rows ? f.number(run.rows.rejected) : '—'}
                    </td>
                    <td>
                      <button type="button" className="btn" onClick={() => onShow(run)} aria-label={t('imports.history.showLabel', { name: run.file_name, when: f.dateTime(run.created_at) })}>
                        {t('imports.history.show')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
