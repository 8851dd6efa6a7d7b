/**
 * The deployment's parameters, read from CDK context (`cdk deploy -c domainName=… -c mode=…`) and
 * validated before any construct is made: a bad value stops the synth with a message naming it.
 */

export type Mode = 'duckdb' | 'postgres';
export type CpuArchitecture = 'x86_64' | 'arm64';
/** FLUXION_CLOUDWATCH_METRICS of the tasks: per tenant × endpoint (`on`), per tenant only, or none. */
export type TenantMetrics = 'on' | 'tenant' | 'off';

export interface FluxionConfig {
  /** Prefix of the three stack names (`<prefix>-dns`, `<prefix>-edge`, `<prefix>-app`). */
  readonly prefix: string;
  /** The base domain: tenants are `<tenant>.<domainName>`, the console `admin.<domainName>`. */
  readonly domainName: string;
  readonly mode: Mode;
  /** Container image URI; an ECR URI in this account gets pull permissions granted. */
  readonly image: string;
  readonly account: string;
  /** Region of the load balancer, the tasks and the database (the DNS and CloudFront stacks are in us-east-1). */
  readonly region: string;
  /** Two availability zones, named explicitly so synth needs no AWS lookup. */
  readonly availabilityZones: readonly string[];
  /** Fargate task size: vCPU units (1024 = 1 vCPU) and MiB. */
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly cpuArchitecture: CpuArchitecture;
  /** Tasks running normally; duckdb: exactly 1. */
  readonly desiredCount: number;
  /** Autoscaling ceiling (postgres mode). */
  readonly maxCount: number;
  /** 0: tasks in public subnets with a public address (ingress only from the ALB); 1–2: private subnets behind NAT. */
  readonly natGateways: number;
  readonly logRetentionDays: number;
  /**
   * Per-tenant CloudWatch metrics from the request logs (embedded metric format, namespace
   * Fluxion/Tenants): `on` = dimensions TenantId × Endpoint (the customer's design; each pair is a
   * custom metric, USD 0.30/month each), `tenant` = TenantId only (for hundreds of tenants and
   * more, docs/deploy.md), `off`.
   */
  readonly tenantMetrics: TenantMetrics;
  /** Email subscribed to the alarm topic, if given. */
  readonly alarmEmail: string | undefined;
  readonly dbInstanceType: string;
  readonly dbMultiAz: boolean;
  readonly dbAllocatedStorageGiB: number;
  readonly redisNodeType: string;
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`infra context '${key}': ${message}`);
    this.name = 'ConfigError';
  }
}

/** Fargate's valid vCPU units → memory (MiB) sizes. */
const FARGATE_SIZES: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n += step) out.push(n);
  return out;
}

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;

/** Raw values as they come from `-c key=value` (strings) or cdk.json / tests (any JSON). */
export type RawConfig = Record<string, unknown>;

export const DEFAULTS = {
  prefix: 'Fluxion',
  mode: 'duckdb',
  cpu: 1024,
  memoryMiB: 2048,
  cpuArchitecture: 'x86_64',
  natGateways: 0,
  logRetentionDays: 30,
  tenantMetrics: 'on',
  dbInstanceType: 't4g.micro',
  dbMultiAz: true,
  dbAllocatedStorageGiB: 20,
  redisNodeType: 'cache.t4g.micro',
} as const;

export const CONTEXT_KEYS = [
  'prefix', 'domainName', 'mode', 'image', 'account', 'region', 'availabilityZones', 'cpu', 'memoryMiB', 'cpuArchitecture',
  'desiredCount', 'maxCount', 'natGateways', 'logRetentionDays', 'tenantMetrics', 'alarmEmail', 'dbInstanceType', 'dbMultiAz',
  'dbAllocatedStorageGiB', 'redisNodeType',
] as const;

