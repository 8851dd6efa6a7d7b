/**
 * The HTML shell of the web app for one request: index.html with the host's branding written
 * into the head, so the first paint already has the tenant's name, colours, language and icon
 * (the app then reads everything else from GET /api/v1/tenant). Names are escaped; colours are
 * validated hex values; nothing else from the database reaches the page.
 */
import { brandCssVariables } from '../../../shared/colors.js';
import type { TenantContext } from '../tenants/schema.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageOptions {
  baseDomain: string;
  allowQueryTenant: boolean;
  tenant?: TenantContext | null;
}

export function renderPage(template: string, o: PageOptions): string {
  const t = o.tenant;
  const vars = brandCssVariables(t?.settings.primaryColor ?? '#4f46e5', t?.settings.secondaryColor ?? '#4338ca');
  const css = `:root{${Object.entries(vars)
    .map(([k, v]) => `${k}:${v}`)
    .join(';')}}`;
  const head = [
    `<meta name="fluxion-base-domain" content="${escape(o.baseDomain)}">`,
    `<meta name="fluxion-query-tenant" content="${o.allowQueryTenant}">`,
    `<meta name="theme-color" content="${vars['--brand']}">`,
    `<style>${css}</style>`,
  ].join('\n    ');
  const lang = t ? (t.settings.locale.slice(0, 2) === 'es' ? 'es' : 'en') : 'en';
  let html = template.replace('<!--fluxion:head-->', head).replace(/<html lang="[^"]*">/, `<html lang="${lang}">`);
  if (t) {
    html = html
      .replace(/<title>[^<]*<\/title>/, `<title>${escape(t.name)} · Fluxion</title>`)
      .replace(/<link rel="icon" href="[^"]*"\s*\/?>/, '<link rel="icon" href="/api/v1/tenant/favicon">');
  }
  return html;
}
