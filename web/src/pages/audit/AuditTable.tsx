/**
 * The audit entries: when (in the tenant's time zone), who, what (a readable label, the raw code
 * beside it), on what, and the full details on demand as formatted JSON.
 */
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import type { AuditEntry } from './types';
import { actionLabel, targetLabel } from './actions';

/** A short, human name for the target: the email, order number or name the details carry. */
function targetName(e: AuditEntry): string | null {
  const d = e.details ?? {};
  for (const k of ['email', 'number', 'name', 'date', 'rate_date'] as const) {
    const v = d[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return e.target_id;
}

function Details({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const facts: Array<[string, string | null]> = [
    [t('audit.details.ip'), entry.ip],
    [t('audit.details.userAgent'), entry.user_agent],
    [t('audit.details.requestId'), entry.request_id],
    [t('audit.details.targetId'), entry.target_id],
  ];
  const shown = facts.filter((f): f is [string, string] => f[1] !== null && f[1] !== '');
  if (!entry.details && shown.length === 0) return <span aria-label={t('audit.details.none')}>—</span>;
  return (
    <details className="audit-details">
      <summary>{t('audit.details.show')}</summary>
      {shown.length > 0 && (
        <dl>
          {shown.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {entry.details && <pre tabIndex={0} aria-label={t('audit.details.json')}>{JSON.stringify(entry.details, null, 2)}</pre>}
    </details>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="table-wrap">
      <table className="cards-on-phone audit-table" data-testid="audit-table">
        <caption className="sr-only">{t('audit.caption', { timezone: f.timezone })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.col.when')}</th>
            <th scope="col">{t('audit.col.actor')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.target')}</th>
            <th scope="col">{t('audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const label = actionLabel(e.action);
            const target = e.target_type ? targetLabel(e.target_type) : null;
            const name = targetName(e);
            return (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td data-label={t('audit.col.when')}>
                  <time dateTime={e.occurred_at}>{f.dateTime(e.occurred_at)}</time>
                </td>
                <td data-label={t('audit.col.actor')}>
                  <span className="audit-actor">
                    <span>{e.actor}</span>
                    {e.actor_type !== 'user' && <span className="badge">{t(`audit.actorType.${e.actor_type}`)}</span>}
                  </span>
                </td>
                <td data-label={t('audit.col.action')}>
                  <span className="audit-action">
                    <span>{label ? t(label) : e.action}</span>
                    {label && <code className="audit-code">{e.action}</code>}
                  </span>
                </td>
                <td data-label={t('audit.col.target')}>
                  {e.target_type ? (
                    <span className="audit-target">
                      <span>{target ? t(target) : e.target_type}</span>
                      {name && (
                        <span className="audit-target-name" title={e.target_id ?? undefined}>
                          {name}
                        </span>
                      )}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label={t('audit.col.details')}>
                  <Details entry={e} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
