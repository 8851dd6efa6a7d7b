/**
 * The tenant's name, plan and features (PATCH /api/v1/admin/tenants/:id): only what changed is
 * sent. A feature turned off hides its pages for the tenant's users at once and its API answers
 * 403 feature_disabled; the plan sets the tenant's request limit.
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import { useT } from '../app/i18n';
import { FormError } from '../components/State';
import { FEATURES, PLANS, tenantPath, useRefreshTenant, type ConsoleTenant, type Plan, type TenantPatch } from './api';
import { Notice } from './parts';

export function PlanForm({ tenant }: { tenant: ConsoleTenant }) {
  const t = useT();
  const refresh = useRefreshTenant();
  const [name, setName] = useState(tenant.name);
  const [plan, setPlan] = useState<Plan>(tenant.plan);
  const [features, setFeatures] = useState<string[]>(tenant.settings.features);
  const [notice, setNotice] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (patch: TenantPatch) => api<ConsoleTenant>(tenantPath(tenant.id), { method: 'PATCH', body: patch }),
    onSuccess: () => {
      setNotice(t('console.planForm.saved'));
      refresh(tenant.id);
    },
  });
  const sameFeatures = (a: string[], b: string[]) => a.length === b.length && a.every((f) => b.includes(f));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const trimmed = name.trim();
    if (trimmed === '') {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const patch: TenantPatch = {};
    if (trimmed !== tenant.name) patch.name = trimmed;
    if (plan !== tenant.plan) patch.plan = plan;
    if (!sameFeatures(features, tenant.settings.features)) patch.settings = { features: FEATURES.filter((f) => features.includes(f)) };
    if (Object.keys(patch).length === 0) {
      setNotice(t('console.planForm.unchanged'));
      return;
    }
    save.mutate(patch);
  };
  const toggle = (f: string, on: boolean) => setFeatures((cur) => (on ? [...cur.filter((x) => x !== f), f] : cur.filter((x) => x !== f)));
  return (
    <form className="card console-section" onSubmit={submit} noValidate data-testid="plan-form" aria-labelledby="plan-title">
      <h2 id="plan-title">{t('console.planForm.title')}</h2>
      <div className="console-fields">
        <label className="field">
          <span>{t('console.form.name')}</span>
          <input type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={invalid || undefined} />
        </label>
        <label className="field">
          <span>{t('console.form.plan')}</span>
          <select value={plan} onChange={(e) => setPlan(e.target.value as Plan)} data-testid="plan-select">
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {t(`console.plan.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="console-checks">
        <legend>{t('console.form.features')}</legend>
        {FEATURES.map((f) => (
          <label key={f} className="settings-check">
            <input type="checkbox" checked={features.includes(f)} onChange={(e) => toggle(f, e.target.checked)} />
            <span>{t(`console.feature.${f}`)}</span>
          </label>
        ))}
      </fieldset>
      {invalid && (
        <p className="form-error" role="alert">
          {t('console.form.nameRequired')}
        </p>
      )}
      <FormError error={save.error} />
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('console.working') : t('action.save')}
        </button>
      </div>
      <Notice message={notice} />
    </form>
  );
}
