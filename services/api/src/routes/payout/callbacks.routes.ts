import { CallbackAck, type PayoutService } from '@baigou/core';
import type { FastifyInstance } from 'fastify';
import { problems } from '../../http/problem';
import type { App } from '../../http/types';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of a bank callback, which its signature covers. */
    rawBody?: Buffer;
  }
}

/**
 * The treasury gateway's signed callbacks. Authenticated by the HMAC headers over the raw bytes, not
 * by an API key: this route alone keeps its body as bytes (an encapsulated JSON parser), so nothing of
 * an unauthenticated body is parsed. Idempotent by (instruction id, sequence).
 */
export function callbackRoutes(app: App, { payout }: { payout: PayoutService }) {
  void app.register(async (scope: FastifyInstance) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, {});
    });
    (scope as App).post(
      '/v1/payout/bank-callbacks',
      {
        config: { signedByBank: true },
        schema: {
          tags: ['payout'],
          summary:
            'Bank payment callback (bank-timestamp, bank-signature: HMAC-SHA256 over the exact body); a repeat is acknowledged, the same instruction and sequence with other content is a 422',
          security: [{ bankSignature: [] }],
          response: { 200: CallbackAck, ...problems(400, 401, 404, 409, 415, 422) },
        },
      },
      async (request) =>
        payout.receiveCallback({ rawBody: request.rawBody ?? Buffer.alloc(0), headers: request.headers }),
    );
  });
}
