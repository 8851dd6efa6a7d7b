/** An audit entry as GET /api/v1/audit shows it (src/server/features/audit/schema.ts). */
export interface AuditEntry {
  id: string;
  occurred_at: string;
  actor_type: 'user' | 'apikey' | 'admin' | 'system' | 'anonymous';
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}
