/**
 * The platform console's tenant pages (admin host, platform admins only): the live dashboard, a
 * tenant's overview, onboarding, and lifecycle changes (suspend, reactivate, plan and features).
 * Offboarding (export, deletion) is in ../offboarding.
 */
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { platformRoute } from '../../access.js';
import { ErrorResponses, ErrorSchema } from '../../http/schemas.js';
import { tenantOrigin } from '../../urls.js';
import { auditorFor, auditPlatform } from '../audit/writer.js';
import type { FeatureRoutes } from '../index.js';
import { NoQuery, TenantParams } from '../admin/schema.js';
import { listAudit, listTenantSummaries } from '../admin/repository.js';
import type { TenantContext } from '../tenants/schema.js';
import { TenantService } from '../tenants/service.js';
import { lastActivity, statsSince, tenantStatsSince } from '../telemetry/repository.js';
import { dashboardSince, daySince, dayStats, groupByTenant, liveStats } from '../telemetry/windows.js';
import { decodeLogo, onboardTenant } from './onboarding.js';
import { Dashboard, OnboardBody, Onboarded, PatchBody, StatusChanged, TenantOverview, type ConsoleTenant } from './schema.js';
import { StorageMeter } from './storage.js';

const tags = ['admin'];
const ConsoleErrors = { ...ErrorResponses, 401: ErrorSchema } as const;
const WriteErrors = { ...ConsoleErrors, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema } as const;
/** The dashboard lists every tenant; past this many it would need paging. */
const DASHBOARD_MAX_TENANTS = 10_000;

