import { randomBytes } from 'node:crypto';
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
