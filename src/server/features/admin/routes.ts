/**
 * The platform console's API on the admin host (sign-in, tenants, the merged audit trail,
 * impersonation grants), and the one tenant-host route that turns a grant into a session.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { platformRoute, tenantRoute } from '../../access.js';
import { tenantOrigin } from '../../urls.js';
import { AppError } from '../../errors.js';
import { requestTenant } from '../../http/context.js';
import { ErrorResponses, ErrorSchema } from '../../http/schemas.js';
import { adminCookieName, cookieOptions, sessionCookieName } from '../auth/cookies.js';
import { findAdminSession } from '../auth/repository.js';
import { IpLimiter } from '../auth/throttle.js';
import type { FeatureRoutes } from '../index.js';
import { exchangeGrant, grantImpersonation } from './impersonation.js';
import { listAudit, listTenantSummaries } from './repository.js';
import {
  AdminInfo,
  AdminLoginBody,
  AuditPage,
  AuditQuery,
  GrantQuery,
  ImpersonateBody,
  ImpersonationGrant,
  NoQuery,
  TenantListQuery,
  TenantPage,
  TenantParams,
} from './schema.js';
import { adminLogin, adminLogout } from './service.js';

const tags = ['admin'];
const AuthErrors = { ...ErrorResponses, 401: ErrorSchema, 429: ErrorSchema } as const;
const ConsoleErrors = { ...ErrorResponses, 401: ErrorSchema } as const;

const DAY_MS = 86_400_000;
const isDate = (v: string) => /^\d{4}-\d\d-\d\d$/.test(v);

/** `from` is inclusive; `to` includes the whole day when it is a date, the instant itself otherwise. */
function auditWindow(from: string | undefined, to: string | undefined): { from: number | null; until: number | null } {
  const start = from === undefined ? null : Date.parse(isDate(from) ? `${from}T00:00:00Z` : from);
  const until = to === undefined ? null : isDate(to) ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : Date.parse(to) + 1;
  if ((start !== null && Number.isNaN(start)) || (until !== null && Number.isNaN(until))) {
    throw new AppError('validation_error', 'from and to must be valid dates or instants.');
  }
  if (start !== null && until !== null && start >= until) throw new AppError('validation_error', '`from` must be before `to`.');
  return { from: start, until };
}

export const adminRoutes: FeatureRoutes = (fastify, { config, store, clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ipLimiter = new IpLimiter();

  const setAdminCookie = (reply: FastifyReply, token: string, expiresAt: number, now: number) =>
    reply.setCookie(adminCookieName(config), token, cookieOptions(config, Math.floor((expiresAt - now) / 1000)));

  app.post(
    '/api/v1/admin/auth/login',
    {
      config: platformRoute('anyone'),
      schema: {
        tags,
        summary: 'Platform admin sign-in; sets the admin cookie (admin host only)',
        querystring: NoQuery,
        body: AdminLoginBody,
        response: { 200: AdminInfo, ...AuthErrors },
      },
    },
    async (request, reply) => {
      const now = clock();
      ipLimiter.hit(request.ip, now);
      const issued = await adminLogin(store.platform, config, request, request.body.email, request.body.password, now);
      setAdminCookie(reply, issued.token, issued.expiresAt, now);
      const a = issued.admin;
      return { admin: { id: a.id, email: a.email, name: a.name }, expires_at: new Date(issued.expiresAt).toISOString() };
    },
  );

  app.post(
    '/api/v1/admin/auth/logout',
    {
      config: platformRoute('anyone'),
      schema: { tags, summary: 'End the platform admin session', querystring: NoQuery, response: { 204: Type.Null(), ...AuthErrors } },
    },
    async (request, reply) => {
      await adminLogout(store.platform, request, clock());
      reply.clearCookie(adminCookieName(config), { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/auth/me',
    {
      config: platformRoute('platform:read'),
      schema: { tags, summary: 'The signed-in platform admin', querystring: NoQuery, response: { 200: AdminInfo, ...ConsoleErrors } },
    },
    async (request) => {
      const p = request.principal;
      if (p?.kind !== 'admin') throw new Error('unreachable: platform routes have admin principals');
      const s = await findAdminSession(store.platform, p.sessionHash);
      return { admin: { id: p.adminId, email: p.email, name: p.name }, ...(s ? { expires_at: new Date(s.expiresAt).toISOString() } : {}) };
    },
  );

  app.get(
    '/api/v1/admin/tenants',
    {
      config: platformRoute('platform:read'),
      schema: {
        tags,
        summary: 'Every tenant with its status, plan and user count',
        querystring: TenantListQuery,
        response: { 200: TenantPage, ...ConsoleErrors },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      return { ...(await listTenantSummaries(store.platform, limit, offset)), limit, offset };
    },
  );

  app.get(
    '/api/v1/admin/audit',
    {
      config: platformRoute('platform:read'),
      schema: {
        tags,
        summary: 'Every tenant\'s audit trail and the platform\'s own, merged, newest first',
        description:
          '`tenant_id` keeps that tenant\'s rows and the platform events about it (impersonations); `action` is a prefix; ' +
          '`from` is inclusive, `to` includes its whole day when it is a date.',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...ConsoleErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const { limit = 50, offset = 0 } = q;
      const window = auditWindow(q.from, q.to);
      const page = await listAudit(store.platform, {
        tenant: q.tenant_id ?? null,
        trail: q.trail ?? null,
        actionPrefix: q.action ?? null,
        ...window,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.post(
    '/api/v1/admin/tenants/:id/impersonate',
    {
      config: platformRoute('platform:write'),
      schema: {
        tags,
        summary: 'Start impersonating a tenant user: returns a single-use sign-in link for the tenant\'s host',
        description:
          'Refused (403 impersonation_refused) when the tenant\'s owners turned allowImpersonation off. The link lasts ' +
          '60 seconds and signs in as `user_email` (default: the tenant\'s first active owner) for at most 60 minutes.',
        params: TenantParams,
        querystring: NoQuery,
        body: ImpersonateBody,
        response: { 201: ImpersonationGrant, ...ConsoleErrors, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const g = await grantImpersonation(store, request, request.params.id, request.body, clock());
      const url = `${tenantOrigin(config, request.headers.host, g.tenant.id)}/api/v1/auth/impersonate?grant=${encodeURIComponent(g.token)}`;
      return reply.code(201).send({
        url,
        expires_at: new Date(g.expiresAt).toISOString(),
        tenant: { id: g.tenant.id, name: g.tenant.name },
        user: g.user,
      });
    },
  );

  app.get(
    '/api/v1/auth/impersonate',
    {
      config: tenantRoute('anyone'),
      schema: {
        tags: ['auth'],
        summary: 'Trade an impersonation grant for a session on the tenant\'s host; redirects to the app',
        description: 'Opened by the admin\'s browser from the link the admin console produced. Single use, 60 seconds.',
        querystring: GrantQuery,
        response: { 302: Type.Null({ description: 'Signed in: redirect to /' }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenant } = requestTenant(request);
      const now = clock();
      const issued = await exchangeGrant(store, config, request, tenant, request.query.grant, now);
      reply.setCookie(sessionCookieName(config), issued.token, cookieOptions(config, Math.floor((issued.expiresAt - now) / 1000)));
      // The grant is in this URL: keep it out of caches and of the next page's Referer.
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return reply.redirect('/', 302);
    },
  );
};
