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

/**
 * The platform's log as the demo's console shows it: one readable line per entry on stderr (stdout
 * is the demo's own account of the month), never the raw JSON a log collector reads.
 */
export function readableLog(write: (text: string) => void = (text) => process.stderr.write(text)) {
  const levels: Record<number, string> = {
    10: 'trace',
    20: 'debug',
    30: 'info',
    40: 'warning',
    50: 'error',
    60: 'fatal',
  };
  return {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } | string };
      const error = typeof entry.err === 'string' ? entry.err : entry.err?.message;
      write(`  platform       ${levels[entry.level] ?? 'log'}: ${entry.msg ?? ''}${error ? ` (${error})` : ''}\n`);
    },
  };
}

export async function startPlatform(config: DemoConfig, onStep: (step: string) => void): Promise<DemoPlatform> {
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'platform' } }, readableLog());
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
  const api = await startApi(config, database, { logDestination: readableLog() });
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
  auditor: string;
  operators: { index: number; key: string; orgId: string; name: string }[];
}

export const STAFF_ORG = '白沟新城国际贸易服务中心';
export const CUSTOMS_ORG = '保定海关';
export const AUDITOR_ORG = '市场采购贸易审计组(演示)';

/** Keys for the center's staff, Baoding customs, an auditor and each trading firm (organisations reused by name, keys new each run). */
export async function createDemoKeys(database: Database, operatorNames: string[], runTag: number): Promise<DemoKeys> {
  const access = createAccessService({ db: database.db });
  const label = `pnpm demo run ${runTag}`;
  const key = (orgName: string, kind: OrganisationKind, role: Role) => access.createKey({ orgName, kind, role, label });
  const staff = await key(STAFF_ORG, 'center', 'staff');
  const customs = await key(CUSTOMS_ORG, 'customs', 'customs');
  const auditor = await key(AUDITOR_ORG, 'auditor', 'auditor');
  const operators = [];
  for (const [index, name] of operatorNames.entries()) {
    const created = await key(name, 'operator', 'operator');
    operators.push({ index, key: created.key, orgId: created.orgId, name });
  }
  return { staff: staff.key, customs: customs.key, auditor: auditor.key, operators };
}
