import { apiConfigSchema, loadConfig, type ApiConfig } from '@baigou/config';
import { createDatabase, type Database } from '@baigou/db';
import { createOutageReporter, type OutageReporter } from '@baigou/queues';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import pino, { type DestinationStream } from 'pino';
import { apiLoggerOptions, buildApp } from './app';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/**
 * A Redis client for readiness and rate limits: it fails fast while Redis is down and reconnects by
 * itself. Its listeners are attached here, before it first connects, so no error goes unheard
 * (ioredis prints "[ioredis] Unhandled error event" for a client without one).
 */
export function createApiRedis(url: string, outage: OutageReporter): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  redis.on('error', (error) => outage.failed(error));
  redis.on('ready', () => outage.recovered());
  return redis;
}

/** Starts the API on HOST:PORT with its own database pool and Redis client. */
export async function startApi(
  config: ApiConfig,
  database?: Database,
  options: {
    redisOutage?: OutageReporter;
    /** Where the log goes (stdout by default); `pnpm demo` shows it as readable lines. */
    logDestination?: DestinationStream;
  } = {},
): Promise<RunningApi> {
  const ownDatabase = !database;
  const db =
    database ?? createDatabase(config.DATABASE_URL, { max: config.DB_POOL_MAX, applicationName: 'baigou-api' });
  const logger = options.logDestination
    ? pino(apiLoggerOptions(config.LOG_LEVEL), options.logDestination)
    : pino(apiLoggerOptions(config.LOG_LEVEL));
  const redisOutage =
    options.redisOutage ??
    createOutageReporter({
      logger,
      server: 'Redis',
      url: config.REDIS_URL,
      stillWorks: 'the API serves and accepts work, which PostgreSQL holds in the outbox for the worker',
      waits: 'readiness (/readyz answers 503) and rate limiting (requests pass unlimited meanwhile)',
    });
  const redis = createApiRedis(config.REDIS_URL, redisOutage);
  const app = await buildApp({ config, database: db, redis, logger });
  app.server.requestTimeout = 30_000;
  app.server.keepAliveTimeout = 65_000;
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info({ url, docs: `${url}/docs` }, 'api listening');
  return {
    url,
    async close() {
      await app.close();
      redis.disconnect();
      if (ownDatabase) await db.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig(apiConfigSchema);
  const api = await startApi(config);
  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ err }) => {
    if (err) console.error(err);
    await api.close();
  });
}
