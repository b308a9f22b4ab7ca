export { assertHandlersComplete, createJobHandlers } from './handlers';
export type { JobContext, JobHandler, JobHandlers } from './handlers';
export { CONTRACT_VIOLATION, createOutboxRelay } from './outbox-relay';
export type { OutboxRelay, OutboxRelayOptions, TickResult } from './outbox-relay';
export { postgresOutageReporter, redisOutageReporter } from './outages';
export { startWorker } from './worker';
export type { RunningWorker, WorkerOutages } from './worker';
