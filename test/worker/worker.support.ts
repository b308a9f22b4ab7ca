import { randomUUID } from 'node:crypto';
import { loadConfig, workerConfigSchema, type WorkerConfig } from '@baigou/config';
import { notifications, organisations, outbox, type Db } from '@baigou/db';
import type { JobPayload } from '@baigou/queues';
import { count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import type { TestEnvironment } from '../support/services';

/** Shared set-up for the worker integration tests: config, fixtures and probes on PostgreSQL. */

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export type LogLine = { level: number; msg: string } & Record<string, unknown>;

/** A logger whose lines the test reads back (parsed), for what an operator would see on the console. */
export function capturingLogger(level = 'info') {
  const lines: LogLine[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines, warnings: () => lines.filter((line) => line.level >= 40) };
}

/** Short poll and reconcile intervals so a test file finishes in seconds. */
export function testWorkerConfig(env: TestEnvironment, overrides: Record<string, string> = {}): WorkerConfig {
  return loadConfig(workerConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    WORKER_CONCURRENCY: '2',
    OUTBOX_POLL_MS: '50',
    OUTBOX_RECONCILE_MS: '300',
    ...overrides,
  });
}

export async function createOrg(db: Db, kind: 'operator' | 'center' = 'operator'): Promise<string> {
  const [row] = await db
    .insert(organisations)
    .values({
      name: `${kind === 'center' ? '白沟新城国际贸易服务中心' : '白沟外贸'} ${randomUUID().slice(0, 8)}`,
      kind,
    })
    .returning({ id: organisations.id });
  if (!row) throw new Error('organisation insert returned nothing');
  return row.id;
}

export function approvalOf(recipientOrgId: string): {
  jobKey: string;
  payload: JobPayload<'registry.decision-notify'>;
} {
  const partyId = randomUUID();
  return {
    jobKey: `registry.decision:merchant:${partyId}:2`,
    payload: {
      recipientOrgId,
      partyType: 'merchant',
      partyId,
      partyName: '白沟某某箱包店',
      fromStatus: 'submitted',
      toStatus: 'approved',
      reason: null,
      decidedAt: new Date().toISOString(),
    },
  };
}

export async function outboxRow(db: Db, jobKey: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.jobKey, jobKey));
  return row;
}

export async function notificationCount(db: Db, jobKey: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(eq(notifications.sourceJobKey, jobKey));
  return row?.n ?? 0;
}

/** Polls until `probe` holds; fails with `what` after `timeoutMs` (a bound, not a timing assertion). */
export async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const completed = (db: Db, jobKey: string) => async () => Boolean((await outboxRow(db, jobKey))?.completedAt);
