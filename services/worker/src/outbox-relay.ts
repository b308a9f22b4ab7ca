import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, Tx } from '@baigou/db';
import {
  isConnectionError,
  isJobName,
  jobContracts,
  type JobName,
  type OutageReporter,
  type Queues,
} from '@baigou/queues';
import type { Logger } from 'pino';
import {
  lockPending,
  lockStale,
  markEnqueueFailed,
  markEnqueued,
  pruneCompleted,
  resetToPending,
  type OutboxRow,
} from './outbox.repository';
import { jobKeyProblem } from '@baigou/queues';
import { withTimeout } from './redis';

export interface OutboxRelayOptions {
  db: Db;
  queues: Queues;
  logger: Logger;
  /** Wait between ticks while all is well. */
  pollMs: number;
  /** How long an enqueued job may be open before its presence in Redis is checked. */
  reconcileMs: number;
  batchSize?: number;
  /** Bounds one Redis call, so a hung connection cannot hold the row locks indefinitely. */
  redisTimeoutMs?: number;
  /** Completed outbox rows older than this are deleted. */
  retentionMs?: number;
  /** Longest wait between ticks while Redis or PostgreSQL keeps failing. */
  maxBackoffMs?: number;
  /**
   * Told when a tick cannot reach PostgreSQL and when one succeeds again; without it such failures
   * are logged at debug level. Redis being unreachable is reported by the worker's watcher.
   */
  postgresOutage?: OutageReporter;
}

export interface TickResult {
  enqueued: number;
  /** Rows left pending because Redis failed; they are retried after a back-off. */
  failed: number;
  /** Rows whose job name or payload breaks the contract; they wait for a person (see CONTRACT_VIOLATION). */
  quarantined: number;
  /** A full batch was taken, so more rows are probably pending. */
  more: boolean;
}

/**
 * Prefix of `last_error` for rows that no retry can fix. The pending query skips them, so one bad
 * row neither blocks the queue nor floods the log; clearing `last_error` releases it again.
 */
export const CONTRACT_VIOLATION = 'contract violation:';

const BATCH_SIZE_DEFAULT = 100;
const REDIS_TIMEOUT_MS_DEFAULT = 5_000;
const RETENTION_MS_DEFAULT = 7 * 24 * 3_600_000;
const MAX_BACKOFF_MS_DEFAULT = 10_000;
const PRUNE_BATCH_SIZE = 1_000;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The row's job name, checked with its payload against the contract, or why it can never be enqueued. */
function checkContract(row: OutboxRow): { jobName: JobName } | { violation: string } {
  if (!isJobName(row.jobName)) return { violation: `${CONTRACT_VIOLATION} unknown job name ${row.jobName}` };
  const keyProblem = jobKeyProblem(row.jobKey);
  if (keyProblem) return { violation: `${CONTRACT_VIOLATION} ${keyProblem}` };
  const parsed = jobContracts[row.jobName].payload.safeParse(row.payload);
  return parsed.success ? { jobName: row.jobName } : { violation: `${CONTRACT_VIOLATION} ${parsed.error.message}` };
}

interface RelayContext {
  queues: Queues;
  logger: Logger;
  redisTimeoutMs: number;
}

/**
 * Adds locked pending rows to BullMQ in outbox order. The first Redis failure ends the batch: the
 * rest would fail the same way, and each try would hold the row locks longer.
 */
async function enqueueRows(tx: Tx, rows: OutboxRow[], context: RelayContext, result: TickResult): Promise<void> {
  const enqueuedIds: number[] = [];
  for (const [index, row] of rows.entries()) {
    const checked = checkContract(row);
    if ('violation' in checked) {
      context.logger.error(
        { outboxId: row.id, jobKey: row.jobKey, violation: checked.violation },
        'outbox row quarantined',
      );
      await markEnqueueFailed(tx, [row.id], checked.violation, true);
      result.quarantined += 1;
      continue;
    }
    try {
      const adding = context.queues.add(checked.jobName, row.payload, row.jobKey);
      await withTimeout(adding, context.redisTimeoutMs, 'enqueue');
      enqueuedIds.push(row.id);
    } catch (error) {
      const rest = rows.slice(index + 1).map((pending) => pending.id);
      await markEnqueueFailed(tx, [row.id], errorText(error), true);
      await markEnqueueFailed(tx, rest, `not attempted: ${errorText(error)}`, false);
      result.failed = 1 + rest.length;
      // Redis being away is reported once by the worker's watcher, not at every tick of the outage.
      if (isConnectionError(error))
        context.logger.debug(
          { err: errorText(error), pendingRows: result.failed },
          'redis unreachable; rows stay pending',
        );
      else
        context.logger.warn({ err: error, pendingRows: result.failed }, 'outbox relay could not enqueue; will retry');
      break;
    }
  }
  await markEnqueued(tx, enqueuedIds);
  result.enqueued = enqueuedIds.length;
}

/** The rows whose BullMQ job no longer exists. */
async function rowsMissingFromRedis(rows: OutboxRow[], context: RelayContext): Promise<OutboxRow[]> {
  const missing: OutboxRow[] = [];
  for (const row of rows) {
    if (!isJobName(row.jobName)) continue;
    const lookup = context.queues.getJob(row.jobName, row.jobKey);
    if (!(await withTimeout(lookup, context.redisTimeoutMs, 'getJob'))) missing.push(row);
  }
  return missing;
}

