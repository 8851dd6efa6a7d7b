/**
 * The tenants dashboard (GET /api/v1/admin/dashboard, read again every 5 s while the tab is
 * visible): headline figures, then one row per tenant with its status, plan, live traffic, error
 * shares, p95, storage, users, last activity and creation date. Search, status filter and sort
 * live in the URL, so a tenant's page and the back button return to the same view.
 */
import { useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../i18n';
import { Empty, ErrorState, Loading } from '../components/State';
import { STATUSES, useDashboard, type Dashboard, type DashboardTenant, type TenantStatus } from './api';
import { useConsoleFormat } from './format';
import { Kpi, Notice, PlanBadge, shareTone, StatusBadge } from './parts';
import { nextSort, SortHeader, sortRows, type Direction, type SortState, type SortValue } from './sort';
import { fold } from './text';
import { useTitle } from './useTitle';

export type TenantColumn = 'name' | 'status' | 'plan' | 'm1' | 'm5' | 'm15' | 'errors' | 'clientErrors' | 'p95' | 'storage' | 'users' | 'activity' | 'created';

const COLUMNS: ReadonlyArray<{ key: TenantColumn; label: MessageKey; natural: Direction; num?: boolean; title?: MessageKey }> = [
  { key: 'name', label: 'console.col.tenant', natural: 'asc' },
  { key: 'status', label: 'console.col.status', natural: 'asc' },
  { key: 'plan', label: 'console.col.plan', natural: 'desc' },
  { key: 'm1', label: 'console.col.m1', natural: 'desc', num: true, title: 'console.col.rpmHint' },
  { key: 'm5', label: 'console.col.m5', natural: 'desc', num: true, title: 'console.col.rpmHint' },
  { key: 'm15', label: 'console.col.m15', natural: 'desc', num: true, title: 'console.col.rpmHint' },
  { key: 'errors', label: 'console.col.errors', natural: 'desc', num: true, title: 'console.col.errorsHint' },
  { key: 'clientErrors', label: 'console.col.clientErrors', natural: 'desc', num: true, title: 'console.col.clientErrorsHint' },
  { key: 'p95', label: 'console.col.p95', natural: 'desc', num: true, title: 'console.col.p95Hint' },
  { key: 'storage', label: 'console.col.storage', natural: 'desc', num: true, title: 'console.col.storageHint' },
  { key: 'users', label: 'console.col.users', natural: 'desc', num: true },
  { key: 'activity', label: 'console.col.activity', natural: 'desc', title: 'console.col.activityHint' },
  { key: 'created', label: 'console.col.created', natural: 'desc' },
];
const COLUMN_KEYS = new Set<string>(COLUMNS.map((c) => c.key));

const STATUS_RANK: Record<TenantStatus, number> = { active: 0, inactive: 1, suspended: 2 };
const PLAN_RANK = { free: 0, standard: 1, premium: 2 } as const;
const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export function columnValue(row: DashboardTenant, key: TenantColumn): SortValue {
  switch (key) {
    case 'name':
      return row.name;
    case 'status':
      return STATUS_RANK[row.status];
    case 'plan':
      return PLAN_RANK[row.plan];
    case 'm1':
    case 'm5':
    case 'm15':
      return row.requests_per_minute[key];
    case 'errors':
      return row.error_rate;
    case 'clientErrors':
      return row.client_error_rate;
    case 'p95':
      return row.p95_ms;
    case 'storage':
      return row.storage_bytes;
    case 'users':
      return row.user_count;
    case 'activity':
      return time(row.last_activity_at);
    case 'created':
      return time(row.created_at);
  }
}

export function matches(row: Pick<DashboardTenant, 'id' | 'name'>, search: string): boolean {
  const q = fold(search.trim());
  return q === '' || fold(row.id).includes(q) || fold(row.name).includes(q);
}

function useView() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const statusParam = params.get('status');
  const status = statusParam && (STATUSES as readonly string[]).includes(statusParam) ? (statusParam as TenantStatus) : null;
  const sortParam = params.get('sort');
  const key = (sortParam && COLUMN_KEYS.has(sortParam) ? sortParam : 'name') as TenantColumn;
  const dir: Direction = params.get('dir') === 'desc' ? 'desc' : params.get('dir') === 'asc' ? 'asc' : key === 'name' ? 'asc' : 'desc';
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  return { search, status, sort: { key, dir } as SortState<TenantColumn>, update };
}

