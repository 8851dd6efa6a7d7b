/**
 * A tenant's lifecycle from its console page: suspend / reactivate (after a confirmation),
 * support through impersonation, the full export (a file download), and deletion, which the server allows only for a suspended
 * tenant and only with its id typed back exactly.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../app/api';
import { useI18n, useT } from '../app/i18n';
import { Dialog } from '../components/Dialog';
import { FormError } from '../components/State';
import { keys, tenantPath, useRefreshTenant, type ConsoleTenant, type DeletedTenant } from './api';
import { useConsoleFormat } from './format';
import { Field } from './parts';

function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  testId: string;
}) {
  const t = useT();
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <div data-testid={testId}>
        {children}
        <FormError error={error} />
        <div className="btn-row dialog-actions">
          <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy} onClick={onConfirm}>
            {busy ? t('console.working') : confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('action.cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

export function StatusAction({ tenant, onDone }: { tenant: ConsoleTenant; onDone: (message: string) => void }) {
  const t = useT();
  const refresh = useRefreshTenant();
  const [open, setOpen] = useState(false);
  const suspending = tenant.status === 'active';
  const change = useMutation({
    mutationFn: () => api<{ tenant: ConsoleTenant; changed: boolean }>(tenantPath(tenant.id, suspending ? '/suspend' : '/activate'), { method: 'POST' }),
    onSuccess: (r) => {
      setOpen(false);
      refresh(tenant.id);
      onDone(t(r.tenant.status === 'active' ? 'console.lifecycle.activated' : 'console.lifecycle.suspended', { name: r.tenant.name }));
    },
  });
  const close = () => {
    setOpen(false);
    change.reset();
  };
  return (
    <>
      <button type="button" className={suspending ? 'btn btn-danger' : 'btn btn-primary'} onClick={() => setOpen(true)} data-testid={suspending ? 'suspend' : 'activate'}>
        {suspending ? t('console.lifecycle.suspend') : t('console.lifecycle.activate')}
      </button>
      <ConfirmDialog
        open={open}
        testId="status-dialog"
        title={t(suspending ? 'console.lifecycle.suspendTitle' : 'console.lifecycle.activateTitle', { name: tenant.name })}
        confirmLabel={suspending ? t('console.lifecycle.suspend') : t('console.lifecycle.activate')}
        danger={suspending}
        busy={change.isPending}
        error={change.error}
        onConfirm={() => change.mutate()}
        onClose={close}
      >
        <p>{t(suspending ? 'console.lifecycle.suspendBody' : 'console.lifecycle.activateBody', { name: tenant.name, url: tenant.url })}</p>
      </ConfirmDialog>
    </>
  );
}

export function ExportLink({ tenant }: { tenant: ConsoleTenant }) {
  const t = useT();
  return (
    <a className="btn" href={`/api/v1${tenantPath(tenant.id, '/export')}`} download data-testid="export">
      {t('console.lifecycle.export')}
    </a>
  );
}

interface ImpersonationGrant {
  url: string;
  expires_at: string;
  tenant: { id: string; name: string };
  user: { id: string; email: string; role: string };
}

const REASON_MIN = 10;

/** The link, once granted: focus moves to it (the form that had focus is gone). */
function GrantReady({ grant, onClose }: { grant: ImpersonationGrant; onClose: () => void }) {
  const t = useT();
  const f = useConsoleFormat();
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => link.current?.focus(), []);
  return (
    <div data-testid="impersonate-grant">
      <p role="status">{t('console.impersonate.ready', { user: grant.user.email, role: grant.user.role, until: f.dateTime(grant.expires_at) })}</p>
      <div className="btn-row dialog-actions">
        <a ref={link} className="btn btn-primary" href={grant.url} target="_blank" rel="noopener noreferrer" onClick={onClose}>
          {t('console.impersonate.open')}
          <span className="sr-only"> {t('console.newWindow')}</span>
        </a>
        <button type="button" className="btn" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
    </div>
  );
}

/**
 * Support as one of the tenant's users (POST …/impersonate): a written reason, optionally the
 * user (default: the first active owner). The answer is a single-use link valid for a minute,
 * opened by the operator's click on the tenant's own host (the admin cookie never reaches it).
 */
