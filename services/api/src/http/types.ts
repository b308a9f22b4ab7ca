import type { Principal, Role } from '@baigou/core';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed to call the route. Every /v1 route must declare them (checked at start-up). */
    roles?: readonly Role[];
    /**
     * The response carries a secret shown once (an API key): it is not stored for replay, and a
     * retry with the same Idempotency-Key is refused instead of handing the secret out again.
     */
    secretResponse?: boolean;
    /**
     * The route is called by the bank, not with an API key: it declares no roles and authenticates
     * each request by the bank's HMAC signature over the raw body (routes/payout/callbacks.routes.ts).
     */
    signedByBank?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The authenticated principal of a route that declared roles (the auth hook guarantees it is set). */
export function principalOf(request: { principal?: Principal | undefined }): Principal {
  if (!request.principal) throw new Error('route reached without an authenticated principal');
  return request.principal;
}
