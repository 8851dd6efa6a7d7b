/**
 * What an impersonating platform admin may not do. Impersonation is support access, limited to
 * 60 minutes; creating credentials (API keys, invitations), changing who holds which role, or
 * switching the tenant's impersonation policy would outlast it or undo the owners' choice.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

export function refuseWhileImpersonating(request: FastifyRequest, what: string): void {
  const p = request.principal;
  if (p?.kind === 'user' && p.impersonation) {
    throw new AppError('forbidden', `An impersonation session cannot ${what}; ask one of the tenant's owners.`);
  }
}
