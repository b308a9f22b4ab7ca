import { writeOutbox } from '@baigou/core';
import { outbox } from '@baigou/db';
import { createQueues, type Queues } from '@baigou/queues';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../test/support/services';
import { approvalOf, createOrg, outboxRow, silentLogger } from '../../../test/worker/worker.support';
import { CONTRACT_VIOLATION, createOutboxRelay } from './outbox-relay';

describe('outbox relay', () => {
  const env = useTestEnvironment();
  let queues: Queues;
  let orgId: string;

  beforeAll(async () => {
    queues = createQueues({ url: env.redisUrl, maxRetriesPerRequest: null }, env.redisPrefix);
    orgId = await createOrg(env.database.db);
  });

  afterAll(async () => {
    await queues?.close();
  });

  const relay = (overrides: { retentionMs?: number } = {}) =>
    createOutboxRelay({
      db: env.database.db,
      queues,
      logger: silentLogger,
      pollMs: 50,
      reconcileMs: 60_000,
      ...overrides,
    });

  it('enqueues every committed row exactly once even when several relays run side by side', async () => {
    const { db } = env.database;
    const approvals = Array.from({ length: 30 }, () => approvalOf(orgId));
    for (const approval of approvals) {
      await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', approval.payload, approval.jobKey));
    }
    const results = await Promise.all([relay().tick(), relay().tick(), relay().tick()]);
    expect(results.reduce((sum, result) => sum + result.enqueued, 0)).toBe(approvals.length);

    const rows = await db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.jobKey,
          approvals.map((a) => a.jobKey),
        ),
      );
    expect(rows.every((row) => row.enqueuedAt !== null && row.enqueueAttempts === 1)).toBe(true);
    const queued = await queues.getJob('registry.decision-notify', approvals[0]!.jobKey);
    expect(queued?.data).toEqual(approvals[0]!.payload);
  });

  it('sets aside a row that breaks its job contract and keeps delivering the rows behind it', async () => {
    const { db } = env.database;
    await db.insert(outbox).values({
      queue: 'notifications',
      jobName: 'registry.decision-notify',
      payload: { recipientOrgId: 'not-a-uuid' },
      jobKey: 'hand-written-row',
    });
    const good = approvalOf(orgId);
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', good.payload, good.jobKey));

    expect(await relay().tick()).toMatchObject({ enqueued: 1, quarantined: 1, failed: 0 });
    const bad = await outboxRow(db, 'hand-written-row');
    expect(bad).toMatchObject({ enqueuedAt: null, enqueueAttempts: 1 });
    expect(bad?.lastError?.startsWith(CONTRACT_VIOLATION)).toBe(true);
    // Set aside means not retried every tick: it waits for a person to fix it.
    expect(await relay().tick()).toMatchObject({ enqueued: 0, quarantined: 0 });
  });

  it('prunes completed rows once they are older than the retention period, and nothing else', async () => {
    const { db } = env.database;
    const done = approvalOf(orgId);
    const open = approvalOf(orgId);
    for (const approval of [done, open]) {
      await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', approval.payload, approval.jobKey));
    }
    await db
      .update(outbox)
      .set({ completedAt: new Date(Date.now() - 2_000) })
      .where(eq(outbox.jobKey, done.jobKey));

    await relay({ retentionMs: 1_000 }).reconcile();
    expect(await outboxRow(db, done.jobKey)).toBeUndefined();
    expect(await outboxRow(db, open.jobKey)).toBeDefined();
  });
});
