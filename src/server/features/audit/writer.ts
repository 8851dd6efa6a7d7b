/**
 * The audit trail: every state change and every auth event becomes a row in `audit_log` (tenant
 * events) or `platform_audit_log` (platform events), and the same line in the structured log as
 * `[tenant] actor action`.
 */
import type { FastifyRequest } from 'fastify';
import type { PlatformDb, TenantDb } from '../../../store/types.js';
import { actorLabel, type Principal } from '../auth/principal.js';

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  /** Overrides the request's principal (e.g. a failed sign-in names the email tried). */
  actor?: { type: 'user' | 'apikey' | 'admin' | 'system' | 'anonymous'; id?: string | null; label: string };
}

export function actorOf(p: Principal | undefined): NonNullable<AuditEvent['actor']> {
  if (!p) return { type: 'anonymous', id: null, label: 'anonymous' };
  if (p.kind === 'apikey') return { type: 'apikey', id: p.keyId, label: actorLabel(p) };
  if (p.kind === 'admin') return { type: 'admin', id: p.adminId, label: p.email };
  return { type: 'user', id: p.userId, label: actorLabel(p) };
}

function requestFacts(request: FastifyRequest | null) {
  const ua = request?.headers['user-agent'];
  return {
    ip: request?.ip?.slice(0, 64) ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
    requestId: request ? String(request.id).slice(0, 64) : null,
  };
}

export async function audit(request: FastifyRequest | null, db: TenantDb, event: AuditEvent, now = Date.now()): Promise<void> {
  const actor = event.actor ?? actorOf(request?.principal);
  const f = requestFacts(request);
  const p = request?.principal;
  const details = p?.kind === 'user' && p.impersonation
    ? { ...(event.details ?? {}), impersonatedBy: p.impersonation.adminEmail, impersonationReason: p.impersonation.reason }
    : event.details;
  await db.run(
    `INSERT INTO audit_log (tenant_id, occurred_at, actor_type, actor_id, actor, action, target_type, target_id, ip, user_agent, request_id, details)
     VALUES ($1, $2::TIMESTAMPTZ, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      new Date(now).toISOString(),
      actor.type,
      actor.id ?? null,
      actor.label.slice(0, 254),
      event.action,
      event.targetType ?? null,
      event.targetId?.slice(0, 128) ?? null,
      f.ip,
      f.userAgent,
      f.requestId,
      details ? JSON.stringify(details) : null,
    ],
  );
  request?.log.info({ audit: event.action, actor: actor.label, target: event.targetId ?? null }, `[${db.tenantId}] ${actor.label} ${event.action}`);
}

/**
 * `audit` bound to one request and the app's clock: services take one of these, so they record
 * events inside their own transactions without knowing about HTTP or time.
 */
export type Auditor = (db: TenantDb, event: AuditEvent) => Promise<void>;

export function auditorFor(request: FastifyRequest | null, clock: () => number = Date.now): Auditor {
  return (db, event) => audit(request, db, event, clock());
}

export async function auditPlatform(
  request: FastifyRequest | null,
  db: PlatformDb,
  event: AuditEvent & { tenantId?: string | null },
  now = Date.now(),
): Promise<void> {
  const actor = event.actor ?? actorOf(request?.principal);
  const f = requestFacts(request);
  await db.run(
    `INSERT INTO platform_audit_log (occurred_at, actor_type, actor_id, actor, action, subject_tenant, target_type, target_id, ip, user_agent, request_id, details)
     VALUES ($1::TIMESTAMPTZ, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      new Date(now).toISOString(),
      actor.type,
      actor.id ?? null,
      actor.label.slice(0, 254),
      event.action,
      event.tenantId ?? null,
      event.targetType ?? null,
      event.targetId?.slice(0, 128) ?? null,
      f.ip,
      f.userAgent,
      f.requestId,
      event.details ? JSON.stringify(event.details) : null,
    ],
  );
  request?.log.info({ audit: event.action, actor: actor.label }, `[platform] ${actor.label} ${event.action}`);
}
