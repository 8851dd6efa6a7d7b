/**
 * What the CLI does to data, written once as functions of a context. They run either in the CLI
 * process on a database it opened itself, or inside the running server when a command arrives on
 * its admin socket (the server holds the database file, so that is the only way in).
 * Results are plain JSON: they cross the socket, and `render.ts` turns them into text.
 * The account operations (users, platform admins, API keys) live in `accounts.ts`.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Clock } from '../server/clock.js';
import type { Config } from '../server/config.js';
import { AppError } from '../server/errors.js';
import type { TenantRegistry } from '../server/features/tenants/registry.js';
import type { TenantContext } from '../server/features/tenants/schema.js';
import { TenantService, type TenantCounts } from '../server/features/tenants/service.js';
import { tenantSiteUrl } from '../server/urls.js';
import type { DemoReport } from '../demo/index.js';
import type { MigrationReport } from '../store/migrations/index.js';
import { ACCOUNT_OPERATIONS, CLI_ACTOR } from './accounts.js';
import { audit, auditPlatform } from '../server/features/audit/writer.js';
import { decodeLogo, onboardTenant } from '../server/features/console/onboarding.js';
import { OFFBOARDING_OPERATIONS } from './offboarding.js';
import { EXPORT_OPERATIONS } from './exports.js';
import { IMPORT_OPERATIONS } from './imports.js';
import { FORECAST_OPERATIONS } from './forecasts.js';
import { BACKUP_OPERATIONS } from './backups.js';
import { demoForceWhileServing } from './errors.js';
import type { Store } from '../store/types.js';

export interface OperationContext {
  store: Store;
  registry: Pick<TenantRegistry, 'invalidate'>;
  config: Config;
  /** 'server': inside the running server, on behalf of a CLI process. */
  via: 'direct' | 'server';
  onProgress?: (phase: string, fraction: number) => void;
  /** Time for expiry and the audit trail; the system clock unless a test moves it. */
  clock?: Clock;
}

export interface TenantView extends TenantContext {
  url: string;
}

const view = (config: Config, t: TenantContext): TenantView => ({ ...t, url: tenantSiteUrl(config, t.id) });
const service = (ctx: OperationContext) => new TenantService(ctx.store.platform, ctx.registry);

/** The tenant service validates every value; these schemas only guard the shape that crosses the socket. */
const Id = Type.String({ maxLength: 300 });
const Text = Type.String({ maxLength: 2000 });
const Settings = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown());

interface Operation<S extends TSchema, R> {
  args: S;
  run(ctx: OperationContext, args: Static<S>): Promise<R>;
}
const op = <S extends TSchema, R>(args: S, run: (ctx: OperationContext, args: Static<S>) => Promise<R>): Operation<S, R> => ({ args, run });

