/** Feature route modules, registered in this order under the tenancy plugin. */
import type { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Store } from '../../store/types.js';
import type { TenantRegistry } from './tenants/registry.js';
import type { Clock } from '../clock.js';
import type { RequestRecorder } from './telemetry/recorder.js';
import { authRoutes } from './auth/routes.js';
import { siteRoutes } from './site/routes.js';
import { salesRoutes } from './sales/routes.js';
import { statsRoutes } from './stats/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { inventoryRoutes } from './inventory/routes.js';
import { orderRoutes } from './orders/routes.js';
import { userRoutes } from './users/routes.js';
import { apiKeyRoutes } from './apikeys/routes.js';
import { auditRoutes } from './audit/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { adminRoutes } from './admin/routes.js';
import { consoleRoutes } from './console/routes.js';
import { offboardingRoutes } from './offboarding/routes.js';
import { exchangeRateRoutes } from './exchange-rates/routes.js';
import { analyticsRoutes } from './analytics/routes.js';
import { importRoutes } from './imports/routes.js';
import { exportRoutes } from './exports/routes.js';
import { forecastingRoutes } from './forecasting/routes.js';

export interface FeatureDeps {
  config: Config;
  store: Store;
  registry: TenantRegistry;
  clock: Clock;
  /** The per-tenant request statistics of this process (null when turned off). */
  requestStats: RequestRecorder | null;
  /** What one feature tells others in this app (a sales import finished → forecasts rerun). */
  events: AppEvents;
}

/** Events between features of one app. */
export type AppEvents = EventEmitter<{ 'sales-imported': [tenantId: string] }>;

export type FeatureRoutes = (app: FastifyInstance, deps: FeatureDeps) => void | Promise<void>;

export const FEATURE_ROUTES: FeatureRoutes[] = [siteRoutes, authRoutes, catalogRoutes, inventoryRoutes, orderRoutes, salesRoutes, statsRoutes, exchangeRateRoutes, analyticsRoutes, forecastingRoutes, userRoutes, apiKeyRoutes, auditRoutes, settingsRoutes, adminRoutes, consoleRoutes, offboardingRoutes, exportRoutes, importRoutes];
