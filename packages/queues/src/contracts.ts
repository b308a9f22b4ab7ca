import { z } from 'zod';

/**
 * The contract between producers (the outbox, written by services in packages/core) and the
 * worker: queue names, job names and their payload schemas. No BullMQ import here, so the domain
 * can depend on it.
 */
export const queueNames = ['notifications', 'price-library', 'provenance', 'credit', 'subsidy', 'payout'] as const;
export type QueueName = (typeof queueNames)[number];

const partyType = z.enum(['operator', 'merchant', 'purchaser']);

export const jobContracts = {
  /** A registration decision is delivered to the registering organisation's inbox. */
  'registry.decision-notify': {
    queue: 'notifications',
    payload: z.object({
      recipientOrgId: z.uuid(),
      partyType,
      partyId: z.uuid(),
      partyName: z.string(),
      fromStatus: z.string(),
      toStatus: z.string(),
      reason: z.string().nullable(),
      decidedAt: z.iso.datetime({ offset: true }),
    }),
    attempts: 10,
  },
  /** A published month was restated (统计数据更正): the service center's inbox is told, with why and how much changed. */
  'statistics.restatement-notify': {
    queue: 'notifications',
    payload: z.object({
      recipientOrgId: z.uuid(),
      versionId: z.uuid(),
      month: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/),
      version: z.number().int().min(2),
      reason: z.string(),
      changedFigures: z.number().int().min(1),
      restatedAt: z.iso.datetime({ offset: true }),
    }),
    attempts: 10,
  },
  /**
   * 价格库动态调整: recompute the reference bands from the observations of the window ending on
   * `asOf` and propose them as a new version. One effect per `asOf`. The monthly scheduler omits
   * `asOf`; the worker then takes the day before the scheduled firing (China time).
   */
  'price-library.adjust': {
    queue: 'price-library',
    payload: z.object({
      asOf: z.iso.date().optional(),
      windowDays: z.number().int().min(7).max(730),
      minSampleSize: z.number().int().min(3).max(100_000),
    }),
    attempts: 5,
  },
  /**
   * 溯源检查点: sequence the provenance events written so far into the Merkle log and sign a checkpoint
   * (after each declaration, so its chain is provable at once; the worker also does this every few seconds).
   */
  'provenance.checkpoint': {
    queue: 'provenance',
    payload: z.object({ reason: z.enum(['declaration', 'manual']) }),
    attempts: 5,
  },
  /**
   * 信用评价 run: score every operator. Staff on demand name the run they created (`runId`); the
   * monthly scheduler omits it and the worker creates the run of the firing instant. Resumable:
   * one decision per (run, operator).
   */
  'credit.run': {
    queue: 'credit',
    payload: z.object({ runId: z.uuid().optional() }),
    attempts: 5,
  },
  /** Re-score one firm at once after a veto-class fact (or a subsidy clawback for fraud); one decision per trigger. */
  'credit.rescore': {
    queue: 'credit',
    payload: z.object({
      operatorOrgId: z.uuid(),
      trigger: z.enum(['fact', 'appeal', 'manual']),
      triggerRef: z.string().min(1).max(200),
    }),
    attempts: 10,
  },
  /**
   * 专项资金期间测算: evaluate every operator with exports in the period against the programme version
   * in force and draft the claims. One effect per job key (subsidy_runs.job_key); a run that meets a
   * source funded meanwhile by an overlapping period's run fails and retries. The daily schedule
   * omits `periodId`: the worker then runs every period that has ended and was never run.
   */
  'subsidy.period-run': {
    queue: 'subsidy',
    payload: z.object({ periodId: z.uuid().optional(), requestedBy: z.uuid().nullable() }),
    attempts: 5,
  },
  /**
   * 资金拨付: send a payment's instruction to the treasury gateway. The instruction id is persisted before
   * the call and reused by every retry, so the bank pays it at most once; an unknown outcome (timeout, 5xx)
   * fails the attempt and BullMQ retries with the same id. One effect per payment.
   */
  'payout.send': {
    queue: 'payout',
    payload: z.object({ paymentId: z.uuid() }),
    attempts: 8,
  },
  /**
   * The payout sweeper: sends what was never sent, queries the bank for sent payments without an outcome
   * and settles them as a callback would, and marks payments past the bound as stuck for staff.
   */
  'payout.sweep': {
    queue: 'payout',
    payload: z.object({}),
    attempts: 3,
  },
  /**
   * 对账: match the bank statement of a range of value dates (China dates, at most 29 days) with the
   * ledger, line by line, and store the report of every difference; one report per job key. The daily
   * schedule omits the range: the worker then reconciles the day before the firing (China time).
   */
  'payout.reconcile': {
    queue: 'payout',
    payload: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
    attempts: 5,
  },
  /** A payment paid or failed: the firm's inbox is told (one entry per payment and outcome). */
  'payout.notify': {
    queue: 'notifications',
    payload: z.object({
      recipientOrgId: z.uuid(),
      paymentId: z.uuid(),
      claimId: z.uuid(),
      status: z.enum(['paid', 'failed']),
      amountCny: z.string(),
      instructionId: z.string(),
      reason: z.string().nullable(),
      at: z.iso.datetime({ offset: true }),
    }),
    attempts: 10,
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType; attempts: number }>;

export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContracts)[N]['payload']>;
export const jobNames = Object.keys(jobContracts) as JobName[];

export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobContracts[name].payload.parse(payload) as JobPayload<N>;
}

export { fromJobId, jobKeyProblem, scheduledFiringOf, toJobId } from './job-ids';
export { jobSchedules, type JobSchedule } from './schedules';

export const isJobName = (name: string): name is JobName => Object.hasOwn(jobContracts, name);
