/**
 * Tenant administration: create, list, show, suspend, activate, update. Used by the CLI (directly
 * or through the running server's admin socket) and later by the admin console.
 *
 * Every change invalidates the registry entry, so the running server serves the new state on the
 * very next request instead of after the cache TTL.
 */
import { Value } from 'typebox/value';
import { tenantIdProblem, type TenantIdProblem } from '../../../shared/tenancy.js';
import { AppError } from '../../errors.js';
import type { PlatformDb } from '../../../store/types.js';
import type { TenantRegistry } from './registry.js';
import { countTenantData, findTenant, insertTenant, listTenants, updateTenant, type TenantCounts } from './repository.js';
import {
  DEFAULT_SETTINGS,
  FEATURES,
  PLANS,
  TenantSettingsSchema,
  type Plan,
  type TenantContext,
  type TenantSettings,
  type TenantStatus,
} from './schema.js';

export type { TenantCounts } from './repository.js';

export interface CreateTenantInput {
  id: string;
  name: string;
  plan?: string;
  /** Missing settings are taken from DEFAULT_SETTINGS. */
  settings?: Partial<Record<keyof TenantSettings, unknown>> & Record<string, unknown>;
}

export interface UpdateTenantInput {
  name?: string;
  plan?: string;
  /** Merged over the tenant's current settings. */
  settings?: Partial<Record<keyof TenantSettings, unknown>> & Record<string, unknown>;
}

export interface TenantDetails {
  tenant: TenantContext;
  counts: TenantCounts;
}

export interface StatusChange {
  tenant: TenantContext;
  /** False when the tenant already had that status. */
  changed: boolean;
}

const NAME_MAX = 200;

const ID_PROBLEMS: Record<TenantIdProblem, string> = {
  empty: 'a tenant id must not be empty',
  too_long: 'a tenant id has at most 63 characters (it is a DNS label)',
  invalid_characters: "use lower-case letters a-z, digits and '-', starting and ending with a letter or digit (it becomes <id>.<base domain>)",
  reserved: 'it is a reserved name (kept for the platform: admin, api, www, …)',
};

/** Field-specific wording for settings errors; the schema's own message is the fallback. */
const SETTING_HINTS: Partial<Record<keyof TenantSettings, string>> = {
  currency: 'must be a 3-letter ISO 4217 code in capitals, e.g. USD or VES',
  timezone: 'must be an IANA time zone, e.g. America/Caracas',
  locale: 'must be a locale like es-VE or en',
  features: `must be distinct values among ${FEATURES.join(', ')}`,
  primaryColor: 'must be a hex colour #rrggbb, e.g. #10b981',
  secondaryColor: 'must be a hex colour #rrggbb, e.g. #059669',
  logoUrl: 'must be an http(s) URL or a path starting with /, at most 500 characters',
  showVenezuelanTaxes: 'must be true or false',
};

function shown(value: string): string {
  return value.length > 70 ? `${value.slice(0, 70)}…` : value;
}

