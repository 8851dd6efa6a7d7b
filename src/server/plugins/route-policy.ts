/**
 * Every route must declare a policy. Routes are collected as they are registered and checked
 * when the app is ready: one route without a policy and the server does not start.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
  options: RouteOptions;
}

export class MissingPolicyError extends Error {
  constructor(routes: string[]) {
    super(`Routes registered without a tenancy policy: ${routes.join(', ')}`);
    this.name = 'MissingPolicyError';
  }
}

export function routePolicyCheck(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (options) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    for (const method of methods) routes.push({ method: String(method), url: options.url, options });
  });
  app.addHook('onReady', async () => {
    const missing = routes.filter((r) => !r.options.config?.policy).map((r) => `${r.method} ${r.url}`);
    if (missing.length > 0) throw new MissingPolicyError(missing);
  });
  return routes;
}
