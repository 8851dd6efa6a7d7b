/** The addresses people open, built from configuration and the tenants that exist, never hard-coded. */
import type { Config } from './config.js';
import { tenantUrl } from '../shared/tenancy.js';

function scheme(config: Config): { protocol: string; port: number | undefined } {
  // Over https the server sits behind a TLS-terminating proxy on 443; over http it is reached directly.
  return config.publicProtocol === 'https' ? { protocol: 'https:', port: undefined } : { protocol: 'http:', port: config.port };
}

export function tenantSiteUrl(config: Config, tenantId: string): string {
  const { protocol, port } = scheme(config);
  return tenantUrl(tenantId, config.baseDomain, protocol, port);
}

export function adminUrl(config: Config): string {
  return tenantSiteUrl(config, 'admin');
}

/** The apex host: the landing page. */
export function homeUrl(config: Config): string {
  const { protocol, port } = scheme(config);
  const p = port && port !== 80 && port !== 443 ? `:${port}` : '';
  return `${protocol}//${config.baseDomain}${p}/`;
}

export function docsUrl(config: Config): string {
  return `${homeUrl(config)}docs`;
}
