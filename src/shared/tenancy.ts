/**
 * Tenant resolution rules, shared by the server and the browser so the two never disagree.
 *
 * Pure: no I/O, no globals. The server turns the result into a TenantContext (or an error);
 * the SPA uses the same function on `window.location` to know which tenant it serves.
 */

/** A tenant id is a DNS label: it must be usable as `<id>.<base domain>`. */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Sub-domains that can never be tenants. `admin` selects the platform console; the others are
 * infrastructure names kept free for the platform (API host, ETL uploads, static files, mail…).
 */
export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  'admin', 'api', 'app', 'assets', 'auth', 'billing', 'cdn', 'dashboard', 'dev', 'docs', 'etl',
  'ftp', 'help', 'imap', 'internal', 'localhost', 'mail', 'metrics', 'mx', 'ns1', 'ns2', 'pop',
  'portal', 'root', 'smtp', 'staging', 'static', 'status', 'support', 'system', 'test', 'www',
]);

export type TenantIdProblem = 'empty' | 'too_long' | 'invalid_characters' | 'reserved';

/** Why a string is not an acceptable tenant id, or null when it is one. */
export function tenantIdProblem(id: string): TenantIdProblem | null {
  if (id.length === 0) return 'empty';
  if (id.length > 63) return 'too_long';
  if (!TENANT_ID_PATTERN.test(id)) return 'invalid_characters';
  if (RESERVED_SUBDOMAINS.has(id)) return 'reserved';
  return null;
}

export function isValidTenantId(id: string): boolean {
  return tenantIdProblem(id) === null;
}

export type HostKind =
  /** `<tenant>.<base>`: the host names a tenant. */
  | 'tenant'
  /** `admin.<base>`: the platform console. */
  | 'platform'
  /** `api.<base>`: the shared API host; the tenant comes from `X-Tenant-ID`. */
  | 'api'
  /** `<base>` or `www.<base>`: the public landing page. */
  | 'apex'
  /** An IP literal, a reserved infrastructure name or a foreign domain: names no tenant. */
  | 'other';

export interface ParsedHost {
  kind: HostKind;
  /** Lower-cased host name without port or trailing dot. */
  hostname: string;
  /** The tenant named by the host (kind 'tenant' only). */
  tenantId?: string;
  /** True for localhost / loopback IPs, where `?tenant=` may be honoured in development. */
  local: boolean;
}

export type HostError =
  | { code: 'invalid_host'; message: string }
  | { code: 'invalid_tenant_id'; message: string };

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

/** A TCP port as a Host header may carry it: 0–65535, digits only. */
function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535;
}

