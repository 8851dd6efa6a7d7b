/** Who is acting: a tenant user (possibly impersonated), an API key, or a platform admin. */
import type { Role } from '../../permissions.js';

export interface Impersonation {
  adminId: string;
  adminEmail: string;
  reason: string;
  expiresAt: string;
}

export type Principal =
  | { kind: 'user'; tenantId: string; userId: string; email: string; name: string | null; role: Role; sessionHash: string; impersonation: Impersonation | null }
  | { kind: 'apikey'; tenantId: string; keyId: string; name: string; role: Role }
  | { kind: 'admin'; adminId: string; email: string; name: string | null; sessionHash: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** How the principal is named in ledgers and audit rows. */
export function actorLabel(p: Principal | undefined): string {
  if (!p) return 'anonymous';
  if (p.kind === 'apikey') return `apikey:${p.name}`;
  if (p.kind === 'user' && p.impersonation) return `${p.impersonation.adminEmail} as ${p.email}`;
  return p.email;
}
