import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@baigou/db';
import { createTestDatabase, dropTestDatabase } from '@baigou/db/testing';
import { deleteRedisKeys } from './redis';
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
    if (environment.redisPrefix) await deleteRedisKeys(services.redisUrl, environment.redisPrefix);
  });
  return environment;
}
