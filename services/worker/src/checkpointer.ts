import type { ProvenanceLog } from '@baigou/core';
import { isConnectionError, type OutageReporter } from '@baigou/queues';
import type { Logger } from 'pino';

export interface RunningCheckpointer {
  stop(): Promise<void>;
}

/**
 * Every `intervalMs` while events arrive: sequences the pending provenance events into the Merkle log
 * and signs a checkpoint when the tree grew. PostgreSQL only (an advisory lock makes several workers
 * safe), so checkpoints go on while Redis is down.
 */
export function startCheckpointer({
  log,
  intervalMs,
  logger,
  postgresOutage,
}: {
  log: ProvenanceLog;
  intervalMs: number;
  logger: Logger;
  /** Told when PostgreSQL cannot be reached; the outage is reported there once, not at every tick. */
  postgresOutage?: OutageReporter;
}): RunningCheckpointer {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function tick() {
    try {
      const checkpoint = await log.sequenceAndCheckpoint();
      if (checkpoint) logger.debug({ treeSize: checkpoint.treeSize }, 'provenance checkpoint');
      postgresOutage?.recovered();
    } catch (error) {
      if (isConnectionError(error) && postgresOutage) postgresOutage.failed(error);
      else logger.error({ err: error }, 'provenance checkpoint failed; will retry');
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
