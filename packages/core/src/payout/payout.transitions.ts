import { ledgerTransfers, type DbOrTx } from '@baigou/db';
import { eq } from 'drizzle-orm';
import { accountCodes } from '../ledger/ledger.models';
import { findAccountByCode } from '../ledger/ledger.repository';
import { recordEvents } from '../provenance/provenance.events';
import { isDomainError } from '../shared/errors';
import { writeOutbox } from '../shared/outbox';
import { payoutErrors } from './payout.errors';
import { payoutEvent } from './payout.events';
import { writeTransfer } from './payout.ledger';
import { applyPaymentEvent, ledgerEffect, payoutIds, type PaymentEvent } from './payout.models';
import { fenToCny } from '../shared/money';
import * as repository from './payout.repository';
import type { PaymentRow } from './payout.repository';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface TransitionContext {
  actorOrgId: string | null;
  now: Date;
  /** What caused it: `callback`, `send-job`, `sweeper`, `staff`. */
  source: string;
}

const reservationGone = (error: unknown) =>
  isDomainError(error) && (error.code === 'ledger.pending_expired' || error.code === 'ledger.pending_already_resolved');

/**
 * Posts the reservation. When the bank paid after the reservation expired (by the database clock) the
 * money has left all the same, so the ledger records what happened: a single-phase posted transfer
 * fund_budget → payable of the amount, which the budget's limit still checks (refused, the payment
 * stays in flight and is marked stuck for staff). 预留过期后银行仍已付款: 如实记账, 仍受预算约束.
 */
async function postReservation(
  tx: DbOrTx,
  payment: PaymentRow,
  payableId: string,
  actorOrgId: string | null,
  related: readonly string[],
) {
  const post = { id: payoutIds.post(payment.id), kind: 'post_pending', pendingId: payment.reservationId } as const;
  try {
    // A savepoint: a refused post leaves the settling transaction usable for the fallback.
    await tx.transaction((inner) => writeTransfer(inner, actorOrgId, post, related));
  } catch (error) {
    if (!reservationGone(error)) throw error;
    const [reservation] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, payment.reservationId));
    await writeTransfer(
      tx,
      actorOrgId,
      {
        id: payoutIds.latePost(payment.id),
        kind: 'posted',
        debitAccountId: reservation!.debitAccountId,
        creditAccountId: payableId,
        amount: payment.amountFen,
        reference: `reservation:${payment.reservationId}`,
      },
      related,
    );
  }
}

/** The ledger side of a transition: post (and disburse to paid) or void the payment's reservation. */
async function moveMoney(tx: DbOrTx, payment: PaymentRow, effect: 'post' | 'void', actorOrgId: string | null) {
  const related = [payment.id, payment.claimId, payment.operatorOrgId];
  if (effect === 'void') {
    const voiding = { id: payoutIds.void(payment.id), kind: 'void_pending', pendingId: payment.reservationId } as const;
    // Already voided by the database's expiry: the budget is free, which is all a void is for.
    await tx
      .transaction((inner) => writeTransfer(inner, actorOrgId, voiding, related))
      .catch((error: unknown) => {
        if (!(isDomainError(error) && error.code === 'ledger.pending_already_resolved')) throw error;
      });
    return;
  }
  const payable = await findAccountByCode(tx, accountCodes.payable(payment.operatorOrgId));
  await postReservation(tx, payment, payable!.id, actorOrgId, related);
  const paid = await findAccountByCode(tx, accountCodes.paid(payment.year));
  await writeTransfer(
    tx,
    actorOrgId,
    {
      id: payoutIds.disburse(payment.id),
      kind: 'posted',
      debitAccountId: payable!.id,
      creditAccountId: paid!.id,
      amount: payment.amountFen,
      // Reconciliation matches the bank statement line to this transfer by the instruction id.
      reference: payment.instructionId,
    },
    related,
  );
}

/**
 * Applies one event to a locked payment in the caller's transaction: the status, an append-only event
 * row, the provenance event, the ledger movement and, for a bank outcome, the firm's notification.
 * Answers whether anything changed; an illegal event throws (409) and the caller's rollback keeps all.
 */
export async function transition(
  tx: DbOrTx,
  payment: PaymentRow,
  event: PaymentEvent,
  context: TransitionContext,
): Promise<{ changed: boolean; payment: PaymentRow }> {
  const result = applyPaymentEvent(payment.status, event);
  if (result.outcome === 'illegal')
    throw payoutErrors.illegalTransition({
      detail: result.detail,
      extra: { paymentId: payment.id, from: result.from, event: result.event },
    });
  if (result.outcome === 'unchanged') return { changed: false, payment };
  const effect = ledgerEffect(event.type);
  if (effect !== 'none') await moveMoney(tx, payment, effect, context.actorOrgId);
  const updated = await repository.setStatus(tx, payment, result.to, context.now);
  const detail: { [key: string]: Json } = { ...event, source: context.source, amountCny: fenToCny(payment.amountFen) };
  await repository.insertEvent(tx, {
    paymentId: payment.id,
    type: event.type,
    fromStatus: payment.status,
    toStatus: result.to,
    detail,
    actorOrgId: context.actorOrgId,
  });
  await recordEvents(tx, [
    payoutEvent({
      kind: 'payout_payment',
      id: payment.id,
      action: `payout_payment.${event.type}`,
      related: [payment.claimId, payment.operatorOrgId, payment.periodId],
      actorOrgId: context.actorOrgId,
      at: context.now,
      detail: { ...detail, fromStatus: payment.status, toStatus: result.to, instructionId: payment.instructionId },
    }),
  ]);
  if (result.to === 'paid' || result.to === 'failed') await notifyFirm(tx, updated, event, context.now);
  return { changed: true, payment: updated };
}

async function notifyFirm(tx: DbOrTx, payment: PaymentRow, event: PaymentEvent, now: Date) {
  const status = payment.status === 'paid' ? 'paid' : 'failed';
  await writeOutbox(
    tx,
    'payout.notify',
    {
      recipientOrgId: payment.operatorOrgId,
      paymentId: payment.id,
      claimId: payment.claimId,
      status,
      amountCny: fenToCny(payment.amountFen),
      instructionId: payment.instructionId,
      reason: 'reason' in event ? event.reason : null,
      at: now.toISOString(),
    },
    `payout.notify:${payment.id}:${status}`,
  );
}
