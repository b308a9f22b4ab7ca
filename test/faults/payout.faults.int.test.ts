import { withLuhnCheckDigit, type BankClient } from '@baigou/bank-protocol';
import { type BankSimProcess } from '@baigou/bank-sim/testing';
import { payoutSteps, verifyPayouts, type PayoutStep } from '@baigou/core';
import { createDatabase, type Database } from '@baigou/db';
import { createQueues, type Queues } from '@baigou/queues';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg } from '../worker/worker.support';
import { useTestEnvironment } from '../support/services';
import { type BankTruth } from './support/bank-truth';
import { type CallbackInbox } from './support/callback-inbox';
import { startFaultBank } from './support/fault-bank';
import {
  insertClaims,
  insertFirm,
  insertPeriod,
  programmeVersionId,
  type ClaimFixture,
  type Firm,
} from './support/claims';
import {
  createStepHook,
  flushRedisDb,
  redisForFaults,
  setBankFaults,
  terminateBackends,
  type BankFaultName,
  type StepFault,
  type StepHook,
} from './support/injectors';
import {
  checkBudget,
  checkLedger,
  checkPayments,
  checkSettled,
  runAccountIds,
  runPayments,
} from './support/invariants';
import { createPayoutSystem, insertPayee } from './support/payout-system';

/**
 * 资金拨付故障注入: a model-based run of the payout workflow (approve → reserve → send → callback or
 * sweep → post / void) with faults between and inside its steps: a crash (kill -9) at any named step
 * of a job, PostgreSQL terminating the job's connection mid-transaction, FLUSHDB of the queues' Redis,
 * and the bank timing out after paying, answering 5xx before or after recording, failing payments,
 * and duplicating, delaying, reordering or losing callbacks; the run itself also delivers callbacks in
 * shuffled order and again after they were handled. After every command: Σ posted + Σ pending ≤
 * budget, at most one successful payment per claim (by the platform and by the bank's own ledger),
 * every reservation resolved as its payment's status says, the ledger verified. After a quiesce
 * phase: every approved claim's payment is paid or failed (for staff), agreeing with the bank.
 *
 * Seeded: PAYOUT_FAULT_SEED=<seed> replays (PAYOUT_FAULT_PATH=<path> jumps to a shrunk failure),
 * PAYOUT_FAULT_RUNS=<n> runs more. The bank and the queues are real processes, so a replay repeats the
 * commands and faults exactly and the timing of the bank's own settlement only closely.
 */
const env = useTestEnvironment();
const SEED = Number(process.env.PAYOUT_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.PAYOUT_FAULT_RUNS ?? 1_000);
const PATH = process.env.PAYOUT_FAULT_PATH;
/** PAYOUT_FAULT_TRACE=1 prints every command as it starts (to find where a replay hangs). */
const TRACE = process.env.PAYOUT_FAULT_TRACE === '1';
/**
 * The bound on settling a run once faults stop: generous against a loaded machine (the bank settles in
 * ≤ 10 ms, a calm round takes a few ms), so missing it means a claim the workflow would leave in flight.
 */
const QUIESCE_MS = 20_000;
const SECRET = 'payout-faults-callback-secret';
const PAYEE_ACCOUNT = withLuhnCheckDigit('62220202000001234');

let jobs: Database;
let sim: BankSimProcess;
let bank: BankClient;
/** The test's own client for /admin/faults, patient: only the platform's client has a short timeout. */
let bankAdmin: BankClient;
let truth: BankTruth;
let inbox: CallbackInbox;
let queues: Queues;
let hook: StepHook;
let system: ReturnType<typeof createPayoutSystem>;
let programmeId: string;
let redisUrl: string;
let nextYear = 3000;
let runsPlayed = 0;
const firms: Record<ClaimSpec['payee'], Firm[]> = { valid: [], invalid: [], none: [] };
let bankSeed = SEED;
/** How often each outcome happened over all runs: a suite whose faults never land fails. */
const seen = new Map<string, number>();
const note = (outcome: string) => seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
/** Where the suite's time goes (ms), printed at the end so the CI budget can be kept. */
const timing: Record<string, number> = { setup: 0, checks: 0, quiesce: 0 };
async function timed<T>(part: string, work: Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work;
  } finally {
    timing[part] = (timing[part] ?? 0) + performance.now() - started;
  }
}

