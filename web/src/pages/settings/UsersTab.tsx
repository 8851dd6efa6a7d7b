/**
 * Users and roles. Managers see the list; owners also change roles, disable and enable users
 * (both end the user's sessions at once) and manage invitations.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { atLeast, useMe, type Role } from '../../app/session';
import { QueryView } from '../../components/State';
import { Dialog } from '../../components/Dialog';
import { ConfirmDialog, useFocusReturn } from './ConfirmDialog';
import { ActionError, Notice } from './feedback';
import { InvitesSection } from './InvitesSection';
import { Pager } from '../../components/Pager';
import { ROLE_OPTIONS, type User } from './types';

const LIMIT = 50;

function RoleDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const t = useT();
  const [role, setRole] = useState<Role>(user.role);
  const change = useMutation({
    mutationFn: () => api<User>(`/users/${user.id}`, { method: 'PATCH', body: { role } }),
    onSuccess: onDone,
  });
  useFocusReturn();
  return (
    <Dialog title={t('settings.users.roleTitle', { email: user.email })} open onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (role === user.role) onClose();
          else change.mutate();
        }}
      >
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
        <p className="hint">{t('settings.users.roleHint')}</p>
        <ActionError error={change.error} />
        <div className="btn-row dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={change.isPending}>
            {t('action.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('action.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DisableDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const t = useT();
  const disable = useMutation({
    mutationFn: () => api<User>(`/users/${user.id}`, { method: 'PATCH', body: { status: 'disabled' } }),
    onSuccess: onDone,
  });
  return (
    <ConfirmDialog
      title={t('settings.users.disableTitle', { email: user.email })}
      confirmLabel={t('settings.users.disable')}
      busy={disable.isPending}
      error={disable.error}
      onConfirm={() => disable.mutate()}
      onClose={onClose}
    >
      <p>{t('settings.users.disableBody')}</p>
    </ConfirmDialog>
  );
}

function UsersList() {
  const t = useT();
  const f = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const canManage = atLeast(me.role, 'owner');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<User | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['users', search, offset],
    queryFn: () => api<Page<User>>('/users', { query: { q: search, limit: LIMIT, offset } }),
    placeholderData: (previous) => previous,
  });
  const enable = useMutation({
    mutationFn: (u: User) => api<User>(`/users/${u.id}`, { method: 'PATCH', body: { status: 'active' } }),
    onSuccess: (u) => done(t('settings.users.enabled', { email: u.email })),
  });
  const done = (message: string) => {
    setEditing(null);
    setDisabling(null);
    setNotice(message);
    void qc.invalidateQueries({ queryKey: ['users'] });
    void qc.invalidateQueries({ queryKey: ['audit'] });
  };
  return (
    <section aria-labelledby="users-list-title">
      <h3 id="users-list-title">{t('settings.users.listTitle')}</h3>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setSearch(q.trim());
        }}
      >
        <label className="field">
          <span>{t('settings.users.search')}</span>
          <input type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit" className="btn">
          {t('action.search')}
        </button>
      </form>
      <Notice message={notice} />
      <ActionError error={enable.error} />
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('settings.users.empty')}>
        {(page) => (
          <>
            <div className="table-wrap">
              <table className="cards-on-phone" data-testid="users-table">
                <caption className="sr-only">{t('settings.users.listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('settings.users.email')}</th>
                    <th scope="col">{t('settings.users.name')}</th>
                    <th scope="col">{t('settings.users.role')}</th>
                    <th scope="col">{t('settings.users.status')}</th>
                    <th scope="col">{t('settings.users.lastLogin')}</th>
                    {canManage && <th scope="col">{t('settings.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((u) => {
                    const self = me.user?.id === u.id;
                    return (
                      <tr key={u.id} data-testid="user-row" data-email={u.email}>
                        <td data-label={t('settings.users.email')}>
                          <span className="settings-email">
                            {u.email}
                            {self && <span className="badge">{t('settings.users.you')}</span>}
                          </span>
                        </td>
                        <td data-label={t('settings.users.name')}>{u.name ?? '—'}</td>
                        <td data-label={t('settings.users.role')}>{t(`role.${u.role}`)}</td>
                        <td data-label={t('settings.users.status')}>
                          <span className={u.status === 'active' ? 'badge badge-ok' : 'badge badge-danger'}>{t(`settings.users.status.${u.status}`)}</span>
                        </td>
                        <td data-label={t('settings.users.lastLogin')}>{u.last_login_at ? f.dateTime(u.last_login_at) : t('settings.never')}</td>
                        {canManage && (
                          <td data-label={t('settings.actions')}>
                            {self ? (
                              <span className="hint settings-inline-hint">{t('settings.users.selfHint')}</span>
                            ) : (
                              <span className="btn-row">
                                <button type="button" className="btn" onClick={() => setEditing(u)} aria-label={t('settings.users.changeRoleOf', { email: u.email })}>
                                  {t('settings.users.changeRole')}
                                </button>
                                {u.status === 'active' ? (
                                  <button type="button" className="btn btn-danger" onClick={() => setDisabling(u)} aria-label={t('settings.users.disableOf', { email: u.email })}>
                                    {t('settings.users.disable')}
                                  </button>
                                ) : (
                                  <button
                                    type="button"
                                    className="btn"
                                    disabled={enable.isPending}
                                    onClick={() => enable.mutate(u)}
                                    aria-label={t('settings.users.enableOf', { email: u.email })}
                                  >
                                    {t('settings.users.enable')}
                                  </button>
                                )}
                              </span>
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} label={t('settings.users.pager')} />
          </>
        )}
      </QueryView>
      {editing && (
        <RoleDialog
          user={editing}
          onClose={() => setEditing(null)}
          onDone={(u) => done(t('settings.users.roleChanged', { email: u.email, role: t(`role.${u.role}`) }))}
        />
      )}
      {disabling && <DisableDialog user={disabling} onClose={() => setDisabling(null)} onDone={(u) => done(t('settings.users.disabled', { email: u.email }))} />}
    </section>
  );
}

export default function UsersTab() {
  const t = useT();
  const me = useMe();
  const owner = atLeast(me.role, 'owner');
  return (
    <section aria-labelledby="settings-tab-title">
      <h2 id="settings-tab-title">{t('settings.users.title')}</h2>
      {!owner && <p className="hint">{t('settings.users.managerNote')}</p>}
      <UsersList />
      {owner && <InvitesSection />}
    </section>
  );
}