/**
 * Moves committed outbox rows into BullMQ (invariant 1: PostgreSQL is the truth, Redis only
 * delivers). The job id is the outbox key (escaped, see job-ids.ts), so adding a row twice is
 * harmless, and a row stays open until the worker completes it, so the reconcile pass can repair
 * a Redis wipe.
 */
export function createOutboxRelay(options: OutboxRelayOptions) {
  const { db, pollMs, reconcileMs } = options;
  const batchSize = options.batchSize ?? BATCH_SIZE_DEFAULT;
  const retentionMs = options.retentionMs ?? RETENTION_MS_DEFAULT;
  const context: RelayContext = {
    queues: options.queues,
    logger: options.logger,
    redisTimeoutMs: options.redisTimeoutMs ?? REDIS_TIMEOUT_MS_DEFAULT,
  };
  let reconcileAfterId = 0;

  /** Enqueues one batch of pending rows inside one transaction holding their row locks. */
  async function tick(): Promise<TickResult> {
    return db.transaction(async (tx) => {
      const rows = await lockPending(tx, batchSize, CONTRACT_VIOLATION);
      const result: TickResult = { enqueued: 0, failed: 0, quarantined: 0, more: rows.length === batchSize };
      await enqueueRows(tx, rows, context, result);
      return result;
    });
  }

  /**
   * Puts open rows whose job is gone from Redis (a wipe, or a restart without persistence) back to
   * pending, and prunes old completed rows. Scans on by id across passes, so jobs that are merely
   * slow or have failed for good cannot keep the rows behind them from ever being checked.
   */
  async function reconcile(): Promise<number> {
    const { missing, nextAfterId } = await db.transaction(async (tx) => {
      const rows = await lockStale(tx, reconcileMs, reconcileAfterId, batchSize);
      const gone = await rowsMissingFromRedis(rows, context);
      await resetToPending(
        tx,
        gone.map((row) => row.id),
      );
      return { missing: gone, nextAfterId: rows.length === batchSize ? (rows.at(-1)?.id ?? 0) : 0 };
    });
    reconcileAfterId = nextAfterId;
    if (missing.length > 0) {
      context.logger.warn({ jobKeys: missing.map((row) => row.jobKey) }, 'jobs missing from Redis put back to pending');
    }
    const prunedRows = await pruneCompleted(db, retentionMs, PRUNE_BATCH_SIZE);
    if (prunedRows > 0) context.logger.info({ prunedRows }, 'old completed outbox rows pruned');
    return missing.length;
  }

  const maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS_DEFAULT;
  const loop = createLoop({
    tick,
    reconcile,
    logger: context.logger,
    pollMs,
    reconcileMs,
    maxBackoffMs,
    postgresOutage: options.postgresOutage,
  });
  return { tick, reconcile, start: loop.start, stop: loop.stop };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

/** Runs ticks back to back while rows remain, every `pollMs` when idle, backing off on failures. */
function createLoop(args: {
  tick: () => Promise<TickResult>;
  reconcile: () => Promise<number>;
  logger: Logger;
  pollMs: number;
  reconcileMs: number;
  maxBackoffMs: number;
  postgresOutage: OutageReporter | undefined;
}) {
  let running: Promise<void> | undefined;
  let abort: AbortController | undefined;
  let failuresInARow = 0;
  let lastReconcileAtMs = Number.NEGATIVE_INFINITY;

  async function reconcileIfDue(): Promise<void> {
    if (performance.now() - lastReconcileAtMs < args.reconcileMs) return;
    lastReconcileAtMs = performance.now();
    try {
      await args.reconcile();
    } catch (error) {
      if (isConnectionError(error)) args.logger.debug({ err: String(error) }, 'outbox reconcile: server unreachable');
      else args.logger.warn({ err: error }, 'outbox reconcile failed; will retry');
    }
  }

  async function nextDelayMs(): Promise<number> {
    try {
      const result = await args.tick();
      args.postgresOutage?.recovered();
      failuresInARow = result.failed > 0 ? failuresInARow + 1 : 0;
      if (failuresInARow === 0 && result.more) return 0;
    } catch (error) {
      failuresInARow += 1;
      if (!isConnectionError(error)) args.logger.warn({ err: error }, 'outbox relay tick failed; will retry');
      else if (args.postgresOutage) args.postgresOutage.failed(error);
      else args.logger.debug({ err: String(error) }, 'outbox relay: PostgreSQL unreachable');
    }
    return failuresInARow === 0 ? args.pollMs : Math.min(args.pollMs * 2 ** failuresInARow, args.maxBackoffMs);
  }

  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await reconcileIfDue();
      const delayMs = await nextDelayMs();
      await sleep(delayMs, undefined, { signal }).catch(() => undefined);
    }
  }

  return {
    start(): void {
      if (running) return;
      abort = new AbortController();
      running = run(abort.signal);
    },
    /** Resolves once the tick in progress, if any, has finished. */
    async stop(): Promise<void> {
      abort?.abort();
      await running;
      running = undefined;
    },
  };
}