beforeAll(async () => {
  redisUrl = redisForFaults(env.redisUrl).url;
  await flushRedisDb(redisUrl);
  jobs = createDatabase(env.databaseUrl, { max: 3, applicationName: 'faults-payout-job' });
  ({ inbox, sim, bank, bankAdmin, truth } = await startFaultBank({
    tag: 'payout-faults',
    secret: SECRET,
    seed: SEED,
    timeoutMs: 100,
  }));
  queues = createQueues({ url: redisUrl, maxRetriesPerRequest: null }, env.redisPrefix);
  hook = createStepHook({
    dropConnections: () => terminateBackends(env.database.db, 'faults-payout-job'),
    flushRedis: () => flushRedisDb(redisUrl),
  });
  programmeId = await programmeVersionId(env.database.db);
  for (const kind of ['valid', 'invalid', 'none'] as const)
    for (let n = 0; n < 3; n += 1) {
      const firm = await insertFirm(env.database.db);
      await insertPayee(env.database.db, firm.orgId, kind, PAYEE_ACCOUNT);
      firms[kind].push(firm);
    }
  system = createPayoutSystem({
    db: env.database.db,
    jobs,
    bank,
    queues,
    inbox,
    hook,
    settings: { payerAccountNumber: '110000000000000001', queryAfterMs: 0, stuckAfterMs: 600_000 },
    callbackSecret: SECRET,
    centerOrgId: await createOrg(env.database.db, 'center'),
    programmeId,
  });
}, 120_000);

afterAll(async () => {
  await sim?.stop();
  await inbox?.close();
  await queues?.close();
  await jobs?.close();
  if (redisUrl) await flushRedisDb(redisUrl);
});

type Command =
  | { type: 'approve'; pick: number }
  | { type: 'deliver'; pick: number; fault: StepFault | undefined }
  | { type: 'bank'; faults: BankFaultName[] }
  | { type: 'callbacks'; order: number; fault: StepFault | undefined }
  | { type: 'replay'; pick: number }
  | { type: 'sweep'; fault: StepFault | undefined }
  | { type: 'staff'; pick: number; decision: 'retry' | 'cancel' }
  | { type: 'flush' }
  | { type: 'wait'; ms: number };

const stepFault = (steps: readonly PayoutStep[]) =>
  fc.option(
    fc.record({
      kind: fc.constantFrom('crash' as const, 'pg-drop' as const, 'redis-flush' as const),
      step: fc.constantFrom(...steps),
      occurrence: fc.constantFrom(1, 1, 1, 2),
    }),
    { freq: 4, nil: undefined },
  );
const sendSteps = payoutSteps.filter((step) => step.startsWith('send.'));
const bankFaults: BankFaultName[] = [
  'timeoutAfterPay',
  'hang',
  'error5xxBeforeRecord',
  'error5xxAfterRecord',
  'paymentFailure',
  'duplicateCallback',
  'lateCallback',
  'reorderCallbacks',
  'lostCallback',
];

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant('approve' as const), pick: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({ type: fc.constant('deliver' as const), pick: fc.nat(), fault: stepFault(sendSteps) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('bank' as const),
      faults: fc.subarray(bankFaults, { minLength: 0, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('callbacks' as const),
      order: fc.nat(),
      fault: stepFault(['settle.before-commit']),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('replay' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('sweep' as const), fault: stepFault(payoutSteps) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('staff' as const),
      pick: fc.nat(),
      decision: fc.constantFrom('retry' as const, 'retry' as const, 'cancel' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'flush' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 10 }) }) },
);

type ClaimSpec = { amountFen: bigint; payee: 'valid' | 'invalid' | 'none' };
const claimSpec: fc.Arbitrary<ClaimSpec> = fc.record({
  amountFen: fc.bigInt(100n, 500_000n),
  payee: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'invalid', 'none'),
});

interface Run {
  year: number;
  budgetFen: bigint;
  claims: ClaimFixture[];
  approved: Set<string>;
}

const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

/**
 * A fresh budget year and period per run, with one claim per spec from firms set up once per file (a
 * period has one claim per firm; firms with a valid, a check-digit-failing, or no payee account).
 */
async function newRun(specs: ClaimSpec[], budgetPercent: number) {
  const db = env.database.db;
  const year = nextYear++;
  const { periodId, runId } = await insertPeriod(db, programmeId, year);
  const used = { valid: 0, invalid: 0, none: 0 };
  const claims = await insertClaims(db, {
    programmeId,
    periodId,
    runId,
    claims: specs.map((spec) => ({ firm: firms[spec.payee][used[spec.payee]++]!, amountFen: spec.amountFen })),
  });
  const total = specs.reduce((sum, spec) => sum + spec.amountFen, 0n);
  const budgetFen = (total * BigInt(budgetPercent)) / 100n + 1n;
  return { year, budgetFen, claims, approved: new Set<string>() } satisfies Run;
}

