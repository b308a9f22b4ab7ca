import {
  createCreditService,
  createExchangeRatesService,
  createNotificationsService,
  createPriceLibraryService,
  createReferenceService,
  createSubsidyService,
  exchangeRatesAsSubsidyRates,
  creditAsSubsidyGrades,
  registrySubsidyFacts,
  createRegistryService,
  scheduledAdjustmentAsOf,
  tradeSubsidyFacts,
  chinaDate,
  reconcilePayouts,
  sendPayment,
  sweepPayouts,
  type PayoutWorkflowSettings,
  type ProvenanceLog,
} from '@baigou/core';
import { createBankClient, type BankClient } from '@baigou/bank-protocol';
import { payoutConfigSchema, type WorkerConfig } from '@baigou/config';
import type { Db } from '@baigou/db';
import { jobNames, scheduledFiringOf, type JobName, type JobPayload } from '@baigou/queues';
import type { Logger } from 'pino';

export interface JobContext<N extends JobName> {
  /** The outbox key, which is also the BullMQ job id and the handler's idempotency key. */
  jobKey: string;
  /** Already parsed with the job's zod contract. */
  payload: JobPayload<N>;
  logger: Logger;
}

/** Returns an explicit outcome (e.g. `'notified' | 'already-notified'`) that is logged and tested. */
export type JobHandler<N extends JobName> = (context: JobContext<N>) => Promise<string>;

export type JobHandlers = { readonly [N in JobName]: JobHandler<N> };

/** What the payout jobs need besides the database: the bank gateway and the workflow's settings. */
export interface PayoutWiring {
  bank: BankClient;
  settings: PayoutWorkflowSettings;
}

/** The payout wiring from the worker's configuration, its rule checked (the reservation outlives the stuck bound). */
export function payoutWiring(config: WorkerConfig): PayoutWiring {
  const payout = payoutConfigSchema.parse(config);
  return {
    bank: createBankClient({ baseUrl: payout.BANK_URL, timeoutMs: payout.BANK_TIMEOUT_MS }),
    settings: {
      payerAccountNumber: payout.BANK_PAYER_ACCOUNT,
      queryAfterMs: payout.PAYOUT_QUERY_AFTER_MS,
      stuckAfterMs: payout.PAYOUT_STUCK_AFTER_MS,
    },
  };
}

/** The one place where job names meet the domain services that do the work. */
export function createJobHandlers({
  db,
  provenance,
  payout,
  clock = () => new Date(),
}: {
  db: Db;
  provenance: ProvenanceLog;
  /** Without it (a process that pays nothing), payout jobs fail and stay in the queue. */
  payout?: PayoutWiring;
  clock?: () => Date;
}): JobHandlers {
  const payoutDeps = () => {
    if (!payout) throw new Error('this worker was built without a bank gateway (payout wiring)');
    return { db, bank: payout.bank, clock, settings: payout.settings };
  };
  const notifications = createNotificationsService({ db });
  const reference = createReferenceService({ db });
  const exchangeRates = createExchangeRatesService({ db, reference });
  const priceLibrary = createPriceLibraryService({ db, reference, exchangeRates, clock });
  const credit = createCreditService({ db, registry: createRegistryService({ db, reference }), clock });
  // Subsidy reads facts through its ports, the credit grade among them.
  const subsidy = createSubsidyService({
    db,
    trade: tradeSubsidyFacts,
    registry: registrySubsidyFacts,
    credit: creditAsSubsidyGrades(credit),
    rates: exchangeRatesAsSubsidyRates(exchangeRates),
    clock,
  });
  return {
    'registry.decision-notify': ({ jobKey, payload }) => notifications.recordDecision(jobKey, payload),
    'statistics.restatement-notify': ({ jobKey, payload }) => notifications.recordRestatement(jobKey, payload),
    // A scheduled firing keeps its date through retries; a job added by hand without asOf runs as of yesterday.
    'price-library.adjust': ({ jobKey, payload }) =>
      priceLibrary.runScheduledAdjustment({
        ...payload,
        asOf: payload.asOf ?? scheduledAdjustmentAsOf(scheduledFiringOf(jobKey) ?? clock()),
      }),
    // Idempotent by nature: a repeated run finds nothing pending and the checkpoint already signed.
    'provenance.checkpoint': async () => {
      const checkpoint = await provenance.sequenceAndCheckpoint();
      return checkpoint ? `checkpoint:${checkpoint.treeSize}` : 'empty-log';
    },
    // A scheduled firing is scored as of its instant, through retries; staff runs name their run.
    'credit.run': ({ jobKey, payload }) =>
      payload.runId
        ? credit.scoring.processRun(payload.runId)
        : credit.scoring.runScheduled(scheduledFiringOf(jobKey) ?? clock()),
    'credit.rescore': async ({ payload }) =>
      (
        await credit.scoring.rescore(payload.operatorOrgId, {
          trigger: payload.trigger,
          triggerRef: payload.triggerRef,
        })
      ).outcome,
    // Staff name the period; the daily schedule runs the periods that have ended and were never run.
    'subsidy.period-run': ({ jobKey, payload }) =>
      payload.periodId
        ? subsidy.runs.runPeriod(jobKey, payload.periodId)
        : subsidy.runs.runDuePeriods(jobKey, scheduledFiringOf(jobKey) ?? clock()),
    ...payoutHandlers(payoutDeps, notifications, clock),
  };
}

