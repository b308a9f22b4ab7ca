import { payoutClawbacks, type DbOrTx } from '@baigou/db';
import { eq } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { accountCodes } from '../ledger/ledger.models';
import { findAccountByCode } from '../ledger/ledger.repository';
import { recordEvents } from '../provenance/provenance.events';
import { chinaDate } from '../shared/dates';
import { payoutErrors } from './payout.errors';
import { payoutEvent } from './payout.events';
import { openClawbackReceivable, writeTransfer } from './payout.ledger';
import { payoutIds } from './payout.models';
import { fenToCny } from '../shared/money';
import type { SubsidyFraudFact } from './payout.ports';
import * as repository from './payout.repository';
import type { PaymentRow } from './payout.repository';

async function recordClawedBack(
  tx: DbOrTx,
  payment: PaymentRow,
  detail: { reason: string; amountCny: string; transferId: string; source: string },
  principal: Principal,
  now: Date,
) {
  await repository.insertEvent(tx, {
    paymentId: payment.id,
    type: 'clawedBack',
    fromStatus: 'paid',
    toStatus: 'paid',
    detail,
    actorOrgId: principal.orgId,
  });
  await recordEvents(tx, [
    payoutEvent({
      kind: 'payout_payment',
      id: payment.id,
      action: 'payout_payment.clawedBack',
      related: [payment.claimId, payment.operatorOrgId, payment.periodId],
      actorOrgId: principal.orgId,
      at: now,
      detail,
    }),
  ]);
}

/**
 * Clawback of a paid claim (fraud found in audit, 骗补追回), as a correction that edits nothing: a posted
 * transfer paid:Y → clawback_receivable:firm (debit paid, so the year's net paid falls; credit the
 * firm's receivable, what it now owes the fund), the clawback record, an event on the payment (it stays
 * paid: the bank did pay) and provenance. Answers the fraud fact for the credit context, or null when
 * this exact clawback was already recorded (a retry).
 */
export async function clawBack(
  tx: DbOrTx,
  principal: Principal,
  paymentId: string,
  reason: string,
  now: Date,
): Promise<SubsidyFraudFact | null> {
  const payment = await repository.lockPayment(tx, { id: paymentId });
  if (!payment) throw payoutErrors.notFound({ detail: `no payment ${paymentId}` });
  if (payment.status !== 'paid')
    throw payoutErrors.notPaid({ detail: `the payment is ${payment.status}; only a paid one is clawed back` });
  const [existing] = await tx.select().from(payoutClawbacks).where(eq(payoutClawbacks.paymentId, paymentId));
  if (existing) {
    if (existing.reason === reason) return null;
    throw payoutErrors.illegalTransition({ detail: 'the payment was already clawed back for another reason' });
  }
  const paid = await findAccountByCode(tx, accountCodes.paid(payment.year));
  const receivable = await openClawbackReceivable(tx, payment.operatorOrgId);
  const transfer = await writeTransfer(
    tx,
    principal.orgId,
    {
      id: payoutIds.clawback(paymentId),
      kind: 'posted',
      debitAccountId: paid!.id,
      creditAccountId: receivable.id,
      amount: payment.amountFen,
      reference: `clawback:${payment.instructionId}`,
    },
    [paymentId, payment.claimId, payment.operatorOrgId],
  );
  await tx.insert(payoutClawbacks).values({ paymentId, transferId: transfer.id, reason, actorOrgId: principal.orgId });
  const amountCny = fenToCny(payment.amountFen);
  await recordClawedBack(tx, payment, { reason, amountCny, transferId: transfer.id, source: 'staff' }, principal, now);
  return {
    operatorOrgId: payment.operatorOrgId,
    paymentId,
    claimId: payment.claimId,
    amountCny,
    reason,
    effectiveFrom: chinaDate(now),
  };
}