async function runCommand(run: Run, next: Command): Promise<string> {
  switch (next.type) {
    case 'approve': {
      const claim = run.claims[next.pick % run.claims.length]!;
      const outcome = await system.approve(claim, run.year, yuan(run.budgetFen));
      if (outcome === 'reserved') run.approved.add(claim.claimId);
      return `approve:${outcome}`;
    }
    case 'deliver':
      hook.arm(next.fault);
      return `deliver:${await system.deliver(next.pick)}`;
    case 'bank':
      await setBankFaults(bankAdmin, next.faults, (bankSeed = (bankSeed + 1) >>> 0));
      for (const fault of next.faults) note(`bank:${fault}`);
      return `bank:${next.faults.length}`;
    case 'callbacks':
      hook.arm(next.fault);
      return `callbacks:${(await system.deliverCallbacks(next.order)).join(',')}`;
    case 'replay':
      return `replay:${(await system.replayCallback(next.pick)) ?? 'none'}`;
    case 'sweep':
      hook.arm(next.fault);
      return `sweep:${await system.sweep()}`;
    case 'staff': {
      const claimIds = run.claims.map((claim) => claim.claimId);
      return `staff:${await system.decide(claimIds, next.pick, next.decision)}`;
    }
    case 'flush':
      await flushRedisDb(redisUrl);
      return 'flush';
    case 'wait':
      await new Promise((resolve) => setTimeout(resolve, next.ms));
      return 'wait';
  }
}

/** Every violation of the invariants that must hold at any moment, for the run's claims. */
async function violations(run: Run, ledger = true): Promise<string[]> {
  const db = env.database.db;
  truth.refresh();
  const payments = await runPayments(
    db,
    run.claims.map((claim) => claim.claimId),
  );
  // Between commands no job runs, so a job connection still checked out was leaked (the pool would run dry).
  const held = jobs.pool.totalCount - jobs.pool.idleCount;
  return [
    ...(held > 0 ? [`job pool: ${held} connections still checked out between commands (leaked)`] : []),
    ...(await checkBudget(db, { year: run.year, fundedFen: run.approved.size > 0 ? run.budgetFen : 0n })),
    ...checkPayments(payments, truth),
    ...(ledger
      ? await checkLedger(
          db,
          await runAccountIds(
            db,
            run.year,
            run.claims.map((c) => c.operatorOrgId),
          ),
        )
      : []),
  ];
}

/** The platform's own verification (verifyPayouts: payouts against the ledger, the ledger itself), in full. */
async function platformViolations(): Promise<string[]> {
  const report = await verifyPayouts(env.database.db);
  return report.violations.map((v) => `verifyPayouts: ${v.invariant}: ${v.ids.join(', ')}`);
}

/** Whether every approved claim's latest payment is paid or failed and the bank holds nothing unsettled. */
async function settled(run: Run): Promise<boolean> {
  truth.refresh();
  const payments = await runPayments(env.database.db, [...run.approved]);
  const latest = new Map(payments.map((payment) => [payment.claim_id, payment]));
  if (latest.size !== run.approved.size) return false;
  if ([...latest.values()].some((payment) => !['paid', 'failed', 'cancelled'].includes(payment.status))) return false;
  return payments.every((payment) => truth.payment(payment.instruction_id)?.status !== 'accepted');
}

/**
 * Faults off; the workers, the callbacks and the sweeper run until every approved claim is terminal,
 * within a bound: not reaching it is a violation (a claim the workflow would leave stuck).
 */
async function quiesce(run: Run): Promise<string[]> {
  hook.arm(undefined);
  await setBankFaults(bankAdmin, [], (bankSeed = (bankSeed + 1) >>> 0));
  const deadline = Date.now() + QUIESCE_MS;
  for (let round = 0; Date.now() < deadline; round += 1) {
    for (let job = 0; job < 8 && !['no-job', 'unknown'].includes(await system.deliver(0)); job += 1);
    await system.deliverCallbacks(round);
    await system.sweep();
    if (await settled(run)) return [];
    // The bank settles within its jitter (≤ 10 ms) of accepting; give it that before the next round.
    await new Promise((resolve) => setTimeout(resolve, round < 5 ? 5 : 20));
  }
  return [`year ${run.year}: claims not paid or failed within ${QUIESCE_MS} ms of quiet`];
}

async function assertNoViolations(run: Run, trail: string[], found: string[]) {
  if (found.length === 0) return;
  const payments = await runPayments(
    env.database.db,
    run.claims.map((claim) => claim.claimId),
  );
  throw new Error(
    `payout invariants broken (seed ${SEED}; replay: PAYOUT_FAULT_SEED=${SEED} PAYOUT_FAULT_PATH=<the path fast-check prints>):\n  ${found.join('\n  ')}\ncommands:\n  ${trail.join('\n  ')}\n` +
      `payments: ${JSON.stringify(payments)}\nlast job steps: ${hook.trail().join(' → ')}\n` +
      `bank simulator (exit ${sim.child.exitCode ?? 'running'}): ${sim.output().slice(-3000)}`,
  );
}