/**
 * Refuses to start a worker that would leave a job name without a handler (its jobs would fail
 * forever) or that names a job nobody can produce (a typo that hides the real handler).
 */
export function assertHandlersComplete(handlers: Readonly<Record<string, unknown>>): asserts handlers is JobHandlers {
  const known = new Set<string>(jobNames);
  const missing = jobNames.filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !known.has(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      missing.length > 0 ? `no handler for ${missing.join(', ')}` : '',
      unknown.length > 0 ? `handler for unknown job ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    throw new Error(`Worker job handlers are incomplete: ${problems.join('; ')}`);
  }
}

type PayoutJob = 'payout.notify' | 'payout.send' | 'payout.reconcile' | 'payout.sweep';

/** The payout jobs: the firm told of its payment, the send with its retries, reconciliation and the sweeper. */
function payoutHandlers(
  payoutDeps: () => Parameters<typeof sendPayment>[0],
  notifications: ReturnType<typeof createNotificationsService>,
  clock: () => Date,
): Pick<JobHandlers, PayoutJob> {
  return {
    'payout.notify': ({ jobKey, payload }) => notifications.recordPayout(jobKey, payload),
    // An unknown outcome (timeout, 5xx) throws, so BullMQ retries with the same instruction id.
    'payout.send': async ({ payload }) => {
      const outcome = await sendPayment(payoutDeps(), payload.paymentId);
      if (outcome === 'unknown') throw new Error(`payment ${payload.paymentId}: bank outcome unknown; retrying`);
      return outcome;
    },
    // The schedule reconciles the day before its firing (China time); staff name their range.
    'payout.reconcile': async ({ jobKey, payload }) => {
      const yesterday = chinaDate(new Date((scheduledFiringOf(jobKey) ?? clock()).getTime() - 86_400_000));
      const range = { from: payload.from ?? yesterday, to: payload.to ?? payload.from ?? yesterday };
      const { report, outcome } = await reconcilePayouts(payoutDeps(), jobKey, range);
      return `${outcome}:matched=${report.matched}:differences=${report.differences.length}`;
    },
    'payout.sweep': async () => {
      const report = await sweepPayouts(payoutDeps());
      return `expired:${report.expired} sent:${report.sent} queried:${report.queried} settled:${report.settled} stuck:${report.markedStuck}`;
    },
  };
}
