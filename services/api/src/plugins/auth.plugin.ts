import { accessErrors, type AccessService } from '@baigou/core';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { RouteRoles } from '../http/route-roles';

export interface AuthOptions {
  access: AccessService;
  redis: Redis;
  redisPrefix: string;
  ratePerMinute: number;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /v1 route with its declared roles, in registration order (the README's role table is checked against it). */
    routeRoles: RouteRoles[];
  }
}

/**
 * Authentication (API key → principal), role authorisation declared per route, and a per-key
 * rate limit. A route under /v1 that does not declare its roles stops the app from starting.
 */
async function authPlugin(app: FastifyInstance, options: AuthOptions) {
  const routeRoles: RouteRoles[] = [];
  app.decorate('routeRoles', routeRoles);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1')) return;
    // The bank's callbacks carry a signature instead of a key; the route checks it itself.
    if (route.config?.signedByBank) return;
    const roles = route.config?.roles;
    if (!roles?.length) throw new Error(`route ${route.method} ${route.url} does not declare its roles`);
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeRoles.push({ method, path, roles });
    }
  });

  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const header = request.headers.authorization;
    if (!header) throw accessErrors.missingCredentials();
    const match = BEARER.exec(header);
    if (!match) throw accessErrors.invalidKey();
    request.principal = await options.access.authenticate(match[1]!);
    if (!roles.includes(request.principal.role)) {
      throw accessErrors.forbiddenRole({
        detail: `allowed roles: ${roles.join(', ')}; yours: ${request.principal.role}`,
      });
    }
  });

  await app.register(rateLimit, {
    global: true,
    hook: 'preValidation',
    max: options.ratePerMinute,
    timeWindow: 60_000,
    redis: options.redis,
    nameSpace: `${options.redisPrefix}:ratelimit:`,
    // A Redis outage must not take the API down with it: requests pass unlimited meanwhile.
    skipOnError: true,
    allowList: (request) => !request.principal,
    keyGenerator: (request) => request.principal?.keyId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`), {
        statusCode: 429,
      }),
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['problem'] });