export const consoleRoutes: FeatureRoutes = (fastify, { config, store, registry, clock, requestStats }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tenants = new TenantService(store.platform, registry);
  const storage = new StorageMeter(store, clock, (err) => fastify.log.warn({ err }, 'tenant storage not computed'));
  fastify.addHook('onClose', async () => void (await storage.refresh().catch(() => undefined)));

  const view = (request: FastifyRequest, t: TenantContext): ConsoleTenant => ({
    id: t.id,
    name: t.name,
    status: t.status,
    plan: t.plan,
    url: tenantOrigin(config, request.headers.host, t.id),
    created_at: new Date(t.createdAt).toISOString(),
    updated_at: new Date(t.updatedAt).toISOString(),
    settings: t.settings,
  });
  const platformAudit = (request: FastifyRequest) => (db: Parameters<typeof auditPlatform>[1], event: Parameters<typeof auditPlatform>[2]) =>
    auditPlatform(request, db, event, clock());

  app.get(
    '/api/v1/admin/dashboard',
    {
      config: platformRoute('platform:read'),
      schema: {
        tags,
        summary: 'Every tenant with its live request rates, error rates, p95 latency, storage, users and last activity',
        description:
          'Request figures come from every server process (each writes its own every FLUXION_STATS_FLUSH_SECONDS) and are at ' +
          'most that far behind. `requests_per_minute.mN` is the average over the last N whole minutes and the current one. ' +
          'Storage is recomputed in the background every 10 minutes; null until first computed.',
        querystring: NoQuery,
        response: { 200: Dashboard, ...ConsoleErrors },
      },
    },
    async (request) => {
      await requestStats?.flush();
      const now = clock();
      const [summaries, rows, activity] = await Promise.all([
        listTenantSummaries(store.platform, DASHBOARD_MAX_TENANTS, 0),
        statsSince(store.platform, dashboardSince(now)),
        lastActivity(store.platform),
      ]);
      const byTenant = groupByTenant(rows);
      const sizes = storage.current();
      return {
        generated_at: new Date(now).toISOString(),
        active_tenants: summaries.items.filter((t) => t.status === 'active').length,
        total_tenants: summaries.total,
        tenants: summaries.items.map((t) => ({
          id: t.id,
          name: t.name,
          status: t.status,
          plan: t.plan,
          url: tenantOrigin(config, request.headers.host, t.id),
          created_at: new Date(t.created_at).toISOString(),
          user_count: t.user_count,
          ...liveStats(byTenant.get(t.id) ?? [], now),
          storage_bytes: sizes ? (sizes.bytes.get(t.id) ?? 0) : null,
          storage_computed_at: sizes?.computedAt ?? null,
          last_activity_at: activity.get(t.id) ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/admin/tenants/:id/overview',
    {
      config: platformRoute('platform:read'),
      schema: {
        tags,
        summary: 'One tenant: settings, storage, requests and latency per endpoint over 24 hours, hourly chart data, recent audit events',
        params: TenantParams,
        querystring: NoQuery,
        response: { 200: TenantOverview, ...ConsoleErrors },
      },
    },
    async (request) => {
      const tenant = await tenants.get(request.params.id);
      await requestStats?.flush();
      const now = clock();
      const [rows, audit, users] = await Promise.all([
        tenantStatsSince(store.platform, tenant.id, daySince(now)),
        listAudit(store.platform, { tenant: tenant.id, trail: null, actionPrefix: null, from: null, until: null, limit: 20, offset: 0 }),
        store.platform.get('SELECT count(*) AS n FROM users WHERE tenant_id = $1', [tenant.id]),
      ]);
      const sizes = storage.current();
      return {
        tenant: view(request, tenant),
        user_count: Number(users?.n ?? 0),
        storage_bytes: sizes ? (sizes.bytes.get(tenant.id) ?? 0) : null,
        storage_computed_at: sizes?.computedAt ?? null,
        ...dayStats(rows, now),
        audit: audit.items,
      };
    },
  );

  app.post(
    '/api/v1/admin/tenants',
    {
      config: platformRoute('platform:write'),
      schema: {
        tags,
        summary: 'Onboard a tenant: create it with its settings and logo, and invite its first owner',
        description:
          'All or nothing, live at once on `<id>.<base domain>`. The id is a DNS label (a-z, 0-9, \'-\'), not reserved ' +
          '(admin, api, www, …) and not taken (409). The logo is a PNG or JPEG of at most 512 KB sent as base64; SVG is refused (415). ' +
          'The answer holds the owner\'s single-use invitation link (valid 7 days).',
        querystring: NoQuery,
        body: OnboardBody,
        response: { 201: Onboarded, ...WriteErrors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const p = request.principal;
      const label = p?.kind === 'admin' ? p.email : 'admin';
      const done = await onboardTenant(
        { store, config, registry },
        {
          id: b.id,
          name: b.name,
          plan: b.plan,
          settings: b.settings,
          owner: b.owner,
          logo: b.logo ? decodeLogo(b.logo.content_type, b.logo.data_base64) : undefined,
        },
        { label, now: clock(), record: auditorFor(request, clock), recordPlatform: platformAudit(request) },
      );
      const tenant = view(request, done.tenant);
      return reply.code(201).send({ tenant, url: tenant.url, invite: { email: done.invite.email, url: done.invite.url, expires_at: done.invite.expiresAt } });
    },
  );

  app.patch(
    '/api/v1/admin/tenants/:id',
    {
      config: platformRoute('platform:write'),
      schema: {
        tags,
        summary: 'Change a tenant\'s name, plan or settings (features, colours, …); only what is given changes',
        description: 'Takes effect on the tenant\'s next request (the registry entry is invalidated). Rate limits follow the plan at once.',
        params: TenantParams,
        querystring: NoQuery,
        body: PatchBody,
        response: { 200: ConsoleTenantResponse(), ...WriteErrors },
      },
    },
    async (request) => {
      const before = await tenants.get(request.params.id);
      const after = await tenants.update(request.params.id, request.body);
      const changed = Object.fromEntries(
        (['name', 'plan'] as const).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
      );
      const settings = Object.keys(request.body.settings ?? {}).filter(
        (k) => JSON.stringify(before.settings[k as keyof typeof before.settings]) !== JSON.stringify(after.settings[k as keyof typeof after.settings]),
      );
      await auditPlatform(request, store.platform, {
        action: 'tenant.updated',
        tenantId: after.id,
        targetType: 'tenant',
        targetId: after.id,
        details: { ...changed, ...(settings.length > 0 ? { settings: Object.fromEntries(settings.map((k) => [k, after.settings[k as keyof typeof after.settings]])) } : {}) },
      }, clock());
      return view(request, after);
    },
  );

  for (const action of ['suspend', 'activate'] as const) {
    app.post(
      `/api/v1/admin/tenants/:id/${action}`,
      {
        config: platformRoute('platform:write'),
        schema: {
          tags,
          summary: action === 'suspend' ? 'Suspend a tenant: its users see a suspended page and its API answers 403 (data is kept)' : 'Reactivate a suspended tenant',
          params: TenantParams,
          querystring: NoQuery,
          response: { 200: StatusChanged, ...WriteErrors },
        },
      },
      async (request) => {
        const { tenant, changed } = await tenants[action](request.params.id);
        if (changed) {
          await auditPlatform(request, store.platform, { action: `tenant.${action === 'suspend' ? 'suspended' : 'activated'}`, tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id }, clock());
        }
        return { tenant: view(request, tenant), changed };
      },
    );
  }
};

function ConsoleTenantResponse() {
  return StatusChanged.properties.tenant;
}
