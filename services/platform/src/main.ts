import { loadConfig, platformConfigSchema } from '@baigou/config';
import { startApi } from '@baigou/api';
import { ensureCreditSeed, ensurePriceLibrarySeed, ensureSubsidySeed } from '@baigou/core';
import { createDatabase, ensureDatabaseExists, loadAllReferenceData, migrateDatabase } from '@baigou/db';
import { postgresOutageReporter, redisOutageReporter, startWorker } from '@baigou/worker';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';

/**
 * `pnpm start`: the whole platform in one process for a single machine or a demo — creates the
 * database if missing, applies migrations, loads the official code lists, then runs the API and
 * the workers. Production runs `start:api` and `start:worker` as separate processes.
 */
const config = loadConfig(platformConfigSchema);
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'platform' } });

if (config.CREATE_DATABASE && (await ensureDatabaseExists(config.DATABASE_URL))) {
  logger.info('created database');
}
await migrateDatabase(config.DATABASE_URL);
logger.info('migrations applied');
await loadAllReferenceData(config.DATABASE_URL, (message) => logger.debug(message));
logger.info('reference data loaded');

// One report per outage for the whole process, API and worker alike.
const outages = {
  redis: redisOutageReporter(logger, config.REDIS_URL),
  postgres: postgresOutageReporter(logger, config.DATABASE_URL),
};
const database = createDatabase(config.DATABASE_URL, {
  max: config.DB_POOL_MAX,
  applicationName: 'baigou-platform',
  onError: (error) => outages.postgres.failed(error),
});
logger.info(
  await ensurePriceLibrarySeed(database.db),
  'price library seeded (demo version and demo rates only on a fresh database)',
);
logger.info(
  await ensureSubsidySeed(database.db),
  'subsidy programme seed checked (a proposal, never in force by itself)',
);
logger.info(await ensureCreditSeed(database.db), 'credit scorecard proposal seeded on a fresh database');
const worker = await startWorker({ config, database, logger: logger.child({ component: 'worker' }), outages });
const api = await startApi(config, database, { redisOutage: outages.redis });
logger.info({ url: api.url, docs: `${api.url}/docs`, openapi: `${api.url}/openapi.json` }, 'platform running');

closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'shutting down after an error');
  else logger.info({ signal }, 'shutting down');
  await api.close();
  await worker.close();
  await database.close();
});
