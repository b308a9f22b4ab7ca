import { existsSync } from 'node:fs';
import { ensureTemplateDatabase } from '@baigou/db/testing';
import type { TestProject } from 'vitest/node';

export interface TestServices {
  /** Any database URL on the test server; test files clone their own database from `template`. */
  postgresUrl: string;
  redisUrl: string;
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: TestServices;
  }
}

const dockerAvailable = () => existsSync('/var/run/docker.sock') || Boolean(process.env.DOCKER_HOST);

/**
 * Real PostgreSQL and Redis: from DATABASE_URL / REDIS_URL when set (CI and this machine), else from
 * testcontainers when a Docker engine exists (a laptop), else the local default ports.
 */
export default async function setup(project: TestProject) {
  const stops: (() => Promise<unknown>)[] = [];
  let postgresUrl = process.env.DATABASE_URL;
  let redisUrl = process.env.REDIS_URL;
  if ((!postgresUrl || !redisUrl) && dockerAvailable()) {
    if (!postgresUrl) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:15-alpine').start();
      stops.push(() => container.stop());
      postgresUrl = container.getConnectionUri();
    }
    if (!redisUrl) {
      const { RedisContainer } = await import('@testcontainers/redis');
      const container = await new RedisContainer('redis:7-alpine').start();
      stops.push(() => container.stop());
      redisUrl = container.getConnectionUrl();
    }
  }
  postgresUrl ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  redisUrl ??= 'redis://127.0.0.1:6379';
  const template = await ensureTemplateDatabase(postgresUrl);
  project.provide('services', { postgresUrl, redisUrl, template });
  return async () => {
    for (const stop of stops) await stop();
  };
}
