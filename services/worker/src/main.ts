import { loadConfig, workerConfigSchema } from '@baigou/config';
import { ensureCreditSeed, ensurePriceLibrarySeed, ensureSubsidySeed } from '@baigou/core';
import { createDatabase } from '@baigou/db';
import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { postgresOutageReporter } from './outages';
import { startWorker } from './worker';

/** Process entry for the worker: configuration, logger, database, workers, graceful shutdown. */
const config = loadConfig(workerConfigSchema);
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'worker' } });
const postgresOutage = postgresOutageReporter(logger, config.DATABASE_URL);
// An idle connection lost is PostgreSQL going away (reported once) or a restart the pool repairs.
const database = createDatabase(config.DATABASE_URL, {
  max: config.DB_POOL_MAX,
  applicationName: 'baigou-worker',
  onError: (error) => postgresOutage.failed(error),
});

// A fresh installation gets the labelled demo price library and demo customs rates; an existing one is left alone.
logger.info(await ensurePriceLibrarySeed(database.db), 'price library seed checked');
// The subsidy programme's inferred first version, as a proposal staff must approve or replace.
logger.info(await ensureSubsidySeed(database.db), 'subsidy programme seed checked');
logger.info(await ensureCreditSeed(database.db), 'credit scorecard proposal seed checked');
const worker = await startWorker({ config, database, logger, outages: { postgres: postgresOutage } });

// SIGINT/SIGTERM let active jobs finish within SHUTDOWN_GRACE_MS; an unfinished job is redelivered
// later (its outbox row is still open) and its handler is idempotent, so cutting it short is safe.
closeWithGrace(
  { delay: config.SHUTDOWN_GRACE_MS, logger: { error: (message: unknown) => logger.error(message) } },
  async ({ signal, err }) => {
    if (err) logger.error({ err }, 'worker stopping after an unexpected error');
    else logger.info({ signal }, 'worker stopping');
    await worker.close();
    await database.close();
  },
);
