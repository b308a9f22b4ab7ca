import type { BankClient, InstructionRequest, InstructionState } from '@baigou/bank-protocol';
import type { Db, Tx } from '@baigou/db';
import { expirePending } from '../ledger/ledger.repository';
import { isDomainError } from '../shared/errors';
import { payoutErrors } from './payout.errors';
import { isStuck, type PaymentEvent } from './payout.models';
import { fenToCny } from '../shared/money';
import * as repository from './payout.repository';
import type { PaymentRow } from './payout.repository';
import { transition } from './payout.transitions';

/**
 * The payout jobs as plain async functions of explicit dependencies, callable in process without
 * BullMQ (the worker's handlers call them; the fault-injection suite calls them directly and throws
 * from `step` to simulate a crash at a named point).
 */

/** The named points between the steps that matter, in the order a payment passes them. */
export const payoutSteps = [
  /** send: the instruction (id and exact request) is committed; the bank has not been called. */
  'send.instruction-persisted',
  /** send: the bank answered (or timed out); nothing of its answer is recorded yet. */
  'send.bank-returned',
  /** send: inside the transaction recording the bank's answer, before commit. */
  'send.before-commit',
  /** settle (callback or sweeper query): inside the settling transaction, ledger written, before commit. */
  'settle.before-commit',
  /** sweep: a sent payment without outcome is about to be queried at the bank. */
  'sweep.before-query',
  /** sweep: the bank's status query returned; nothing recorded yet. */
  'sweep.after-query',
] as const;
export type PayoutStep = (typeof payoutSteps)[number];

export interface PayoutWorkflowSettings {
  payerAccountNumber: string;
  /** A sent payment without an outcome this long is queried at the bank. */
  queryAfterMs: number;
  /** A payment not terminal this long after it was created is marked stuck. */
  stuckAfterMs: number;
}

export interface PayoutDeps {
  db: Db;
  bank: BankClient;
  clock: () => Date;
  settings: PayoutWorkflowSettings;
  /** Awaited at each named step; a test throws here to crash the job at that point. */
  step?: (name: PayoutStep) => Promise<void>;
}

const at = async (deps: Pick<PayoutDeps, 'step'>, name: PayoutStep) => {
  if (deps.step) await deps.step(name);
};

export type SendOutcome = 'sent' | 'failed' | 'already-settled' | 'unknown' | 'not-found';

function instructionRequest(payment: PaymentRow, settings: PayoutWorkflowSettings): InstructionRequest | null {
  if (!payment.payeeAccountNumber || !payment.payeeName || !payment.payeeBankName) return null;
  return {
    instructionId: payment.instructionId,
    payerAccountNumber: settings.payerAccountNumber,
    payeeAccountNumber: payment.payeeAccountNumber,
    payeeName: payment.payeeName,
    payeeBankName: payment.payeeBankName,
    amountFen: payment.amountFen.toString(),
    currency: 'CNY',
    purpose: `试点专项资金 subsidy claim ${payment.claimId.slice(0, 8)}`,
    reference: payment.claimId,
  };
}

/** Records a send outcome that is final for the payment (accepted or rejected) under the row lock. */
async function recordSendOutcome(deps: PayoutDeps, paymentId: string, event: PaymentEvent, note: string) {
  return deps.db.transaction(async (tx) => {
    const payment = (await repository.lockPayment(tx, { id: paymentId }))!;
    const bankReference = event.type === 'sendAccepted' ? event.bankReference : null;
    await repository.recordSend(
      tx,
      payment.instructionId,
      event.type === 'sendAccepted' ? 'accepted' : 'rejected',
      note,
      bankReference,
      deps.clock(),
    );
    const result = await transition(tx, payment, event, { actorOrgId: null, now: deps.clock(), source: 'send-job' });
    await at(deps, 'send.before-commit');
    return result.changed ? (event.type === 'sendAccepted' ? 'sent' : 'failed') : 'already-settled';
  });
}

