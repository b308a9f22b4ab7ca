import { randomUUID } from 'node:crypto';
import { writeOutbox } from '@baigou/core';
import { notifications } from '@baigou/db';
import { eq } from 'drizzle-orm';
import { createQueues, type Queues } from '@baigou/queues';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../../services/worker/src';
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

describe('notices travel from the outbox to the inbox: registration decisions, restated statistics', () => {
  const env = useTestEnvironment();
  let worker: RunningWorker;
  let queues: Queues;
  let orgId: string;

  beforeAll(async () => {
    orgId = await createOrg(env.database.db);
    worker = await startWorker({ config: testWorkerConfig(env), database: env.database, logger: silentLogger });
    queues = createQueues({ url: env.redisUrl, maxRetriesPerRequest: null }, env.redisPrefix);
  });

  afterAll(async () => {
    await worker?.close();
    await queues?.close();
  });

  const jobFor = (jobKey: string) => queues.getJob('registry.decision-notify', jobKey);

  it('delivers a committed decision to the inbox once and closes its outbox row', async () => {
    const { db } = env.database;
    const approval = approvalOf(orgId);
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', approval.payload, approval.jobKey));

    await waitFor(completed(db, approval.jobKey), 'the outbox row to be completed');
    expect(await notificationCount(db, approval.jobKey)).toBe(1);
    expect(await outboxRow(db, approval.jobKey)).toMatchObject({ enqueueAttempts: 1, lastError: null });
    expect((await jobFor(approval.jobKey))?.returnvalue).toBe('notified');
  });

  it('never delivers a decision whose transaction rolled back', async () => {
    const { db } = env.database;
    const rolledBack = approvalOf(orgId);
    const committed = approvalOf(orgId);
    await expect(
      db.transaction(async (tx) => {
        await writeOutbox(tx, 'registry.decision-notify', rolledBack.payload, rolledBack.jobKey);
        throw new Error('the decision failed after its outbox row was written');
      }),
    ).rejects.toThrow(/decision failed/);
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', committed.payload, committed.jobKey));

    // The relay works in outbox order, so once the later decision is done the earlier one had its chance.
    await waitFor(completed(db, committed.jobKey), 'the committed decision to be completed');
    expect(await outboxRow(db, rolledBack.jobKey)).toBeUndefined();
    expect(await jobFor(rolledBack.jobKey)).toBeUndefined();
    expect(await notificationCount(db, rolledBack.jobKey)).toBe(0);
  });

  it("delivers a restated month to the service center's inbox, with why and how much changed", async () => {
    const { db } = env.database;
    const centerOrgId = await createOrg(db, 'center');
    const versionId = randomUUID();
    const jobKey = `statistics.restated:2026-10:2:${centerOrgId}`;
    const payload = {
      recipientOrgId: centerOrgId,
      versionId,
      month: '2026-10',
      version: 2,
      reason: '删单: 申报要素错误',
      changedFigures: 12,
      restatedAt: '2026-11-03T02:00:00.000Z',
    };
    await db.transaction((tx) => writeOutbox(tx, 'statistics.restatement-notify', payload, jobKey));

    await waitFor(completed(db, jobKey), 'the restatement notice to be completed');
    const inbox = await db.select().from(notifications).where(eq(notifications.sourceJobKey, jobKey));
    expect(inbox).toEqual([
      expect.objectContaining({
        orgId: centerOrgId,
        kind: 'statistics.restatement',
        subjectType: 'statistics_version',
        subjectId: versionId,
        message: 'Statistics of 2026-10 restated as version 2 (统计数据更正), 12 figures changed: 删单: 申报要素错误',
        data: payload,
      }),
    ]);
    expect((await queues.getJob('statistics.restatement-notify', jobKey))?.returnvalue).toBe('notified');
  });

  it('answers already-notified and keeps one inbox entry when the same job is delivered again', async () => {
    const { db } = env.database;
    const approval = approvalOf(orgId);
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', approval.payload, approval.jobKey));
    await waitFor(completed(db, approval.jobKey), 'the first delivery');

    // Redelivery as at-least-once queues do it: the same job id arrives a second time.
    await (await jobFor(approval.jobKey))?.remove();
    await queues.add('registry.decision-notify', approval.payload, approval.jobKey);
    await waitFor(async () => (await jobFor(approval.jobKey))?.finishedOn !== undefined, 'the second delivery');

    expect((await jobFor(approval.jobKey))?.returnvalue).toBe('already-notified');
    expect(await notificationCount(db, approval.jobKey)).toBe(1);
  });
});
