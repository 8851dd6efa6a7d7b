/**
 * The pages of a tenant's app, in one table: path, navigation label, the feature the tenant
 * needs and the least role that may open it (the API enforces the same; hiding is courtesy).
 * Every page is its own lazily loaded chunk.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n';
import type { Feature, Role } from './session';

export interface PageRoute {
  path: string;
  label: MessageKey;
  page: LazyExoticComponent<ComponentType>;
  feature?: Feature;
  minRole?: Role;
}

export const ROUTES: PageRoute[] = [
  { path: '/', label: 'nav.dashboard', page: lazy(() => import('../pages/dashboard/DashboardPage')) },
  { path: '/inventory', label: 'nav.inventory', page: lazy(() => import('../pages/inventory/InventoryPage')), feature: 'inventory' },
  { path: '/sales', label: 'nav.sales', page: lazy(() => import('../pages/sales/SalesPage')), feature: 'sales' },
  { path: '/orders', label: 'nav.orders', page: lazy(() => import('../pages/orders/OrdersPage')) },
  { path: '/forecast', label: 'nav.forecast', page: lazy(() => import('../pages/analytics/ForecastPage')), feature: 'forecasting' },
  { path: '/forecast/accuracy', label: 'nav.forecastAccuracy', page: lazy(() => import('../pages/analytics/AccuracyPage')), feature: 'forecasting' },
  { path: '/replenishment', label: 'nav.replenishment', page: lazy(() => import('../pages/analytics/ReplenishmentPage')), feature: 'forecasting' },
  { path: '/insights', label: 'nav.insights', page: lazy(() => import('../pages/analytics/InsightsPage')), feature: 'ai-insights' },
  { path: '/settings', label: 'nav.settings', page: lazy(() => import('../pages/settings/SettingsPage')), minRole: 'manager' },
  { path: '/audit', label: 'nav.audit', page: lazy(() => import('../pages/audit/AuditPage')), minRole: 'manager' },
  // imports:write — managers and owners.
  { path: '/imports', label: 'nav.imports', page: lazy(() => import('../pages/imports/ImportsPage')), minRole: 'manager' },
];
