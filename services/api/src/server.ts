import { apiConfigSchema, loadConfig, type ApiConfig } from '@baigou/config';
import { createDatabase, type Database } from '@baigou/db';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { buildApp } from './app';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** A Redis client for readiness and rate limits: it fails fast while Redis is down and reconnects by itself. */
export function createApiRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/** Starts the API on HOST:PORT with its own database pool and Redis client. */
export async function startApi(config: ApiConfig, database?: Database): Promise<RunningApi> {
  const ownDatabase = !database;
  const db =
    database ?? createDatabase(config.DATABASE_URL, { max: config.DB_POOL_MAX, applicationName: 'baigou-api' });
  const redis = createApiRedis(config.REDIS_URL);
  const app = await buildApp({ config, database: db, redis });
  redis.on('error', (error) => app.log.warn({ err: error.message }, 'redis unavailable'));
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
