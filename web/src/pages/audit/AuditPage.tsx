/**
 * The audit log (owners and managers): every state change and sign-in event of the company,
 * newest first, filtered by action, actor and days; filters and page live in the URL.
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { QueryView } from '../../components/State';
import { Pager } from '../../components/Pager';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';
import { AuditTable } from './AuditTable';
import type { AuditEntry } from './types';
import './audit.css';

const LIMIT = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/;

export default function AuditPage() {
  const t = useT();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<AuditFilterValues>(() => {
    const day = (k: string) => (DAY.test(params.get(k) ?? '') ? params.get(k)! : '');
    const action = params.get('action') ?? '';
    return { action: ACTION.test(action) ? action : '', actor: params.get('actor') ?? '', from: day('from'), to: day('to') };
  }, [params]);
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const offset = (page - 1) * LIMIT;

  const query = useQuery({
    queryKey: ['audit', filters, offset],
    queryFn: () => api<Page<AuditEntry>>('/audit', { query: { ...filters, limit: LIMIT, offset } }),
    placeholderData: (previous) => previous,
  });

  const apply = (next: AuditFilterValues) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    setParams(p);
  };
  const goTo = (nextOffset: number) => {
    const p = new URLSearchParams(params);
    const n = Math.floor(nextOffset / LIMIT) + 1;
    if (n > 1) p.set('page', String(n));
    else p.delete('page');
    setParams(p);
    document.getElementById('main')?.scrollTo?.({ top: 0 });
    window.scrollTo({ top: 0 });
  };
  const filtered = Boolean(filters.action || filters.actor || filters.from || filters.to);

  return (
    <div className="audit">
      <h1>{t('audit.title')}</h1>
      <p className="hint">{t('audit.intro')}</p>
      <AuditFilters value={filters} onApply={apply} />
      <QueryView query={query} isEmpty={(p) => p.total === 0} empty={filtered ? t('audit.emptyFiltered') : t('audit.empty')}>
        {(data) =>
          data.items.length === 0 ? (
            // A shared link to a page past the end (the log was shorter, or the filters changed).
            <div className="state state-empty">
              <p>{t('audit.pastEnd')}</p>
              <button type="button" className="btn" onClick={() => goTo(0)}>
                {t('audit.firstPage')}
              </button>
            </div>
          ) : (
            <>
              <p className="audit-count" aria-live="polite">
                {t('audit.count', { total: f.number(data.total) })}
              </p>
              <AuditTable entries={data.items} />
              <Pager total={data.total} limit={data.limit} offset={data.offset} onChange={goTo} label={t('audit.pager')} />
            </>
          )
        }
      </QueryView>
    </div>
  );
}
