import type { DemoConfig } from '@baigou/config';
import { startApi } from '@baigou/api';
import {
  createAccessService,
  ensureCreditSeed,
  ensurePriceLibrarySeed,
  type OrganisationKind,
  type Role,
} from '@baigou/core';
import { createDatabase, ensureDatabaseExists, loadAllReferenceData, migrateDatabase, type Database } from '@baigou/db';
import { startWorker } from '@baigou/worker';
import pino from 'pino';

/**
 * The platform the demo drives: started here the way `pnpm start` starts it (database, migrations,
 * code lists, price-library seed, worker and API in one process), or an already-running one at
 * DEMO_API_URL. Either way the demo's keys are made through the access service, as
 * `pnpm cli keys create` makes them.
 */

export interface DemoPlatform {
  url: string;
  database: Database;
  /** True when this process runs the platform (and must keep running for the person exploring it). */
  ownsPlatform: boolean;
  close(): Promise<void>;
}

export async function startPlatform(config: DemoConfig, onStep: (step: string) => void): Promise<DemoPlatform> {
  // The worker's log goes to stderr: stdout is the demo's own account of the month.
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'platform' } }, pino.destination(2));
  if (config.DEMO_API_URL) {
    const database = createDatabase(config.DATABASE_URL, { max: 2, applicationName: 'baigou-demo' });
    return {
      url: config.DEMO_API_URL.replace(/\/$/, ''),
      database,
      ownsPlatform: false,
      close: () => database.close(),
    };
  }
  if (config.CREATE_DATABASE && (await ensureDatabaseExists(config.DATABASE_URL))) onStep('database created');
  await migrateDatabase(config.DATABASE_URL);
  await loadAllReferenceData(config.DATABASE_URL, (message) => logger.debug(message));
  onStep('migrated, code lists loaded');
  const database = createDatabase(config.DATABASE_URL, {
    max: config.DB_POOL_MAX,
    applicationName: 'baigou-platform',
    onError: (error) => logger.warn({ err: error.message }, 'idle database client failed'),
  });
  const seeded = await ensurePriceLibrarySeed(database.db);
  onStep(`price library ${seeded.version === 'created' ? 'seeded' : 'present'}`);
  await ensureCreditSeed(database.db);
  const worker = await startWorker({ config, database, logger: logger.child({ component: 'worker' }) });
  const api = await startApi(config, database);
  return {
    url: api.url,
    database,
    ownsPlatform: true,
    async close() {
      await api.close();
      await worker.close();
      await database.close();
    },
  };
}

export interface DemoKeys {
  staff: string;
  customs: string;
  operators: { index: number; key: string; orgId: string }[];
}

/** Keys for the center's staff, Baoding customs and each trading firm (organisations reused by name, keys new each run). */
export async function createDemoKeys(database: Database, operatorNames: string[], runTag: number): Promise<DemoKeys> {
  const access = createAccessService({ db: database.db });
  const label = `pnpm demo run ${runTag}`;
  const key = (orgName: string, kind: OrganisationKind, role: Role) => access.createKey({ orgName, kind, role, label });
  const staff = await key('白沟新城国际贸易服务中心', 'center', 'staff');
  const customs = await key('保定海关', 'customs', 'customs');
  const operators = [];
  for (const [index, name] of operatorNames.entries()) {
    const created = await key(name, 'operator', 'operator');
    operators.push({ index, key: created.key, orgId: created.orgId });
  }
  return { staff: staff.key, customs: customs.key, operators };
}
