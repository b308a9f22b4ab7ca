import { z } from 'zod';

/**
 * The contract between producers (the outbox, written by services in packages/core) and the
 * worker: queue names, job names and their payload schemas. No BullMQ import here, so the domain
 * can depend on it.
 */
export const queueNames = ['notifications'] as const;
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
} as const satisfies Record<
  string,
  { queue: QueueName; payload: z.ZodType; attempts: number }
>;

export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContracts)[N]['payload']>;
export const jobNames = Object.keys(jobContracts) as JobName[];

export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobContracts[name].payload.parse(payload) as JobPayload<N>;
}

export { fromJobId, jobKeyProblem, toJobId } from './job-ids';

export const isJobName = (name: string): name is JobName => Object.hasOwn(jobContracts, name);
