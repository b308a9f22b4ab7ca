import type { BankClient, BankFaultsPatch } from '@baigou/bank-protocol';
import type { Db } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';

/**
 * The faults the suite injects into the platform, each as close to the real thing as a test process
 * allows:
 *
 * - `crash`: the job's process dies at a named step. In process, the step hook throws a Crash: the
 *   transaction the job had open rolls back (as PostgreSQL does when the backend's client vanishes),
 *   and the job is abandoned unfinished (its outbox row stays open, so it is delivered again, as a
 *   stalled BullMQ job is after kill -9). The real kill -9 tier is payout.kill9.faults.int.test.ts.
 * - `pg-drop`: at a named step, PostgreSQL terminates the job's backend (pg_terminate_backend on every
 *   connection of the job's pool, found by its application_name), so the transaction in flight dies
 *   on the server side and the job's next query fails.
 * - `redis-flush`: FLUSHDB of the suite's own Redis logical database (see redisForFaults).
 * - bank faults: the simulator's /admin/faults, per step.
 */

/** A simulated kill -9: nothing after the step runs, nothing of the open transaction survives. */
export class Crash extends Error {
  constructor(readonly step: string) {
    super(`simulated crash (kill -9) at step ${step}`);
    this.name = 'Crash';
  }
}

export type StepFault = { kind: 'crash' | 'pg-drop' | 'redis-flush'; step: string; occurrence: number };

export interface StepHook {
  /** The hook the job functions call at each named step. */
  step(name: string): Promise<void>;
  /** Arms one fault for the next job run; it fires at the n-th time (1-based) the step is reached. */
  arm(fault: StepFault | undefined): void;
  /** The armed fault when it fired (a job may finish before it reaches the step), else undefined. */
  fired(): StepFault | undefined;
  /** Steps reached since the last arm, in order (for the failure report). */
  trail(): readonly string[];
}

export interface StepHookDeps {
  /** Terminates the job's PostgreSQL backends (pg-drop). */
  dropConnections(): Promise<number>;
  flushRedis(): Promise<void>;
}

export function createStepHook(deps: StepHookDeps): StepHook {
  let armed: StepFault | undefined;
  let seen = new Map<string, number>();
  let trail: string[] = [];
  let fired = false;
  return {
    async step(name) {
      trail.push(name);
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      if (!armed || fired || armed.step !== name || armed.occurrence !== count) return;
      fired = true;
      if (armed.kind === 'crash') throw new Crash(name);
      if (armed.kind === 'pg-drop') await deps.dropConnections();
      else await deps.flushRedis();
    },
    arm(fault) {
      armed = fault;
      fired = false;
      seen = new Map();
      trail = [];
    },
    fired: () => (fired ? armed : undefined),
    trail: () => trail,
  };
}

/**
 * pg_terminate_backend of every backend of one application_name except the caller's: the server ends
 * the session, rolling back whatever transaction it had open, exactly as when a connection drops.
 */
export async function terminateBackends(admin: Db, applicationName: string): Promise<number> {
  const { rows } = await admin.execute<{ terminated: boolean }>(sql`
    select pg_terminate_backend(pid) as terminated from pg_stat_activity
    where application_name = ${applicationName} and pid <> pg_backend_pid() and datname = current_database()`);
  return rows.filter((row) => row.terminated).length;
}

/**
 * The suite's Redis: its own logical database (FAULTS_REDIS_DB, default 9) on the shared server, so a
 * real FLUSHDB wipes every queue key of this suite and nothing of the other test files, which run in
 * parallel on db 0 under their own prefixes (each fault file takes its own: `offset`). Deleting only our prefix would not be a FLUSHDB: BullMQ
 * also keeps state (e.g. the stalled-check lock) that a wipe takes and a prefix delete might miss.
 */
export function redisForFaults(redisUrl: string, offset = 0): { url: string; db: number } {
  const db = Number(process.env.FAULTS_REDIS_DB ?? 9) + offset;
  const url = new URL(redisUrl);
  url.pathname = `/${db}`;
  return { url: url.toString(), db };
}

export async function flushRedisDb(url: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    await redis.quit();
  }
}

/** The bank faults a step can switch on; everything else stays at the run's calm baseline. */
export const calmBank = {
  payDelayMs: 0,
  payJitterMs: 10,
  timeoutAfterPay: 0,
  timeoutMode: 'drop',
  hangMs: 50,
  error5xxBeforeRecord: 0,
  error5xxAfterRecord: 0,
  paymentFailure: 0,
  badAccountMode: 'sync',
  duplicateCallback: 0,
  duplicateDelayMs: 20,
  lateCallback: 0,
  lateCallbackMs: 60,
  reorderCallbacks: 0,
  reorderWindowMs: 60,
  lostCallback: 0,
} as const satisfies BankFaultsPatch;

export type BankFaultName =
  | 'timeoutAfterPay'
  | 'hang'
  | 'error5xxBeforeRecord'
  | 'error5xxAfterRecord'
  | 'paymentFailure'
  | 'duplicateCallback'
  | 'lateCallback'
  | 'reorderCallbacks'
  | 'lostCallback';

/** Sets the bank to the calm baseline with the named faults certain (probability 1) for what follows. */
export async function setBankFaults(bank: BankClient, faults: readonly BankFaultName[], seed: number) {
  const patch: BankFaultsPatch = { ...calmBank, seed };
  for (const fault of faults) {
    if (fault === 'hang') Object.assign(patch, { timeoutAfterPay: 1, timeoutMode: 'hang' });
    else patch[fault] = 1;
  }
  return bank.setFaults(patch);
}
