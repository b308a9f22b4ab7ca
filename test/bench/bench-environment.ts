import { randomBytes } from 'node:crypto';
import { startApi } from '@baigou/api';
import { apiConfigSchema } from '@baigou/config';
import { createDatabase, type Database } from '@baigou/db';
import { createTestDatabase, dropTestDatabase, ensureTemplateDatabase } from '@baigou/db/testing';
import { deleteRedisKeys } from '../support/redis';

export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchEnvironment {
  databaseUrl: string;
  database: Database;
  redisPrefix: string;
  /** Run in order by the bench's `finally`; a bench puts its servers first with `unshift`. */
  cleanups: (() => Promise<unknown>)[];
}

/** A scratch database cloned from the migrated template and a Redis prefix, both removed by the cleanups. */
export async function openBenchEnvironment(label: string): Promise<BenchEnvironment> {
  const template = await ensureTemplateDatabase(serverUrl);
  const databaseUrl = await createTestDatabase(serverUrl, template);
  const redisPrefix = `${label}-${randomBytes(4).toString('hex')}`;
  const database = createDatabase(databaseUrl, { max: 10, applicationName: 'baigou-bench' });
  const cleanups = [
    () => dropTestDatabase(serverUrl, databaseUrl),
    () => database.close(),
    () => deleteRedisKeys(redisUrl, redisPrefix),
  ];
  return { databaseUrl, database, redisPrefix, cleanups };
}

/**
 * The real API on a free port of 127.0.0.1 over the bench's database and Redis prefix, closed by the
 * cleanups. The rate limit is high enough never to refuse, while every request still pays for its
 * Redis round trip.
 */
export async function startBenchApi({ databaseUrl, database, redisPrefix, cleanups }: BenchEnvironment) {
  const config = apiConfigSchema.parse({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const api = await startApi(config, database);
  cleanups.unshift(() => api.close());
  return { api, config };
}
