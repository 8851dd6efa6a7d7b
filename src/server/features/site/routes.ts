/**
 * GET / on every host: a small server-rendered page so the URLs `npm start` prints open on
 * something useful before the web app exists — the tenant's own name and colours on its host
 * (from the registry, never from code), the platform on admin., a landing page on the apex.
 * A signed-in impersonation session sees a banner naming the admin, the reason and the end.
 * The React SPA replaces this route when it is served.
 */
import type { FastifyInstance } from 'fastify';
import { publicRoute } from '../../access.js';
import type { FeatureRoutes } from '../index.js';
import type { TenantContext } from '../tenants/schema.js';
import type { Principal } from '../auth/principal.js';
import { tenantPrincipal } from '../../plugins/auth.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const HEX = /^#[0-9a-fA-F]{6}$/;

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function readableOn(hex: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

function page(title: string, colour: string, body: string, lang = 'en', banner = ''): string {
  const bg = HEX.test(colour) ? colour : '#4f46e5';
  return `<!doctype html>
<html lang="${escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title></head>
<body style="margin:0;font-family:system-ui,sans-serif;color:#111827;background:#f9fafb">
${banner}<header style="background:${bg};color:${readableOn(bg)};padding:1.5rem 2rem"><h1 style="margin:0;font-size:1.6rem">${escape(title)}</h1></header>
<main style="padding:1.5rem 2rem;max-width:46rem;line-height:1.5">${body}</main>
</body></html>`;
}

function impersonationBanner(p: Principal | undefined, es: boolean): string {
  if (p?.kind !== 'user' || !p.impersonation) return '';
  const i = p.impersonation;
  const until = i.expiresAt.slice(11, 16);
  const text = es
    ? `Suplantación: ${escape(i.adminEmail)} actúa como ${escape(p.email)} hasta las ${until} UTC. Motivo: ${escape(i.reason)}`
    : `Impersonation: ${escape(i.adminEmail)} is acting as ${escape(p.email)} until ${until} UTC. Reason: ${escape(i.reason)}`;
  return `<div role="alert" data-impersonation style="background:#b91c1c;color:#ffffff;padding:0.6rem 2rem;font-weight:600">${text}</div>`;
}

function tenantPage(t: TenantContext, principal?: Principal): string {
  const es = t.settings.locale.startsWith('es');
  const suspended = t.status !== 'active';
  const body = suspended
    ? `<p>${es ? 'Esta cuenta está suspendida. Contacte a soporte de Fluxion.' : 'This account is suspended. Contact Fluxion support.'}</p>`
    : `<p>${es ? 'Inventario y ventas de' : 'Inventory and sales of'} <strong>${escape(t.name)}</strong>, ${es ? 'en' : 'in'} ${escape(t.settings.currency)} · ${escape(t.settings.timezone)}.</p>
<p>${es ? 'La aplicación web llega pronto. Mientras tanto, la API está disponible:' : 'The web app is on its way. Meanwhile the API is available:'}</p>
<ul><li><code>POST /api/v1/auth/login</code></li><li><code>GET /api/v1/inventory</code>, <code>/api/v1/stats</code>, <code>/api/v1/orders</code></li><li><a href="/docs">/docs</a> — ${es ? 'referencia de la API' : 'API reference'}</li></ul>`;
  return page(t.name, t.settings.primaryColor, body, t.settings.locale.slice(0, 2), impersonationBanner(principal, es));
}

export const siteRoutes: FeatureRoutes = (app: FastifyInstance, { registry, store, config, clock }) => {
  app.get('/', { config: publicRoute(), schema: { hide: true } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const r = request.resolution;
    if (r?.kind === 'tenant') {
      const t = await registry.get(r.tenantId);
      if (!t) return reply.code(404).send(page('Fluxion', '#374151', `<p>There is no company at this address.</p>`));
      // Whoever is signed in here, if anyone: an impersonated session is announced on every page.
      const principal = t.status === 'active' ? await tenantPrincipal(request, { config, store, clock }, t, store.forTenant(t.id)).catch(() => undefined) : undefined;
      return tenantPage(t, principal);
    }
    if (r?.kind === 'platform') {
      return page('Fluxion — platform', '#111827', '<p>The platform console API is at <code>/api/v1/admin</code>; sign in with <code>POST /api/v1/admin/auth/login</code>.</p><p><a href="/docs">API reference</a></p>');
    }
    return page(
      'Fluxion',
      '#4f46e5',
      '<p>Inventory and sales intelligence for retailers: what you have in every store, what sells, what will run out and what to order.</p><p>Your company lives at <code>&lt;company&gt;.' +
        escape(String(request.headers.host ?? '').split(':')[0] ?? '') +
        '</code>.</p><p><a href="/docs">API reference</a></p>',
    );
  });
};
