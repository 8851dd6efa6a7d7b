/**
 * Onboarding (POST /api/v1/admin/tenants): the id, checked live with the server's own rule
 * (src/shared/tenancy.ts: a DNS label, not a reserved name) and against the tenants already
 * listed; name, plan, region, features, colours with a preview, a logo (PNG or JPEG up to 512 KB,
 * checked here by type, size and content before it is sent; the server decides again), and the
 * first owner. The new site answers at once: the page shows its address and the owner's
 * single-use invitation link.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tenantIdProblem } from '../../../src/shared/tenancy';
import { isHexColor, readableOn } from '../../../src/shared/colors';
import { api, ApiError } from '../app/api';
import { useI18n } from '../app/i18n';
import { tenantAddress } from '../app/tenant';
import { FormError } from '../components/State';
import { ColorField } from '../pages/settings/ColorField';
import { CopyButton } from '../pages/settings/CopyButton';
import { LOGO_MAX_BYTES, logoProblem } from '../pages/settings/LogoField';
import { FEATURES, keys, PLANS, useDashboard, type CreatedTenant, type NewTenantBody, type Plan } from './api';
import { useConsoleFormat } from './format';
import { Field } from './parts';
import { suggestId } from './text';
import { useTitle } from './useTitle';

const LOCALES = ['es-VE', 'es-CO', 'es-MX', 'es-ES', 'es-AR', 'es-CL', 'es-PE', 'en-US', 'en-GB'];
const CURRENCIES = ['VES', 'USD', 'COP', 'MXN', 'EUR', 'ARS', 'CLP', 'PEN', 'BRL', 'GBP'];
const DEFAULT_PRIMARY = '#4f46e5';
const DEFAULT_SECONDARY = '#4338ca';
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;
const CURRENCY = /^[A-Z]{3}$/;

interface Logo {
  name: string;
  contentType: 'image/png' | 'image/jpeg';
  base64: string;
  dataUrl: string;
}

interface Draft {
  id: string;
  /** The id follows the name until the operator edits it. */
  idEdited: boolean;
  name: string;
  plan: Plan;
  currency: string;
  timezone: string;
  locale: string;
  features: string[];
  showVenezuelanTaxes: boolean;
  primaryColor: string;
  secondaryColor: string;
  ownerEmail: string;
  ownerName: string;
}

function timeZones(): string[] {
  try {
    return [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();
  } catch {
    return ['America/Caracas', 'America/Bogota', 'America/Mexico_City', 'America/New_York', 'Europe/Madrid', 'UTC'];
  }
}

function initialDraft(lang: string, zones: string[]): Draft {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    id: '',
    idEdited: false,
    name: '',
    plan: 'standard',
    currency: lang === 'es' ? 'VES' : 'USD',
    timezone: zones.includes(browserZone) ? browserZone : 'UTC',
    locale: lang === 'es' ? 'es-VE' : 'en-US',
    features: ['inventory', 'sales'],
    showVenezuelanTaxes: false,
    primaryColor: DEFAULT_PRIMARY,
    secondaryColor: DEFAULT_SECONDARY,
    ownerEmail: '',
    ownerName: '',
  };
}

/** The file's first bytes: a PNG or JPEG signature, whatever its name or declared type says. */
async function sniffImage(file: File): Promise<'image/png' | 'image/jpeg' | null> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => head[i] === b)) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  return null;
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

