/** Sign-in on the tenant's own host: login, logout, me, password change. */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { tenantRoute } from '../../access.js';
import { ErrorSchema, ErrorResponses } from '../../http/schemas.js';
import { requestTenant } from '../../http/context.js';
import type { FeatureRoutes } from '../index.js';
import type { Config } from '../../config.js';
import { cookieOptions, sessionCookieName } from './cookies.js';
import { ChangePasswordBody, LoginBody, MeResponse, SessionInfo } from './schema.js';
import { changePassword, login, logout, type SessionIssued } from './service.js';
import { IpLimiter } from './throttle.js';

const AuthErrors = { ...ErrorResponses, 401: ErrorSchema, 429: ErrorSchema } as const;

export function setSessionCookie(reply: FastifyReply, config: Config, issued: SessionIssued, now: number): void {
  reply.setCookie(sessionCookieName(config), issued.token, cookieOptions(config, Math.floor((issued.expiresAt - now) / 1000)));
}

export function sessionInfo(issued: SessionIssued, tenant: { id: string; name: string }) {
  return {
    user: { id: issued.user.id, email: issued.user.email, name: issued.user.name, role: issued.user.role },
    tenant: { id: tenant.id, name: tenant.name },
    expires_at: new Date(issued.expiresAt).toISOString(),
    impersonation: null,
  };
}

export const authRoutes: FeatureRoutes = (app, { config, clock }) => {
  const ipLimiter = new IpLimiter();

  app.post(
    '/api/v1/auth/login',
    {
      config: tenantRoute('anyone'),
      schema: { tags: ['auth'], summary: 'Sign in with email and password; sets the session cookie', body: LoginBody, response: { 200: SessionInfo, ...AuthErrors } },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const now = clock();
      ipLimiter.hit(request.ip, now);
      const { email, password } = request.body as { email: string; password: string };
      const issued = await login(tdb, config, request, email, password, now);
      setSessionCookie(reply, config, issued, now);
      return sessionInfo(issued, tenant);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: tenantRoute('anyone'), schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null(), ...AuthErrors } } },
    async (request, reply) => {
      const { tdb } = requestTenant(request);
      await logout(tdb, request, clock());
      reply.clearCookie(sessionCookieName(config), { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: tenantRoute('tenant:read'), schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: MeResponse, ...AuthErrors } } },
    async (request) => {
      const { tenant } = requestTenant(request);
      const p = request.principal!;
      const t = { id: tenant.id, name: tenant.name };
      if (p.kind === 'apikey') {
        return { kind: 'apikey' as const, user: null, api_key: { id: p.keyId, name: p.name, role: p.role }, role: p.role, tenant: t, impersonation: null };
      }
      if (p.kind !== 'user') throw new Error('unreachable: tenant routes have tenant principals');
      return {
        kind: 'user' as const,
        user: { id: p.userId, email: p.email, name: p.name, role: p.role },
        api_key: null,
        role: p.role,
        tenant: t,
        impersonation: p.impersonation
          ? { admin_email: p.impersonation.adminEmail, reason: p.impersonation.reason, expires_at: p.impersonation.expiresAt }
          : null,
      };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: tenantRoute('tenant:read'),
      schema: {
        tags: ['auth'],
        summary: 'Change my password; ends every other session and issues a new one',
        body: ChangePasswordBody,
        response: { 200: SessionInfo, ...AuthErrors },
      },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const now = clock();
      const body = request.body as { current_password: string; new_password: string };
      const issued = await changePassword(tdb, config, request, body.current_password, body.new_password, now);
      setSessionCookie(reply, config, issued, now);
      return sessionInfo(issued, tenant);
    },
  );
};