function Headline({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  const f = useConsoleFormat();
  const rpm = data.tenants.reduce((s, r) => s + r.requests_per_minute.m1, 0);
  const rpm15 = data.tenants.reduce((s, r) => s + r.requests_per_minute.m15, 0);
  const failing = data.tenants.filter((r) => (r.error_rate ?? 0) > 0).length;
  const sized = data.tenants.filter((r) => r.storage_bytes !== null);
  const storage = sized.reduce((s, r) => s + (r.storage_bytes ?? 0), 0);
  const pending = data.tenants.length - sized.length;
  return (
    <section aria-labelledby="console-kpis">
      <h2 id="console-kpis" className="sr-only">
        {t('console.dash.kpis')}
      </h2>
      <div className="kpis">
        <Kpi id="active" label={t('console.dash.active')} note={t('console.dash.ofTotal', { total: f.number(data.total_tenants) })}>
          {f.number(data.active_tenants)}
        </Kpi>
        <Kpi id="rpm" label={t('console.dash.rpm')} note={t('console.dash.rpm15', { value: f.number(rpm15, 1) })}>
          {f.number(rpm, 1)}
        </Kpi>
        <Kpi id="failing" label={t('console.dash.failing')} note={t('console.dash.failingNote')}>
          <span className={failing > 0 ? 'text-danger' : undefined}>{f.number(failing)}</span>
        </Kpi>
        <Kpi id="storage" label={t('console.dash.storage')} note={pending > 0 ? t('console.dash.storagePending', { count: f.number(pending) }) : undefined}>
          {f.bytes(storage)}
        </Kpi>
      </div>
    </section>
  );
}

/** What each figure means, for keyboard and screen-reader users too (the headers' titles are mouse-only). */
function Legend() {
  const { t } = useI18n();
  const items: Array<[MessageKey, MessageKey]> = [
    ['console.col.rpm', 'console.col.rpmHint'],
    ['console.col.errors', 'console.col.errorsHint'],
    ['console.col.clientErrors', 'console.col.clientErrorsHint'],
    ['console.col.p95', 'console.col.p95Hint'],
    ['console.col.storage', 'console.col.storageHint'],
    ['console.col.activity', 'console.col.activityHint'],
  ];
  return (
    <details className="console-details console-legend">
      <summary>{t('console.dash.legend')}</summary>
      <dl>
        {items.map(([term, hint]) => (
          <div key={term}>
            <dt>{t(term)}</dt>
            <dd>{t(hint)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function TenantRow({ row, now }: { row: DashboardTenant; now: number }) {
  const { t } = useI18n();
  const f = useConsoleFormat();
  const rpm = row.requests_per_minute;
  return (
    <tr data-testid="tenant-row" data-tenant={row.id}>
      <th scope="row" className="console-sticky">
        <Link to={`/tenants/${encodeURIComponent(row.id)}`} className="cell-main">
          {row.name}
        </Link>
        <span className="cell-sub">
          <code>{row.id}</code>
        </span>
      </th>
      <td>
        <StatusBadge status={row.status} />
      </td>
      <td>
        <PlanBadge plan={row.plan} />
      </td>
      <td className="num">{f.number(rpm.m1, 1)}</td>
      <td className="num">{f.number(rpm.m5, 1)}</td>
      <td className="num">{f.number(rpm.m15, 1)}</td>
      <td className={`num ${shareTone(row.error_rate) ?? ''}`} data-col="errors">
        {f.share(row.error_rate)}
      </td>
      <td className="num" data-col="client-errors">
        {f.share(row.client_error_rate)}
      </td>
      <td className="num">{f.ms(row.p95_ms)}</td>
      <td className="num" data-col="storage">
        {row.storage_bytes === null ? (
          <span className="console-muted">{t('console.storage.calculating')}</span>
        ) : (
          <span title={row.storage_computed_at ? t('console.storage.computedAt', { when: f.dateTime(row.storage_computed_at) }) : undefined}>{f.bytes(row.storage_bytes)}</span>
        )}
      </td>
      <td className="num">{f.number(row.user_count)}</td>
      <td>
        {row.last_activity_at ? (
          <time dateTime={row.last_activity_at} title={f.dateTime(row.last_activity_at)}>
            {f.relative(row.last_activity_at, now)}
          </time>
        ) : (
          <span className="console-muted">{t('console.activity.never')}</span>
        )}
      </td>
      <td>
        <time dateTime={row.created_at}>{f.date(row.created_at)}</time>
      </td>
    </tr>
  );
}

function TenantTable({ rows, sort, onSort, now }: { rows: DashboardTenant[]; sort: SortState<TenantColumn>; onSort: (key: TenantColumn, natural: Direction) => void; now: number }) {
  const { t } = useI18n();
  const header = (key: TenantColumn) => {
    const c = COLUMNS.find((x) => x.key === key)!;
    return (
      <SortHeader
        key={c.key}
        sortKey={c.key}
        label={t(c.label)}
        title={c.title ? t(c.title) : undefined}
        num={c.num}
        active={sort.key === c.key}
        dir={sort.dir}
        onSort={() => onSort(c.key, c.natural)}
        rowSpan={c.key === 'm1' || c.key === 'm5' || c.key === 'm15' ? undefined : 2}
      />
    );
  };
  return (
    <div className="table-wrap console-table-wrap" role="region" aria-label={t('console.dash.tableLabel')} tabIndex={0}>
      <table className="console-table" data-testid="tenants-table">
        <caption className="sr-only">{t('console.dash.caption')}</caption>
        <thead>
          <tr>
            {header('name')}
            {header('status')}
            {header('plan')}
            <th scope="colgroup" colSpan={3} className="num console-group">
              {t('console.col.rpm')}
            </th>
            {header('errors')}
            {header('clientErrors')}
            {header('p95')}
            {header('storage')}
            {header('users')}
            {header('activity')}
            {header('created')}
          </tr>
          <tr>
            {header('m1')}
            {header('m5')}
            {header('m15')}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <TenantRow key={r.id} row={r} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardPage() {
  const { t, error } = useI18n();
  const f = useConsoleFormat();
  const [live, setLive] = useState(true);
  const query = useDashboard(live);
  const view = useView();
  const location = useLocation();
  const deleted = (location.state as { deleted?: { id: string; rows: number } } | null)?.deleted;
  useTitle(t('console.dash.title'));
  const data = query.data;
  const rows = useMemo(() => {
    if (!data) return [];
    const kept = data.tenants.filter((r) => (view.status === null || r.status === view.status) && matches(r, view.search));
    return sortRows(kept, view.sort, columnValue, (r) => r.id);
  }, [data, view.status, view.search, view.sort]);

  return (
    <div className="console-dashboard">
      <div className="console-page-head">
        <h1>{t('console.dash.title')}</h1>
        <Link to="/tenants/new" className="btn btn-primary">
          {t('console.nav.new')}
        </Link>
      </div>
      <Notice message={deleted ? t('console.delete.done', { id: deleted.id, rows: f.number(deleted.rows) }) : null} testId="deleted-notice" />
      {query.isPending ? (
        <Loading />
      ) : !data ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : (
        <>
          <Headline data={data} />
          <div className="toolbar console-toolbar">
            <label className="field">
              <span>{t('console.dash.search')}</span>
              <input type="search" value={view.search} onChange={(e) => view.update({ q: e.target.value })} placeholder={t('console.dash.searchPlaceholder')} data-testid="tenant-search" />
            </label>
            <label className="field">
              <span>{t('console.dash.statusFilter')}</span>
              <select value={view.status ?? ''} onChange={(e) => view.update({ status: e.target.value })} data-testid="status-filter">
                <option value="">{t('console.dash.allStatuses')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`console.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <div className="console-refresh">
              <p className="console-updated" data-testid="updated-at">
                {query.isFetching && <span className="console-dot" aria-hidden="true" />}
                {t('console.dash.updated', { time: f.clock(query.dataUpdatedAt) })}
                {!live && ` · ${t('console.dash.paused')}`}
              </p>
              <button type="button" className="btn" aria-pressed={!live} onClick={() => setLive(!live)}>
                {live ? t('console.dash.pause') : t('console.dash.resume')}
              </button>
            </div>
          </div>
          {query.isError && (
            <p className="form-error" role="alert">
              {t('console.dash.stale', { time: f.clock(query.dataUpdatedAt), reason: error(query.error) })}
            </p>
          )}
          <p className="hint" aria-live="polite" data-testid="shown-count">
            {t('console.dash.shown', { shown: f.number(rows.length), total: f.number(data.tenants.length) })}
          </p>
          {data.tenants.length === 0 ? (
            <Empty>
              {t('console.dash.none')} <Link to="/tenants/new">{t('console.nav.new')}</Link>
            </Empty>
          ) : rows.length === 0 ? (
            <Empty>{t('console.dash.noMatch')}</Empty>
          ) : (
            <TenantTable
              rows={rows}
              sort={view.sort}
              now={query.dataUpdatedAt}
              onSort={(key, natural) => {
                const next = nextSort(view.sort, key, natural);
                view.update({ sort: next.key, dir: next.dir });
              }}
            />
          )}
          <Legend />
        </>
      )}
    </div>
  );
}
