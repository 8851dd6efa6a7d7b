/** The browser tab names the console page: "<page> · Fluxion console". */
import { useEffect } from 'react';
import { useT } from '../app/i18n';

export function useTitle(page: string | null): void {
  const t = useT();
  const title = page ? `${page} · ${t('console.title')}` : t('console.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
