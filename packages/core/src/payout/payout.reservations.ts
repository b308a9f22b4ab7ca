import type { DbOrTx } from '@baigou/db';
import { recordEvents } from '../provenance/provenance.events';
import { writeOutbox } from '../shared/outbox';
import type { ApprovedClaim, SubsidyPayouts } from '../subsidy/subsidy.ports';
import { payoutEvent } from './payout.events';
import { fundYear, openPayable, openYear, writeTransfer } from './payout.ledger';
import { payoutIds } from './payout.models';
import { cnyToFen, fenToCny } from '../shared/money';
import * as repository from './payout.repository';
import type { PaymentRow } from './payout.repository';

export interface ReservationSettings {
  /**
   * How long a reservation holds, by the database clock. The rule: at least twice the stuck bound
   * (config checks it), so every payment is paid, failed or shown to staff as stuck long before its
   * reservation could expire. 预留期限至少为"卡住"时限的两倍.
   */
  reservationTimeoutMs: number;
}

export interface NewPayment {
  claimId: string;
  attempt: number;
  operatorOrgId: string;
  periodId: string;
  year: number;
  amountFen: bigint;
  actorOrgId: string;
  now: Date;
}

/**
 * Writes a payment in the caller's transaction: its reservation (a pending transfer fund_budget:Y →
 * payable:firm; the database refuses it past the budget, 422 with the figures, and the caller's
 * rollback takes everything with it), the payment row with the payee account in force, its first
 * event, provenance, and the outbox row of the send job. The ids derive from (claim, attempt).
 */
export async function writePayment(tx: DbOrTx, settings: ReservationSettings, input: NewPayment) {
  const paymentId = payoutIds.payment(input.claimId, input.attempt);
  const { budget } = await openYear(tx, input.year);
  const payable = await openPayable(tx, input.operatorOrgId);
  const related = [paymentId, input.claimId, input.operatorOrgId];
  const reservation = await writeTransfer(
    tx,
    input.actorOrgId,
    {
      id: payoutIds.reservation(paymentId),
      kind: 'pending',
      debitAccountId: budget.id,
      creditAccountId: payable.id,
      amount: input.amountFen,
      timeoutMs: settings.reservationTimeoutMs,
      reference: input.claimId,
    },
    related,
  );
  const payee = await repository.latestPayee(tx, input.operatorOrgId);
  const batch = await repository.batchFor(tx, input.periodId, input.year);
  const payment = await repository.insertPayment(tx, {
    id: paymentId,
    claimId: input.claimId,
    attempt: input.attempt,
    batchId: batch.id,
    operatorOrgId: input.operatorOrgId,
    periodId: input.periodId,
    year: input.year,
    amountFen: input.amountFen,
    reservationId: reservation.id,
    instructionId: payoutIds.instruction(paymentId),
    payeeAccountNumber: payee?.accountNumber ?? null,
    payeeName: payee?.accountName ?? null,
    payeeBankName: payee?.bankName ?? null,
    status: 'created',
    createdAt: input.now,
    updatedAt: input.now,
  });
  if (!payment) return repository.findPayment(tx, paymentId);
  await recordReserved(tx, payment, payee !== undefined, input);
  await writeOutbox(tx, 'payout.send', { paymentId }, `payout.send:${paymentId}`);
  return payment;
}

/** The payment's first event and its provenance. */
async function recordReserved(tx: DbOrTx, payment: PaymentRow, payeeOnRecord: boolean, input: NewPayment) {
  const detail = { amountCny: fenToCny(input.amountFen), attempt: input.attempt, reservationId: payment.reservationId };
  await repository.insertEvent(tx, {
    paymentId: payment.id,
    type: 'reserved',
    fromStatus: null,
    toStatus: 'created',
    detail: { ...detail, payeeOnRecord },
    actorOrgId: input.actorOrgId,
  });
  await recordEvents(tx, [
    payoutEvent({
      kind: 'payout_payment',
      id: payment.id,
      action: 'payout_payment.reserved',
      related: [input.claimId, input.operatorOrgId, input.periodId],
      actorOrgId: input.actorOrgId,
      at: input.now,
      detail: { ...detail, instructionId: payment.instructionId },
    }),
  ]);
}

/** The payout context as the subsidy context's payout port: approval reserves and queues the payment. */
export function createPayoutReservations(deps: { settings: ReservationSettings; clock: () => Date }): SubsidyPayouts {
  return {
    async reserveForPayment(tx: DbOrTx, claim: ApprovedClaim) {
      await fundYear(tx, claim.year, claim.programmeVersionId, cnyToFen(claim.annualBudgetCny));
      await writePayment(tx, deps.settings, {
        claimId: claim.claimId,
        attempt: 1,
        operatorOrgId: claim.operatorOrgId,
        periodId: claim.periodId,
        year: claim.year,
        amountFen: cnyToFen(claim.amountCny),
        actorOrgId: claim.approvedByOrgId,
        now: deps.clock(),
      });
    },
  };
}
