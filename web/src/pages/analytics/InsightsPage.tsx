import { useT } from '../../app/i18n';

export default function Page() {
  const t = useT();
  return <h1>{t('analytics.title')}</h1>;
}
