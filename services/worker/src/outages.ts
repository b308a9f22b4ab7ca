import { createOutageReporter, queueNames, type OutageLogger, type OutageReporter } from '@baigou/queues';

/**
 * The worker's outage reports: what an operator reads when Redis or PostgreSQL goes away while the
 * platform runs (see `createOutageReporter`). `pnpm start` shares them between API and worker, so a
 * one-process platform reports each outage once.
 */

export function redisOutageReporter(logger: OutageLogger, redisUrl: string): OutageReporter {
  return createOutageReporter({
    logger,
    server: 'Redis',
    url: redisUrl,
    stillWorks: 'the API serves and accepts work, which PostgreSQL holds in the outbox',
    waits: `the queued jobs (${queueNames.join(', ')})`,
  });
}

export function postgresOutageReporter(logger: OutageLogger, databaseUrl: string): OutageReporter {
  return createOutageReporter({
    logger,
    server: 'PostgreSQL',
    url: databaseUrl,
    stillWorks: 'the processes stay up and reconnect on their own; API requests that need records fail until then',
    waits: 'the outbox relay, provenance checkpoints and the jobs',
  });
}
