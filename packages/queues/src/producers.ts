import { Queue, type ConnectionOptions } from 'bullmq';
import { jobContracts, queueNames, type JobName, type QueueName } from './contracts';
import { toJobId } from './job-ids';

/** One BullMQ Queue per queue name, sharing a connection and a key prefix. */
export function createQueues(connection: ConnectionOptions, prefix: string) {
  const queues = Object.fromEntries(
    queueNames.map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as Record<QueueName, Queue>;

  return {
    queues,
    queueFor: (jobName: JobName) => queues[jobContracts[jobName].queue],
    /** Adds a job whose id is (the escaped) outbox key: adding the same key again while it exists is a no-op. */
    async add(jobName: JobName, payload: unknown, jobKey: string) {
      const contract = jobContracts[jobName];
      contract.payload.parse(payload);
      return queues[contract.queue].add(jobName, payload, {
        jobId: toJobId(jobKey),
        attempts: contract.attempts,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 24 * 3_600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3_600 },
      });
    },
    /** The live job of an outbox key, if Redis still holds it. */
    getJob: (jobName: JobName, jobKey: string) => queues[jobContracts[jobName].queue].getJob(toJobId(jobKey)),
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
}

export type Queues = ReturnType<typeof createQueues>;
