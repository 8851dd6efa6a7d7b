/**
 * One tenant in the console (GET /api/v1/admin/tenants/:id/overview, read again every 15 s while
 * the tab is visible): who it is, a link to its site, its traffic and endpoints over the last
 * 24 hours, its recent audit events, and its lifecycle (suspend, reactivate, plan and features,
 * export, delete).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../app/api';
import { useI18n } from '../app/i18n';
import { ErrorState, Loading } from '../components/State';
import { useOverview, type Overview } from './api';
import { useConsoleFormat } from './format';
import { Kpi, Notice, PlanBadge, StatusBadge } from './parts';
import { PlanForm } from './PlanForm';
import { DeleteAction, ExportLink, ImpersonateAction, StatusAction } from './TenantActions';
import { TenantAudit } from './TenantAudit';
import { EndpointTable, HourlyChart, TrafficTotals } from './TenantTraffic';
import { useTitle } from './useTitle';

function TenantHead({ overview, onNotice }: { overview: Overview; onNotice: (m: string) => void }) {
  const { t } = useI18n();
  const f = useConsoleFormat();
  const tenant = overview.tenant;
  return (
    <header className="console-tenant-head">
      <div className="console-tenant-title">
        <span className="console-swatch" style={{ background: tenant.settings.primaryColor }} aria-hidden="true" />
        <div>
          <h1>{tenant.name}</h1>
          <p className="console-meta">
            <code data-testid="tenant-id">{tenant.id}</code>
            <StatusBadge status={tenant.status} />
            <PlanBadge plan={tenant.plan} />
            <a href={tenant.url} target="_blank" rel="noopener noreferrer" data-testid="tenant-site">
              {t('console.tenant.openSite', { url: tenant.url.replace(/^https?:\/\//, '') })}
              <span className="sr-only"> {t('console.newWindow')}</span>
              <span aria-hidden="true"> ↗</span>
            </a>
          </p>
          <p className="hint">
            {t('console.tenant.dates', { created: f.dateTime(tenant.created_at), updated: f.dateTime(tenant.updated_at) })} ·{' '}
            {tenant.settings.locale} · {tenant.settings.currency} · {tenant.settings.timezone}
          </p>
        </div>
      </div>
      <div className="btn-row console-actions" role="group" aria-label={t('console.lifecycle.title')}>
        <StatusAction tenant={tenant} onDone={onNotice} />
        <ImpersonateAction tenant={tenant} />
        <ExportLink tenant={tenant} />
        <DeleteAction tenant={tenant} />
      </div>
    </header>
  );
}

function TenantBody({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const f = useConsoleFormat();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="console-tenant" data-testid="tenant-page" data-tenant={overview.tenant.id}>
      <TenantHead overview={overview} onNotice={setNotice} />
      <Notice message={notice} testId="tenant-notice" />
      <div className="kpis console-kpis">
        <Kpi id="users" label={t('console.col.users')}>
          {f.number(overview.user_count)}
        </Kpi>
        <Kpi
          id="storage"
          label={t('console.col.storage')}
          title={t('console.col.storageHint')}
          note={overview.storage_computed_at ? t('console.storage.computedAt', { when: f.dateTime(overview.storage_computed_at) }) : undefined}
        >
          {overview.storage_bytes === null ? <span className="console-muted">{t('console.storage.calculating')}</span> : f.bytes(overview.storage_bytes)}
        </Kpi>
        <Kpi id="features" label={t('console.form.features')}>
          <span className="console-small">{overview.tenant.settings.features.map((x) => t(featureKey(x))).join(', ') || '—'}</span>
        </Kpi>
      </div>
      <TrafficTotals overview={overview} />
      <HourlyChart overview={overview} />
      <EndpointTable endpoints={overview.endpoints} />
      <TenantAudit entries={overview.audit} />
      <PlanForm tenant={overview.tenant} />
    </div>
  );
}

function featureKey(f: string) {
  switch (f) {
    case 'inventory':
    case 'sales':
    case 'ai-insights':
    case 'forecasting':
      return `console.feature.${f}` as const;
    default:
      return 'console.feature.unknown' as const;
  }
}

export function TenantPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const query = useOverview(id);
  const missing = query.error instanceof ApiError && query.error.status === 404;
  useTitle(query.data?.tenant.name ?? id);
  return (
    <div>
      <nav className="console-crumbs" aria-label={t('console.crumbs')}>
        <Link to="/">← {t('console.nav.tenants')}</Link>
      </nav>
      {query.isPending ? (
        <Loading />
      ) : query.data ? (
        <>
          {query.isError && (
            <p className="form-error" role="alert">
              {t('console.tenant.stale')}
            </p>
          )}
          <TenantBody overview={query.data} />
        </>
      ) : missing ? (
        <div className="state state-empty" data-testid="tenant-missing">
          <h1>{t('console.tenant.missing', { id })}</h1>
          <Link to="/">{t('console.back')}</Link>
        </div>
      ) : (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      )}
    </div>
  );
}
