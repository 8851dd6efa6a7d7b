/**
 * Route policies: every route declares who it serves. The tenancy plugin enforces the tenancy and
 * feature parts; a start-up check refuses any route that declares nothing.
 */
import type { Feature, TenantContext } from './features/tenants/schema.js';
import type { TenantDb } from '../store/types.js';

/**
 * - `tenant`: tenant data; needs a resolved, active tenant.
 * - `platform`: the platform console; only on the admin host.
 * - `public`: neither (health, docs, landing).
 */
export type Tenancy = 'tenant' | 'platform' | 'public';

/**
 * What a route does; src/server/permissions.ts says which roles may. `anyone` needs no sign-in
 * (the branding endpoint, sign-in itself).
 */
export type Permission =
  | 'anyone'
  | 'tenant:read'
  | 'catalog:read'
  | 'inventory:read'
  | 'inventory:adjust'
  | 'sales:read'
  | 'sales:write'
  | 'orders:read'
  | 'orders:write'
  | 'stats:read'
  | 'imports:write'
  | 'forecasts:run'
  | 'rates:write'
  | 'audit:read'
  | 'users:read'
  | 'users:manage'
  | 'apikeys:manage'
  | 'settings:write'
  | 'platform:read'
  | 'platform:write';

export interface RoutePolicy {
  tenancy: Tenancy;
  permission?: Permission;
  /** The tenant must have this feature, else 403 feature_disabled. */
  feature?: Feature;
  /** Serve suspended/inactive tenants too (the branding endpoint, so the SPA can say so). */
  allowSuspended?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    /** The resolved tenant (routes with tenancy 'tenant'). */
    tenant?: TenantContext;
    /** A database handle bound to that tenant. */
    tdb?: TenantDb;
  }
}

/** Policy helpers for route definitions: `config: tenantRoute('inventory:read')`. */
export const tenantRoute = (permission: Permission, extra: Omit<RoutePolicy, 'tenancy' | 'permission'> = {}) => ({
  policy: { tenancy: 'tenant' as const, permission, ...extra },
});
export const platformRoute = (permission: Permission = 'platform:read') => ({
  policy: { tenancy: 'platform' as const, permission },
});
export const publicRoute = () => ({ policy: { tenancy: 'public' as const } });
