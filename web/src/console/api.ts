/**
 * The console's side of the admin API (src/server/features/admin/): the shapes it answers and the
 * TanStack queries that read them. Everything goes through the app's `api()` (same origin, the
 * admin host's own cookie, errors as ApiError).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../app/api';

export const PLANS = ['free', 'standard', 'premium'] as const;
export type Plan = (typeof PLANS)[number];
export const FEATURES = ['inventory', 'sales', 'ai-insights', 'forecasting'] as const;
export type Feature = (typeof FEATURES)[number];
export const STATUSES = ['active', 'inactive', 'suspended'] as const;
export type TenantStatus = (typeof STATUSES)[number];

export interface AdminMe {
  admin: { id: string; email: string; name: string | null };
  expires_at?: string;
}

export interface DashboardTenant {
  id: string;
  name: string;
  status: TenantStatus;
  plan: Plan;
  url: string;
  created_at: string;
  user_count: number;
  requests_per_minute: { m1: number; m5: number; m15: number };
  error_rate: number | null;
  client_error_rate: number | null;
  p95_ms: number | null;
  storage_bytes: number | null;
  storage_computed_at: string | null;
  last_activity_at: string | null;
}

export interface Dashboard {
  generated_at: string;
  active_tenants: number;
  total_tenants: number;
  tenants: DashboardTenant[];
}

export interface TenantSettings {
  currency: string;
  timezone: string;
  locale: string;
  features: string[];
  primaryColor: string;
  secondaryColor: string;
  logoUrl: string | null;
  showVenezuelanTaxes: boolean;
  allowImpersonation: boolean;
}

export interface ConsoleTenant {
  id: string;
  name: string;
  status: TenantStatus;
  plan: Plan;
  created_at: string;
  updated_at: string;
  url: string;
  settings: TenantSettings;
}

export interface EndpointStats {
  method: string;
  route: string;
  requests: number;
  errors_4xx: number;
  errors_5xx: number;
  avg_ms: number;
  p95_ms: number | null;
}

export interface HourlyBucket {
  start: string;
  requests: number;
  errors_4xx: number;
  errors_5xx: number;
}

export interface AuditEntry {
  trail: 'tenant' | 'platform';
  id: string;
  tenant: string | null;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

export interface Overview {
  tenant: ConsoleTenant;
  user_count: number;
  storage_bytes: number | null;
  storage_computed_at: string | null;
  totals_24h: { requests: number; status_2xx: number; status_3xx: number; status_4xx: number; status_5xx: number; p95_ms: number | null };
  endpoints: EndpointStats[];
  hourly: HourlyBucket[];
  audit: AuditEntry[];
}

export interface NewTenantBody {
  id: string;
  name: string;
  plan?: Plan;
  settings?: Partial<Pick<TenantSettings, 'currency' | 'timezone' | 'locale' | 'features' | 'primaryColor' | 'secondaryColor' | 'showVenezuelanTaxes'>>;
  owner: { email: string; name?: string };
  logo?: { content_type: 'image/png' | 'image/jpeg'; data_base64: string };
}

export interface CreatedTenant {
  tenant: ConsoleTenant;
  url: string;
  invite: { email: string; url: string; expires_at: string };
}

export interface TenantPatch {
  name?: string;
  plan?: Plan;
  settings?: Partial<TenantSettings>;
}

export interface DeletedTenant {
  tenant_id: string;
  deleted: Record<string, number>;
  total_rows: number;
}

export const keys = {
  me: ['console', 'me'] as const,
  dashboard: ['console', 'dashboard'] as const,
  tenant: (id: string) => ['console', 'tenant', id] as const,
};

/** How often the live figures are read again while the tab is visible (hidden tabs pause). */
export const DASHBOARD_REFRESH_MS = 5_000;
export const OVERVIEW_REFRESH_MS = 15_000;

/** The signed-in platform admin, or null when nobody is (401). */
export function useAdminMe() {
  return useQuery({
    queryKey: keys.me,
    retry: false,
    staleTime: 60_000,
    queryFn: async () => {
      try {
        return await api<AdminMe>('/admin/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  });
}

export function useDashboard(live = true) {
  return useQuery({
    queryKey: keys.dashboard,
    queryFn: ({ signal }) => api<Dashboard>('/admin/dashboard', { signal }),
    refetchInterval: live ? DASHBOARD_REFRESH_MS : false,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: live,
    staleTime: live ? 0 : 30_000,
  });
}

export function useOverview(id: string) {
  return useQuery({
    queryKey: keys.tenant(id),
    queryFn: ({ signal }) => api<Overview>(`/admin/tenants/${encodeURIComponent(id)}/overview`, { signal }),
    refetchInterval: OVERVIEW_REFRESH_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

/** After a change to a tenant: its page and the dashboard read the server again. */
export function useRefreshTenant() {
  const qc = useQueryClient();
  return (id: string) => {
    void qc.invalidateQueries({ queryKey: keys.tenant(id) });
    void qc.invalidateQueries({ queryKey: keys.dashboard });
  };
}

export const tenantPath = (id: string, rest = '') => `/admin/tenants/${encodeURIComponent(id)}${rest}`;
