import { withLuhnCheckDigit, type BankClient } from '@baigou/bank-protocol';
import { type BankSimProcess } from '@baigou/bank-sim/testing';
import { createDatabase, type Database } from '@baigou/db';
import { createQueues, type Queues } from '@baigou/queues';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg } from '../worker/worker.support';
import { useTestEnvironment } from '../support/services';
import { type BankTruth } from './support/bank-truth';
import { type CallbackInbox } from './support/callback-inbox';
import { startFaultBank } from './support/fault-bank';
import { insertClaims, insertFirm, insertPeriod, programmeVersionId, type ClaimFixture } from './support/claims';
import { createStepHook, flushRedisDb, redisForFaults, setBankFaults, type BankFaultName } from './support/injectors';
import { checkBudget, checkLedger, checkPayments, checkSettled, runPayments } from './support/invariants';
import { createPayoutSystem, insertPayee } from './support/payout-system';
import { spawnWorker, type WorkerProcess } from './support/worker-process';

/**
 * The kill -9 tier: the production worker (services/worker, `pnpm start:worker`) as a child process,
 * killed with SIGKILL while it works a payout job, then started again; between kills the bank
 * misbehaves (timeouts after paying, 5xx, lost callbacks) and Redis is sometimes wiped while the
 * worker is down. Processes are slow to start, so this tier makes few runs (PAYOUT_KILL_RUNS, default
 * 8), each a few approvals and one kill; the in-process suite (payout.faults.int.test.ts) makes the
 * thousand. After each kill the restarted worker, the callbacks and the sweeper settle the run and
 * every invariant is checked, against the bank too. Its Redis is a logical database of its own
 * (FAULTS_REDIS_DB + 1), so the other fault file's FLUSHDB does not reach it.
 */
const env = useTestEnvironment();
const SEED = Number(process.env.PAYOUT_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.PAYOUT_KILL_RUNS ?? 8);
const SECRET = 'payout-kill9-callback-secret';
const PAYEE_ACCOUNT = withLuhnCheckDigit('62220202000005678');

let sim: BankSimProcess;
let bank: BankClient;
/** The test's own client for /admin/faults, patient: only the platform's client has a short timeout. */
let bankAdmin: BankClient;
let truth: BankTruth;
let inbox: CallbackInbox;
let queues: Queues;
let jobs: Database;
let worker: WorkerProcess | undefined;
let system: ReturnType<typeof createPayoutSystem>;
let redisUrl: string;
let workerEnv: Record<string, string>;

beforeAll(async () => {
  redisUrl = redisForFaults(env.redisUrl, 1).url;
  await flushRedisDb(redisUrl);
  ({ inbox, sim, bank, bankAdmin, truth } = await startFaultBank({
    tag: 'payout-kill9',
    secret: SECRET,
    seed: SEED,
    timeoutMs: 200,
  }));
  queues = createQueues({ url: redisUrl, maxRetriesPerRequest: null }, env.redisPrefix);
  jobs = createDatabase(env.databaseUrl, { max: 2, applicationName: 'faults-kill9-sweeper' });
  system = createPayoutSystem({
    db: env.database.db,
    jobs,
    bank,
    queues,
    inbox,
    hook: createStepHook({ dropConnections: async () => 0, flushRedis: async () => undefined }),
    settings: { payerAccountNumber: '110000000000000001', queryAfterMs: 0, stuckAfterMs: 600_000 },
    callbackSecret: SECRET,
    centerOrgId: await createOrg(env.database.db, 'center'),
    programmeId: await programmeVersionId(env.database.db),
  });
  workerEnv = {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    LOG_LEVEL: 'info',
    WORKER_CONCURRENCY: '4',
    OUTBOX_POLL_MS: '20',
    OUTBOX_RECONCILE_MS: '500',
    BANK_URL: sim.url,
    BANK_TIMEOUT_MS: '200',
    BANK_CALLBACK_SECRET: SECRET,
    PAYOUT_QUERY_AFTER_MS: '100',
    PAYOUT_STUCK_AFTER_MS: '600000',
    PAYOUT_RESERVATION_MS: '3600000',
  };
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
  await inbox?.close();
  await queues?.close();
  await jobs?.close();
  if (redisUrl) await flushRedisDb(redisUrl);
});

const bankFaults: BankFaultName[] = [
  'timeoutAfterPay',
  'error5xxBeforeRecord',
  'error5xxAfterRecord',
  'paymentFailure',
  'lostCallback',
];
const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

