/** The apex host: what Fluxion is, and a box that sends a user to `<company>.<base domain>`. */
import { useState, type FormEvent } from 'react';
import { isValidTenantId } from '../../../../src/shared/tenancy';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/Layout';
import { baseDomain, tenantAddress } from '../../app/tenant';

export default function LandingPage() {
  const { t } = useI18n();
  const [company, setCompany] = useState('');
  const [invalid, setInvalid] = useState(false);
  const go = (e: FormEvent) => {
    e.preventDefault();
    const id = company.trim().toLowerCase();
    if (!isValidTenantId(id)) return setInvalid(true);
    window.location.assign(tenantAddress(id));
  };
  return (
    <div className="landing">
      <header className="landing-head">
        <span className="landing-logo">Fluxion</span>
        <LanguageSwitch />
      </header>
      <main id="main">
        <section className="hero">
          <h1>{t('landing.title')}</h1>
          <p className="lead">{t('landing.lead')}</p>
          <ul className="points">
            <li>{t('landing.point1')}</li>
            <li>{t('landing.point2')}</li>
            <li>{t('landing.point3')}</li>
          </ul>
        </section>
        <section className="card go" aria-labelledby="go-title">
          <h2 id="go-title">{t('landing.go')}</h2>
          <form onSubmit={go} className="go-form">
            <label className="field">
              <span>{t('landing.company')}</span>
              <span className="go-input">
                <input
                  name="company"
                  value={company}
                  onChange={(e) => {
                    setCompany(e.target.value);
                    setInvalid(false);
                  }}
                  autoCapitalize="none"
                  autoComplete="organization"
                  spellCheck={false}
                  aria-invalid={invalid}
                  aria-describedby="go-hint"
                  required
                />
                <span className="suffix">.{baseDomain()}</span>
              </span>
            </label>
            <p id="go-hint" className={invalid ? 'form-error' : 'hint'} role={invalid ? 'alert' : undefined}>
              {invalid ? t('landing.invalid') : t('landing.hint', { example: `granja.${baseDomain()}` })}
            </p>
            <button type="submit" className="btn btn-primary">
              {t('landing.go')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}