export const OPERATIONS = {
  migrate: op(Type.Object({}, { additionalProperties: false }), async (ctx): Promise<MigrationReport & { database: string }> => ({
    database: ctx.store.location,
    ...(await ctx.store.migrate()),
  })),

  'tenant.create': op(
    Type.Object(
      {
        id: Id,
        name: Text,
        plan: Type.Optional(Text),
        settings: Type.Optional(Settings),
        owner: Type.Optional(Type.Object({ email: Text, name: Type.Optional(Text) }, { additionalProperties: false })),
        // The file's bytes as base64: they cross the admin socket as JSON.
        logo: Type.Optional(Type.Object({ contentType: Text, base64: Type.String({ maxLength: 1_000_000 }) }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    async (ctx, a): Promise<{ tenant: TenantView; invite?: { email: string; url: string; expiresAt: string } }> => {
      if (!a.owner && !a.logo) return { tenant: view(ctx.config, await service(ctx).create(a)) };
      if (!a.owner) throw new AppError('validation_error', 'A tenant created with a logo needs its first owner too (--owner-email).');
      const now = (ctx.clock ?? Date.now)();
      const done = await onboardTenant(
        { store: ctx.store, config: ctx.config, registry: ctx.registry },
        { id: a.id, name: a.name, plan: a.plan, settings: a.settings, owner: a.owner, logo: a.logo ? decodeLogo(a.logo.contentType, a.logo.base64) : undefined },
        {
          label: CLI_ACTOR.label,
          now,
          record: (db, event) => audit(null, db, { ...event, actor: CLI_ACTOR }, now),
          recordPlatform: (db, event) => auditPlatform(null, db, { ...event, actor: CLI_ACTOR }, now),
        },
      );
      return { tenant: view(ctx.config, done.tenant), invite: done.invite };
    },
  ),

  'tenant.list': op(Type.Object({}, { additionalProperties: false }), async (ctx): Promise<{ tenants: TenantView[] }> => ({
    tenants: (await service(ctx).list()).map((t) => view(ctx.config, t)),
  })),

  'tenant.show': op(Type.Object({ id: Id }, { additionalProperties: false }), async (ctx, a): Promise<{ tenant: TenantView; counts: TenantCounts }> => {
    const { tenant, counts } = await service(ctx).show(a.id);
    return { tenant: view(ctx.config, tenant), counts };
  }),

  'tenant.suspend': op(Type.Object({ id: Id }, { additionalProperties: false }), async (ctx, a): Promise<{ tenant: TenantView; changed: boolean }> => {
    const { tenant, changed } = await service(ctx).suspend(a.id);
    return { tenant: view(ctx.config, tenant), changed };
  }),

  'tenant.activate': op(Type.Object({ id: Id }, { additionalProperties: false }), async (ctx, a): Promise<{ tenant: TenantView; changed: boolean }> => {
    const { tenant, changed } = await service(ctx).activate(a.id);
    return { tenant: view(ctx.config, tenant), changed };
  }),

  'tenant.update': op(
    Type.Object({ id: Id, name: Type.Optional(Text), plan: Type.Optional(Text), settings: Type.Optional(Settings) }, { additionalProperties: false }),
    async (ctx, a): Promise<{ tenant: TenantView }> => {
      const { id, ...patch } = a;
      return { tenant: view(ctx.config, await service(ctx).update(id, patch)) };
    },
  ),

  demo: op(
    Type.Object({ scale: Type.Union([Type.Literal('full'), Type.Literal('small')]), force: Type.Boolean() }, { additionalProperties: false }),
    async (ctx, a): Promise<DemoReport> => {
      if (a.force && ctx.via === 'server') throw demoForceWhileServing(process.pid);
      // The generator is big; every other command starts faster without it.
      const { DemoDataExistsError, loadDemo } = await import('../demo/index.js');
      try {
        return await loadDemo(ctx.store, { scale: a.scale, force: a.force, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
      } catch (err) {
        if (err instanceof DemoDataExistsError) {
          throw new AppError(
            'already_exists',
            `Demo data is already loaded (${err.tenants.join(', ')}). Replacing it deletes and regenerates all their data: run \`fluxion demo --force\`${ctx.via === 'server' ? ' after stopping the server' : ''}.`,
            { tenants: err.tenants },
          );
        }
        throw err;
      } finally {
        // Demo tenants were created or rewritten: forget every cached entry.
        ctx.registry.invalidate();
      }
    },
  ),

  // fluxion user|admin|apikey …
  ...ACCOUNT_OPERATIONS,

  // fluxion tenant export|delete
  ...OFFBOARDING_OPERATIONS,

  // fluxion export <kind>
  ...EXPORT_OPERATIONS,

  // fluxion import
  ...IMPORT_OPERATIONS,
  ...FORECAST_OPERATIONS,

  // fluxion backup, fluxion restore, fluxion tenant restore
  ...BACKUP_OPERATIONS,
} as const;

export type CommandName = keyof typeof OPERATIONS;
export type ArgsOf<C extends CommandName> = Static<(typeof OPERATIONS)[C]['args']>;
export type ResultOf<C extends CommandName> = Awaited<ReturnType<(typeof OPERATIONS)[C]['run']>>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(OPERATIONS, name);
}

/** Validate the arguments and run one operation: the single entry point of both paths. */
export async function runOperation(ctx: OperationContext, command: string, args: unknown): Promise<unknown> {
  if (!isCommandName(command)) {
    throw new AppError('bad_request', `Unknown command '${command.slice(0, 60)}'. If the running server is an older version, restart it.`);
  }
  const operation = OPERATIONS[command] as Operation<TSchema, unknown>;
  if (!Value.Check(operation.args, args)) {
    const first = [...Value.Errors(operation.args, args)][0];
    throw new AppError('validation_error', `Bad arguments for '${command}': ${first ? `${first.instancePath || 'args'} ${first.message}` : 'invalid'}.`);
  }
  return operation.run(ctx, args);
}