function Preview({ draft, logo }: { draft: Draft; logo: Logo | null }) {
  const { t } = useI18n();
  const primary = isHexColor(draft.primaryColor) ? draft.primaryColor : DEFAULT_PRIMARY;
  const secondary = isHexColor(draft.secondaryColor) ? draft.secondaryColor : primary;
  return (
    <figure className="settings-preview" aria-labelledby="new-preview-caption" data-testid="new-preview">
      <figcaption id="new-preview-caption">{t('console.new.preview')}</figcaption>
      <div className="settings-preview-bar" style={{ background: primary, color: readableOn(primary) }} data-testid="new-preview-bar">
        {logo ? (
          <img className="logo" src={logo.dataUrl} alt="" width={28} height={28} />
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

function Created({ created, onAnother }: { created: CreatedTenant; onAnother: () => void }) {
  const { t } = useI18n();
  const f = useConsoleFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card console-created" aria-labelledby="created-title" data-testid="created">
      <h2 id="created-title" ref={heading} tabIndex={-1}>
        {t('console.new.created', { name: created.tenant.name })}
      </h2>
      <p>{t('console.new.live')}</p>
      <div className="console-created-row">
        <span className="console-created-label">{t('console.new.site')}</span>
        <a href={created.url} target="_blank" rel="noopener noreferrer" data-testid="created-url">
          {created.url}
          <span className="sr-only"> {t('console.newWindow')}</span>
        </a>
        <CopyButton text={created.url} label={t('console.new.copyUrl')} />
      </div>
      <div className="console-created-row console-created-invite">
        <span className="console-created-label">{t('console.new.invite', { email: created.invite.email })}</span>
        <code className="secret" data-testid="invite-url">
          {created.invite.url}
        </code>
        <CopyButton text={created.invite.url} label={t('console.new.copyInvite')} />
        <p className="hint">{t('console.new.inviteHint', { when: f.dateTime(created.invite.expires_at) })}</p>
      </div>
      <div className="btn-row">
        <Link className="btn btn-primary" to={`/tenants/${encodeURIComponent(created.tenant.id)}`} data-testid="created-open">
          {t('console.new.openInConsole')}
        </Link>
        <button type="button" className="btn" onClick={onAnother}>
          {t('console.new.another')}
        </button>
      </div>
    </section>
  );
}

type Problem = 'id' | 'name' | 'currency' | 'colors' | 'email';

export function NewTenantPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const zones = useMemo(timeZones, []);
  const [draft, setDraft] = useState<Draft>(() => initialDraft(lang, zones));
  const [logo, setLogo] = useState<Logo | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [created, setCreated] = useState<CreatedTenant | null>(null);
  const logoInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const ids = { id: useId(), name: useId(), logo: useId(), currency: useId(), email: useId() };
  // The tenants already there, to say "taken" before the server does (the server decides).
  const existing = useDashboard(false).data?.tenants;
  useTitle(t('console.new.title'));

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setName = (name: string) => setDraft((d) => ({ ...d, name, id: d.idEdited ? d.id : suggestId(name) }));

  const idProblem = tenantIdProblem(draft.id);
  const taken = idProblem === null && !!existing?.some((x) => x.id === draft.id);
  const idMessage =
    idProblem === 'empty'
      ? t('console.id.empty')
      : idProblem === 'too_long'
        ? t('console.id.tooLong')
        : idProblem === 'invalid_characters'
          ? t('console.id.invalid')
          : idProblem === 'reserved'
            ? t('console.id.reserved', { id: draft.id })
            : taken
              ? t('console.id.taken', { id: draft.id })
              : null;
  const showIdCheck = draft.id !== '' || problems.includes('id');

  const createTenant = useMutation({
    mutationFn: (body: NewTenantBody) => api<CreatedTenant>('/admin/tenants', { method: 'POST', body }),
    onSuccess: (r) => {
      setCreated(r);
      void qc.invalidateQueries({ queryKey: keys.dashboard });
    },
  });
  const serverIdError = createTenant.error instanceof ApiError && ['invalid_tenant_id', 'already_exists'].includes(createTenant.error.code);

  const chooseLogo = async (file: File | undefined) => {
    setLogoError(null);
    setLogo(null);
    if (!file) return;
    const reject = (message: string) => {
      setLogoError(message);
      if (logoInput.current) logoInput.current.value = '';
    };
    const why = logoProblem(file);
    if (why === 'type') return reject(t('console.logo.badType', { name: file.name }));
    if (why === 'size') return reject(t('console.logo.tooBig', { name: file.name, size: Math.ceil(file.size / 1024), max: LOGO_MAX_BYTES / 1024 }));
    const sniffed = await sniffImage(file);
    if (sniffed === null) return reject(t('console.logo.notImage', { name: file.name }));
    const dataUrl = await readDataUrl(file);
    setLogo({ name: file.name, contentType: sniffed, base64: dataUrl.slice(dataUrl.indexOf(',') + 1), dataUrl });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Problem[] = [];
    if (idProblem !== null || taken) found.push('id');
    if (draft.name.trim() === '') found.push('name');
    if (!CURRENCY.test(draft.currency)) found.push('currency');
    if (!isHexColor(draft.primaryColor) || !isHexColor(draft.secondaryColor)) found.push('colors');
    if (!EMAIL.test(draft.ownerEmail.trim())) found.push('email');
    setProblems(found);
    if (found.length > 0) return;
    const body: NewTenantBody = {
      id: draft.id,
      name: draft.name.trim(),
      plan: draft.plan,
      settings: {
        currency: draft.currency,
        timezone: draft.timezone,
        locale: draft.locale,
        features: FEATURES.filter((f) => draft.features.includes(f)),
        primaryColor: draft.primaryColor.toLowerCase(),
        secondaryColor: draft.secondaryColor.toLowerCase(),
        showVenezuelanTaxes: draft.showVenezuelanTaxes,
      },
      owner: { email: draft.ownerEmail.trim(), ...(draft.ownerName.trim() ? { name: draft.ownerName.trim() } : {}) },
      ...(logo ? { logo: { content_type: logo.contentType, data_base64: logo.base64 } } : {}),
    };
    createTenant.mutate(body);
  };

  // Focus the first field at fault once the problems are on screen (its message is next to it).
  useEffect(() => {
    if (problems.length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const another = () => {
    setCreated(null);
    setDraft(initialDraft(lang, zones));
    setLogo(null);
    setLogoError(null);
    setProblems([]);
    createTenant.reset();
  };

  if (created) {
    return (
      <div className="console-new">
        <h1>{t('console.new.title')}</h1>
        <Created created={created} onAnother={another} />
      </div>
    );
  }

  const invalid = (p: Problem) => (problems.includes(p) ? true : undefined);
  const localeList = LOCALES.includes(draft.locale) ? LOCALES : [draft.locale, ...LOCALES];

  return (
    <div className="console-new">
      <h1>{t('console.new.title')}</h1>
      <p className="hint">{t('console.new.lead')}</p>
      <form ref={form} onSubmit={submit} noValidate data-testid="new-tenant-form">
        <section className="card console-section" aria-labelledby="new-identity">
          <h2 id="new-identity">{t('console.new.identity')}</h2>
          <div className="console-fields">
            <Field
              id={ids.name}
              label={t('console.form.name')}
              error={problems.includes('name') && <span id={`${ids.name}-error`} className="form-error">{t('console.form.nameRequired')}</span>}
            >
              <input
                id={ids.name}
                type="text"
                required
                maxLength={200}
                value={draft.name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={invalid('name')}
                aria-describedby={problems.includes('name') ? `${ids.name}-error` : undefined}
                data-testid="new-name"
              />
            </Field>
            <Field
              id={ids.id}
              label={t('console.form.id')}
              hint={
                <span id={`${ids.id}-hint`} className="hint console-field-hint">
                  {t('console.id.hint')}
                </span>
              }
              error={
                <span id={`${ids.id}-check`} className={idMessage ? 'form-error console-id-check' : 'console-ok console-id-check'} aria-live="polite" data-testid="id-check">
                  {showIdCheck ? idMessage ?? t('console.id.ok', { url: tenantAddress(draft.id) }) : ''}
                </span>
              }
            >
              <input
                id={ids.id}
                type="text"
                required
                maxLength={63}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                value={draft.id}
                onChange={(e) => setDraft((d) => ({ ...d, id: e.target.value.toLowerCase(), idEdited: e.target.value !== '' }))}
                aria-invalid={showIdCheck && (idMessage !== null || serverIdError) ? true : undefined}
                aria-describedby={`${ids.id}-check ${ids.id}-hint`}
                data-testid="new-id"
              />
            </Field>
            <label className="field">
              <span>{t('console.form.plan')}</span>
              <select value={draft.plan} onChange={(e) => set('plan', e.target.value as Plan)} data-testid="new-plan">
                {PLANS.map((p) => (
                  <option key={p} value={p}>
                    {t(`console.plan.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </section>

        <section className="card console-section" aria-labelledby="new-region">
          <h2 id="new-region">{t('console.new.region')}</h2>
          <div className="console-fields">
            <Field
              id={ids.currency}
              label={t('console.form.currency')}
              error={problems.includes('currency') && <span id={`${ids.currency}-error`} className="form-error">{t('console.form.currencyInvalid')}</span>}
            >
              <input
                id={ids.currency}
                aria-describedby={problems.includes('currency') ? `${ids.currency}-error` : undefined}
                type="text"
                list={`${ids.currency}-list`}
                maxLength={3}
                autoComplete="off"
                value={draft.currency}
                onChange={(e) => set('currency', e.target.value.toUpperCase().trim())}
                aria-invalid={invalid('currency')}
                data-testid="new-currency"
              />
              <datalist id={`${ids.currency}-list`}>
                {CURRENCIES.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </Field>
            <label className="field">
              <span>{t('console.form.timezone')}</span>
              <select value={draft.timezone} onChange={(e) => set('timezone', e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('console.form.locale')}</span>
              <select value={draft.locale} onChange={(e) => set('locale', e.target.value)} data-testid="new-locale">
                {localeList.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="settings-check">
            <input type="checkbox" checked={draft.showVenezuelanTaxes} onChange={(e) => set('showVenezuelanTaxes', e.target.checked)} />
            <span>{t('console.form.taxes')}</span>
          </label>
        </section>

        <fieldset className="card console-section console-checks">
          <legend>{t('console.form.features')}</legend>
          {FEATURES.map((f) => (
            <label key={f} className="settings-check">
              <input
                type="checkbox"
                checked={draft.features.includes(f)}
                onChange={(e) => set('features', e.target.checked ? [...draft.features.filter((x) => x !== f), f] : draft.features.filter((x) => x !== f))}
              />
              <span>{t(`console.feature.${f}`)}</span>
            </label>
          ))}
        </fieldset>

        <section className="card console-section" aria-labelledby="new-branding">
          <h2 id="new-branding">{t('console.new.branding')}</h2>
          <div className="settings-branding-grid">
            <div>
              <ColorField name="primary" label={t('console.form.primary')} value={draft.primaryColor} fallback={DEFAULT_PRIMARY} onChange={(v) => set('primaryColor', v)} />
              <ColorField name="secondary" label={t('console.form.secondary')} value={draft.secondaryColor} fallback={DEFAULT_SECONDARY} onChange={(v) => set('secondaryColor', v)} />
              <label className="field">
                <span>{t('console.form.logo')}</span>
                <input
                  ref={logoInput}
                  type="file"
                  accept="image/png,image/jpeg"
                  aria-describedby={`${ids.logo}-hint`}
                  onChange={(e) => void chooseLogo(e.target.files?.[0])}
                  data-testid="new-logo"
                />
              </label>
              <p id={`${ids.logo}-hint`} className="hint">
                {logo ? t('console.logo.chosen', { name: logo.name }) : t('console.logo.hint')}
              </p>
              {logo && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setLogo(null);
                    if (logoInput.current) logoInput.current.value = '';
                  }}
                >
                  {t('console.logo.remove')}
                </button>
              )}
              {logoError && (
                <p className="form-error" role="alert" data-testid="logo-error">
                  {logoError}
                </p>
              )}
            </div>
            <Preview draft={draft} logo={logo} />
          </div>
        </section>

        <section className="card console-section" aria-labelledby="new-owner">
          <h2 id="new-owner">{t('console.new.owner')}</h2>
          <p className="hint">{t('console.new.ownerHint')}</p>
          <div className="console-fields">
            <Field
              id={ids.email}
              label={t('console.form.ownerEmail')}
              error={problems.includes('email') && <span id={`${ids.email}-error`} className="form-error">{t('console.form.emailInvalid')}</span>}
            >
              <input
                id={ids.email}
                type="email"
                required
                autoComplete="off"
                value={draft.ownerEmail}
                onChange={(e) => set('ownerEmail', e.target.value)}
                aria-invalid={invalid('email')}
                aria-describedby={problems.includes('email') ? `${ids.email}-error` : undefined}
                data-testid="new-owner-email"
              />
            </Field>
            <label className="field">
              <span>{t('console.form.ownerName')}</span>
              <input type="text" maxLength={200} autoComplete="off" value={draft.ownerName} onChange={(e) => set('ownerName', e.target.value)} data-testid="new-owner-name" />
            </label>
          </div>
        </section>

        {problems.length > 0 && (
          <p className="form-error" role="alert">
            {t('console.form.fix')}
          </p>
        )}
        <FormError error={createTenant.error} />
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={createTenant.isPending} data-testid="new-submit">
            {createTenant.isPending ? t('console.new.creating') : t('console.new.create')}
          </button>
          <Link to="/" className="btn">
            {t('action.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
