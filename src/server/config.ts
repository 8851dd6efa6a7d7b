/**
 * Typed configuration from environment variables, validated once at boot.
 * Every variable has a description and a default; a bad value stops the process with a message
 * that names the variable. `describeConfig()` feeds the README table and `fluxion --help`.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_APP_ROLE, DEFAULT_PLATFORM_ROLE, withUser } from '../store/postgres/connection.js';
import { PLANS, type Plan } from './features/tenants/schema.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  port: number;
  host: string;
  baseDomain: string;
  dataDir: string;
  logLevel: LogLevel;
  /** Honour `?tenant=` on plain localhost (never in production). */
  allowQueryTenant: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Seconds an unknown tenant id stays cached as unknown (a created tenant invalidates it at once). */
  tenantCacheSeconds: number;
  /** 'https' when browsers reach Fluxion over TLS: cookies get `Secure` and the `__Host-` prefix. */
  publicProtocol: 'http' | 'https';
  /** A session ends after this many minutes without a request… */
  sessionIdleMinutes: number;
  /** …and in any case this many hours after sign-in. */
  sessionMaxHours: number;
  /** `postgres://…` selects PostgreSQL (owner role: migrations); empty keeps the DuckDB file. */
  databaseUrl: string;
  /** Login role that serves tenant requests under row-level security (default: user fluxion_app). */
  databaseAppUrl: string;
  /** Login role for the tenant registry and the console (default: user fluxion_platform). */
  databasePlatformUrl: string;
  /** `redis://…`: share tenant invalidations and counters between processes. */
  redisUrl: string;
  /** Bearer token for GET /metrics ('' = loopback only). */
  metricsToken: string;
  /** Seconds between writes of the per-tenant request statistics; 0 turns them off. */
  statsFlushSeconds: number;
  /** Largest data file an import accepts, in bytes. */
  maxUploadBytes: number;
  /** API requests per minute a tenant may make, by plan; null: no limits (`off`). */
  rateLimits: RateLimits | null;
  /** Local hour of each forecasting tenant's nightly run; null (`off`): no automatic runs (nightly or after imports). */
  forecastHour: number | null;
  /** Proxies in front whose X-Forwarded-For is believed: false, a hop count, or addresses/CIDRs. */
  trustProxy: TrustProxy;
  /** CloudWatch embedded metrics in each request's log line: off, per tenant × endpoint, or per tenant. */
  cloudwatchMetrics: CloudwatchMetrics;
  /** Shed new requests (503) while even the quickest requests take longer than this (ms); 0: never. */
  shedLatencyMs: number;
  /** Refuse new requests (503) while this many are in flight in the process; 0: no cap. */
  maxInFlight: number;
}

export type TrustProxy = false | number | string;
export const CLOUDWATCH_METRICS = ['off', 'on', 'tenant'] as const;
export type CloudwatchMetrics = (typeof CLOUDWATCH_METRICS)[number];

/** Requests per minute by plan (src/server/plugins/rate-limit.ts). */
export type RateLimits = Record<Plan, number>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

interface VarSpec<T> {
  name: string;
  description: string;
  default: string;
  parse: (raw: string, name: string) => T;
}

const integer = (min: number, max: number) => (raw: string, name: string) => {
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got '${raw}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
};

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (raw: string, name: string): T => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${values.join(', ')}; got '${raw}'`);
    }
    return raw as T;
  };

const domain = (raw: string, name: string) => {
  const v = raw.toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(v)) {
    throw new ConfigError(name, `'${raw}' is not a domain name (e.g. fluxionia.co or localhost)`);
  }
  return v;
};

const nonEmpty = (raw: string, name: string) => {
  if (raw.trim() === '') throw new ConfigError(name, 'must not be empty');
  return raw;
};

const url = (schemes: readonly string[], example: string) => (raw: string, name: string) => {
  if (raw === '') return raw;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a URL (e.g. ${example})`);
  }
  if (!schemes.includes(parsed.protocol.replace(/:$/, ''))) throw new ConfigError(name, `must start with ${schemes.map((s) => `${s}://`).join(' or ')} (e.g. ${example})`);
  return raw;
};
const postgresUrl = url(['postgres', 'postgresql'], 'postgres://fluxion@db.internal:5432/fluxion');

