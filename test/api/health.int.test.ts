import { buildApp } from '@baigou/api/app';
import type { App } from '@baigou/api/http/types';
import { createAccessService } from '@baigou/core';
import { createDatabase, type Database } from '@baigou/db';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { useTestEnvironment, type TestEnvironment } from '../support/services';

const config = (env: TestEnvironment) => ({
  BODY_LIMIT_BYTES: 1_048_576,
  RATE_LIMIT_PER_MINUTE: 1_000,
  REDIS_PREFIX: env.redisPrefix,
  LOG_LEVEL: 'silent' as const,
  PUBLIC_URL: undefined,
  NODE_ENV: 'test' as const,
});

describe('health and metrics', () => {
  const api = useTestApi();

  it('answers /healthz with 200 without a key', async () => {
    const response = await api.request(null, { method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when PostgreSQL, the migrations and Redis are all ok', async () => {
    const response = await api.request(null, { method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', migrations: 'ok', redis: 'ok' } });
  });

  it('records request durations by route template, method and status at /metrics', async () => {
    await api.request(null, { method: 'GET', url: '/healthz' });
    const response = await api.request(null, { method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(response.body).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/m,
    );
    expect(response.body).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('labels a request by its route template, not its URL, so ids do not multiply the series', async () => {
    const { key } = await api.key('Metrics Trading', 'operator', 'operator');
    await api.request(key, { method: 'GET', url: '/v1/merchants/3f7c2a52-0d7e-4c43-9a57-0d3b1f9f5a11' });
    await api.request(null, { method: 'GET', url: '/no/such/route/42' });
    const metrics = (await api.request(null, { method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/route="\/v1\/merchants\/:id",status="404"/);
    expect(metrics).toMatch(/route="unmatched",status="404"/);
    expect(metrics).not.toContain('3f7c2a52');
    expect(metrics).not.toContain('/no/such/route');
  });
});

describe('readiness when a dependency is down', () => {
  const env = useTestEnvironment();
  const opened: { app?: App; redis?: Redis; database?: Database }[] = [];

  afterAll(async () => {
    for (const { app, redis, database } of opened) {
      await app?.close();
      redis?.disconnect();
      await database?.close();
    }
  });

  async function appWith(deps: { redis: Redis; database?: Database }) {
    const app = await buildApp({ config: config(env), database: deps.database ?? env.database, redis: deps.redis });
    opened.push({ app, redis: deps.redis, ...(deps.database ? { database: deps.database } : {}) });
    return app;
  }

  let redisLost: App;

  beforeAll(async () => {
    const redis = new Redis(env.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    await redis.connect();
    redisLost = await appWith({ redis });
    await redisLost.ready();
    // The connection drops after start-up and does not come back.
    redis.disconnect();
  });

  it('answers /readyz with 503 naming Redis when the Redis connection is lost', async () => {
    const response = await redisLost.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'not_ready',
      checks: { postgres: 'ok', migrations: 'ok', redis: 'failing' },
    });
  });

  it('keeps serving authenticated requests while Redis is down, without rate limiting', async () => {
    const { key } = await createAccessService({ db: env.database.db }).createKey({
      orgName: 'Outage Trading',
      kind: 'operator',
      role: 'operator',
    });
    const response = await redisLost.inject({
      method: 'GET',
      url: '/v1/reference/currency?q=CNY',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('answers /readyz with 503 naming PostgreSQL when the database cannot be reached', async () => {
    const unreachable = new URL(env.databaseUrl);
    unreachable.pathname = '/baigou_does_not_exist';
    const database = createDatabase(unreachable.toString(), { max: 1 });
    const redis = new Redis(env.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await redis.connect();
    const app = await appWith({ redis, database });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'not_ready',
      checks: { postgres: 'failing', migrations: 'failing', redis: 'ok' },
    });
  });
});
