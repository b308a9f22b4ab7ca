import type { BankClient } from '@baigou/bank-protocol';
import {
  createPayoutReservations,
  createPayoutService,
  isDomainError,
  receiveBankCallback,
  sendPayment,
  type Principal,
  sweepPayouts,
  type PayoutDeps,
  type PayoutStep,
  type PayoutWorkflowSettings,
} from '@baigou/core';
import { outbox, payoutPayeeAccounts, payoutPayments, subsidyClaims, type Database, type Db } from '@baigou/db';
import type { Queues } from '@baigou/queues';
import { fromJobId } from '@baigou/queues';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { createOutboxRelay } from '../../../services/worker/src';
import { markCompleted } from '../../../services/worker/src/outbox.repository';
import { silentLogger } from '../../worker/worker.support';
import type { CallbackInbox, HeldCallback } from './callback-inbox';
import { permutation } from './callback-inbox';
import type { ClaimFixture } from './claims';
import { Crash, type StepHook } from './injectors';

/**
 * The payout workflow as the fault suite drives it: the real job functions (sendPayment, settlePayment,
 * sweepPayouts) on a pool of their own (application_name `faults-payout-job`, which the pg-drop fault
 * terminates), with the step hook; deliveries through the real outbox relay and BullMQ queue (on the
 * suite's Redis database, which FLUSHDB wipes); callbacks from the bank simulator held until the run
 * delivers them. The test process plays the worker: it takes a waiting job, runs it, and completes its
 * outbox row only when it finished, as services/worker does; a crashed job stays waiting, as a job
 * whose worker was killed is redelivered.
 */

export interface PayoutSystemDeps {
  /** The "API" pool: approvals, fixtures, checks. */
  db: Db;
  /** The "worker" pool, whose backends the pg-drop fault terminates. */
  jobs: Database;
  bank: BankClient;
  queues: Queues;
  inbox: CallbackInbox;
  hook: StepHook;
  settings: PayoutWorkflowSettings;
  callbackSecret: string;
  centerOrgId: string;
  programmeId: string;
}

export type ApproveOutcome = 'reserved' | 'refused';

/**
 * A deliberately broken platform, to show the suite catches one (never on by default): with
 * PAYOUT_FAULT_SABOTAGE=new-instruction-id every repeat of an instruction goes to the bank under a new id,
 * as a workflow that did not persist its instruction id before calling the bank would do.
 */
export function sabotaged(bank: BankClient, sabotage = process.env.PAYOUT_FAULT_SABOTAGE): BankClient {
  if (sabotage !== 'new-instruction-id') return bank;
  const sends = new Map<string, number>();
  return {
    ...bank,
    submitInstruction(request) {
      const count = sends.get(request.instructionId) ?? 0;
      sends.set(request.instructionId, count + 1);
      return bank.submitInstruction(
        count === 0 ? request : { ...request, instructionId: `${request.instructionId}-${count}` },
      );
    },
  };
}

/** What the commands share: the dependencies, the job functions' deps and the platform's services. */
interface System {
  deps: PayoutSystemDeps;
  clock: () => Date;
  workflow: PayoutDeps;
  reservations: ReturnType<typeof createPayoutReservations>;
  service: ReturnType<typeof createPayoutService>;
  staff: Principal;
  relay: ReturnType<typeof createOutboxRelay>;
}

export function createPayoutSystem(deps: PayoutSystemDeps) {
  const clock = () => new Date();
  const system: System = {
    deps,
    clock,
    workflow: {
      db: deps.jobs.db,
      bank: sabotaged(deps.bank),
      clock,
      settings: deps.settings,
      step: (name: PayoutStep) => deps.hook.step(name),
    },
    reservations: createPayoutReservations({ settings: { reservationTimeoutMs: 3_600_000 }, clock }),
    service: createPayoutService({
      db: deps.db,
      settings: { reservationTimeoutMs: 3_600_000, callbackSecrets: [deps.callbackSecret] },
      clock,
    }),
    staff: { keyId: 'faults', orgId: deps.centerOrgId, orgKind: 'center', role: 'staff' },
    relay: createOutboxRelay({ db: deps.db, queues: deps.queues, logger: silentLogger, pollMs: 50, reconcileMs: 0 }),
  };
  return {
    approve: (claim: ClaimFixture, year: number, annualBudgetCny: string) =>
      approve(system, claim, year, annualBudgetCny),
    deliver: (pick: number) => deliver(system, pick),
    deliverCallbacks: (orderSeed: number) =>
      deps.inbox.deliverWaiting(
        (callback) => handleCallback(system, callback),
        (count) => permutation(count, orderSeed),
      ),
    replayCallback: (pick: number) => replayCallback(system, pick),
    decide: (claimIds: readonly string[], pick: number, decision: 'retry' | 'cancel') =>
      decide(system, claimIds, pick, decision),
    sweep: () => sweep(system),
    workflow: system.workflow,
  };
}

/** The center approves a claim for payment: reservation, payment and send job in one transaction. */
async function approve(
  { deps, reservations, clock }: System,
  claim: ClaimFixture,
  year: number,
  annualBudgetCny: string,
): Promise<ApproveOutcome> {
  try {
    await deps.db.transaction(async (tx) => {
      await reservations.reserveForPayment(tx, {
        claimId: claim.claimId,
        operatorOrgId: claim.operatorOrgId,
        periodId: claim.periodId,
        year,
        amountCny: claim.amountCny,
        programmeVersionId: deps.programmeId,
        annualBudgetCny,
        approvedByOrgId: deps.centerOrgId,
      });
      const at = clock().toISOString();
      await tx
        .update(subsidyClaims)
        .set({ status: 'approved_for_payment', state: { status: 'approved_for_payment', at } })
        .where(eq(subsidyClaims.id, claim.claimId));
    });
    return 'reserved';
  } catch (error) {
    if (isDomainError(error) && error.code === 'ledger.exceeds_credits') return 'refused';
    throw error;
  }
}