/** `off`, a hop count (1–10), or a comma-separated list of addresses and CIDR ranges. */
const trustProxy = (raw: string, name: string): TrustProxy => {
  const value = raw.trim();
  if (value === '' || value.toLowerCase() === 'off') return false;
  if (/^\d+$/.test(value)) return integer(1, 10)(value, name);
  for (const part of value.split(',')) {
    const [address, bits, extra] = part.trim().split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new ConfigError(name, `'${part.trim()}' is not an address or CIDR range (e.g. 2 for two proxies, or 10.0.0.0/16)`);
    }
  }
  return value;
};

/** Sets the password of a postgres URL, percent-encoded, when one is given apart from it. */
function withPassword(urlText: string, password: string | undefined): string {
  if (!urlText || !password) return urlText;
  const u = new URL(urlText);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * `free=60,standard=600,premium=3000` (plans not named keep these defaults) or `off`.
 * Limits are whole requests per minute, 1 … 100 000 000.
 */
const RATE_LIMIT_DEFAULTS: RateLimits = { free: 60, standard: 600, premium: 3000 };
export const DEFAULT_RATE_LIMITS = Object.entries(RATE_LIMIT_DEFAULTS).map(([plan, n]) => `${plan}=${n}`).join(',');
const rateLimits = (raw: string, name: string): RateLimits | null => {
  if (raw.trim().toLowerCase() === 'off') return null;
  const example = `e.g. ${DEFAULT_RATE_LIMITS}, or off`;
  const limits: Partial<RateLimits> = {};
  for (const part of raw.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw new ConfigError(name, `expected <plan>=<requests per minute>, separated by commas (${example}); got '${part.trim()}'`);
    const [, plan, n] = m as unknown as [string, string, string];
    if (!(PLANS as readonly string[]).includes(plan)) throw new ConfigError(name, `unknown plan '${plan}': the plans are ${PLANS.join(', ')}`);
    if (limits[plan as Plan] !== undefined) throw new ConfigError(name, `plan '${plan}' is given twice`);
    const limit = Number(n);
    if (limit < 1 || limit > 100_000_000) throw new ConfigError(name, `the limit of '${plan}' must be between 1 and 100000000 requests per minute, got ${n}`);
    limits[plan as Plan] = limit;
  }
  return { ...RATE_LIMIT_DEFAULTS, ...limits };
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ENVIRONMENTS = ['development', 'production', 'test'] as const;

export const CONFIG_VARS = {
  env: { name: 'NODE_ENV', description: 'development, production or test. Production refuses `?tenant=`.', default: 'development', parse: oneOf(ENVIRONMENTS) },
  port: { name: 'PORT', description: 'TCP port the server listens on.', default: '3000', parse: integer(0, 65535) },
  host: { name: 'HOST', description: 'Interface the server binds to.', default: '0.0.0.0', parse: nonEmpty },
  baseDomain: { name: 'FLUXION_BASE_DOMAIN', description: 'Domain whose sub-domains are tenants (`<tenant>.<domain>`).', default: 'localhost', parse: domain },
  dataDir: { name: 'FLUXION_DATA_DIR', description: 'Directory of the embedded DuckDB file, logos and the local admin socket.', default: './data', parse: nonEmpty },
  logLevel: { name: 'LOG_LEVEL', description: 'fatal, error, warn, info, debug, trace or silent.', default: 'info', parse: oneOf(LOG_LEVELS) },
  bodyLimit: { name: 'FLUXION_BODY_LIMIT', description: 'Largest accepted JSON request body, in bytes.', default: '1048576', parse: integer(1024, 1024 * 1024 * 1024) },
  tenantCacheSeconds: { name: 'FLUXION_TENANT_CACHE_SECONDS', description: 'How long a tenant lookup is cached (changes made through Fluxion invalidate it at once).', default: '30', parse: integer(0, 86400) },
  publicProtocol: { name: 'FLUXION_PUBLIC_PROTOCOL', description: 'http or https: how browsers reach Fluxion (https adds Secure and __Host- to cookies). Default https in production.', default: '', parse: (raw: string, name: string) => oneOf(['http', 'https'] as const)(raw, name) },
  sessionIdleMinutes: { name: 'FLUXION_SESSION_IDLE_MINUTES', description: 'Minutes without a request after which a session ends.', default: '120', parse: integer(1, 60 * 24 * 30) },
  sessionMaxHours: { name: 'FLUXION_SESSION_MAX_HOURS', description: 'Hours after sign-in at which a session ends regardless of use.', default: '12', parse: integer(1, 24 * 90) },
  databaseUrl: { name: 'DATABASE_URL', description: 'postgres://… selects PostgreSQL (this role owns the schema and runs migrations); unset keeps the embedded DuckDB file.', default: '', parse: postgresUrl },
  databaseAppUrl: { name: 'DATABASE_APP_URL', description: 'PostgreSQL login that serves tenant requests under row-level security. Default: DATABASE_URL with user fluxion_app.', default: '', parse: postgresUrl },
  databasePlatformUrl: { name: 'DATABASE_PLATFORM_URL', description: 'PostgreSQL login for the tenant registry and the platform console. Default: DATABASE_URL with user fluxion_platform.', default: '', parse: postgresUrl },
  metricsToken: { name: 'FLUXION_METRICS_TOKEN', description: 'Bearer token Prometheus sends to GET /metrics; unset: only loopback may scrape.', default: '', parse: (raw: string) => raw },
  maxUploadMb: { name: 'FLUXION_MAX_UPLOAD_MB', description: 'Largest data file `POST /api/v1/imports` accepts, in MB (larger uploads get 413).', default: '200', parse: integer(1, 10240) },
  statsFlushSeconds: { name: 'FLUXION_STATS_FLUSH_SECONDS', description: 'Seconds between writes of the per-tenant request statistics the platform console shows (the console is at most this far behind); 0 turns them off.', default: '5', parse: integer(0, 3600) },
  redisUrl: { name: 'REDIS_URL', description: 'redis://… shares tenant changes and counters between server processes; unset keeps them in-process.', default: '', parse: url(['redis', 'rediss'], 'redis://127.0.0.1:6379') },
  rateLimits: { name: 'FLUXION_RATE_LIMITS', description: 'API requests per minute per tenant, by plan (`free=60,standard=600,premium=3000`; plans not named keep their default), or `off`. Over the limit: 429 with Retry-After.', default: DEFAULT_RATE_LIMITS, parse: rateLimits },
  forecastHour: {
    name: 'FLUXION_FORECAST_HOUR',
    description: 'Hour (0–23, each tenant\'s own time zone) after which the nightly forecasting run of tenants with `forecasting` starts; a finished sales import also starts one. `off`: forecasts run only on request (`fluxion forecast`, POST /api/v1/forecast/runs).',
    default: '2',
    parse: (raw: string, name: string) => (raw === 'off' ? null : integer(0, 23)(raw, name)),
  },
  databasePassword: { name: 'DATABASE_PASSWORD', description: 'Password of the DATABASE_URL login, given apart from the URL (a secret store injects it; any characters).', default: '', parse: (raw: string) => raw },
  databaseAppPassword: { name: 'DATABASE_APP_PASSWORD', description: 'Password of the app login (DATABASE_APP_URL, or DATABASE_URL with user fluxion_app); the role is created with it on first start.', default: '', parse: (raw: string) => raw },
  databasePlatformPassword: { name: 'DATABASE_PLATFORM_PASSWORD', description: 'Password of the platform login (DATABASE_PLATFORM_URL, or DATABASE_URL with user fluxion_platform); the role is created with it on first start.', default: '', parse: (raw: string) => raw },
  trustProxy: {
    name: 'FLUXION_TRUST_PROXY',
    description: 'Proxies whose X-Forwarded-For names the client (audit trail, sign-in throttling): `off`, a hop count (`2` behind CloudFront and a load balancer), or addresses/CIDR ranges (`10.0.0.0/16`).',
    default: 'off',
    parse: trustProxy,
  },
  shedLatencyMs: {
    name: 'FLUXION_SHED_LATENCY_MS',
    description: 'Load shedding: when even the quickest of a busy second\'s reads (or writes) took longer than this many milliseconds (a standing queue), or the event loop lags that much, the reads (or writes) admitted at once are halved, and those beyond get 503 with Retry-After instead of waiting; the limit rises again as the queue drains. `0` turns it off. Health checks and metrics are never shed.',
    default: '1000',
    parse: integer(0, 600_000),
  },
  maxInFlight: {
    name: 'FLUXION_MAX_IN_FLIGHT',
    description: 'Most requests one server process works on at once; more get 503 with Retry-After at once. `0`: no cap.',
    default: '1000',
    parse: integer(0, 1_000_000),
  },
  cloudwatchMetrics: {
    name: 'FLUXION_CLOUDWATCH_METRICS',
    description: 'CloudWatch embedded metrics (namespace Fluxion/Tenants: APIRequests, Latency, ServerErrors) in each request\'s log line: `on` by TenantId × Endpoint, `tenant` by TenantId only (fewer metrics to pay for), `off`. Needs LOG_LEVEL info or lower.',
    default: 'off',
    parse: oneOf(CLOUDWATCH_METRICS),
  },
} satisfies Record<string, VarSpec<unknown>>;

/** Parse and validate configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const read = <T>(spec: VarSpec<T>): T => {
    const raw = env[spec.name];
    return spec.parse(raw === undefined || raw === '' ? spec.default : raw, spec.name);
  };
  const e = read(CONFIG_VARS.env);
  const config: Config = {
    env: e,
    port: read(CONFIG_VARS.port),
    host: read(CONFIG_VARS.host),
    baseDomain: read(CONFIG_VARS.baseDomain),
    dataDir: path.resolve(read(CONFIG_VARS.dataDir)),
    logLevel: read(CONFIG_VARS.logLevel),
    bodyLimit: read(CONFIG_VARS.bodyLimit),
    tenantCacheSeconds: read(CONFIG_VARS.tenantCacheSeconds),
    allowQueryTenant: e !== 'production',
    publicProtocol: CONFIG_VARS.publicProtocol.parse(env.FLUXION_PUBLIC_PROTOCOL || (e === 'production' ? 'https' : 'http'), 'FLUXION_PUBLIC_PROTOCOL'),
    sessionIdleMinutes: read(CONFIG_VARS.sessionIdleMinutes),
    sessionMaxHours: read(CONFIG_VARS.sessionMaxHours),
    databaseUrl: withPassword(read(CONFIG_VARS.databaseUrl), read(CONFIG_VARS.databasePassword)),
    databaseAppUrl: withPassword(read(CONFIG_VARS.databaseAppUrl), read(CONFIG_VARS.databaseAppPassword)),
    databasePlatformUrl: withPassword(read(CONFIG_VARS.databasePlatformUrl), read(CONFIG_VARS.databasePlatformPassword)),
    redisUrl: read(CONFIG_VARS.redisUrl),
    metricsToken: read(CONFIG_VARS.metricsToken),
    statsFlushSeconds: read(CONFIG_VARS.statsFlushSeconds),
    maxUploadBytes: read(CONFIG_VARS.maxUploadMb) * 1024 * 1024,
    rateLimits: read(CONFIG_VARS.rateLimits),
    forecastHour: read(CONFIG_VARS.forecastHour),
    trustProxy: read(CONFIG_VARS.trustProxy),
    cloudwatchMetrics: read(CONFIG_VARS.cloudwatchMetrics),
    shedLatencyMs: read(CONFIG_VARS.shedLatencyMs),
    maxInFlight: read(CONFIG_VARS.maxInFlight),
  };
  for (const spec of [CONFIG_VARS.databaseAppUrl, CONFIG_VARS.databasePlatformUrl, CONFIG_VARS.databasePassword, CONFIG_VARS.databaseAppPassword, CONFIG_VARS.databasePlatformPassword]) {
    if (env[spec.name] && !config.databaseUrl) throw new ConfigError(spec.name, 'needs DATABASE_URL (the owner connection) as well');
  }
  // A role password given alone applies to the role's default URL (the owner's, another user).
  const rolePassword = (given: string, password: string | undefined, user: string) =>
    given || !password ? given : withPassword(withUser(config.databaseUrl, user), password);
  config.databaseAppUrl = rolePassword(config.databaseAppUrl, env.DATABASE_APP_PASSWORD, DEFAULT_APP_ROLE);
  config.databasePlatformUrl = rolePassword(config.databasePlatformUrl, env.DATABASE_PLATFORM_PASSWORD, DEFAULT_PLATFORM_ROLE);
  return { ...config, ...overrides };
}

/** What `openStore` needs from the configuration. */
export function storeOptions(config: Config) {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl || undefined,
    databaseAppUrl: config.databaseAppUrl || undefined,
    databasePlatformUrl: config.databasePlatformUrl || undefined,
  };
}

/** Rows for documentation: variable, default, description. */
export function describeConfig(): Array<{ name: string; default: string; description: string }> {
  return Object.values(CONFIG_VARS).map((v) => ({ name: v.name, default: v.default || '(see description)', description: v.description }));
}

/** A config for tests: in-memory defaults, nothing read from the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // No load shedding: a busy test machine must not turn a slow test into a 503 (the shedding
  // itself is tested on its own, with a clock the test moves).
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', FLUXION_FORECAST_HOUR: 'off', FLUXION_SHED_LATENCY_MS: '0', FLUXION_MAX_IN_FLIGHT: '0' }, overrides);
}
