/**
 * The platform console on the admin host (admin.<base domain>): the platform admin's sign-in,
 * the tenants dashboard, a tenant's page (traffic, endpoints, audit, lifecycle) and onboarding.
 * Loaded lazily by App.tsx, so tenants' users never download it. Its session is the admin host's
 * own cookie; GET /api/v1/admin/auth/me decides signed in or not, and a 401 from any console call
 * (the session ended) brings the sign-in page back.
 */
import { useEffect } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../app/api';
import { I18nProvider, useT } from '../app/i18n';
import { registerMessages } from '../i18n';
import { ErrorState, Loading } from '../components/State';
import { keys, useAdminMe } from './api';
import { ConsoleLayout } from './ConsoleLayout';
import { DashboardPage } from './DashboardPage';
import { NewTenantPage } from './NewTenantPage';
import { SignInPage } from './SignInPage';
import { TenantPage } from './TenantPage';
import { consoleMessages } from './messages';
import { useTitle } from './useTitle';
import '../pages/dashboard/dashboard.css';
import '../pages/settings/settings.css';
import './console.css';

// The console's strings arrive with its chunk (src/i18n/index.ts: lazily registered areas).
registerMessages(consoleMessages);

/** A 401 anywhere in the console means the admin session is over: show the sign-in page. */
function useSessionEnd(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const ended = (error: unknown) => {
      if (error instanceof ApiError && error.status === 401 && qc.getQueryData(keys.me)) qc.setQueryData(keys.me, null);
    };
    const offQueries = qc.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error' && e.query.queryKey[0] === 'console') ended(e.action.error);
    });
    const offMutations = qc.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') ended(e.action.error);
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [qc]);
}

function NotFoundPage() {
  const t = useT();
  useTitle(t('console.notFound.title'));
  return (
    <div className="state state-empty" data-testid="console-not-found">
      <h1>{t('console.notFound.title')}</h1>
      <Link to="/">{t('console.back')}</Link>
    </div>
  );
}

function Console() {
  const me = useAdminMe();
  useSessionEnd();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <SignInPage />;
  return (
    <ConsoleLayout me={me.data}>
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/tenants/new" element={<NewTenantPage />} />
        <Route path="/tenants/:id" element={<TenantPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </ConsoleLayout>
  );
}

export default function ConsoleApp() {
  return (
    <I18nProvider locale={undefined}>
      <BrowserRouter>
        <Console />
      </BrowserRouter>
    </I18nProvider>
  );
}
