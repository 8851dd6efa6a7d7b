/**
 * The tenant this page serves (GET /api/v1/tenant: branding, currency, features) and who is
 * signed in (GET /api/v1/auth/me, with the impersonation under way if any).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';

export type Role = 'owner' | 'manager' | 'staff' | 'viewer';
export type Feature = 'inventory' | 'sales' | 'ai-insights' | 'forecasting';

export interface Tenant {
  id: string;
  name: string;
  status: 'active' | 'inactive' | 'suspended';
  logoUrl: string | null;
  primaryColor: string;
  secondaryColor: string;
  features: string[];
  currency: string;
  timezone: string;
  locale: string;
  showVenezuelanTaxes: boolean;
}

export interface Me {
  kind: 'user' | 'apikey';
  user: { id: string; email: string; name: string | null; role: Role } | null;
  role: Role;
  tenant: { id: string; name: string };
  impersonation: { admin_email: string; reason: string; expires_at: string } | null;
}

export const TENANT_KEY = ['tenant'] as const;
export const ME_KEY = ['me'] as const;

export function useTenantQuery(enabled: boolean) {
  return useQuery({ queryKey: TENANT_KEY, queryFn: () => api<Tenant>('/tenant'), enabled, staleTime: 60_000, retry: false });
}

export function useMeQuery(enabled: boolean) {
  return useQuery({
    queryKey: ME_KEY,
    enabled,
    retry: false,
    staleTime: 30_000,
    queryFn: async () => {
      try {
        return await api<Me>('/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  });
}

const TenantContext = createContext<Tenant | null>(null);
const MeContext = createContext<Me | null>(null);

export function TenantProvider({ tenant, children }: { tenant: Tenant; children: ReactNode }) {
  return <TenantContext.Provider value={tenant}>{children}</TenantContext.Provider>;
}
export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useTenant(): Tenant {
  const t = useContext(TenantContext);
  if (!t) throw new Error('useTenant outside TenantProvider');
  return t;
}

/** The signed-in user; pages under the app shell always have one. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeProvider');
  return me;
}

export function hasFeature(t: Tenant, f: Feature): boolean {
  return t.features.includes(f);
}

const RANK: Record<Role, number> = { viewer: 0, staff: 1, manager: 2, owner: 3 };
/** Whether the role is at least `min` (owner > manager > staff > viewer), as the API decides. */
export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await api('/auth/logout', { method: 'POST', body: {} }).catch(() => undefined);
    // Signed out: nothing of the company stays in memory, and the page starts again at sign-in.
    qc.clear();
    window.location.replace('/');
  };
}
