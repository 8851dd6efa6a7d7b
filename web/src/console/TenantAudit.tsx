/**
 * The tenant's most recent audit events (its own trail and the platform's events about it,
 * merged, newest first): when, who, what (a readable label where the action is known, the raw
 * code always), on what, and the details on demand.
 */
import { useT } from '../app/i18n';
import { Empty } from '../components/State';
import { actionLabel } from '../pages/audit/actions';
import type { AuditEntry } from './api';
import { useConsoleFormat } from './format';

export function TenantAudit({ entries }: { entries: AuditEntry[] }) {
  const t = useT();
  const f = useConsoleFormat();
  return (
    <section className="console-section" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('console.audit.title')}</h2>
      {entries.length === 0 ? (
        <Empty>{t('console.audit.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="cards-on-phone" data-testid="tenant-audit">
            <caption className="sr-only">{t('console.audit.caption', { zone: f.timeZone })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.audit.when')}</th>
                <th scope="col">{t('console.audit.actor')}</th>
                <th scope="col">{t('console.audit.action')}</th>
                <th scope="col">{t('console.audit.target')}</th>
                <th scope="col">{t('console.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const label = actionLabel(e.action);
                return (
                  <tr key={`${e.trail}-${e.id}`} data-testid="audit-row" data-action={e.action}>
                    <td data-label={t('console.audit.when')}>
                      <time dateTime={e.occurred_at}>{f.dateTime(e.occurred_at)}</time>
                    </td>
                    <td data-label={t('console.audit.actor')}>
                      <span className="console-stack">
                        <span>{e.actor}</span>
                        {e.trail === 'platform' && <span className="badge">{t('console.audit.platform')}</span>}
                      </span>
                    </td>
                    <td data-label={t('console.audit.action')}>
                      <span className="console-stack">
                        {label && <span>{t(label)}</span>}
                        <code>{e.action}</code>
                      </span>
                    </td>
                    <td data-label={t('console.audit.target')}>{e.target_type ? `${e.target_type}${e.target_id ? ` · ${e.target_id}` : ''}` : '—'}</td>
                    <td data-label={t('console.audit.details')}>
                      {e.details || e.ip ? (
                        <details className="audit-details">
                          <summary>{t('console.audit.show')}</summary>
                          {e.ip && <p className="hint">IP {e.ip}</p>}
                          {e.details && <pre tabIndex={0}>{JSON.stringify(e.details, null, 2)}</pre>}
                        </details>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
