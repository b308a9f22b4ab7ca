import { randomUUID } from 'node:crypto';
import type { ApiConfig } from '@baigou/config';
import { createAccessService, createReferenceService, createRegistryService } from '@baigou/core';
import type { Database } from '@baigou/db';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { App } from './http/types';
import authPlugin from './plugins/auth.plugin';
import idempotencyPlugin from './plugins/idempotency.plugin';
import metricsPlugin from './plugins/metrics.plugin';
import openapiPlugin from './plugins/openapi.plugin';
import problemPlugin from './plugins/problem.plugin';
import { keysRoutes } from './routes/admin/keys.routes';
import { healthRoutes } from './routes/health.routes';
import { referenceRoutes } from './routes/reference.routes';
import { registryRoutes } from './routes/registry/registry.routes';

export interface AppDependencies {
  config: Pick<ApiConfig, 'BODY_LIMIT_BYTES' | 'RATE_LIMIT_PER_MINUTE' | 'REDIS_PREFIX' | 'LOG_LEVEL' | 'PUBLIC_URL'>;
  database: Database;
  /** A client that fails fast while Redis is down (readiness, rate limits); never the BullMQ one. */
  redis: Redis;
  logger?: FastifyServerOptions['loggerInstance'];
}

/** Secrets and personal ID numbers never reach the logs. */
export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'key',
  '*.key',
  '*.residentId',
  '*.idNumber',
  '*.accountNo',
  '*.*.residentId',
  '*.*.idNumber',
  '*.*.accountNo',
];

/** The composition root: builds the API from its dependencies; the same for production and tests. */
export async function buildApp(deps: AppDependencies): Promise<App> {
  const app = Fastify({
    ...(deps.logger
      ? { loggerInstance: deps.logger }
      : { logger: { level: deps.config.LOG_LEVEL, redact: { paths: redactedLogPaths, censor: '[redacted]' } } }),
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const { db } = deps.database;
  const access = createAccessService({ db });
  const reference = createReferenceService({ db });
  const registry = createRegistryService({ db, reference });

  await app.register(problemPlugin);
  await app.register(metricsPlugin);
  await app.register(openapiPlugin, { publicUrl: deps.config.PUBLIC_URL });
  await app.register(authPlugin, {
    access,
    redis: deps.redis,
    redisPrefix: deps.config.REDIS_PREFIX,
    ratePerMinute: deps.config.RATE_LIMIT_PER_MINUTE,
  });
  await app.register(idempotencyPlugin, { db });

  healthRoutes(app, deps);
  keysRoutes(app, { access });
  referenceRoutes(app, { reference });
  registryRoutes(app, { registry });
  return app;
}
