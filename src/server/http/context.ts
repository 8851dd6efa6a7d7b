/** Typed access to what the tenancy plugin attached to a request. */
import type { FastifyRequest } from 'fastify';
import type { TenantDb } from '../../store/types.js';
import type { TenantContext } from '../features/tenants/schema.js';
import { actorLabel } from '../features/auth/principal.js';

export function requestTenant(request: FastifyRequest): { tenant: TenantContext; tdb: TenantDb } {
  const { tenant, tdb } = request;
  // The tenancy plugin sets both for every route whose policy is 'tenant'.
  if (!tenant || !tdb) throw new Error(`Route ${request.routeOptions.url} used the tenant without a tenant policy`);
  return { tenant, tdb };
}

/** The actor recorded in ledgers and on documents: the principal's email, API key or impersonator. */
export function actorOf(request: FastifyRequest): string {
  return actorLabel(request.principal);
}