/**
 * Sends a payment: persists the instruction (committed) before the bank is called, submits it, and
 * records the answer. `unknown` (timeout, 5xx, dropped connection) records nothing but the attempt; the
 * caller retries with the same instruction id, which the bank pays at most once.
 */
export async function sendPayment(deps: PayoutDeps, paymentId: string): Promise<SendOutcome> {
  const payment = await repository.findPayment(deps.db, paymentId);
  if (!payment) return 'not-found';
  if (payment.status !== 'created') return 'already-settled';
  const request = instructionRequest(payment, deps.settings);
  if (!request)
    return recordSendOutcome(
      deps,
      paymentId,
      { type: 'sendRejected', reason: 'no_payee_account' },
      'no payee account on record',
    );
  const instruction = await deps.db.transaction((tx) =>
    repository.persistInstruction(tx, { id: request.instructionId, paymentId, request }),
  );
  await at(deps, 'send.instruction-persisted');
  // The stored request is what the bank is sent, on every attempt: the bank compares it on a repeat.
  const outcome = await deps.bank.submitInstruction(instruction.request as InstructionRequest);
  await at(deps, 'send.bank-returned');
  if (outcome.outcome === 'accepted')
    return recordSendOutcome(
      deps,
      paymentId,
      { type: 'sendAccepted', bankReference: outcome.state.bankReference },
      `accepted${outcome.replayed ? ' (replayed)' : ''}`,
    );
  if (outcome.outcome === 'rejected')
    return recordSendOutcome(
      deps,
      paymentId,
      { type: 'sendRejected', reason: outcome.problem.code },
      outcome.problem.detail ?? outcome.problem.title,
    );
  await deps.db.transaction((tx) =>
    repository.recordSend(tx, request.instructionId, 'unknown', outcome.cause, null, deps.clock()),
  );
  return 'unknown';
}

/** The bank's word on a payment, from a signed callback or a status query. */
export interface BankSettlement {
  instructionId: string;
  status: 'paid' | 'failed';
  reason: string | null;
  bankReference: string;
  amountFen: string;
  paidAt: string | null;
}

export type SettleOutcome = 'paid' | 'failed' | 'unchanged';

/**
 * Settles a payment as the bank reports it, in one transaction: the transition (post or void the
 * reservation, the event, provenance, the firm's notification). A repeat changes nothing; an amount
 * that differs from the instruction's, or a failure after paid, throws and nothing changes.
 */
export async function settlePayment(
  deps: Pick<PayoutDeps, 'db' | 'clock' | 'step'>,
  settlement: BankSettlement,
  source: 'callback' | 'sweeper',
  /** Runs in the settling transaction after the transition (the callback route records the callback). */
  record?: (tx: Tx, outcome: SettleOutcome) => Promise<void>,
): Promise<SettleOutcome> {
  return deps.db.transaction(async (tx) => {
    const payment = await repository.lockPayment(tx, { instructionId: settlement.instructionId });
    if (!payment) throw payoutErrors.unknownInstruction({ extra: { instructionId: settlement.instructionId } });
    if (payment.amountFen.toString() !== settlement.amountFen)
      throw payoutErrors.callbackMismatch({
        detail: `the bank reports ${fenToCny(BigInt(settlement.amountFen))} CNY for an instruction of ${fenToCny(payment.amountFen)} CNY / 金额不符`,
        extra: {
          instructionId: settlement.instructionId,
          amountFen: settlement.amountFen,
          instructedFen: payment.amountFen.toString(),
        },
      });
    const event: PaymentEvent =
      settlement.status === 'paid'
        ? { type: 'settledPaid', bankReference: settlement.bankReference, paidAt: settlement.paidAt }
        : { type: 'settledFailed', reason: settlement.reason ?? 'failed' };
    const result = await transition(tx, payment, event, { actorOrgId: null, now: deps.clock(), source });
    const outcome = result.changed ? settlement.status : 'unchanged';
    if (record) await record(tx, outcome);
    await at(deps, 'settle.before-commit');
    return outcome;
  });
}

