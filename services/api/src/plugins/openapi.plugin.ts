import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

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
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Platform API key (bgk_…)' } },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'openapi' });
