/**
 * The console's frame: a dark header that never takes a tenant's colours (the operator always
 * knows this is the platform, not a company), the navigation, the language switch, who is signed
 * in and sign-out.
 */
import { Suspense, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useT } from '../app/i18n';
import { LanguageSwitch } from '../app/Layout';
import { Loading } from '../components/State';
import type { AdminMe } from './api';

export function useAdminSignOut() {
  const qc = useQueryClient();
  return async () => {
    await api('/admin/auth/logout', { method: 'POST' }).catch(() => undefined);
    qc.clear();
    window.location.replace('/');
  };
}

export function ConsoleLayout({ me, children }: { me: AdminMe; children: ReactNode }) {
  const t = useT();
  const signOut = useAdminSignOut();
  return (
    <div className="shell console">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="console-topbar">
        <NavLink to="/" className="console-brand" end>
          <span className="console-mark" aria-hidden="true">
            F
          </span>
          <span>{t('console.title')}</span>
        </NavLink>
        <nav className="console-nav" aria-label={t('nav.main')}>
          <NavLink to="/" end>
            {t('console.nav.tenants')}
          </NavLink>
          <NavLink to="/tenants/new">{t('console.nav.new')}</NavLink>
        </nav>
        <div className="console-topbar-end">
          <LanguageSwitch />
          <span className="who" title={me.admin.email} data-testid="console-who">
            {me.admin.name ? `${me.admin.name} · ${me.admin.email}` : me.admin.email}
          </span>
          <button type="button" className="btn console-signout" onClick={() => void signOut()}>
            {t('user.signout')}
          </button>
        </div>
      </header>
      <main id="main" className="content console-content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </div>
  );
}
