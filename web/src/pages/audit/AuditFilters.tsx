/**
 * The audit log's filters: action (a family or an exact action), actor and days. They live in
 * the URL, so a filtered view can be shared or bookmarked; the form only applies them on submit.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../app/i18n';
import { ACTION_GROUPS, filterLabel } from './actions';

export interface AuditFilterValues {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilterValues = { action: '', actor: '', from: '', to: '' };

/** `value` must keep its identity while the URL does not change (the form resets when it changes). */
export function AuditFilters({ value, onApply }: { value: AuditFilterValues; onApply: (v: AuditFilterValues) => void }) {
  const t = useT();
  const [draft, setDraft] = useState(value);
  // Back/forward in the browser changes the URL: the form follows.
  useEffect(() => setDraft(value), [value]);
  const [rangeError, setRangeError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setRangeError(true);
      return;
    }
    setRangeError(false);
    onApply({ ...draft, actor: draft.actor.trim() });
  };
  const set = (k: keyof AuditFilterValues, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const unknownAction = draft.action !== '' && filterLabel(draft.action) === null;
  const active = value.action || value.actor || value.from || value.to;
  return (
    <form className="toolbar audit-filters" role="search" aria-label={t('audit.filters')} onSubmit={submit} data-testid="audit-filters">
      <label className="field">
        <span>{t('audit.filter.action')}</span>
        <select value={draft.action} onChange={(e) => set('action', e.target.value)} name="action">
          <option value="">{t('audit.filter.allActions')}</option>
          {unknownAction && <option value={draft.action}>{draft.action}</option>}
          {ACTION_GROUPS.map((g) => (
            <optgroup key={g.prefix} label={t(g.label)}>
              <option value={g.prefix}>{t('audit.filter.family', { family: t(g.label) })}</option>
              {g.actions.map(([code, label]) => (
                <option key={code} value={code}>
                  {t(label)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('audit.filter.actor')}</span>
        <input type="search" name="actor" maxLength={254} value={draft.actor} onChange={(e) => set('actor', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('audit.filter.from')}</span>
        <input type="date" name="from" value={draft.from} max={draft.to || undefined} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('audit.filter.to')}</span>
        <input type="date" name="to" value={draft.to} min={draft.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </label>
      <div className="btn-row">
        <button type="submit" className="btn btn-primary">
          {t('audit.filter.apply')}
        </button>
        {active && (
          <button type="button" className="btn" onClick={() => onApply(NO_FILTERS)}>
            {t('audit.filter.clear')}
          </button>
        )}
      </div>
      {rangeError && (
        <p className="form-error audit-range-error" role="alert">
          {t('audit.filter.rangeError')}
        </p>
      )}
    </form>
  );
}
