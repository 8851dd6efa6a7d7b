/**
 * What this host serves: the landing page on the apex, the platform console on admin., and on a
 * tenant host the tenant's app — or a clear page when the company does not exist or is suspended.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api';
import { applyBranding } from './branding';
import { I18nProvider, useI18n } from './i18n';
import { Layout } from './Layout';
import { ROUTES } from './routes';
import { atLeast, hasFeature, MeProvider, TenantProvider, useMeQuery, useTenantQuery, type Tenant } from './session';
import { selection } from './tenant';
import { ErrorState, Loading } from '../components/State';

const LandingPage = lazy(() => import('../pages/public/LandingPage'));
const SignInPage = lazy(() => import('../pages/public/SignInPage'));
const TenantStatusPage = lazy(() => import('../pages/public/TenantStatusPage'));
/** The platform console (admin host): its own chunk, never loaded on a tenant's host. */
const ConsoleApp = lazy(() => import('../console/ConsoleApp'));

/** The spinner shown before the tenant (and so its language) is known. */
function Booting() {
  return (
    <I18nProvider locale={undefined}>
      <Loading />
    </I18nProvider>
  );
}

function NotFound({ forbidden, unavailable }: { forbidden?: boolean; unavailable?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="state state-empty" data-testid={unavailable ? 'page-unavailable' : forbidden ? 'page-forbidden' : 'page-not-found'}>
      <h1>{t(unavailable ? 'error.feature_disabled' : forbidden ? 'page.forbidden' : 'page.notFound')}</h1>
    </div>
  );
}

function SignedIn({ tenant }: { tenant: Tenant }) {
  const me = useMeQuery(true);
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <SignInPage />;
  return (
    <MeProvider me={me.data}>
      <Layout>
        <Routes>
          {ROUTES.map((r) => {
            const featureOn = !r.feature || hasFeature(tenant, r.feature);
            const allowed = featureOn && (!r.minRole || atLeast(me.data!.role, r.minRole));
            return <Route key={r.path} path={r.path === '/' ? '/' : `${r.path}/*`} element={allowed ? <r.page /> : <NotFound forbidden unavailable={!featureOn} />} />;
          })}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </MeProvider>
  );
}

function TenantApp() {
  const q = useTenantQuery(true);
  const tenant = q.data;
  useEffect(() => applyBranding(tenant ?? null), [tenant]);
  if (q.isPending) return <Booting />;
  if (q.isError) {
    const unknown = q.error instanceof ApiError && (q.error.code === 'tenant_not_found' || q.error.status === 404);
    return (
      <I18nProvider locale={undefined}>
        {unknown ? <TenantStatusPage kind="unknown" /> : <ErrorState error={q.error} retry={() => void q.refetch()} />}
      </I18nProvider>
    );
  }
  const t = q.data;
  return (
    <TenantProvider tenant={t}>
      <I18nProvider locale={t.locale}>
        {t.status !== 'active' ? (
          <TenantStatusPage kind="suspended" name={t.name} />
        ) : (
          <BrowserRouter>
            <SignedIn tenant={t} />
          </BrowserRouter>
        )}
      </I18nProvider>
    </TenantProvider>
  );
}

export function App() {
  const sel = selection();
  useEffect(() => {
    if (sel.kind !== 'tenant') applyBranding(null);
  }, [sel.kind]);
  let content: ReactNode;
  if (sel.kind === 'tenant') content = <TenantApp />;
  else if (sel.kind === 'platform') content = <ConsoleApp />;
  else if (sel.kind === 'error') content = <I18nProvider locale={undefined}><TenantStatusPage kind="unknown" /></I18nProvider>;
  else content = <I18nProvider locale={undefined}><LandingPage /></I18nProvider>;
  return <Suspense fallback={<Booting />}>{content}</Suspense>;
}
