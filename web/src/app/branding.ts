/** The tenant's branding applied to the page: colours as CSS custom properties, title and icon. */
import { brandCssVariables } from '../../../src/shared/colors';
import type { Tenant } from './session';

export function applyBranding(t: Pick<Tenant, 'name' | 'primaryColor' | 'secondaryColor' | 'logoUrl'> | null): void {
  const root = document.documentElement;
  const vars = brandCssVariables(t?.primaryColor ?? '#4f46e5', t?.secondaryColor ?? '#4338ca');
  for (const [k, v] of Object.entries(vars)) root.style.setProperty(k, v);
  document.title = t ? `${t.name} · Fluxion` : 'Fluxion';
  let icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!icon) {
    icon = document.createElement('link');
    icon.rel = 'icon';
    document.head.appendChild(icon);
  }
  icon.href = t ? '/api/v1/tenant/favicon' : '/favicon.svg';
  const theme = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (theme) theme.content = vars['--brand']!;
}
