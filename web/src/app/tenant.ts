/**
 * Which tenant this page serves, decided by the same shared rules as the server
 * (src/shared/tenancy.ts): the host name, or `?tenant=` on plain localhost in development.
 */
import { resolveTenant, type Resolution } from '../../../src/shared/tenancy';

/** The base domain, written into the page by the server (absent under `npm run dev`: localhost). */
export function baseDomain(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="fluxion-base-domain"]')?.content || 'localhost';
}

function allowQueryTenant(): boolean {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="fluxion-query-tenant"]')?.content;
  return meta ? meta === 'true' : import.meta.env.DEV;
}

let cached: Resolution | undefined;

export function selection(): Resolution {
  if (cached) return cached;
  const query = new URLSearchParams(window.location.search).get('tenant') ?? undefined;
  let r = resolveTenant({ host: window.location.host, baseDomain: baseDomain(), queryTenant: query, allowQueryTenant: allowQueryTenant() });
  // Remember a ?tenant= selection for the rest of the visit (in-app links drop the query).
  if (r.kind === 'tenant' && r.via === 'query') sessionStorage.setItem('fluxion.tenant', r.tenantId);
  else if (r.kind === 'none' && r.host.local && allowQueryTenant()) {
    const saved = sessionStorage.getItem('fluxion.tenant');
    if (saved) r = resolveTenant({ host: window.location.host, baseDomain: baseDomain(), queryTenant: saved, allowQueryTenant: true });
  }
  cached = r;
  return r;
}

/** The address of a tenant's own host, for the landing page's "go to your company". */
export function tenantAddress(id: string): string {
  const { protocol, port } = window.location;
  return `${protocol}//${id}.${baseDomain()}${port ? `:${port}` : ''}/`;
}
