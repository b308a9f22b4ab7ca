import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@baigou/db';
import { createTestDatabase, dropTestDatabase } from '@baigou/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';

export interface TestEnvironment {
  databaseUrl: string;
  redisUrl: string;
  /** Unique per test file, so files share one Redis without seeing each other's keys. */
  redisPrefix: string;
  database: Database;
}

/**
 * Gives the calling test file its own database (cloned from the migrated template, with reference
 * data loaded) and its own Redis key prefix; both are removed after the file.
 */
export function useTestEnvironment(): TestEnvironment {
  const services = inject('services');
  const environment = {} as TestEnvironment;
  beforeAll(async () => {
    environment.databaseUrl = await createTestDatabase(services.postgresUrl, services.template);
    environment.redisUrl = services.redisUrl;
    environment.redisPrefix = `test-${randomBytes(4).toString('hex')}`;
    environment.database = createDatabase(environment.databaseUrl, { max: 5 });
  });
  afterAll(async () => {
    await environment.database?.close();
    if (environment.databaseUrl) await dropTestDatabase(services.postgresUrl, environment.databaseUrl);
    if (environment.redisPrefix) {
      const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
      const keys = await redis.keys(`${environment.redisPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
  return environment;
}
