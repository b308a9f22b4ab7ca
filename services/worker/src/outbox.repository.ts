import { outbox, type DbOrTx } from '@baigou/db';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, notLike, or, sql } from 'drizzle-orm';

/** Plain queries on the outbox; the relay decides what they mean. */

export type OutboxRow = Pick<typeof outbox.$inferSelect, 'id' | 'jobName' | 'jobKey' | 'payload'>;

const columns = { id: outbox.id, jobName: outbox.jobName, jobKey: outbox.jobKey, payload: outbox.payload };

/**
 * Oldest pending rows, except those quarantined with `quarantinePrefix` in last_error; rows locked
 * by another relay are skipped, so relays scale out safely.
 */
export function lockPending(tx: DbOrTx, limit: number, quarantinePrefix: string): Promise<OutboxRow[]> {
  return tx
    .select(columns)
    .from(outbox)
    .where(
      and(isNull(outbox.enqueuedAt), or(isNull(outbox.lastError), notLike(outbox.lastError, `${quarantinePrefix}%`))),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markEnqueued(tx: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(outbox)
    .set({ enqueuedAt: sql`now()`, enqueueAttempts: sql`${outbox.enqueueAttempts} + 1`, lastError: null })
    .where(inArray(outbox.id, ids));
}

/** The row stays pending; `attempted` says whether this try counts as an enqueue attempt. */
export async function markEnqueueFailed(tx: DbOrTx, ids: number[], error: string, attempted: boolean): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(outbox)
    .set({
      lastError: error,
      ...(attempted ? { enqueueAttempts: sql`${outbox.enqueueAttempts} + 1` } : {}),
    })
    .where(inArray(outbox.id, ids));
}

/** Enqueued, not completed, and enqueued longer ago than `olderThanMs`, scanning on from `afterId`. */
export function lockStale(tx: DbOrTx, olderThanMs: number, afterId: number, limit: number): Promise<OutboxRow[]> {
  return tx
    .select(columns)
    .from(outbox)
    .where(
      and(
        isNotNull(outbox.enqueuedAt),
        isNull(outbox.completedAt),
        lt(outbox.enqueuedAt, sql`now() - make_interval(secs => ${olderThanMs / 1_000})`),
        gt(outbox.id, afterId),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Puts rows back to pending, so the next relay tick enqueues them again. */
export async function resetToPending(tx: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(outbox).set({ enqueuedAt: null }).where(inArray(outbox.id, ids));
}

/** Called by the worker after the handler's effect committed; the first completion time is kept. */
export async function markCompleted(db: DbOrTx, jobKey: string): Promise<void> {
  await db
    .update(outbox)
    .set({ completedAt: sql`coalesce(${outbox.completedAt}, now())` })
    .where(eq(outbox.jobKey, jobKey));
}

/** Deletes up to `limit` rows completed before the retention window; returns how many. */
export async function pruneCompleted(db: DbOrTx, retentionMs: number, limit: number): Promise<number> {
  const result = await db.execute(sql`
    delete from ${outbox} where ${outbox.id} in (
      select ${outbox.id} from ${outbox}
      where ${outbox.completedAt} < now() - make_interval(secs => ${retentionMs / 1_000})
      order by ${outbox.id} limit ${limit})`);
  return result.rowCount ?? 0;
}
