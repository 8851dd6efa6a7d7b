/**
 * The three PostgreSQL connections Fluxion uses, each as its own login role:
 * - owner (`DATABASE_URL`): owns the schema; runs migrations and provisions the two roles below.
 *   Never used to serve requests.
 * - app (`DATABASE_APP_URL`, default: the owner URL with user `fluxion_app`): serves tenant
 *   requests. Owns nothing, has no BYPASSRLS; row-level security confines it to the tenant set
 *   with `SET LOCAL` in each transaction.
 * - platform (`DATABASE_PLATFORM_URL`, default: user `fluxion_platform`): the tenant registry,
 *   the platform console and cross-tenant work, through policies written for that role.
 */
export interface PostgresUrls {
  owner: string;
  app: string;
  platform: string;
}

export const DEFAULT_APP_ROLE = 'fluxion_app';
export const DEFAULT_PLATFORM_ROLE = 'fluxion_platform';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

export function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  return u.toString();
}

export function postgresUrls(owner: string, overrides: { app?: string | undefined; platform?: string | undefined } = {}): PostgresUrls {
  return {
    owner,
    app: overrides.app || withUser(owner, DEFAULT_APP_ROLE),
    platform: overrides.platform || withUser(owner, DEFAULT_PLATFORM_ROLE),
  };
}

export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

export function passwordOf(url: string): string | undefined {
  const p = new URL(url).password;
  return p ? decodeURIComponent(p) : undefined;
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || roleOf(url);
}

/** The URL with its password hidden, for logs and `fluxion status`. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The same server, another database (tests and `migrate-data` create throw-away databases). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