/** Validate raw parameters into a FluxionConfig; throws ConfigError naming the first bad key. */
export function parseConfig(raw: RawConfig): FluxionConfig {
  const str = (key: string, fallback?: string): string => {
    const v = raw[key];
    if (v === undefined || v === null || v === '') {
      if (fallback !== undefined) return fallback;
      throw new ConfigError(key, 'is required');
    }
    if (typeof v !== 'string' && typeof v !== 'number') throw new ConfigError(key, `expected a string, got ${JSON.stringify(v)}`);
    return String(v).trim();
  };
  const int = (key: string, fallback: number | undefined, min: number, max: number): number => {
    const v = raw[key];
    if ((v === undefined || v === '') && fallback !== undefined) return fallback;
    const text = String(v);
    if (!/^\d+$/.test(text)) throw new ConfigError(key, `expected a whole number, got '${text}'`);
    const n = Number(text);
    if (n < min || n > max) throw new ConfigError(key, `must be between ${min} and ${max}, got ${n}`);
    return n;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = raw[key];
    if (v === undefined || v === '') return fallback;
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    throw new ConfigError(key, `expected true or false, got '${String(v)}'`);
  };

  const prefix = str('prefix', DEFAULTS.prefix);
  if (!/^[A-Za-z][A-Za-z0-9-]{0,40}$/.test(prefix)) throw new ConfigError('prefix', `'${prefix}' is not a stack name prefix (letters, digits, hyphens)`);

  const domainName = str('domainName').toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domainName)) throw new ConfigError('domainName', `'${domainName}' is not a registrable domain name (e.g. fluxionia.co)`);

  const mode = str('mode', DEFAULTS.mode);
  if (mode !== 'duckdb' && mode !== 'postgres') throw new ConfigError('mode', `must be duckdb or postgres, got '${mode}'`);

  const image = str('image');
  if (/\s/.test(image)) throw new ConfigError('image', `'${image}' is not an image URI`);

  const account = str('account');
  if (!ACCOUNT.test(account)) throw new ConfigError('account', `expected a 12-digit AWS account id, got '${account}'`);
  const region = str('region', 'us-east-1');
  if (!REGION.test(region)) throw new ConfigError('region', `'${region}' is not an AWS region (e.g. us-east-1)`);

  const azRaw = raw.availabilityZones;
  const availabilityZones =
    azRaw === undefined || azRaw === ''
      ? [`${region}a`, `${region}b`]
      : (Array.isArray(azRaw) ? azRaw.map(String) : String(azRaw).split(',')).map((z) => z.trim()).filter(Boolean);
  if (availabilityZones.length < 2 || new Set(availabilityZones).size !== availabilityZones.length) {
    throw new ConfigError('availabilityZones', 'needs two or more different zones (the load balancer spans two), e.g. us-east-1a,us-east-1b');
  }
  for (const az of availabilityZones) {
    if (!az.startsWith(region)) throw new ConfigError('availabilityZones', `'${az}' is not a zone of ${region}`);
  }

  const cpu = int('cpu', DEFAULTS.cpu, 256, 16384);
  const memoryMiB = int('memoryMiB', DEFAULTS.memoryMiB, 512, 122880);
  const sizes = FARGATE_SIZES[cpu];
  if (!sizes) throw new ConfigError('cpu', `must be one of ${Object.keys(FARGATE_SIZES).join(', ')} (vCPU units), got ${cpu}`);
  if (!sizes.includes(memoryMiB)) throw new ConfigError('memoryMiB', `${memoryMiB} MiB is not a Fargate size for cpu ${cpu}: ${sizes[0]}–${sizes[sizes.length - 1]} in steps of ${(sizes[1] ?? sizes[0]!) - sizes[0]!}`);

  const cpuArchitecture = str('cpuArchitecture', DEFAULTS.cpuArchitecture);
  if (cpuArchitecture !== 'x86_64' && cpuArchitecture !== 'arm64') throw new ConfigError('cpuArchitecture', `must be x86_64 or arm64, got '${cpuArchitecture}'`);

  const desiredCount = int('desiredCount', mode === 'duckdb' ? 1 : 2, 0, 100);
  if (mode === 'duckdb' && desiredCount !== 1) {
    throw new ConfigError('desiredCount', `duckdb mode runs exactly 1 task (a DuckDB file is opened by one process), got ${desiredCount}; use mode=postgres for more`);
  }
  if (mode === 'postgres' && desiredCount < 2) {
    throw new ConfigError('desiredCount', `postgres mode runs 2 or more tasks (one per availability zone, so a task or zone can fail), got ${desiredCount}`);
  }
  const maxCount = mode === 'duckdb' ? 1 : int('maxCount', Math.max(desiredCount * 3, 6), 1, 200);
  if (maxCount < desiredCount) throw new ConfigError('maxCount', `must be at least desiredCount (${desiredCount}), got ${maxCount}`);

  const natGateways = int('natGateways', DEFAULTS.natGateways, 0, availabilityZones.length);
  const logRetentionDays = int('logRetentionDays', DEFAULTS.logRetentionDays, 1, 3653);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) throw new ConfigError('logRetentionDays', `CloudWatch keeps logs for one of ${LOG_RETENTION_DAYS.join(', ')} days, got ${logRetentionDays}`);
  const tenantMetrics = str('tenantMetrics', DEFAULTS.tenantMetrics);
  if (tenantMetrics !== 'on' && tenantMetrics !== 'tenant' && tenantMetrics !== 'off') throw new ConfigError('tenantMetrics', `must be on, tenant or off, got '${tenantMetrics}'`);
  const alarmEmailRaw = raw.alarmEmail === undefined || raw.alarmEmail === '' ? undefined : String(raw.alarmEmail).trim();
  if (alarmEmailRaw !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alarmEmailRaw)) throw new ConfigError('alarmEmail', `'${alarmEmailRaw}' is not an email address`);

  const dbInstanceType = str('dbInstanceType', DEFAULTS.dbInstanceType);
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(dbInstanceType)) throw new ConfigError('dbInstanceType', `'${dbInstanceType}' is not an instance type without the db. prefix (e.g. t4g.micro)`);
  const redisNodeType = str('redisNodeType', DEFAULTS.redisNodeType);
  if (!/^cache\.[a-z0-9-]+\.[a-z0-9]+$/.test(redisNodeType)) throw new ConfigError('redisNodeType', `'${redisNodeType}' is not a node type (e.g. cache.t4g.micro)`);

  return {
    prefix,
    domainName,
    mode,
    image,
    account,
    region,
    availabilityZones,
    cpu,
    memoryMiB,
    cpuArchitecture,
    desiredCount,
    maxCount,
    natGateways,
    logRetentionDays,
    tenantMetrics,
    alarmEmail: alarmEmailRaw,
    dbInstanceType,
    dbMultiAz: bool('dbMultiAz', DEFAULTS.dbMultiAz),
    dbAllocatedStorageGiB: int('dbAllocatedStorageGiB', DEFAULTS.dbAllocatedStorageGiB, 20, 65536),
    redisNodeType,
  };
}
