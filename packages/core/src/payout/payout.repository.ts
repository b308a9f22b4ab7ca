import {
  payoutBatches,
  payoutInstructions,
  payoutPayeeAccounts,
  payoutPaymentEvents,
  payoutPayments,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { PaymentStatus } from './payout.models';

/** Drizzle access to the payout tables; the rules live in payout.models.ts. */

export type PaymentRow = typeof payoutPayments.$inferSelect;
export type InstructionRow = typeof payoutInstructions.$inferSelect;
export type PaymentEventRow = typeof payoutPaymentEvents.$inferSelect;

export async function latestPayee(tx: DbOrTx, operatorOrgId: string) {
  const [row] = await tx
    .select()
    .from(payoutPayeeAccounts)
    .where(eq(payoutPayeeAccounts.operatorOrgId, operatorOrgId))
    .orderBy(desc(payoutPayeeAccounts.createdAt), desc(payoutPayeeAccounts.id))
    .limit(1);
  return row;
}

/** The period's batch, created by the first payment of the period (idempotent by period). */
export async function batchFor(tx: DbOrTx, periodId: string, year: number) {
  await tx.insert(payoutBatches).values({ periodId, year }).onConflictDoNothing();
  const [row] = await tx.select().from(payoutBatches).where(eq(payoutBatches.periodId, periodId));
  return row!;
}

export async function insertPayment(tx: DbOrTx, values: typeof payoutPayments.$inferInsert) {
  const [row] = await tx.insert(payoutPayments).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findPayment(tx: DbOrTx, id: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payoutPayments).where(eq(payoutPayments.id, id));
  return row;
}

/** Locks the payment row for a transition (every writer of a payment goes through this lock). */
export async function lockPayment(tx: DbOrTx, where: { id: string } | { instructionId: string }) {
  const condition =
    'id' in where ? eq(payoutPayments.id, where.id) : eq(payoutPayments.instructionId, where.instructionId);
  const [row] = await tx.select().from(payoutPayments).where(condition).for('update');
  return row;
}

export async function lastAttempt(tx: DbOrTx, claimId: string) {
  const [row] = await tx
    .select()
    .from(payoutPayments)
    .where(eq(payoutPayments.claimId, claimId))
    .orderBy(desc(payoutPayments.attempt))
    .limit(1);
  return row;
}

export async function setStatus(tx: DbOrTx, payment: PaymentRow, status: PaymentStatus, now: Date) {
  const [row] = await tx
    .update(payoutPayments)
    .set({ status, version: payment.version + 1, updatedAt: now, stuckAt: null, stuckReason: null })
    .where(eq(payoutPayments.id, payment.id))
    .returning();
  return row!;
}

export async function markStuck(tx: DbOrTx, payment: PaymentRow, reason: string, now: Date) {
  await tx
    .update(payoutPayments)
    .set({ stuckAt: now, stuckReason: reason, version: payment.version + 1 })
    .where(and(eq(payoutPayments.id, payment.id), isNull(payoutPayments.stuckAt)));
}

export async function insertEvent(tx: DbOrTx, values: typeof payoutPaymentEvents.$inferInsert) {
  await tx.insert(payoutPaymentEvents).values(values);
}

export async function eventsOf(tx: DbOrTx, paymentId: string): Promise<PaymentEventRow[]> {
  return tx
    .select()
    .from(payoutPaymentEvents)
    .where(eq(payoutPaymentEvents.paymentId, paymentId))
    .orderBy(asc(payoutPaymentEvents.createdAt), asc(payoutPaymentEvents.id));
}

export async function findInstruction(tx: DbOrTx, id: string): Promise<InstructionRow | undefined> {
  const [row] = await tx.select().from(payoutInstructions).where(eq(payoutInstructions.id, id));
  return row;
}

/** Persists the instruction (its id and exact request) unless it already is; answers the stored row. */
export async function persistInstruction(tx: DbOrTx, values: typeof payoutInstructions.$inferInsert) {
  await tx.insert(payoutInstructions).values(values).onConflictDoNothing();
  return (await findInstruction(tx, values.id))!;
}

export async function recordSend(
  tx: DbOrTx,
  id: string,
  outcome: 'accepted' | 'rejected' | 'unknown',
  detail: string,
  bankReference: string | null,
  now: Date,
) {
  await tx
    .update(payoutInstructions)
    .set({
      sendAttempts: sql`${payoutInstructions.sendAttempts} + 1`,
      lastOutcome: outcome,
      lastDetail: detail.slice(0, 500),
      bankReference: sql`coalesce(${payoutInstructions.bankReference}, ${bankReference})`,
      lastSentAt: now,
    })
    .where(eq(payoutInstructions.id, id));
}

/** In-flight payments last changed before `before`, oldest first (the sweeper's work list). */
export async function inFlightBefore(tx: DbOrTx, statuses: readonly PaymentStatus[], before: Date, limit: number) {
  return tx
    .select()
    .from(payoutPayments)
    .where(and(inArray(payoutPayments.status, [...statuses]), lt(payoutPayments.updatedAt, before)))
    .orderBy(asc(payoutPayments.updatedAt), asc(payoutPayments.id))
    .limit(limit);
}

/** In-flight payments created before `before` and not yet marked stuck. */
export async function unmarkedOverdue(tx: DbOrTx, before: Date, limit: number) {
  return tx
    .select()
    .from(payoutPayments)
    .where(
      and(
        inArray(payoutPayments.status, ['created', 'sent']),
        lt(payoutPayments.createdAt, before),
        isNull(payoutPayments.stuckAt),
      ),
    )
    .orderBy(asc(payoutPayments.createdAt), asc(payoutPayments.id))
    .limit(limit);
}
