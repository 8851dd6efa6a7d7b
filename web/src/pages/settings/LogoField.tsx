/**
 * The tenant's logo: PNG or JPEG up to 512 KB, checked here before anything is sent, uploaded as
 * the raw file (PUT /api/v1/tenant/logo), or removed. The header shows the new logo at once.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useT } from '../../app/i18n';
import { TENANT_KEY, useTenant } from '../../app/session';
import { ConfirmDialog } from './ConfirmDialog';
import { ActionError, Notice } from './feedback';

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export const LOGO_MAX_BYTES = 512 * 1024;

/** Why a file cannot be the logo, or null when it can. */
export function logoProblem(file: Pick<File, 'type' | 'size'>): 'type' | 'size' | null {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > LOGO_MAX_BYTES) return 'size';
  return null;
}

export function LogoField({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const tenant = useTenant();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: TENANT_KEY });
    onChanged();
  };
  const upload = useMutation({
    // The raw file is the body; fetch sends the file's own type (image/png or image/jpeg) as content-type.
    mutationFn: (f: File) => api<unknown>('/tenant/logo', { method: 'PUT', body: new Blob([f], { type: f.type }) }),
    onSuccess: () => {
      setFile(null);
      if (input.current) input.current.value = '';
      setNotice(t('settings.logo.uploaded'));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api<unknown>('/tenant/logo', { method: 'DELETE' }),
    onSuccess: () => {
      setConfirming(false);
      setNotice(t('settings.logo.removed'));
      refresh();
    },
  });

  const choose = (f: File | undefined) => {
    setNotice(null);
    upload.reset();
    if (!f) {
      setFile(null);
      setProblem(null);
      return;
    }
    const why = logoProblem(f);
    if (why) {
      setFile(null);
      setProblem(why === 'type' ? t('settings.logo.badType', { name: f.name }) : t('settings.logo.tooBig', { name: f.name, size: Math.ceil(f.size / 1024) }));
      if (input.current) input.current.value = '';
      return;
    }
    setProblem(null);
    setFile(f);
  };

  return (
    <section className="card settings-form" aria-labelledby="logo-title">
      <h3 id="logo-title">{t('settings.logo.title')}</h3>
      <div className="settings-logo">
        <div className="settings-logo-current">
          {preview ?? tenant.logoUrl ? (
            <img src={preview ?? tenant.logoUrl ?? ''} alt={preview ? t('settings.logo.previewAlt') : t('settings.logo.currentAlt')} width={64} height={64} />
          ) : (
            <span className="hint">{t('settings.logo.none')}</span>
          )}
        </div>
        <div>
          <label className="field">
            <span>{t('settings.logo.choose')}</span>
            <input ref={input} type="file" accept="image/png,image/jpeg" data-testid="logo-input" aria-describedby="logo-hint" onChange={(e) => choose(e.target.files?.[0])} />
          </label>
          <p id="logo-hint" className="hint">
            {t('settings.logo.hint')}
          </p>
        </div>
      </div>
      {problem && (
        <p className="form-error" role="alert" data-testid="logo-problem">
          {problem}
        </p>
      )}
      <ActionError error={upload.error} />
      <div className="btn-row">
        <button type="button" className="btn btn-primary" disabled={!file || upload.isPending} onClick={() => file && upload.mutate(file)}>
          {upload.isPending ? t('settings.saving') : t('settings.logo.upload')}
        </button>
        {tenant.logoUrl && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            {t('settings.logo.remove')}
          </button>
        )}
      </div>
      <Notice message={notice} />
      {confirming && (
        <ConfirmDialog
          title={t('settings.logo.removeTitle')}
          confirmLabel={t('settings.logo.remove')}
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
          onClose={() => {
            setConfirming(false);
            remove.reset();
          }}
        >
          <p>{t('settings.logo.removeBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
