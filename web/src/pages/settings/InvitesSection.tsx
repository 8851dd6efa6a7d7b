/**
 * Invitations (owners): invite an email with a role, show the single-use link once to copy and
 * send, list the pending ones and revoke them.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import type { Role } from '../../app/session';
import { QueryView } from '../../components/State';
import { ConfirmDialog } from './ConfirmDialog';
import { CopyButton } from './CopyButton';
import { ActionError, Notice } from './feedback';
import { ROLE_OPTIONS, type CreatedInvite, type Invite } from './types';

const INVITES_KEY = ['invites'] as const;

function InviteForm({ onCreated }: { onCreated: (invite: CreatedInvite) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const create = useMutation({
    mutationFn: () => api<CreatedInvite>('/users/invites', { method: 'POST', body: { email: email.trim(), role } }),
    onSuccess: (invite) => {
      setEmail('');
      onCreated(invite);
      void qc.invalidateQueries({ queryKey: INVITES_KEY });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card settings-form" onSubmit={submit} data-testid="invite-form">
      <h4>{t('settings.invites.formTitle')}</h4>
      <div className="settings-fields">
        <label className="field">
          <span>{t('settings.invites.email')}</span>
          <input type="email" required autoComplete="off" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('settings.users.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLE_OPTIONS.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ActionError error={create.error} />
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('settings.saving') : t('settings.invites.submit')}
        </button>
      </div>
    </form>
  );
}

function CreatedLink({ invite, onDismiss }: { invite: CreatedInvite; onDismiss: () => void }) {
  const t = useT();
  const f = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [invite.id]);
  return (
    <div className="card settings-secret" role="region" aria-labelledby="invite-created-title">
      <h4 id="invite-created-title" ref={heading} tabIndex={-1}>{t('settings.invites.createdTitle', { email: invite.email })}</h4>
      <p className="settings-warning">{t('settings.invites.onceWarning', { until: f.dateTime(invite.expires_at) })}</p>
      <code className="secret" data-testid="invite-link">
        {invite.invite_url}
      </code>
      <div className="btn-row">
        <CopyButton text={invite.invite_url} label={t('settings.invites.copy')} />
        <button type="button" className="btn" onClick={onDismiss}>
          {t('settings.done')}
        </button>
      </div>
    </div>
  );
}

function PendingInvites() {
  const t = useT();
  const f = useFormat();
  const qc = useQueryClient();
  const [revoking, setRevoking] = useState<Invite | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({ queryKey: INVITES_KEY, queryFn: () => api<Page<Invite>>('/users/invites', { query: { limit: 200 } }) });
  const revoke = useMutation({
    mutationFn: (invite: Invite) => api<void>(`/users/invites/${invite.id}`, { method: 'DELETE' }),
    onSuccess: (_, invite) => {
      setRevoking(null);
      setNotice(t('settings.invites.revoked', { email: invite.email }));
      void qc.invalidateQueries({ queryKey: INVITES_KEY });
    },
  });
  return (
    <section aria-labelledby="invites-pending-title">
      <h4 id="invites-pending-title">{t('settings.invites.pendingTitle')}</h4>
      <Notice message={notice} />
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('settings.invites.empty')}>
        {(page) => (
          <div className="table-wrap">
            <table className="cards-on-phone" data-testid="invites-table">
              <caption className="sr-only">{t('settings.invites.pendingTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('settings.invites.email')}</th>
                  <th scope="col">{t('settings.users.role')}</th>
                  <th scope="col">{t('settings.invites.invitedBy')}</th>
                  <th scope="col">{t('settings.invites.expires')}</th>
                  <th scope="col">{t('settings.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((i) => (
                  <tr key={i.id} data-testid="invite-row" data-email={i.email}>
                    <td data-label={t('settings.invites.email')}>{i.email}</td>
                    <td data-label={t('settings.users.role')}>{t(`role.${i.role}`)}</td>
                    <td data-label={t('settings.invites.invitedBy')}>{i.invited_by}</td>
                    <td data-label={t('settings.invites.expires')}>{f.dateTime(i.expires_at)}</td>
                    <td data-label={t('settings.actions')}>
                      <button type="button" className="btn btn-danger" onClick={() => setRevoking(i)} aria-label={t('settings.invites.revokeOf', { email: i.email })}>
                        {t('settings.revoke')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      {revoking && (
        <ConfirmDialog
          title={t('settings.invites.revokeTitle', { email: revoking.email })}
          confirmLabel={t('settings.revoke')}
          busy={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={() => {
            setRevoking(null);
            revoke.reset();
          }}
        >
          <p>{t('settings.invites.revokeBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function InvitesSection() {
  const t = useT();
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  return (
    <section aria-labelledby="invites-title" className="settings-section">
      <h3 id="invites-title">{t('settings.invites.title')}</h3>
      <InviteForm onCreated={setCreated} />
      {created && <CreatedLink invite={created} onDismiss={() => setCreated(null)} />}
      <PendingInvites />
    </section>
  );
}
