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

/**
 * The tenant's own host as the caller reached this one: the configured protocol and the port of
 * the request's (already validated) Host header, so links from the console work locally too.
 */
export function tenantOrigin(config: Config, hostHeader: string | undefined, tenantId: string): string {
  const port = /:(\d{1,5})$/.exec(String(hostHeader ?? ''))?.[1];
  const shown = port && !(config.publicProtocol === 'https' ? port === '443' : port === '80') ? `:${port}` : '';
  return `${config.publicProtocol}://${tenantId}.${config.baseDomain}${shown}`;
}
