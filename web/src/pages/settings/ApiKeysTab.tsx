/**
 * API keys (owners): create one for a till or an integration with the role it acts as, see its
 * secret once, and revoke keys that are no longer used.
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
import { Pager } from '../../components/Pager';
import { ROLE_OPTIONS, type ApiKey, type CreatedApiKey } from './types';

const LIMIT = 50;

function KeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const create = useMutation({
    mutationFn: () => api<CreatedApiKey>('/api-keys', { method: 'POST', body: { name: name.trim(), role } }),
    onSuccess: (key) => {
      setName('');
      onCreated(key);
      void qc.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card settings-form" onSubmit={submit} data-testid="apikey-form">
      <h3>{t('settings.keys.formTitle')}</h3>
      <div className="settings-fields">
        <label className="field">
          <span>{t('settings.keys.name')}</span>
          <input type="text" required minLength={1} maxLength={100} autoComplete="off" placeholder={t('settings.keys.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('settings.keys.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLE_OPTIONS.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">{t('settings.keys.roleHint')}</p>
      <ActionError error={create.error} />
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('settings.saving') : t('settings.keys.submit')}
        </button>
      </div>
    </form>
  );
}

function Secret({ created, onDismiss }: { created: CreatedApiKey; onDismiss: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [created.id]);
  return (
    <div className="card settings-secret" role="region" aria-labelledby="key-created-title">
      <h3 id="key-created-title" ref={heading} tabIndex={-1}>
        {t('settings.keys.createdTitle', { name: created.name })}
      </h3>
      <p className="settings-warning">{t('settings.keys.onceWarning')}</p>
      <code className="secret" data-testid="apikey-secret">
        {created.key}
      </code>
      <p className="hint">{t('settings.keys.usage')}</p>
      <div className="btn-row">
        <CopyButton text={created.key} label={t('settings.keys.copy')} />
        <button type="button" className="btn" onClick={onDismiss}>
          {t('settings.keys.stored')}
        </button>
      </div>
    </div>
  );
}

function KeysList() {
  const t = useT();
  const f = useFormat();
  const qc = useQueryClient();
  const [showRevoked, setShowRevoked] = useState(false);
  const [offset, setOffset] = useState(0);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['api-keys', showRevoked, offset],
    queryFn: () => api<Page<ApiKey>>('/api-keys', { query: { status: showRevoked ? undefined : 'active', limit: LIMIT, offset } }),
    placeholderData: (previous) => previous,
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api<void>(`/api-keys/${key.id}`, { method: 'DELETE' }),
    onSuccess: (_, key) => {
      setRevoking(null);
      setNotice(t('settings.keys.revoked', { name: key.name }));
      void qc.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  return (
    <section aria-labelledby="keys-list-title">
      <h3 id="keys-list-title">{t('settings.keys.listTitle')}</h3>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={showRevoked}
          onChange={(e) => {
            setOffset(0);
            setShowRevoked(e.target.checked);
          }}
        />
        <span>{t('settings.keys.showRevoked')}</span>
      </label>
      <Notice message={notice} />
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('settings.keys.empty')}>
        {(page) => (
          <>
            <div className="table-wrap">
              <table className="cards-on-phone" data-testid="apikeys-table">
                <caption className="sr-only">{t('settings.keys.listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('settings.keys.name')}</th>
                    <th scope="col">{t('settings.keys.role')}</th>
                    <th scope="col">{t('settings.keys.prefix')}</th>
                    <th scope="col">{t('settings.keys.createdBy')}</th>
                    <th scope="col">{t('settings.keys.createdAt')}</th>
                    <th scope="col">{t('settings.keys.lastUsed')}</th>
                    <th scope="col">{t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((k) => (
                    <tr key={k.id} data-testid="apikey-row" data-name={k.name}>
                      <td data-label={t('settings.keys.name')}>{k.name}</td>
                      <td data-label={t('settings.keys.role')}>{t(`role.${k.role}`)}</td>
                      <td data-label={t('settings.keys.prefix')}>
                        <code>{k.prefix}…</code>
                      </td>
                      <td data-label={t('settings.keys.createdBy')}>{k.created_by}</td>
                      <td data-label={t('settings.keys.createdAt')}>{f.dateTime(k.created_at)}</td>
                      <td data-label={t('settings.keys.lastUsed')}>{k.last_used_at ? f.dateTime(k.last_used_at) : t('settings.never')}</td>
                      <td data-label={t('settings.actions')}>
                        {k.revoked_at ? (
                          <span className="badge badge-danger" title={f.dateTime(k.revoked_at)}>
                            {t('settings.keys.revokedBadge')}
                          </span>
                        ) : (
                          <button type="button" className="btn btn-danger" onClick={() => setRevoking(k)} aria-label={t('settings.keys.revokeOf', { name: k.name })}>
                            {t('settings.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} label={t('settings.keys.pager')} />
          </>
        )}
      </QueryView>
      {revoking && (
        <ConfirmDialog
          title={t('settings.keys.revokeTitle', { name: revoking.name })}
          confirmLabel={t('settings.revoke')}
          busy={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={() => {
            setRevoking(null);
            revoke.reset();
          }}
        >
          <p>{t('settings.keys.revokeBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export default function ApiKeysTab() {
  const t = useT();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <section aria-labelledby="settings-tab-title">
      <h2 id="settings-tab-title">{t('settings.keys.title')}</h2>
      <p className="hint">{t('settings.keys.intro')}</p>
      <KeyForm onCreated={setCreated} />
      {created && <Secret created={created} onDismiss={() => setCreated(null)} />}
      <KeysList />
    </section>
  );
}
