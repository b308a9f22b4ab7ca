import { randomUUID } from 'node:crypto';
import { payoutPayeeAccounts, type Db } from '@baigou/db';
import type { Principal } from '../access/access.models';
import { recordEvents } from '../provenance/provenance.events';
import { writeOutbox } from '../shared/outbox';
import { clawBack } from './payout.clawback';
import { payoutErrors } from './payout.errors';
import { payoutEvent } from './payout.events';
import { receiveBankCallback, type CallbackInput } from './payout.callbacks';
import type { PayoutClaims, PayoutCreditFacts } from './payout.ports';
import * as repository from './payout.repository';
import { writePayment, type ReservationSettings } from './payout.reservations';
import type { PayeeAccountInput, PaymentListQuery } from './payout.schemas';
import { transition } from './payout.transitions';
import * as views from './payout.views';

export interface PayoutServiceDeps {
  db: Db;
  settings: ReservationSettings & {
    /** The bank's callback signing secrets (several while rotating). */
    callbackSecrets: readonly string[];
  };
  /** Records a clawback's fraud fact and re-scores the firm (the credit context). */
  credit?: PayoutCreditFacts;
  /** Withdraws a claim's approval when its payment is cancelled for good (the special fund). */
  claims?: PayoutClaims;
  clock?: () => Date;
}

type Core = PayoutServiceDeps & { clock: () => Date };

/** A firm records the account it is paid into; a payment takes the one in force when it is reserved. */
async function setPayeeAccount(core: Core, principal: Principal, input: PayeeAccountInput) {
  const { db, clock } = core;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payoutPayeeAccounts)
      .values({ operatorOrgId: principal.orgId, ...input })
      .returning();
    await recordEvents(tx, [
      payoutEvent({
        kind: 'payout_payee',
        id: row!.id,
        action: 'payout_payee.recorded',
        related: [principal.orgId],
        actorOrgId: principal.orgId,
        at: clock(),
        detail: {
          accountName: input.accountName,
          bankName: input.bankName,
          accountLast4: input.accountNumber.slice(-4),
        },
      }),
    ]);
    return row!;
  });
}

/**
 * Staff decide on a failed payment: retry (a new payment with a new reservation and instruction; the
 * budget may refuse it, 422 with the figures) or cancel (final; the reservation was voided on failure).
 */
async function decide(
  core: Core,
  principal: Principal,
  id: string,
  input: { decision: 'retry' | 'cancel'; reason: string },
) {
  const { db, clock } = core;
  return db.transaction(async (tx) => {
    const payment = await repository.lockPayment(tx, { id });
    if (!payment) throw payoutErrors.notFound({ detail: `no payment ${id}` });
    const event =
      input.decision === 'retry'
        ? ({ type: 'staffRetry', reason: input.reason } as const)
        : ({ type: 'staffCancel', reason: input.reason } as const);
    const context = { actorOrgId: principal.orgId, now: clock(), source: 'staff' };
    const result = await transition(tx, payment, event, context);
    if (result.changed && input.decision === 'cancel')
      await core.claims?.paymentCancelled(tx, {
        claimId: payment.claimId,
        reason: `payment cancelled: ${input.reason} / 支付已撤销：${input.reason}`,
        actorOrgId: principal.orgId,
      });
    if (!result.changed || input.decision === 'cancel') return views.paymentView(result.payment);
    const next = await writePayment(tx, core.settings, {
      claimId: payment.claimId,
      attempt: payment.attempt + 1,
      operatorOrgId: payment.operatorOrgId,
      periodId: payment.periodId,
      year: payment.year,
      amountFen: payment.amountFen,
      actorOrgId: principal.orgId,
      now: clock(),
    });
    return views.paymentView(next!);
  });
}

/**
 * Staff claw back a paid claim with a reason: the correcting transfer and record, then (in the same
 * unit of work of the request) the `subsidy_fraud` credit fact and the firm's re-scoring.
 */
async function clawback(core: Core, principal: Principal, id: string, reason: string) {
  const { db, clock } = core;
  const fact = await db.transaction((tx) => clawBack(tx, principal, id, reason, clock()));
  if (fact && core.credit) await core.credit.recordSubsidyFraud(principal, fact);
  return views.paymentDetail(db, principal, id);
}

/** Staff ask for a reconciliation of a range: the job is queued (it downloads the statement). */
async function requestReconciliation({ db }: Core, principal: Principal, range: { from: string; to: string }) {
  const jobKey = `payout.reconcile:${range.from}:${range.to}:${randomUUID()}`;
  await writeOutbox(db, 'payout.reconcile', range, jobKey);
  return { jobKey, ...range, requestedBy: principal.orgId };
}

/** The payout context's staff, firm and bank-facing operations (the jobs are in payout.workflow.ts). */
export function createPayoutService(deps: PayoutServiceDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const core: Core = { ...deps, clock };
  return {
    receiveCallback: (input: CallbackInput) =>
      receiveBankCallback({ db, clock, callbackSecrets: deps.settings.callbackSecrets }, input),
    clawback: (principal: Principal, id: string, reason: string) => clawback(core, principal, id, reason),
    requestReconciliation: (principal: Principal, range: { from: string; to: string }) =>
      requestReconciliation(core, principal, range),
    reconciliations: (page: { cursor?: string | undefined; limit: number }) => views.listReconciliations(db, page),
    reconciliation: (id: string) => views.reconciliation(db, id),
    exportReconciliation: (id: string, format: 'csv' | 'xlsx') => views.exportReconciliation(db, id, format),
    setPayeeAccount: (principal: Principal, input: PayeeAccountInput) => setPayeeAccount(core, principal, input),
    decide: (principal: Principal, id: string, input: { decision: 'retry' | 'cancel'; reason: string }) =>
      decide(core, principal, id, input),
    list: (principal: Principal, query: PaymentListQuery) => views.listPayments(db, principal, query),
    get: (principal: Principal, id: string) => views.paymentDetail(db, principal, id),
    batch: (periodId: string) => views.batchOfPeriod(db, periodId),
    exportPeriod: (periodId: string, format: 'csv' | 'xlsx') => views.exportPeriod(db, periodId, format),
    accounts: () => views.listAccounts(db),
    fundFigures: (year: number) => views.fundFigures(db, year),
    accountTransfers: (accountId: string, page: { cursor?: string | undefined; limit: number }) =>
      views.accountTransfers(db, accountId, page),
  };
}

export type PayoutService = ReturnType<typeof createPayoutService>;
