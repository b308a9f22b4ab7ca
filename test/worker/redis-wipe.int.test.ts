import { writeOutbox } from '@baigou/core';
import { createQueues, type Queues } from '@baigou/queues';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRelay, startWorker, type RunningWorker } from '../../services/worker/src';
import { useTestEnvironment } from '../support/services';
import {
  approvalOf,
  completed,
  createOrg,
  notificationCount,
  outboxRow,
  silentLogger,
  testWorkerConfig,
  waitFor,
} from './worker.support';

const RECONCILE_MS = 300;

describe('a Redis wipe loses no registration decision', () => {
  const env = useTestEnvironment();
  let queues: Queues;
  let redis: Redis;
  let worker: RunningWorker | undefined;

  beforeAll(() => {
    queues = createQueues({ url: env.redisUrl, maxRetriesPerRequest: null }, env.redisPrefix);
    redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    await redis?.quit();
  });

  const jobFor = (jobKey: string) => queues.getJob('registry.decision-notify', jobKey);

  it('re-enqueues a queued decision whose job vanished from Redis and notifies exactly once', async () => {
    const { db } = env.database;
    const approval = approvalOf(await createOrg(db));
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', approval.payload, approval.jobKey));

    // The worker is down: only the relay runs, so the job waits in Redis unprocessed.
    const relay = createOutboxRelay({ db, queues, logger: silentLogger, pollMs: 50, reconcileMs: RECONCILE_MS });
    expect(await relay.tick()).toMatchObject({ enqueued: 1, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, RECONCILE_MS + 100));
    expect(await relay.reconcile()).toBe(0); // still in Redis: nothing to repair yet
    expect(await jobFor(approval.jobKey)).toBeDefined();

    const keys = await redis.keys(`${env.redisPrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    expect(await jobFor(approval.jobKey)).toBeUndefined();

    worker = await startWorker({
      config: testWorkerConfig(env, { OUTBOX_RECONCILE_MS: String(RECONCILE_MS) }),
      database: env.database,
      logger: silentLogger,
    });
    await waitFor(completed(db, approval.jobKey), 'the wiped job to be re-enqueued and completed');

    expect(await notificationCount(db, approval.jobKey)).toBe(1);
    expect(await outboxRow(db, approval.jobKey)).toMatchObject({ enqueueAttempts: 2, lastError: null });
    expect((await jobFor(approval.jobKey))?.returnvalue).toBe('notified');
  });
});
