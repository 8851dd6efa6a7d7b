/**
 * The platform admin's sign-in (POST /api/v1/admin/auth/login). A wrong email or password (401)
 * and too many attempts (429, with how long to wait) are said plainly, next to the form.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../app/api';
import { useI18n } from '../app/i18n';
import { LanguageSwitch } from '../app/Layout';
import { keys, type AdminMe } from './api';
import { useTitle } from './useTitle';

export function SignInPage() {
  const { t, error } = useI18n();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  useTitle(t('console.signin.title'));
  const login = useMutation({
    mutationFn: () => api<AdminMe>('/admin/auth/login', { method: 'POST', body: { email, password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const err = login.error;
  const failure =
    err instanceof ApiError && err.status === 401
      ? t('error.invalid_credentials')
      : err instanceof ApiError && err.status === 429
        ? t('console.signin.tooMany', { seconds: err.retryAfter ?? 60, minutes: Math.ceil((err.retryAfter ?? 60) / 60) })
        : err
          ? error(err)
          : null;
  return (
    <div className="centered console-signin-page">
      <main className="card signin" data-testid="console-signin">
        <div className="signin-head">
          <span className="console-mark console-mark-lg" aria-hidden="true">
            F
          </span>
          <h1>{t('console.signin.title')}</h1>
        </div>
        <p className="hint">{t('console.signin.lead')}</p>
        <form onSubmit={submit}>
          <label className="field">
            <span>{t('signin.email')}</span>
            <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('signin.password')}</span>
            <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {failure && (
            <p className="form-error" role="alert" data-testid="signin-error">
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
