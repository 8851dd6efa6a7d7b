/**
 * Users of the tenant and their invitations. Owners manage them; managers may list them. The
 * invitee's side (accepting with a password) needs no sign-in: the link's token is the credential.
 */
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { tenantRoute } from '../../access.js';
import { actorOf, requestTenant } from '../../http/context.js';
import { ErrorResponses, ErrorSchema, Page, WriteErrorResponses } from '../../http/schemas.js';
import type { Clock } from '../../clock.js';
import type { FeatureRoutes } from '../index.js';
import { auditorFor } from '../audit/writer.js';
import { sessionInfo, setSessionCookie } from '../auth/routes.js';
import { SessionInfo } from '../auth/schema.js';
import {
  AcceptInviteBody,
  CreatedInviteSchema,
  CreateInviteBody,
  IdParams,
  InviteQuery,
  InviteSchema,
  NoQuery,
  UpdateUserBody,
  UserQuery,
  UserSchema,
} from './schema.js';
import { refuseWhileImpersonating } from './guards.js';
import * as service from './service.js';

const ReadErrors = { ...ErrorResponses, 401: ErrorSchema } as const;
const WriteErrors = { ...WriteErrorResponses, 401: ErrorSchema } as const;

function acting(request: FastifyRequest, clock: Clock): service.Acting {
  const p = request.principal;
  return { userId: p?.kind === 'user' ? p.userId : null, now: clock(), record: auditorFor(request, clock) };
}

export const userRoutes: FeatureRoutes = (fastify, { config, clock }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manage = tenantRoute('users:manage');
  const tags = ['users'];

  app.get(
    '/api/v1/users',
    {
      config: tenantRoute('users:read'),
      schema: {
        tags,
        summary: 'Users of the tenant',
        description: 'Ordered by email. Filter by role, status and text (`q` on email and name).',
        querystring: UserQuery,
        response: { 200: Page(UserSchema), ...ReadErrors },
      },
    },
    async (request) => service.listUsers(requestTenant(request).tdb, request.query),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a user\'s role, status or name',
        description:
          'A role change or `status: "disabled"` ends every session of the user at once (their next request is 401). ' +
          'The last active owner cannot be demoted or disabled, and an owner cannot disable themself (409 conflict). ' +
          'An impersonation session may change names only (403).',
        params: IdParams,
        querystring: NoQuery,
        body: UpdateUserBody,
        response: { 200: UserSchema, ...WriteErrors },
      },
    },
    async (request) => {
      if (request.body.role !== undefined || request.body.status !== undefined) refuseWhileImpersonating(request, 'change roles or disable users');
      return service.updateUser(requestTenant(request).tdb, request.params.id, request.body, acting(request, clock));
    },
  );

  app.get(
    '/api/v1/users/invites',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Pending invitations',
        description: 'Not accepted, not revoked, not expired; newest first. The links themselves are never shown again.',
        querystring: InviteQuery,
        response: { 200: Page(InviteSchema), ...ReadErrors },
      },
    },
    async (request) => service.listInvites(requestTenant(request).tdb, request.query, clock()),
  );

  app.post(
    '/api/v1/users/invites',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Invite someone to become a user',
        description:
          'Answers a single-use link valid for 7 days, shown once. An email that is already a user here, or that has a pending ' +
          'invitation, is 409 already_exists. Refused (403) in an impersonation session.',
        querystring: NoQuery,
        body: CreateInviteBody,
        response: { 201: CreatedInviteSchema, ...WriteErrors },
      },
    },
    async (request, reply) => {
      refuseWhileImpersonating(request, 'invite users');
      const { tdb } = requestTenant(request);
      const invite = await service.createInvite(tdb, config, { ...request.body, invitedBy: actorOf(request) }, acting(request, clock));
      return reply.code(201).send(invite);
    },
  );

  app.delete(
    '/api/v1/users/invites/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Revoke an invitation',
        description: 'Its link stops working at once. An accepted invitation is 409 invalid_state (disable the user instead).',
        params: IdParams,
        querystring: NoQuery,
        response: { 204: Type.Null(), ...WriteErrors },
      },
    },
    async (request, reply) => {
      await service.revokeInvite(requestTenant(request).tdb, request.params.id, acting(request, clock));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/invites/accept',
    {
      config: tenantRoute('anyone'),
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: set a password and sign in',
        description:
          'Creates the user with the invitation\'s email and role and sets the session cookie. An unknown, used, revoked or ' +
          'expired token is 410 invite_invalid (`details.reason` says which); a weak password is 400.',
        querystring: NoQuery,
        body: AcceptInviteBody,
        response: { 200: SessionInfo, ...WriteErrors, 410: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { tenant, tdb } = requestTenant(request);
      const now = clock();
      const issued = await service.acceptInvite(tdb, config, request, request.body, now);
      setSessionCookie(reply, config, issued, now);
      return sessionInfo(issued, tenant);
    },
  );
};
