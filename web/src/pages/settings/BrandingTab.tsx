/**
 * Branding and regional settings (owners): the company name, colours with a live preview of the
 * header (text colour picked for contrast), logo, locale, time zone, Venezuelan taxes and whether
 * platform support may impersonate users. Saving updates the header at once.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isHexColor, readableOn } from '../../../../src/shared/colors';
import { api } from '../../app/api';
import { useI18n, useT } from '../../app/i18n';
import { TENANT_KEY } from '../../app/session';
import { QueryView } from '../../components/State';
import { ColorField } from './ColorField';
import { ActionError, Notice } from './feedback';
import { LogoField } from './LogoField';
import type { SettingsPatch, TenantSettings } from './types';

const SETTINGS_KEY = ['tenant-settings'] as const;
const LOCALES = ['es-VE', 'es-CO', 'es-MX', 'es-ES', 'es-AR', 'es-CL', 'es-PE', 'en-US', 'en-GB'];

type Draft = Required<SettingsPatch>;

function draftOf(s: TenantSettings): Draft {
  return {
    name: s.name,
    primaryColor: s.primaryColor,
    secondaryColor: s.secondaryColor,
    locale: s.locale,
    timezone: s.timezone,
    showVenezuelanTaxes: s.showVenezuelanTaxes,
    allowImpersonation: s.allowImpersonation,
  };
}

/** Only what changed is sent, so an unchanged policy never meets a refusal. */
function changes(saved: Draft, draft: Draft): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(draft) as Array<keyof Draft>) {
    const colour = k === 'primaryColor' || k === 'secondaryColor';
    const a = colour ? String(draft[k]).toLowerCase() : draft[k];
    const b = colour ? String(saved[k]).toLowerCase() : saved[k];
    if (a !== b) patch[k] = a;
  }
  return patch as SettingsPatch;
}

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['America/Caracas', 'America/Bogota', 'America/Mexico_City', 'America/New_York', 'Europe/Madrid', 'UTC'];
  }
  const all = new Set([...zones, 'UTC', current]);
  return [...all].sort();
}

function Preview({ draft, logoUrl }: { draft: Draft; logoUrl: string | null }) {
  const t = useT();
  const primary = isHexColor(draft.primaryColor) ? draft.primaryColor : '#4f46e5';
  const secondary = isHexColor(draft.secondaryColor) ? draft.secondaryColor : primary;
  return (
    <figure className="settings-preview" aria-labelledby="preview-caption" data-testid="branding-preview">
      <figcaption id="preview-caption">{t('settings.branding.preview')}</figcaption>
      <div className="settings-preview-bar" style={{ background: primary, color: readableOn(primary) }} data-testid="preview-bar">
        {logoUrl ? (
          <img className="logo" src={logoUrl} alt="" width={28} height={28} />
        ) : (
          <span className="logo logo-initial" aria-hidden="true" style={{ width: 28, height: 28, background: secondary, color: readableOn(secondary), borderColor: readableOn(primary) }}>
            {(draft.name || '?').slice(0, 1).toUpperCase()}
          </span>
        )}
        <strong className="settings-preview-name">{draft.name || '—'}</strong>
      </div>
      <div className="settings-preview-body">
        <span className="settings-preview-button" style={{ background: primary, color: readableOn(primary) }}>
          {t('settings.branding.sampleButton')}
        </span>
        <span className="settings-preview-button" style={{ background: secondary, color: readableOn(secondary) }}>
          {t('settings.branding.sampleSecondary')}
        </span>
      </div>
    </figure>
  );
}

