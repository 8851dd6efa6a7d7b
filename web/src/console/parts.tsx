/** Small pieces the console's pages share: status and plan badges, headline figures, notices. */
import type { ReactNode } from 'react';
import { useT } from '../app/i18n';
import type { Plan, TenantStatus } from './api';

const TONE: Record<TenantStatus, string> = { active: 'badge-ok', inactive: '', suspended: 'badge-danger' };

/** A tenant's status as a translated badge (the word is there, colour is never the only cue). */
export function StatusBadge({ status }: { status: TenantStatus }) {
  const t = useT();
  return (
    <span className={`badge ${TONE[status]}`} data-status={status} data-testid="tenant-status">
      {t(`console.status.${status}`)}
    </span>
  );
}

export function PlanBadge({ plan }: { plan: Plan }) {
  const t = useT();
  return (
    <span className={`badge console-plan console-plan-${plan}`} data-plan={plan}>
      {t(`console.plan.${plan}`)}
    </span>
  );
}

export function Kpi({ id, label, children, note, title }: { id: string; label: string; children: ReactNode; note?: ReactNode; title?: string }) {
  return (
    <div className="kpi" data-testid={`kpi-${id}`} title={title}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{children}</div>
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}

/** A success note; the live region stays in the page so each new message is announced. */
export function Notice({ message, testId }: { message: string | null; testId?: string }) {
  return (
    <p className="console-notice" role="status" aria-live="polite" data-testid={testId}>
      {message ?? ''}
    </p>
  );
}

/** 0.0 … 1.0 error shares above these are flagged in the tables. */
export const ERROR_WARN = 0.01;
export const ERROR_DANGER = 0.05;

export function shareTone(r: number | null): string | undefined {
  if (r === null) return undefined;
  if (r >= ERROR_DANGER) return 'console-bad';
  if (r >= ERROR_WARN) return 'console-warn';
  return undefined;
}

/**
 * A form field whose label names only the control: hints and errors sit beside it, tied to the
 * control with aria-describedby (a wrapping <label> would fold them into the control's name).
 */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: ReactNode; children: ReactNode }) {
  return (
    <div className="field console-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint}
      {error}
    </div>
  );
}