/** What the database and the job pool were doing when a run failed. */
async function diagnostics(): Promise<string> {
  const { rows } = await env.database.db.execute(sql`
    select pid, application_name, state, now() - xact_start as xact, wait_event_type, wait_event, left(query, 160) as query
    from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
  const pool = { total: jobs.pool.totalCount, idle: jobs.pool.idleCount, waiting: jobs.pool.waitingCount };
  return `job pool ${JSON.stringify(pool)}\nbackends ${JSON.stringify(rows, null, 1)}`;
}

/** One run: fresh claims and budget year, the commands with the checks after each, quiesce, the final checks. */
async function playRun(specs: ClaimSpec[], budgetPercent: number, commands: Command[]) {
  const run = await timed('setup', newRun(specs, budgetPercent));
  const trail: string[] = [];
  for (const next of commands) {
    if (TRACE) console.info(`year ${run.year}: ${JSON.stringify(next)}`);
    const outcome = await timed(`command:${next.type}`, runCommand(run, next));
    const fired = hook.fired();
    if (fired) note(`fired:${fired.kind}@${fired.step}`);
    hook.arm(undefined);
    trail.push(`${JSON.stringify(next)} → ${outcome}${fired ? ` (fired ${fired.kind}@${fired.step})` : ''}`);
    note(
      outcome
        .split(':')
        .slice(0, 2)
        .join(':')
        .replace(/:[\d,]*$/, ''),
    );
    // A command that touched neither PostgreSQL nor the jobs leaves the ledger as the last check saw it.
    const touchedLedger = !['bank', 'wait', 'flush'].includes(next.type);
    await assertNoViolations(run, trail, await timed('checks', violations(run, touchedLedger)));
  }
  if (TRACE) console.info(`year ${run.year}: quiesce`);
  const stuck = await timed('quiesce', quiesce(run));
  truth.refresh();
  const payments = await runPayments(
    env.database.db,
    run.claims.map((claim) => claim.claimId),
  );
  for (const payment of payments) note(`final:${payment.status}`);
  // verifyPayouts reads every payment and the whole ledger: every 20th run and the last (the run's own
  // accounts and payments are checked every time), so a thousand runs stay within CI time.
  runsPlayed += 1;
  const full = runsPlayed % 20 === 0 || runsPlayed >= RUNS;
  await assertNoViolations(
    run,
    trail,
    await timed(
      'final',
      (async () => [
        ...stuck,
        ...(await violations(run)),
        ...checkSettled(payments, truth),
        ...(full ? await platformViolations() : []),
      ])(),
    ),
  );
}

it(`approvals, payments and callbacks under crashes, dropped connections, Redis wipes and bank faults keep the money right (seed ${SEED}, ${RUNS} runs)`, async () => {
  console.info(`payout fault injection: PAYOUT_FAULT_SEED=${SEED} PAYOUT_FAULT_RUNS=${RUNS}`);
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(
      fc.array(claimSpec, { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 40, max: 130 }),
      fc.array(command, { minLength: 1, maxLength: 10 }),
      (specs, budgetPercent, commands) =>
        playRun(specs, budgetPercent, commands).catch(async (error: unknown) => {
          throw new Error(`${String(error)}\n${await diagnostics()}`, { cause: error });
        }),
    ),
    { seed: SEED, numRuns: RUNS, endOnFailure: true, ...(PATH ? { path: PATH } : {}) },
  );
  console.info(`payout fault injection: ${RUNS} runs in ${Date.now() - started} ms, 0 violations`);
  console.info('payout fault injection outcomes', Object.fromEntries([...seen].sort()));
  console.info(
    'payout fault injection time (ms)',
    Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])),
  );
  // Each fault must have landed somewhere, or the suite proves nothing about it (asked of the full suite only).
  if (RUNS >= 500)
    for (const outcome of [
      'approve:reserved',
      'approve:refused',
      'fired:crash@send.instruction-persisted',
      'fired:crash@send.bank-returned',
      'fired:crash@settle.before-commit',
      'fired:pg-drop@send.before-commit',
      'fired:pg-drop@settle.before-commit',
      'fired:redis-flush@send.bank-returned',
      'deliver:unknown',
      'staff:retry',
      'final:paid',
      'final:failed',
    ])
      expect(seen.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
}, 900_000);