function BrandingForm({ settings }: { settings: TenantSettings }) {
  const t = useT();
  const { lang } = useI18n();
  const qc = useQueryClient();
  const saved = useMemo(() => draftOf(settings), [settings]);
  const [draft, setDraft] = useState<Draft>(saved);
  const [notice, setNotice] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setNotice(null);
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const zones = useMemo(() => timeZones(draft.timezone), [draft.timezone]);
  const localeNames = useMemo(() => {
    try {
      const names = new Intl.DisplayNames([lang], { type: 'language' });
      return (l: string) => `${names.of(l) ?? l} (${l})`;
    } catch {
      return (l: string) => l;
    }
  }, [lang]);
  const locales = LOCALES.includes(draft.locale) ? LOCALES : [draft.locale, ...LOCALES];

  const save = useMutation({
    mutationFn: (patch: SettingsPatch) => api<TenantSettings>('/tenant/settings', { method: 'PATCH', body: patch }),
    onSuccess: (next) => {
      qc.setQueryData(SETTINGS_KEY, next);
      setDraft(draftOf(next));
      setNotice(t('settings.branding.saved'));
      // The header, colours, language and formats follow at once.
      void qc.invalidateQueries({ queryKey: TENANT_KEY });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!isHexColor(draft.primaryColor) || !isHexColor(draft.secondaryColor) || draft.name.trim() === '') {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const patch = changes(saved, { ...draft, name: draft.name.trim() });
    if (Object.keys(patch).length === 0) {
      setNotice(t('settings.branding.unchanged'));
      return;
    }
    save.mutate(patch);
  };

  return (
    <form className="settings-branding" onSubmit={submit} data-testid="branding-form" noValidate>
      <div className="settings-branding-grid">
        <div className="card settings-form">
          <h3>{t('settings.branding.identity')}</h3>
          <label className="field">
            <span>{t('settings.branding.name')}</span>
            <input type="text" required maxLength={200} value={draft.name} onChange={(e) => set('name', e.target.value)} aria-invalid={draft.name.trim() === '' || undefined} />
          </label>
          <ColorField name="primary" label={t('settings.branding.primary')} value={draft.primaryColor} fallback={saved.primaryColor} onChange={(v) => set('primaryColor', v)} />
          <ColorField name="secondary" label={t('settings.branding.secondary')} value={draft.secondaryColor} fallback={saved.secondaryColor} onChange={(v) => set('secondaryColor', v)} />
          <p className="hint">{t('settings.branding.contrastHint')}</p>
        </div>
        <Preview draft={draft} logoUrl={settings.logoUrl} />
      </div>
      <div className="card settings-form">
        <h3>{t('settings.branding.regional')}</h3>
        <div className="settings-fields">
          <label className="field">
            <span>{t('settings.branding.locale')}</span>
            <select value={draft.locale} onChange={(e) => set('locale', e.target.value)}>
              {locales.map((l) => (
                <option key={l} value={l}>
                  {localeNames(l)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('settings.branding.timezone')}</span>
            <select value={draft.timezone} onChange={(e) => set('timezone', e.target.value)}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="hint">{t('settings.branding.currency', { currency: settings.currency })}</p>
        <label className="settings-check">
          <input type="checkbox" checked={draft.showVenezuelanTaxes} onChange={(e) => set('showVenezuelanTaxes', e.target.checked)} aria-describedby="taxes-hint" />
          <span>{t('settings.branding.taxes')}</span>
        </label>
        <p id="taxes-hint" className="hint">
          {t('settings.branding.taxesHint')}
        </p>
        <label className="settings-check">
          <input type="checkbox" checked={draft.allowImpersonation} onChange={(e) => set('allowImpersonation', e.target.checked)} aria-describedby="impersonation-hint" />
          <span>{t('settings.branding.impersonation')}</span>
        </label>
        <p id="impersonation-hint" className="hint">
          {t('settings.branding.impersonationHint')}
        </p>
      </div>
      {invalid && (
        <p className="form-error" role="alert">
          {t('settings.branding.invalid')}
        </p>
      )}
      <ActionError error={save.error} />
      <div className="btn-row settings-save">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('settings.saving') : t('action.save')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(saved);
            setInvalid(false);
            save.reset();
          }}
        >
          {t('settings.branding.reset')}
        </button>
      </div>
      <Notice message={notice} />
    </form>
  );
}

export default function BrandingTab() {
  const t = useT();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<TenantSettings>('/tenant/settings') });
  return (
    <section aria-labelledby="settings-tab-title">
      <h2 id="settings-tab-title">{t('settings.branding.title')}</h2>
      <QueryView query={query}>
        {(settings) => (
          <>
            <BrandingForm settings={settings} />
            <LogoField onChanged={() => void qc.invalidateQueries({ queryKey: SETTINGS_KEY })} />
          </>
        )}
      </QueryView>
    </section>
  );
}
