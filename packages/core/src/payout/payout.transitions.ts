import type { DbOrTx } from '@baigou/db';
import { accountCodes } from '../ledger/ledger.models';
import { findAccountByCode } from '../ledger/ledger.repository';
import { recordEvents } from '../provenance/provenance.events';
import { writeOutbox } from '../shared/outbox';
import { payoutErrors } from './payout.errors';
import { payoutEvent } from './payout.events';
import { writeTransfer } from './payout.ledger';
import { applyPaymentEvent, fenToCny, ledgerEffect, payoutIds, type PaymentEvent } from './payout.models';
import * as repository from './payout.repository';
import type { PaymentRow } from './payout.repository';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface TransitionContext {
  actorOrgId: string | null;
  now: Date;
  /** What caused it: `callback`, `send-job`, `sweeper`, `staff`. */
  source: string;
}

/** The ledger side of a transition: post (and disburse to paid) or void the payment's reservation. */
async function moveMoney(tx: DbOrTx, payment: PaymentRow, effect: 'post' | 'void', actorOrgId: string | null) {
  const related = [payment.id, payment.claimId, payment.operatorOrgId];
  if (effect === 'void') {
    await writeTransfer(
      tx,
      actorOrgId,
      { id: payoutIds.void(payment.id), kind: 'void_pending', pendingId: payment.reservationId },
      related,
    );
    return;
  }
  await writeTransfer(
    tx,
    actorOrgId,
    { id: payoutIds.post(payment.id), kind: 'post_pending', pendingId: payment.reservationId },
    related,
  );
  const payable = await findAccountByCode(tx, accountCodes.payable(payment.operatorOrgId));
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