export function ImpersonateAction({ tenant }: { tenant: ConsoleTenant }) {
  const { t, error } = useI18n();
  const refresh = useRefreshTenant();
  const ids = { reason: useId(), email: useId() };
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [email, setEmail] = useState('');
  const [short, setShort] = useState(false);
  const grant = useMutation({
    mutationFn: () =>
      api<ImpersonationGrant>(tenantPath(tenant.id, '/impersonate'), { method: 'POST', body: { reason: reason.trim(), ...(email.trim() ? { user_email: email.trim() } : {}) } }),
    onSuccess: () => refresh(tenant.id),
  });
  const allowed = tenant.settings.allowImpersonation && tenant.status === 'active';
  const close = () => {
    setOpen(false);
    setReason('');
    setEmail('');
    setShort(false);
    grant.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < REASON_MIN) {
      setShort(true);
      return;
    }
    setShort(false);
    grant.mutate();
  };
  const failure =
    grant.error instanceof ApiError && grant.error.code === 'impersonation_refused' ? t('console.impersonate.refused', { name: tenant.name }) : grant.error ? error(grant.error) : null;
  return (
    <>
      <button type="button" className="btn" disabled={!allowed} title={allowed ? undefined : t(tenant.status === 'active' ? 'console.impersonate.refused' : 'console.impersonate.inactive', { name: tenant.name })} onClick={() => setOpen(true)} data-testid="impersonate">
        {t('console.impersonate.button')}
      </button>
      <Dialog title={t('console.impersonate.title', { name: tenant.name })} open={open} onClose={close}>
        {grant.data ? (
          <GrantReady grant={grant.data} onClose={close} />
        ) : (
          <form onSubmit={submit} noValidate data-testid="impersonate-form">
            <p>{t('console.impersonate.body')}</p>
            <Field
              id={ids.reason}
              label={t('console.impersonate.reason')}
              hint={
                <span id={`${ids.reason}-hint`} className={short ? 'form-error console-field-hint' : 'hint console-field-hint'}>
                  {t('console.impersonate.reasonHint', { min: REASON_MIN })}
                </span>
              }
            >
              <textarea
                id={ids.reason}
                className="console-reason"
                required
                minLength={REASON_MIN}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={short || undefined}
                aria-describedby={`${ids.reason}-hint`}
                data-autofocus
              />
            </Field>
            <label className="field">
              <span>{t('console.impersonate.user')}</span>
              <input id={ids.email} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} placeholder={t('console.impersonate.userPlaceholder')} />
            </label>
            {failure && (
              <p className="form-error" role="alert">
                {failure}
              </p>
            )}
            <div className="btn-row dialog-actions">
              <button type="submit" className="btn btn-primary" disabled={grant.isPending}>
                {grant.isPending ? t('console.working') : t('console.impersonate.submit')}
              </button>
              <button type="button" className="btn" onClick={close}>
                {t('action.cancel')}
              </button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}

export function DeleteAction({ tenant }: { tenant: ConsoleTenant }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const hintId = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const suspended = tenant.status === 'suspended';
  const remove = useMutation({
    mutationFn: () => api<DeletedTenant>(tenantPath(tenant.id), { method: 'DELETE', body: { confirm: typed } }),
    onSuccess: (r) => {
      navigate('/', { state: { deleted: { id: r.tenant_id, rows: r.total_rows } } });
      qc.removeQueries({ queryKey: keys.tenant(tenant.id) });
      void qc.invalidateQueries({ queryKey: keys.dashboard });
    },
  });
  const close = () => {
    setOpen(false);
    setTyped('');
    remove.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed === tenant.id) remove.mutate();
  };
  return (
    <>
      <button type="button" className="btn btn-danger" disabled={!suspended} aria-describedby={suspended ? undefined : hintId} onClick={() => setOpen(true)} data-testid="delete">
        {t('console.delete.button')}
      </button>
      {!suspended && (
        <span id={hintId} className="hint console-inline-hint">
          {t('console.delete.suspendFirst')}
        </span>
      )}
      <Dialog title={t('console.delete.title', { name: tenant.name })} open={open} onClose={close}>
        <form onSubmit={submit} data-testid="delete-dialog">
          <p>{t('console.delete.body', { name: tenant.name })}</p>
          <p className="console-warning">{t('console.delete.irreversible')}</p>
          <label className="field">
            <span>{t('console.delete.typeId', { id: tenant.id })}</span>
            <input
              type="text"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={typed !== '' && typed !== tenant.id ? true : undefined}
              data-testid="delete-confirm"
              data-autofocus
            />
          </label>
          <FormError error={remove.error} />
          <div className="btn-row dialog-actions">
            <button type="submit" className="btn btn-danger" disabled={typed !== tenant.id || remove.isPending}>
              {remove.isPending ? t('console.working') : t('console.delete.confirm')}
            </button>
            <button type="button" className="btn" onClick={close}>
              {t('action.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
