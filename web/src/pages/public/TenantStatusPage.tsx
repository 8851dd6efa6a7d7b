/** What a visitor sees when the address names no company, or a suspended one. Neutral branding for the first. */
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/Layout';
import { baseDomain } from '../../app/tenant';

export default function TenantStatusPage({ kind, name }: { kind: 'unknown' | 'suspended'; name?: string }) {
  const { t } = useI18n();
  const home = `${window.location.protocol}//${baseDomain()}${window.location.port ? `:${window.location.port}` : ''}/`;
  return (
    <div className="centered">
      <main className="card notice" data-tenant-status={kind}>
        <h1>{t(kind === 'unknown' ? 'tenant.unknown.title' : 'tenant.suspended.title')}</h1>
        <p>{kind === 'unknown' ? t('tenant.unknown.body', { host: window.location.hostname }) : t('tenant.suspended.body', { name: name ?? '' })}</p>
        <p>
          <a href={home}>{t('tenant.home')}</a>
        </p>
        <LanguageSwitch />
      </main>
    </div>
  );
}
