import { describe, expect, it } from 'vitest';
import {
  apiConfigSchema,
  ConfigError,
  knownVariables,
  loadConfig,
  platformConfigSchema,
  workerConfigSchema,
} from './index';

describe('process configuration', () => {
  it('fills every default for an empty environment', () => {
    const config = loadConfig(platformConfigSchema, {});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/baigou',
      REDIS_URL: 'redis://127.0.0.1:6379',
      CREATE_DATABASE: true,
    });
  });

  it('refuses start-up naming every bad key at once', () => {
    const attempt = () =>
      loadConfig(apiConfigSchema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', HOST: '0.0.0.0' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const keys = (error as ConfigError).issues.map((issue) => issue.key).sort();
      expect(keys).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
      expect((error as Error).message).toContain('PORT');
    }
  });

  it('treats empty strings as unset and coerces numbers and flags', () => {
    const config = loadConfig(platformConfigSchema, { PORT: '', WORKER_CONCURRENCY: '8', CREATE_DATABASE: 'false' });
    expect(config.PORT).toBe(3000);
    expect(config.WORKER_CONCURRENCY).toBe(8);
    expect(config.CREATE_DATABASE).toBe(false);
  });

  it('gives each process only its own variables', () => {
    expect(Object.keys(workerConfigSchema.shape)).not.toContain('PORT');
    expect(Object.keys(apiConfigSchema.shape)).not.toContain('WORKER_CONCURRENCY');
    expect(knownVariables).toEqual(
      expect.arrayContaining([...Object.keys(apiConfigSchema.shape), ...Object.keys(workerConfigSchema.shape)]),
    );
  });
});