/** Waits (bounded) until the worker has a payout job active, so the kill lands inside a job. */
async function untilJobActive(limitMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if ((await queues.queues.payout.getActiveCount()) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return false;
}

/** The worker's backends with a transaction open at this moment (what kill -9 leaves to PostgreSQL). */
async function openWorkerTransactions(): Promise<number> {
  const { rows } = await env.database.db.execute<{ n: number }>(sql`
    select count(*)::int as n from pg_stat_activity
    where application_name = 'baigou-worker' and xact_start is not null and datname = current_database()`);
  return rows[0]?.n ?? 0;
}

interface KillRun {
  year: number;
  budgetFen: bigint;
  claims: ClaimFixture[];
  approved: Set<string>;
}

async function newRun(year: number, specs: bigint[], budgetPercent: number): Promise<KillRun> {
  const db = env.database.db;
  const programmeId = await programmeVersionId(db);
  const { periodId, runId } = await insertPeriod(db, programmeId, year);
  const entries = [];
  for (const amountFen of specs) {
    const firm = await insertFirm(db);
    await insertPayee(db, firm.orgId, 'valid', PAYEE_ACCOUNT);
    entries.push({ firm, amountFen });
  }
  const claims: ClaimFixture[] = await insertClaims(db, { programmeId, periodId, runId, claims: entries });
  const total = specs.reduce((sum, amount) => sum + amount, 0n);
  return { year, budgetFen: (total * BigInt(budgetPercent)) / 100n + 1n, claims, approved: new Set() };
}

async function runViolations(run: KillRun, final: boolean): Promise<string[]> {
  const db = env.database.db;
  truth.refresh();
  const payments = await runPayments(
    db,
    run.claims.map((claim) => claim.claimId),
  );
  return [
    ...(await checkBudget(db, { year: run.year, fundedFen: run.approved.size > 0 ? run.budgetFen : 0n })),
    ...checkPayments(payments, truth),
    ...(await checkLedger(db)),
    ...(final ? checkSettled(payments, truth) : []),
  ];
}

/** The restarted worker, the callbacks and the sweeper settle the run, within a bound. */
async function quiesce(run: KillRun): Promise<boolean> {
  await setBankFaults(bankAdmin, [], SEED);
  const deadline = Date.now() + 30_000;
  for (let round = 0; Date.now() < deadline; round += 1) {
    truth.refresh();
    const payments = await runPayments(env.database.db, [...run.approved]);
    const done =
      new Set(payments.map((p) => p.claim_id)).size === run.approved.size &&
      payments.every((p) => ['paid', 'failed', 'cancelled'].includes(p.status)) &&
      payments.every((p) => truth.payment(p.instruction_id)?.status !== 'accepted');
    if (done) return true;
    await system.deliverCallbacks(round);
    if (round % 5 === 4) await system.sweep();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

it(`kill -9 of the worker process mid-job loses and duplicates no payment (seed ${SEED}, ${RUNS} kills)`, async () => {
  console.info(`payout kill -9 tier: PAYOUT_FAULT_SEED=${SEED} PAYOUT_KILL_RUNS=${RUNS}`);
  const started = Date.now();
  let year = 4000;
  let midJob = 0;
  let inTransaction = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.bigInt(100n, 500_000n), { minLength: 2, maxLength: 4 }),
      fc.integer({ min: 50, max: 130 }),
      fc.subarray(bankFaults, { maxLength: 2 }),
      fc.integer({ min: 0, max: 30 }),
      fc.boolean(),
      async (amounts, budgetPercent, faults, delayMs, wipe) => {
        const run = await newRun(year++, amounts, budgetPercent);
        await setBankFaults(bankAdmin, faults, SEED + year);
        worker ??= await spawnWorker(workerEnv);
        for (const claim of run.claims)
          if ((await system.approve(claim, run.year, yuan(run.budgetFen))) === 'reserved')
            run.approved.add(claim.claimId);
        if (await untilJobActive()) midJob += 1;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if ((await openWorkerTransactions()) > 0) inTransaction += 1;
        await worker.kill9();
        worker = undefined;
        // While the worker is down, Redis may lose everything too: the relay must rebuild the queue from the outbox.
        if (wipe) await flushRedisDb(redisUrl);
        expect(await runViolations(run, false)).toEqual([]);
        worker = await spawnWorker(workerEnv);
        expect(await quiesce(run), `year ${run.year} settles after the restart`).toBe(true);
        expect(await runViolations(run, true)).toEqual([]);
      },
    ),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  console.info(
    `payout kill -9 tier: ${RUNS} kills in ${Date.now() - started} ms (${midJob} with a payout job active, ` +
      `${inTransaction} with a worker transaction open), 0 violations`,
  );
  expect(midJob).toBeGreaterThan(0);
}, 600_000);
