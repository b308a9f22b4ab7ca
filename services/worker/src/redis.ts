import { isConnectionError, type OutageReporter } from '@baigou/queues';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Longest wait between reconnection attempts, so work resumes within seconds of Redis returning. */
const RECONNECT_DELAY_MAX_MS = 2_000;

/** ioredis keeps retrying forever with this strategy; a Redis outage is waited out, never fatal. */
const retryStrategy = (attempt: number): number => Math.min(attempt * 200, RECONNECT_DELAY_MAX_MS);

/**
 * Options for BullMQ Workers. `maxRetriesPerRequest: null` is what BullMQ requires for its
 * blocking connections: a command in flight when Redis drops is resent after reconnecting.
 */
export function workerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, retryStrategy };
}

/**
 * Options for the relay's producer Queues. With the offline queue disabled an `add` during an
 * outage fails at once, so the relay records the error and backs off instead of holding its
 * PostgreSQL transaction (and the row locks) open until Redis returns.
 */
export function producerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: false, retryStrategy };
}

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * BullMQ re-emits connection errors on its Queue and Worker objects; an EventEmitter without an
 * 'error' listener would throw and end the process, so every one gets a listener. Connection errors
 * are the outage `watchRedis` reports once, so each client's own retries log at debug level only;
 * any other error is logged as it comes.
 */
export function logErrors(emitter: ErrorEmitter, logger: Logger, component: string): void {
  emitter.on('error', (error) => {
    if (isConnectionError(error)) logger.debug({ component, err: error.message }, `${component}: redis unreachable`);
    else logger.warn({ component, err: error }, `${component}: redis error (will retry)`);
  });
}

/**
 * One small connection that watches Redis for the whole process and tells `outage` when it goes and
 * when it comes back (ioredis emits 'error' at each failed reconnection and 'ready' once connected).
 */
export function watchRedis(redisUrl: string, outage: OutageReporter): { close(): void } {
  const watcher = new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy, connectionName: 'baigou-watch' });
  watcher.on('error', (error) => outage.failed(error));
  watcher.on('ready', () => outage.recovered());
  return { close: () => watcher.disconnect() };
}

/** Rejects when `promise` has not settled after `timeoutMs`; a late rejection stays handled by the race. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
