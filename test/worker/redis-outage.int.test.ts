import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { writeOutbox } from '@baigou/core';
import { outbox } from '@baigou/db';
import { inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../../services/worker/src';
import { useTestEnvironment } from '../support/services';
import {
  approvalOf,
  completed,
  createOrg,
  capturingLogger,
  notificationCount,
  testWorkerConfig,
  waitFor,
} from './worker.support';

const REDIS_SERVER = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

/** Our own redis-server, so killing it disturbs no other test file; no persistence, as after a crash. */
async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  await waitFor(
    async () =>
      (await probe
        .connect()
        .then(() => probe.ping())
        .catch(() => '')) === 'PONG',
    `redis-server on ${port}`,
  );
  probe.disconnect();
  return child;
}

async function stopRedisServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}

describe('Redis going away and coming back', () => {
  const env = useTestEnvironment();
  let port: number;
  let redisServer: ChildProcess | undefined;
  let worker: RunningWorker | undefined;
  const log = capturingLogger();

  beforeAll(async () => {
    // A missing redis-server fails the file rather than skipping it (.ci/run installs the Debian package).
    if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} not found: install it (Debian: redis-server)`);
    port = await freePort();
    redisServer = await startRedisServer(port);
    const config = testWorkerConfig(env, { REDIS_URL: `redis://127.0.0.1:${port}` });
    worker = await startWorker({ config, database: env.database, logger: log.logger });
  });

  afterAll(async () => {
    // Closing waits for Redis to say goodbye, so make sure it is there even if the test failed midway.
    if (redisServer?.exitCode !== null || redisServer.signalCode !== null) redisServer = await startRedisServer(port);
    await worker?.close();
    await stopRedisServer(redisServer);
  });

  it('keeps decisions written during the outage pending, then delivers each once Redis is back', async () => {
    const { db } = env.database;
    const orgId = await createOrg(db);
    const before = approvalOf(orgId);
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', before.payload, before.jobKey));
    await waitFor(completed(db, before.jobKey), 'delivery while Redis is up');

    await stopRedisServer(redisServer);
    const during = [approvalOf(orgId), approvalOf(orgId), approvalOf(orgId)];
    for (const approval of during) {
      await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', approval.payload, approval.jobKey));
    }
    const duringKeys = during.map((approval) => approval.jobKey);
    const rowsDuring = () => db.select().from(outbox).where(inArray(outbox.jobKey, duringKeys));
    await waitFor(
      async () => (await rowsDuring()).every((row) => row.lastError !== null),
      'the relay to record its failed attempts',
    );
    for (const row of await rowsDuring()) expect(row).toMatchObject({ enqueuedAt: null, completedAt: null });
    // The watcher notices at its first failed reconnection; the relay's failures can come sooner.
    await waitFor(
      async () => log.warnings().some((line) => line.msg.includes('is unreachable')),
      'the outage to be reported',
    );

    redisServer = await startRedisServer(port);
    for (const key of duringKeys) await waitFor(completed(db, key), `delivery of ${key} after Redis returned`, 30_000);
    for (const key of [before.jobKey, ...duringKeys]) expect(await notificationCount(db, key)).toBe(1);
    for (const row of await rowsDuring()) expect(row.lastError).toBeNull();

    // The console: the outage said once (which server, what works, what waits), its end once; no
    // warning per queue, worker or relay tick, however long the outage lasted.
    const warnings = log.warnings().filter((line) => !line.msg.startsWith('no PROVENANCE_SIGNING_KEY'));
    expect(warnings.map((line) => line.msg)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Redis at redis://127\\.0\\.0\\.1:${port} is unreachable \\(.+\\)\\. Still working: .+ Waiting: .+`,
        ),
      ),
      expect.stringMatching(new RegExp(`^Redis at redis://127\\.0\\.0\\.1:${port} is reachable again after \\d+ s`)),
    ]);
    expect(warnings[0]).toMatchObject({ server: 'Redis', waits: expect.stringContaining('notifications') });
  });
});