/** Lower-case, drop the port and a trailing dot. Returns null for a malformed Host value. */
export function normalizeHost(raw: string): string | null {
  let host = raw.trim().toLowerCase();
  if (host.length === 0 || host.length > 255) return null;
  if (host.startsWith('[')) {
    // IPv6 literal, optionally with a port: [::1]:3000
    const end = host.indexOf(']');
    if (end < 0) return null;
    const rest = host.slice(end + 1);
    if (rest !== '' && !(rest.startsWith(':') && isPort(rest.slice(1)))) return null;
    return host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  if (colon >= 0) {
    const port = host.slice(colon + 1);
    if (!isPort(port)) return null;
    host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0) return null;
  // Anything outside the host-name alphabet (userinfo '@', paths, spaces, unicode) is not a host.
  if (!/^[a-z0-9.-]+$/.test(host)) return null;
  if (host.split('.').some((label) => label.length === 0 || label.length > 63)) return null;
  return host;
}

function isLocalHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Classify a Host header against the configured base domain (`fluxionia.co`, or `localhost`).
 * IP literals and foreign domains never name a tenant.
 */
export function parseHost(rawHost: string, baseDomain: string): ParsedHost | HostError {
  const hostname = normalizeHost(rawHost);
  if (hostname === null) return { code: 'invalid_host', message: 'The Host header is not a valid host name.' };
  const base = baseDomain.toLowerCase().replace(/\.$/, '');
  const local = isLocalHostname(hostname);
  if (hostname.startsWith('[') || IPV4.test(hostname)) return { kind: 'other', hostname, local };
  if (hostname === base || hostname === `www.${base}`) return { kind: 'apex', hostname, local };
  if (!hostname.endsWith(`.${base}`)) return { kind: 'other', hostname, local };
  const sub = hostname.slice(0, -(base.length + 1));
  if (sub.includes('.')) {
    return { code: 'invalid_tenant_id', message: `'${sub}' is not a tenant id: nested sub-domains are not tenants.` };
  }
  if (sub === 'admin') return { kind: 'platform', hostname, local };
  if (sub === 'api') return { kind: 'api', hostname, local };
  if (RESERVED_SUBDOMAINS.has(sub)) return { kind: 'other', hostname, local };
  if (!TENANT_ID_PATTERN.test(sub)) {
    return { code: 'invalid_tenant_id', message: `'${sub}' is not a valid tenant id (a DNS label of a-z, 0-9 and '-').` };
  }
  return { kind: 'tenant', hostname, tenantId: sub, local };
}

export interface ResolveInput {
  host: string | undefined;
  /** Value of the X-Tenant-ID request header, if any. */
  headerTenant?: string | undefined;
  /** Value of the `?tenant=` query parameter, if any. */
  queryTenant?: string | undefined;
  baseDomain: string;
  /** Honour `?tenant=` on plain localhost (development only). */
  allowQueryTenant: boolean;
}

export type Resolution =
  | { kind: 'tenant'; tenantId: string; via: 'host' | 'header' | 'query'; host: ParsedHost }
  | { kind: 'platform'; host: ParsedHost }
  | { kind: 'none'; host: ParsedHost }
  | { kind: 'error'; code: 'invalid_host' | 'invalid_tenant_id' | 'tenant_conflict'; message: string };

function checkSelected(id: string, source: string): Resolution | null {
  const problem = tenantIdProblem(id);
  if (problem === null) return null;
  const shown = id.length > 70 ? `${id.slice(0, 70)}…` : id;
  const why =
    problem === 'reserved'
      ? 'is a reserved name'
      : problem === 'empty'
        ? 'is empty'
        : 'is not a valid tenant id (a DNS label of a-z, 0-9 and \'-\', at most 63 characters)';
  return { kind: 'error', code: 'invalid_tenant_id', message: `${source} '${shown}' ${why}.` };
}

/**
 * The tenant a request *selects*. A selection is not proof of access: the server still checks
 * that the signed-in principal belongs to it.
 *
 * - The host decides when it names a tenant; `X-Tenant-ID` applies only where it names none.
 * - Host and header naming different tenants is a conflict (400), never a silent choice.
 * - The admin host serves the platform and takes no tenant selection.
 */
export function resolveTenant(input: ResolveInput): Resolution {
  const parsed = parseHost(input.host ?? '', input.baseDomain);
  if ('code' in parsed) return { kind: 'error', code: parsed.code, message: parsed.message };
  const header = input.headerTenant?.trim().toLowerCase();
  const hasHeader = header !== undefined && input.headerTenant !== undefined;

  if (parsed.kind === 'tenant') {
    const tenantId = parsed.tenantId!;
    if (hasHeader && header !== tenantId) {
      return {
        kind: 'error',
        code: 'tenant_conflict',
        message: `The host names tenant '${tenantId}' but X-Tenant-ID names '${(header ?? '').slice(0, 70)}'.`,
      };
    }
    return { kind: 'tenant', tenantId, via: 'host', host: parsed };
  }
  if (parsed.kind === 'platform') {
    if (hasHeader) {
      return { kind: 'error', code: 'tenant_conflict', message: 'The admin host serves the platform console and takes no X-Tenant-ID.' };
    }
    return { kind: 'platform', host: parsed };
  }
  if (hasHeader) {
    const bad = checkSelected(header!, 'X-Tenant-ID');
    if (bad) return bad;
    return { kind: 'tenant', tenantId: header!, via: 'header', host: parsed };
  }
  if (input.allowQueryTenant && parsed.local && input.queryTenant !== undefined) {
    const q = input.queryTenant.trim().toLowerCase();
    const bad = checkSelected(q, 'The tenant parameter');
    if (bad) return bad;
    return { kind: 'tenant', tenantId: q, via: 'query', host: parsed };
  }
  return { kind: 'none', host: parsed };
}

/** The URL of a tenant's own host, for links and printed output. */
export function tenantUrl(tenantId: string, baseDomain: string, protocol = 'https:', port?: number): string {
  const p = port && port !== 80 && port !== 443 ? `:${port}` : '';
  return `${protocol}//${tenantId}.${baseDomain}${p}`;
}
