/** Branded sign-in: the tenant's logo, name and colours before anyone is signed in. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch, TenantLogo } from '../../app/Layout';
import { ME_KEY, useTenant } from '../../app/session';

export default function SignInPage() {
  const tenant = useTenant();
  const { t, error } = useI18n();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api('/auth/login', { method: 'POST', body: { email, password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const failure = login.error instanceof ApiError && login.error.status === 401 ? t('error.invalid_credentials') : login.error ? error(login.error) : null;
  return (
    <div className="centered">
      <main className="card signin">
        <div className="signin-head">
          <TenantLogo size={48} />
          <h1>{t('signin.title', { name: tenant.name })}</h1>
        </div>
        <form onSubmit={submit} noValidate={false}>
          <label className="field">
            <span>{t('signin.email')}</span>
            <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('signin.password')}</span>
            <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
            {login.isPending ? t('signin.busy') : t('signin.submit')}
          </button>
        </form>
        <div className="signin-foot">
          <LanguageSwitch />
        </div>
      </main>
    </div>
  );
}
