import type { WorkerConfig } from '@baigou/config';
import { createProvenanceLog, isDomainError, loadProvenanceSigner } from '@baigou/core';
import type { Database, Db } from '@baigou/db';
import {
  createQueues,
  fromJobId,
  isConnectionError,
  isJobName,
  parseJobPayload,
  queueNames,
  type JobName,
  type JobPayload,
  type OutageReporter,
  type QueueName,
} from '@baigou/queues';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { assertHandlersComplete, createJobHandlers, payoutWiring, type JobHandler, type JobHandlers } from './handlers';
import { startCheckpointer } from './checkpointer';
import { createOutboxRelay } from './outbox-relay';
import { markCompleted } from './outbox.repository';
import { postgresOutageReporter, redisOutageReporter } from './outages';
import { logErrors, producerConnection, watchRedis, workerConnection } from './redis';
import { startSchedules, type RunningSchedules } from './schedules';

/** After a Redis connection error a BullMQ worker waits this long before polling again (default 15 s). */
const RUN_RETRY_DELAY_MS = 1_000;

export interface RunningWorker {
  /** Stops taking jobs, waits for the active ones, then closes every connection it opened. */
  close(): Promise<void>;
  /** The recurring jobs (monthly price-library adjustment) being put in place. */
  schedules: RunningSchedules;
}

/** Where outages of Redis and PostgreSQL are reported; `pnpm start` passes the ones its API shares. */
export interface WorkerOutages {
  redis?: OutageReporter;
  postgres?: OutageReporter;
}

/**
 * Starts one BullMQ worker per queue and the outbox relay. Nothing here waits for Redis: a worker
 * started during an outage keeps retrying and begins work when Redis returns. Outages are reported
 * once each (start, reminders further and further apart, end), not by every client at every retry.
 */
export async function startWorker({
  config,
  database,
  logger,
  outages = {},
}: {
  config: WorkerConfig;
  database: Database;
  logger: Logger;
  outages?: WorkerOutages;
}): Promise<RunningWorker> {
  const redisOutage = outages.redis ?? redisOutageReporter(logger, config.REDIS_URL);
  const postgresOutage = outages.postgres ?? postgresOutageReporter(logger, config.DATABASE_URL);
  const redisWatch = watchRedis(config.REDIS_URL, redisOutage);
  const { signer, development } = loadProvenanceSigner(config.PROVENANCE_SIGNING_KEY, config.NODE_ENV);
  if (development)
    logger.warn(
      { keyId: signer.keyId },
      'no PROVENANCE_SIGNING_KEY: checkpoints are signed with the public development key',
    );
  const provenance = createProvenanceLog({ db: database.db, signer });
  const handlers = createJobHandlers({ db: database.db, provenance, payout: payoutWiring(config) });
  assertHandlersComplete(handlers);

  const queues = createQueues(producerConnection(config.REDIS_URL), config.REDIS_PREFIX);
  for (const queue of Object.values(queues.queues)) logErrors(queue, logger, `queue:${queue.name}`);
  const workers = queueNames.map((name) =>
    createQueueWorker(name, {
      config,
      db: database.db,
      handlers,
      logger: logger.child({ queue: name }),
      outages: [postgresOutage, redisOutage],
    }),
  );
  const relay = createOutboxRelay({
    db: database.db,
    queues,
    logger: logger.child({ component: 'outbox-relay' }),
    pollMs: config.OUTBOX_POLL_MS,
    reconcileMs: config.OUTBOX_RECONCILE_MS,
    postgresOutage,
  });
  relay.start();
  const checkpointer = startCheckpointer({
    log: provenance,
    intervalMs: config.PROVENANCE_CHECKPOINT_MS,
    logger: logger.child({ component: 'provenance-checkpointer' }),
    postgresOutage,
  });
  const schedules = startSchedules({ queues, logger: logger.child({ component: 'schedules' }) });
  logger.info({ queues: queueNames, concurrency: config.WORKER_CONCURRENCY }, 'worker started');

  let closing: Promise<void> | undefined;
  return {
    schedules,
    close() {
      closing ??= (async () => {
        schedules.stop();
        await relay.stop();
        await checkpointer.stop();
        await Promise.all(workers.map((worker) => worker.close()));
        await queues.close();
        redisWatch.close();
        logger.info('worker stopped');
      })();
      return closing;
    },
  };
}

function createQueueWorker(
  name: QueueName,
  deps: { config: WorkerConfig; db: Db; handlers: JobHandlers; logger: Logger; outages: readonly OutageReporter[] },
): Worker {
  const worker = new Worker(name, (job: Job) => processJob(job, deps), {
    connection: workerConnection(deps.config.REDIS_URL),
    prefix: deps.config.REDIS_PREFIX,
    concurrency: deps.config.WORKER_CONCURRENCY,
    runRetryDelay: RUN_RETRY_DELAY_MS,
  });
  logErrors(worker, deps.logger, `worker:${name}`);
  worker.on('failed', (job, error) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
    // A job that loses its connection during a reported outage is part of that outage, which is reported once.
    const outage = deps.outages.find((reporter) => reporter.down);
    if (!final && outage && isConnectionError(error)) return outage.failed(error);
    // A job that has failed for good keeps its outbox row open: it shows in the outbox as the work left undone.
    deps.logger[final ? 'error' : 'warn'](
      { jobKey: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade, err: error },
      final ? 'job failed for good' : 'job failed; will retry',
    );
  });
  return worker;
}

/** Parses first, dispatches, then closes the outbox row in PostgreSQL; returns the handler's outcome. */
async function processJob(job: Job, deps: { db: Db; handlers: JobHandlers; logger: Logger }): Promise<string> {
  if (!job.id) throw new UnrecoverableError('job has no id, so it has no idempotency key');
  const jobKey = fromJobId(job.id);
  if (!isJobName(job.name)) throw new UnrecoverableError(`no contract for job ${job.name}`);
  const logger = deps.logger.child({ jobKey, jobName: job.name, attempt: job.attemptsMade + 1 });
  const outcome = await dispatch(deps.handlers, job.name, jobKey, job.data, logger);
  // Only after the effect committed: an open row is how the relay knows the work is not done.
  await markCompleted(deps.db, jobKey);
  logger.info({ outcome }, 'job handled');
  return outcome;
}

async function dispatch<N extends JobName>(
  handlers: JobHandlers,
  name: N,
  jobKey: string,
  data: unknown,
  logger: Logger,
): Promise<string> {
  let payload: JobPayload<N>;
  try {
    payload = parseJobPayload(name, data);
  } catch (error) {
    throw new UnrecoverableError(`payload breaks the ${name} contract: ${String(error)}`);
  }
  const handler: JobHandler<N> = handlers[name];
  try {
    return await handler({ jobKey, payload, logger });
  } catch (error) {
    // Domain errors are decisions (e.g. a job key reused with other content): retrying cannot change them.
    if (isDomainError(error)) throw new UnrecoverableError(`${error.code}: ${error.message}`);
    throw error;
  }
}