/** Outbox → BullMQ, as the relay's loop does; `reconcile` also puts back jobs a FLUSHDB took. */
async function relayOnce({ relay }: System, reconcile: boolean) {
  if (reconcile) await relay.reconcile();
  while ((await relay.tick()).more);
}

const waitingSends = async ({ deps }: System) =>
  (await deps.queues.queues.payout.getWaiting(0, 50)).filter((job) => job.name === 'payout.send' && job.id);

/**
 * Runs one waiting payout.send job (the pick-th, cycled); a crash leaves it waiting, as after kill -9.
 * When Redis holds none, the relay's reconcile pass looks for jobs a wipe took, as its loop would.
 */
async function deliver(system: System, pick: number): Promise<string> {
  if (!(await openSendRows(system.deps.db))) return 'no-job';
  await relayOnce(system, false);
  let sends = await waitingSends(system);
  if (sends.length === 0) {
    await relayOnce(system, true);
    sends = await waitingSends(system);
  }
  const job = sends[pick % Math.max(sends.length, 1)];
  if (!job) return 'no-job';
  try {
    const outcome = await sendPayment(system.workflow, (job.data as { paymentId: string }).paymentId);
    // As handlers.ts: an unknown outcome fails the attempt, and the job is retried with the same id.
    if (outcome === 'unknown') return 'unknown';
    await markCompleted(system.deps.jobs.db, fromJobId(job.id!));
    await job.remove().catch(() => undefined);
    return outcome;
  } catch (error) {
    return interrupted(error);
  }
}

/** The platform's callback endpoint (receiveBankCallback, as the route calls it); its HTTP answer. */
async function handleCallback({ deps, clock, workflow }: System, callback: HeldCallback): Promise<number> {
  try {
    await receiveBankCallback(
      { db: deps.jobs.db, clock, step: workflow.step, callbackSecrets: [deps.callbackSecret] },
      { rawBody: callback.rawBody, headers: callback.headers },
    );
    return 204;
  } catch (error) {
    if (isDomainError(error)) return error.statusCode;
    await interrupted(error);
    return 503;
  }
}

/** Delivers an earlier callback again: a duplicate, or a late one after the sweeper settled the payment. */
async function replayCallback(system: System, pick: number): Promise<number | undefined> {
  const history = system.deps.inbox.history();
  const callback = history[pick % Math.max(history.length, 1)];
  return callback ? handleCallback(system, callback) : undefined;
}

/**
 * Staff decide on a failed payment of these claims (the pick-th, cycled), or, when none failed, on the
 * latest payment of one (a decision on a payment that has not failed answers the service's 409):
 * retry (a new payment, reservation and instruction) or cancel.
 */
async function decide(
  { deps, service, staff }: System,
  claimIds: readonly string[],
  pick: number,
  decision: 'retry' | 'cancel',
): Promise<string> {
  const rows = await deps.db
    .select({ id: payoutPayments.id, status: payoutPayments.status })
    .from(payoutPayments)
    .where(inArray(payoutPayments.claimId, [...claimIds]))
    .orderBy(desc(payoutPayments.createdAt));
  const failed = rows.filter((row) => row.status === 'failed');
  const candidates = failed.length > 0 ? failed : rows;
  const payment = candidates[pick % Math.max(candidates.length, 1)];
  if (!payment) return 'no-payment';
  try {
    await service.decide(staff, payment.id, { decision, reason: `故障注入 staff ${decision} / fault suite` });
    return `${decision}:${payment.status}`;
  } catch (error) {
    if (isDomainError(error)) return `${decision}:${error.code}`;
    throw error;
  }
}

async function sweep({ workflow }: System): Promise<string> {
  try {
    const report = await sweepPayouts(workflow);
    return `sent:${report.sent} queried:${report.queried} settled:${report.settled}`;
  } catch (error) {
    return interrupted(error);
  }
}

/** Whether any payout.send outbox row is still open (the relay and Redis are asked only then). */
async function openSendRows(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.jobName, 'payout.send'), isNull(outbox.completedAt)))
    .limit(1);
  return row !== undefined;
}

/** A crash or a dropped connection ends the job; anything else is a finding and fails the run. */
async function interrupted(error: unknown): Promise<string> {
  if (error instanceof Crash) return `crashed:${error.step}`;
  if (isConnectionLoss(error)) return 'connection-lost';
  throw error;
}

/** What a job sees when PostgreSQL terminated its backend mid-transaction (or the dead socket after it). */
export function isConnectionLoss(error: unknown): boolean {
  const codes = new Set(['57P01', 'ECONNRESET', 'EPIPE', '08006', '08003']);
  const messages = /Connection terminated|terminating connection|connection error|not queryable/i;
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    if (current instanceof Error && messages.test(current.message)) return true;
  }
  return false;
}

/** The firm's payee account: valid, failing the check digit (the bank refuses it), or none on record. */
export async function insertPayee(db: Db, operatorOrgId: string, kind: 'valid' | 'invalid' | 'none', account: string) {
  if (kind === 'none') return;
  const last = Number(account.at(-1));
  const accountNumber = kind === 'valid' ? account : `${account.slice(0, -1)}${(last + 1) % 10}`;
  await db
    .insert(payoutPayeeAccounts)
    .values({ operatorOrgId, accountNumber, accountName: '白沟箱包有限公司', bankName: '中国工商银行白沟支行' });
}
