import { randomUUID } from 'node:crypto';
import { buildApp } from '@baigou/api/app';
import type { App } from '@baigou/api/http/types';
import { createAccessService, type OrganisationKind, type Role } from '@baigou/core';
import { Redis } from 'ioredis';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { useTestEnvironment, type TestEnvironment } from './services';

export interface TestApi {
  env: TestEnvironment;
  app: App;
  /** Creates an organisation (or reuses it by name) and a key for it. */
  key(orgName: string, kind: OrganisationKind, role: Role): Promise<{ key: string; orgId: string; keyId: string }>;
  /** `app.inject` with a bearer key and, for POST, a fresh Idempotency-Key unless one is given. */
  request(
    key: string | null,
    options: InjectOptions & { idempotencyKey?: string | null },
  ): Promise<LightMyRequestResponse>;
}

export function useTestApi(config: { rateLimitPerMinute?: number; bodyLimitBytes?: number } = {}): TestApi {
  const env = useTestEnvironment();
  let redis: Redis;
  const api = { env } as TestApi;
  beforeAll(async () => {
    redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    await redis.connect();
    api.app = await buildApp({
      config: {
        BODY_LIMIT_BYTES: config.bodyLimitBytes ?? 1_048_576,
        RATE_LIMIT_PER_MINUTE: config.rateLimitPerMinute ?? 100_000,
        REDIS_PREFIX: env.redisPrefix,
        LOG_LEVEL: 'silent',
        PUBLIC_URL: undefined,
        NODE_ENV: 'test',
      },
      database: env.database,
      redis,
    });
    await api.app.ready();
  });
  afterAll(async () => {
    await api.app?.close();
    redis?.disconnect();
  });
  api.key = async (orgName, kind, role) => {
    const created = await createAccessService({ db: env.database.db }).createKey({ orgName, kind, role });
    return { key: created.key, orgId: created.orgId, keyId: created.keyId };
  };
  api.request = (key, { idempotencyKey, headers, ...options }) =>
    api.app.inject({
      ...options,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(options.method === 'POST' && idempotencyKey !== null
          ? { 'idempotency-key': idempotencyKey ?? randomUUID() }
          : {}),
        ...headers,
      },
    });
  return api;
}
