import { notifications, processedJobs, type Db, type Tx } from '@baigou/db';
import type { JobName, JobPayload } from '@baigou/queues/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { commonErrors } from '../shared/errors';
import { PAGE_SIZE_MAX, fetchPage, type Page, afterPosition } from '../shared/pagination';
import { notificationsErrors } from './notifications.errors';
import {
  decisionNotificationMessage,
  notificationKinds,
  payoutNotificationMessage,
  restatementNotificationMessage,
} from './notifications.models';

export type NotificationRow = typeof notifications.$inferSelect;
export type DecisionNotifyPayload = JobPayload<'registry.decision-notify'>;
export type RestatementNotifyPayload = JobPayload<'statistics.restatement-notify'>;
/** `already-notified` is a redelivery of a job whose effect is already committed. */
export type DecisionNotifyOutcome = 'notified' | 'already-notified';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One inbox entry, as a notification job delivers it. */
interface InboxEntry {
  orgId: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  message: string;
  data: Record<string, unknown>;
}

/**
 * Delivers one inbox entry exactly once per job key: the processed_jobs primary key is claimed
 * in the same transaction as the insert, so a redelivered or concurrently running copy of the
 * job finds the claim and changes nothing.
 */
async function deliverOnce(
  db: Db,
  jobKey: string,
  jobName: JobName,
  entry: InboxEntry,
): Promise<DecisionNotifyOutcome> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(processedJobs)
      .values({ jobKey, jobName, outcome: 'notified' })
      .onConflictDoNothing({ target: processedJobs.jobKey })
      .returning({ jobKey: processedJobs.jobKey });
    if (claimed.length === 0) {
      await assertSameDelivery(tx, jobKey, jobName, entry.data);
      return 'already-notified';
    }
    await tx.insert(notifications).values({ ...entry, sourceJobKey: jobKey });
    return 'notified';
  });
}

export function createNotificationsService({ db }: { db: Db }) {
  /** A registration decision, to the registering organisation's inbox. */
  const recordDecision = (jobKey: string, payload: DecisionNotifyPayload) =>
    deliverOnce(db, jobKey, 'registry.decision-notify', {
      orgId: payload.recipientOrgId,
      kind: notificationKinds.registryDecision,
      subjectType: payload.partyType,
      subjectId: payload.partyId,
      message: decisionNotificationMessage(payload),
      data: payload,
    });

  /** A restatement of a published month, to a service-center organisation's inbox. */
  const recordRestatement = (jobKey: string, payload: RestatementNotifyPayload) =>
    deliverOnce(db, jobKey, 'statistics.restatement-notify', {
      orgId: payload.recipientOrgId,
      kind: notificationKinds.statisticsRestatement,
      subjectType: 'statistics_version',
      subjectId: payload.versionId,
      message: restatementNotificationMessage(payload),
      data: payload,
    });

  /** A fund payment paid or failed, to the firm's inbox. */
  const recordPayout = (jobKey: string, payload: JobPayload<'payout.notify'>) =>
    deliverOnce(db, jobKey, 'payout.notify', {
      orgId: payload.recipientOrgId,
      kind: notificationKinds.payoutOutcome,
      subjectType: 'payout_payment',
      subjectId: payload.paymentId,
      message: payoutNotificationMessage(payload),
      data: payload,
    });

  /** An organisation's inbox, oldest first, so a client can follow it with the cursor. */
  async function list(
    orgId: string,
    options: { cursor?: string | undefined; limit: number },
  ): Promise<Page<NotificationRow>> {
    const limit = Math.min(Math.max(Math.trunc(options.limit), 1), PAGE_SIZE_MAX);
    return fetchPage(
      { cursor: options.cursor, limit },
      `notifications:${orgId}`,
      (after, take) =>
        db
          .select()
          .from(notifications)
          .where(and(eq(notifications.orgId, orgId), afterPosition(notifications, after)))
          .orderBy(asc(notifications.createdAt), asc(notifications.id))
          .limit(take),
      (row) => row,
    );
  }

  /** Marks one of the organisation's notifications read; the first read time is kept. */
  async function markRead(orgId: string, id: string): Promise<NotificationRow> {
    // Another organisation's id answers exactly like a missing one, so existence does not leak.
    if (!uuidPattern.test(id)) throw commonErrors.notFound();
    const [row] = await db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(eq(notifications.id, id), eq(notifications.orgId, orgId)))
      .returning();
    if (!row) throw commonErrors.notFound();
    return row;
  }

  return { recordDecision, recordRestatement, recordPayout, list, markRead };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

/** A claimed key is only a redelivery if it carried the same job and content; anything else is a bug upstream. */
async function assertSameDelivery(
  tx: Tx,
  jobKey: string,
  jobName: JobName,
  data: Record<string, unknown>,
): Promise<void> {
  const [existing] = await tx
    .select({
      jobName: processedJobs.jobName,
      sameData: sql<boolean | null>`${notifications.data} = ${JSON.stringify(data)}::jsonb`,
    })
    .from(processedJobs)
    .leftJoin(notifications, eq(notifications.sourceJobKey, processedJobs.jobKey))
    .where(eq(processedJobs.jobKey, jobKey));
  if (existing?.jobName !== jobName || existing.sameData !== true) {
    throw notificationsErrors.jobKeyReused({
      detail: `job key ${jobKey} was already processed with different content`,
      extra: { jobKey },
    });
  }
}