export function checkTenantId(id: string): void {
  const problem = tenantIdProblem(id);
  if (problem !== null) {
    throw new AppError('invalid_tenant_id', `'${shown(id)}' is not a valid tenant id: ${ID_PROBLEMS[problem]}.`);
  }
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw new AppError('validation_error', 'The tenant name must not be empty.');
  if (name.length > NAME_MAX) throw new AppError('validation_error', `The tenant name has at most ${NAME_MAX} characters (got ${name.length}).`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new AppError('validation_error', 'The tenant name must not contain control characters.');
  return name;
}

function checkPlan(plan: string): Plan {
  if (!(PLANS as readonly string[]).includes(plan)) {
    throw new AppError('validation_error', `Unknown plan '${shown(plan)}': use one of ${PLANS.join(', ')}.`);
  }
  return plan as Plan;
}

/** Drop keys whose value is undefined: "not given" must not overwrite a default or a current value. */
function given<T extends Record<string, unknown>>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Validate a complete settings document; returns it with the time zone in canonical form. */
export function checkSettings(candidate: Record<string, unknown>): TenantSettings {
  if (!Value.Check(TenantSettingsSchema, candidate)) {
    const problems: string[] = [];
    for (const e of Value.Errors(TenantSettingsSchema, candidate)) {
      const field = e.instancePath.split('/')[1];
      if (e.keyword === 'additionalProperties') {
        const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
        problems.push(`unknown setting${extra.length === 1 ? '' : 's'} ${extra.map((x) => `'${shown(x)}'`).join(', ')}`);
      } else if (field) {
        problems.push(`${field} ${SETTING_HINTS[field as keyof TenantSettings] ?? e.message}`);
      } else {
        problems.push(e.message);
      }
    }
    const unique = [...new Set(problems)];
    throw new AppError('validation_error', `Invalid tenant settings: ${unique.join('; ')}.`, { problems: unique });
  }
  const settings = candidate as TenantSettings;
  let timezone: string;
  try {
    timezone = new Intl.DateTimeFormat('en-US', { timeZone: settings.timezone }).resolvedOptions().timeZone;
  } catch {
    throw new AppError('validation_error', `Invalid tenant settings: timezone '${shown(settings.timezone)}' is not a known IANA time zone (e.g. America/Caracas).`);
  }
  if (settings.logoUrl !== null && !/^(?:https?:\/\/[^\s]+|\/[^\s]*)$/i.test(settings.logoUrl)) {
    throw new AppError('validation_error', `Invalid tenant settings: logoUrl ${SETTING_HINTS.logoUrl}.`);
  }
  return { ...settings, timezone };
}

function unknownTenant(id: string): AppError {
  return new AppError('tenant_not_found', `Tenant '${shown(id)}' does not exist.`);
}

export class TenantService {
  constructor(
    private readonly db: PlatformDb,
    private readonly registry: Pick<TenantRegistry, 'invalidate'>,
  ) {}

  async create(input: CreateTenantInput): Promise<TenantContext> {
    checkTenantId(input.id);
    const name = checkName(input.name);
    const plan = checkPlan(input.plan ?? 'standard');
    const settings = checkSettings({ ...DEFAULT_SETTINGS, ...given(input.settings) });
    const exists = () => new AppError('already_exists', `Tenant '${input.id}' already exists.`);
    if (await findTenant(this.db, input.id)) throw exists();
    try {
      await insertTenant(this.db, { id: input.id, name, plan, settings });
    } catch (err) {
      // Lost a race with another creator: report it as the duplicate it is.
      if (await findTenant(this.db, input.id)) throw exists();
      throw err;
    } finally {
      // Also clears a cached "unknown" for this id, so the new sub-domain answers at once.
      this.registry.invalidate(input.id);
    }
    return this.get(input.id);
  }

  list(): Promise<TenantContext[]> {
    return listTenants(this.db);
  }

  async get(id: string): Promise<TenantContext> {
    const tenant = await findTenant(this.db, id);
    if (!tenant) throw unknownTenant(id);
    return tenant;
  }

  async show(id: string): Promise<TenantDetails> {
    const tenant = await this.get(id);
    return { tenant, counts: await countTenantData(this.db, id) };
  }

  suspend(id: string): Promise<StatusChange> {
    return this.setStatus(id, 'suspended');
  }

  activate(id: string): Promise<StatusChange> {
    return this.setStatus(id, 'active');
  }

  async update(id: string, input: UpdateTenantInput): Promise<TenantContext> {
    const name = input.name === undefined ? undefined : checkName(input.name);
    const plan = input.plan === undefined ? undefined : checkPlan(input.plan);
    await this.db.tx(async (tx) => {
      const current = await findTenant(tx, id);
      if (!current) throw unknownTenant(id);
      const settings = input.settings === undefined ? undefined : checkSettings({ ...current.settings, ...given(input.settings) });
      await updateTenant(tx, id, { name, plan, settings });
    });
    this.registry.invalidate(id);
    return this.get(id);
  }

  private async setStatus(id: string, status: TenantStatus): Promise<StatusChange> {
    const changed = await this.db.tx(async (tx) => {
      const current = await findTenant(tx, id);
      if (!current) throw unknownTenant(id);
      if (current.status === status) return false;
      await updateTenant(tx, id, { status });
      return true;
    });
    // Also when unchanged: the cached entry may predate a change made outside Fluxion.
    this.registry.invalidate(id);
    return { tenant: await this.get(id), changed };
  }
}
