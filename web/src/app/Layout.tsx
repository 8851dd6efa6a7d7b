/**
 * The signed-in shell: branded header with logo and name, navigation (a menu button below 768 px),
 * language switch, the user and sign-out, and the impersonation banner on every page.
 */
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useI18n } from './i18n';
import { LANGUAGES, type Language } from '../i18n';
import { atLeast, hasFeature, useMe, useSignOut, useTenant } from './session';
import { ROUTES } from './routes';
import { useFormat } from './format';
import { Loading } from '../components/State';

export function TenantLogo({ size = 32 }: { size?: number }) {
  const t = useTenant();
  if (t.logoUrl) return <img className="logo" src={t.logoUrl} alt="" width={size} height={size} />;
  return (
    <span className="logo logo-initial" aria-hidden="true" style={{ width: size, height: size }}>
      {t.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang">
      <span className="sr-only">{t('lang.label')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Language)} aria-label={t('lang.label')}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function ImpersonationBanner() {
  const me = useMe();
  const { t } = useI18n();
  const f = useFormat();
  if (!me.impersonation) return null;
  return (
    <div className="impersonation" role="alert" data-impersonation>
      {t('impersonation.banner', {
        admin: me.impersonation.admin_email,
        user: me.user?.email ?? '',
        until: f.dateTime(me.impersonation.expires_at),
        reason: me.impersonation.reason,
      })}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const tenant = useTenant();
  const me = useMe();
  const { t } = useI18n();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname]);
  const visible = ROUTES.filter((r) => (!r.feature || hasFeature(tenant, r.feature)) && (!r.minRole || atLeast(me.role, r.minRole)));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <ImpersonationBanner />
      <header className="topbar">
        <button type="button" className="btn btn-ghost menu-toggle" aria-expanded={open} aria-controls="nav" onClick={() => setOpen(!open)}>
          <span aria-hidden="true">☰</span>
          <span className="sr-only">{open ? t('nav.close') : t('nav.menu')}</span>
        </button>
        <NavLink to="/" className="brand">
          <TenantLogo />
          <span className="brand-name">{tenant.name}</span>
        </NavLink>
        <div className="topbar-end">
          <LanguageSwitch />
          <span className="who" title={me.user?.email}>
            {t('user.signedInAs', { name: me.user?.name ?? me.user?.email ?? '', role: t(`role.${me.role}`) })}
          </span>
          <button type="button" className="btn btn-on-brand" onClick={() => void signOut()}>
            {t('user.signout')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav id="nav" className={`sidenav ${open ? 'open' : ''}`} aria-label={t('nav.main')}>
          <ul>
            {visible.map((r) => (
              <li key={r.path}>
                <NavLink to={r.path} end={r.path === '/' || ROUTES.some((o) => o.path.startsWith(`${r.path}/`))}>
                  {t(r.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          <Suspense fallback={<Loading />}>{children}</Suspense>
        </main>
      </div>
    </div>
  );
}
