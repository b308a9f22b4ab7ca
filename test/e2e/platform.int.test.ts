import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dropTestDatabase } from '@baigou/db/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { freePort, stopProcess, waitFor } from '../support/processes';
import { deleteRedisKeys } from '../support/redis';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('pnpm start (the whole platform in one process)', () => {
  const { postgresUrl, redisUrl } = inject('services');
  const database = new URL(postgresUrl);
  database.pathname = `/baigou_e2e_${randomBytes(4).toString('hex')}`;
  const redisPrefix = `e2e-${randomBytes(4).toString('hex')}`;
  let platform: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (platform) await stopProcess(platform, 'SIGKILL');
    await dropTestDatabase(postgresUrl, database.toString());
    await deleteRedisKeys(redisUrl, redisPrefix);
    // The shared Redis keeps nothing of this run (queues, schedulers, rate limits under the prefix).
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      expect(await redis.keys(`${redisPrefix}*`)).toEqual([]);
    } finally {
      await redis.quit();
    }
  });

  it('creates its database, migrates, serves /readyz 200 and shuts down gracefully on SIGTERM', async () => {
    const port = await freePort();
    platform = spawn(process.execPath, ['--import', 'tsx', 'services/platform/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.toString(),
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    platform.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    platform.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${base}/readyz`)).status === 200,
      60_000,
      `/readyz (output: ${output.slice(-2000)})`,
    );
    const ready = await (await fetch(`${base}/readyz`)).json();
    expect(ready).toEqual({ status: 'ready', checks: { postgres: 'ok', migrations: 'ok', redis: 'ok' } });
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
    const exitCode = await stopProcess(platform, 'SIGTERM');
    expect(exitCode).toBe(0);
    expect(output).toContain('platform running');
    // A fresh database gets the labelled demo price library and demo customs rates at start-up.
    expect(output).toMatch(/"version":"created","rates":"seeded".*price library seeded/);
  }, 90_000);
});
