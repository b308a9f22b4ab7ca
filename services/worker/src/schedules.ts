import { isConnectionError, jobContracts, jobSchedules, type Queues } from '@baigou/queues';
import type { Logger } from 'pino';

const RETRY_MS_DEFAULT = 2_000;
/** Upserted again this often, so a schedule lost with a Redis wipe comes back without a restart. */
const REFRESH_MS_DEFAULT = 10 * 60_000;

export interface RunningSchedules {
  /** Resolves once every schedule is in Redis (tests wait on it). */
  readonly ready: Promise<void>;
  stop(): void;
}

/**
 * Puts every recurring job (packages/queues `jobSchedules`) into BullMQ with `upsertJobScheduler`.
 * Each schedule has a fixed id, so a restarted or second worker replaces it rather than adding
 * one. Redis may be down at start-up: the upsert is retried until it succeeds or the worker stops,
 * and repeated every `refreshMs` so that a wiped Redis gets its schedules back.
 */
export function startSchedules({
  queues,
  logger,
  retryMs = RETRY_MS_DEFAULT,
  refreshMs = REFRESH_MS_DEFAULT,
}: {
  queues: Queues;
  logger: Logger;
  retryMs?: number;
  refreshMs?: number;
}): RunningSchedules {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  async function upsertAll(): Promise<void> {
    for (const schedule of jobSchedules) {
      const contract = jobContracts[schedule.jobName];
      const queue = queues.queueFor(schedule.jobName);
      await queue.waitUntilReady();
      await queue.upsertJobScheduler(
        schedule.id,
        { pattern: schedule.pattern, tz: schedule.tz },
        {
          name: schedule.jobName,
          data: contract.payload.parse(schedule.data),
          opts: {
            attempts: contract.attempts,
            backoff: { type: 'exponential', delay: 60_000 },
            removeOnComplete: { age: 90 * 24 * 3_600 },
            removeOnFail: { age: 90 * 24 * 3_600 },
          },
        },
      );
    }
  }

  const attempt = () => {
    if (stopped) return;
    upsertAll().then(
      () => {
        logger.debug({ schedules: jobSchedules.map((schedule) => schedule.id) }, 'job schedules in place');
        resolveReady();
        if (!stopped) timer = setTimeout(attempt, refreshMs);
      },
      (error: unknown) => {
        // Redis being away is reported once by the worker's watcher; anything else is news.
        if (isConnectionError(error)) logger.debug({ err: String(error) }, 'job schedules wait for redis');
        else logger.warn({ err: error }, 'could not put the job schedules in place; will retry');
        if (!stopped) timer = setTimeout(attempt, retryMs);
      },
    );
  };
  attempt();

  return {
    ready,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