const settlementOf = (state: InstructionState): BankSettlement | null =>
  state.status === 'accepted'
    ? null
    : {
        instructionId: state.instructionId,
        status: state.status,
        reason: state.reason,
        bankReference: state.bankReference,
        amountFen: state.amountFen,
        paidAt: state.paidAt,
      };

/**
 * One sent payment without an outcome: ask the bank, settle what it says, resend what it does not know.
 * A gateway that does not answer, or an answer the ledger refuses (a domain error), is left for the next
 * sweep; anything else (a crash thrown at a step) propagates.
 */
async function querySent(deps: PayoutDeps, payment: PaymentRow): Promise<string> {
  await at(deps, 'sweep.before-query');
  const state = await deps.bank.getInstruction(payment.instructionId).catch(() => undefined);
  await at(deps, 'sweep.after-query');
  if (state === undefined) return 'query-failed';
  if (state === null) {
    // Accepted once, unknown now (a gateway that lost its books): the same instruction again.
    const instruction = await repository.findInstruction(deps.db, payment.instructionId);
    if (instruction) await deps.bank.submitInstruction(instruction.request as InstructionRequest);
    return 'resubmitted';
  }
  const settlement = settlementOf(state);
  if (!settlement) return 'pending-at-bank';
  return settlePayment(deps, settlement, 'sweeper').catch((error: unknown) => {
    if (isDomainError(error)) return 'refused';
    throw error;
  });
}

export interface SweepReport {
  /** Reservations past their timeout by the database clock, voided (ledger_expire_pending). */
  expired: number;
  sent: number;
  queried: number;
  settled: number;
  markedStuck: number;
}

/**
 * The sweeper: reservations past their timeout are voided by the database clock (a payment the bank
 * pays later is still recorded, payout.transitions.ts); payments created but never sent are sent; sent ones without an outcome after
 * `queryAfterMs` are queried and settled as a callback would; anything in flight past `stuckAfterMs`
 * is marked stuck (visible to staff with its history). Bounded work per run.
 */
export async function sweepPayouts(deps: PayoutDeps, batch = 100): Promise<SweepReport> {
  const now = deps.clock();
  const report: SweepReport = { expired: 0, sent: 0, queried: 0, settled: 0, markedStuck: 0 };
  report.expired = (await deps.db.transaction((tx) => expirePending(tx, batch))).length;
  const quiet = new Date(now.getTime() - deps.settings.queryAfterMs);
  for (const payment of await repository.inFlightBefore(deps.db, ['created'], quiet, batch))
    if ((await sendPayment(deps, payment.id)) !== 'unknown') report.sent += 1;
  for (const payment of await repository.inFlightBefore(deps.db, ['sent'], quiet, batch)) {
    report.queried += 1;
    const outcome = await querySent(deps, payment);
    if (outcome === 'paid' || outcome === 'failed') report.settled += 1;
  }
  const overdue = new Date(now.getTime() - deps.settings.stuckAfterMs);
  for (const payment of await repository.unmarkedOverdue(deps.db, overdue, batch)) {
    if (!isStuck(payment.status, payment.createdAt, deps.clock(), deps.settings.stuckAfterMs)) continue;
    await markStuck(deps, payment.id);
    report.markedStuck += 1;
  }
  return report;
}

async function markStuck(deps: PayoutDeps, paymentId: string) {
  await deps.db.transaction(async (tx) => {
    const payment = await repository.lockPayment(tx, { id: paymentId });
    if (!payment || payment.stuckAt || !['created', 'sent'].includes(payment.status)) return;
    const instruction = await repository.findInstruction(tx, payment.instructionId);
    const reason = `${payment.status} for over ${Math.round(deps.settings.stuckAfterMs / 1000)} s; bank: ${instruction?.lastOutcome ?? 'never sent'} after ${instruction?.sendAttempts ?? 0} attempts`;
    await repository.markStuck(tx, payment, reason, deps.clock());
    await repository.insertEvent(tx, {
      paymentId,
      type: 'markedStuck',
      fromStatus: payment.status,
      toStatus: payment.status,
      detail: { reason, source: 'sweeper' },
      actorOrgId: null,
    });
  });
}
