import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Operation = {
  parameters?: unknown[];
  responses?: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
};
type Document = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * Conventions the plugins enforce outside the route schemas, written into the document: errors are
 * `application/problem+json`; every POST takes an `Idempotency-Key` and may answer a replay.
 */
function documentConventions(document: Document): Document {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const [method, operation] of Object.values(paths).flatMap((item) => Object.entries(item))) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const json = response.content?.['application/json'];
      if (Number(status) >= 400 && json) response.content = { 'application/problem+json': json };
      if (method === 'post' && Number(status) < 300) {
        response.headers = {
          ...response.headers,
          'Idempotent-Replayed': {
            description: '"true" when this is the stored first response to the same Idempotency-Key',
            schema: { type: 'string', enum: ['true'] },
          },
        };
      }
    }
    if (method === 'post') {
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          in: 'header',
          name: 'Idempotency-Key',
          required: true,
          description:
            'Unique per intended operation (e.g. a UUID). A retry with the same key and body replays the first response; with another body it is refused (422).',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
        },
      ];
    }
  }
  return document;
}

/** OpenAPI 3.1 generated from the routes' zod schemas at /openapi.json; interactive docs at /docs. */
async function openapiPlugin(app: FastifyInstance, { publicUrl }: { publicUrl?: string | undefined }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Baigou market-procurement trade platform API (白沟市场采购贸易联网信息平台)',
        version: '1.0.0',
        description:
          'REST API of the networked information platform for customs supervision mode 1039 at the Baigou luggage market. ' +
          'Authenticate with `Authorization: Bearer <key>`; every POST needs an `Idempotency-Key`; errors are RFC 9457 problem+json.',
      },
      servers: publicUrl ? [{ url: publicUrl }] : [],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Platform API key (bgk_…)' },
          // The bank's callbacks: HMAC-SHA256 over `${bank-timestamp}.${raw body}`, in the bank-signature header.
          bankSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'bank-signature',
            description: 'v1=<hex HMAC-SHA256(secret, "<bank-timestamp>.<exact body bytes>")>, with bank-timestamp',
          },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => documentConventions(jsonSchemaTransformObject(input)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'openapi' });
