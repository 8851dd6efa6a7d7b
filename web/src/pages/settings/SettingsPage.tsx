/**
 * Settings, one tab per sub-route (/settings/rates, /users, /api-keys, /branding). Each tab shows
 * only to the roles that may use it: managers see exchange rates and the user list, owners all.
 */
import type { ComponentType } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { useT } from '../../app/i18n';
import type { MessageKey } from '../../i18n';
import { atLeast, useMe, type Role } from '../../app/session';
import RatesTab from './RatesTab';
import UsersTab from './UsersTab';
import ApiKeysTab from './ApiKeysTab';
import BrandingTab from './BrandingTab';
import './settings.css';

interface Tab {
  path: string;
  label: MessageKey;
  minRole: Role;
  page: ComponentType;
}

/** Links are absolute: in a splat route, relative links resolve against the whole current URL. */
const BASE = '/settings';

const TABS: Tab[] = [
  { path: 'rates', label: 'settings.tab.rates', minRole: 'manager', page: RatesTab },
  { path: 'users', label: 'settings.tab.users', minRole: 'manager', page: UsersTab },
  { path: 'api-keys', label: 'settings.tab.keys', minRole: 'owner', page: ApiKeysTab },
  { path: 'branding', label: 'settings.tab.branding', minRole: 'owner', page: BrandingTab },
];

/** A tab the role may not use, or no tab at all. */
function Missing() {
  const t = useT();
  const { pathname } = useLocation();
  const known = TABS.some((tab) => pathname.split('/').includes(tab.path));
  return <p className="state state-empty">{t(known ? 'page.forbidden' : 'page.notFound')}</p>;
}

export default function SettingsPage() {
  const t = useT();
  const me = useMe();
  const tabs = TABS.filter((tab) => atLeast(me.role, tab.minRole));
  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      <nav className="settings-tabs" aria-label={t('settings.tabs')} data-testid="settings-tabs">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.path}>
              <NavLink to={`${BASE}/${tab.path}`}>{t(tab.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        {tabs[0] && <Route index element={<Navigate to={`${BASE}/${tabs[0].path}`} replace />} />}
        {tabs.map((tab) => (
          <Route key={tab.path} path={`${tab.path}/*`} element={<tab.page />} />
        ))}
        <Route path="*" element={<Missing />} />
      </Routes>
    </div>
  );
}
