/**
 * What the end-to-end tests know about the server scripts/e2e-server.mjs starts: its port, the
 * demo tenants (names, colours, languages, a store of each) and their sign-ins, the suspended
 * company it adds, and where the signed-in browser states made by global-setup.ts live.
 */
import { join } from 'node:path';

export const PORT = Number(process.env.FLUXION_E2E_PORT ?? 4310);
export const PASSWORD = 'fluxion-demo';

export type TenantId = 'granja' | 'cliente2';
export type Role = 'owner' | 'manager' | 'staff' | 'viewer';

export interface DemoTenant {
  id: TenantId;
  name: string;
  /** The header's background: the tenant's primary colour as the browser computes it. */
  primaryRgb: string;
  lang: 'es' | 'en';
  /** A store of the small demo, shown on the dashboard and the inventory. */
  store: string;
}

export const TENANTS: Record<TenantId, DemoTenant> = {
  granja: { id: 'granja', name: 'La Granja Mercado', primaryRgb: 'rgb(16, 185, 129)', lang: 'es', store: 'La Granja Chacao' },
  cliente2: { id: 'cliente2', name: 'Cliente 2 S.A.', primaryRgb: 'rgb(59, 130, 246)', lang: 'en', store: 'Atlanta Midtown' },
};

/** Created and suspended by scripts/e2e-server.mjs. */
export const SUSPENDED = { id: 'cerrada', name: 'Comercial Cerrada C.A.' };

/** Created by scripts/e2e-server.mjs for the tests that change branding and rates (English, VES). */
export const SCRATCH = { id: 'tienda3', name: 'Tienda Tres', owner: 'owner@tienda3.test', password: 'Tres-tiendas-e2e-2026!', primaryRgb: 'rgb(15, 118, 110)' } as const;

/** http://<tenant>.localhost:<port><path>; no tenant gives the apex (landing page). */
export function url(tenant: string | null, path = '/'): string {
  return `http://${tenant ? `${tenant}.` : ''}localhost:${PORT}${path}`;
}

export function email(tenant: TenantId, role: Role = 'owner'): string {
  return `${role}@${tenant}.demo`;
}

/** Browser state (the session cookie of one host) signed in as tenant + role. */
export function authFile(tenant: TenantId | typeof SCRATCH.id, role: Role = 'owner'): string {
  return join(process.cwd(), 'test-results', 'e2e-auth', `${tenant}-${role}.json`);
}

/** The sessions global-setup.ts opens once per run (sign-in is rate limited per address). */
export const SESSIONS: ReadonlyArray<[TenantId, Role]> = [
  ['granja', 'owner'],
  ['granja', 'viewer'],
  ['cliente2', 'owner'],
];
