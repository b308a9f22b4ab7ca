/**
 * `pnpm bench:payout`: payments per second from approval to posted through the real workflow — staff
 * approve each claim over HTTP on the real API (the approval reserves in the ledger and queues the send
 * job), the worker's send function submits the instruction to a spawned bank simulator (no faults),
 * the simulator pays and calls the API back over HTTP with a signed callback, which posts the reservation
 * and disburses — beside a bare loop of the same ledger inserts (reserve, post, disburse per payment,
 * one transaction each) in the same run. Memory (RSS, heap after a full GC) is printed at the start,
 * the middle and the end of the workflow run to show it flat.
 *
 * DATABASE_URL and REDIS_URL as for the tests; BENCH_PAYOUT_CLAIMS (default 2,000) and
 * BENCH_PAYOUT_CONCURRENCY (default 8) claims in flight at once.
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBankClient, withLuhnCheckDigit } from '@baigou/bank-protocol';
import { spawnBankSim } from '@baigou/bank-sim/testing';
import {
  accountCodes,
  createAccessService,
  createTransfer,
  openAccount,
  payoutIds,
  programmeContent,
  seedProgramme,
  sendPayment,
  verifyPayouts,
  type PayoutDeps,
} from '@baigou/core';
import {
  operators,
  organisations,
  payoutPayeeAccounts,
  subsidyClaimLines,
  subsidyClaims,
  subsidyPeriods,
  subsidyProgrammeVersions,
  subsidyRuns,
  type Db,
} from '@baigou/db';
import { sql } from 'drizzle-orm';
import { openBenchEnvironment, startBenchApi } from './bench-environment';
import { fixed, printTable, seconds } from './bench-support';

const CLAIMS = Number(process.env.BENCH_PAYOUT_CLAIMS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_PAYOUT_CONCURRENCY ?? 8);
const YEAR = 2040;
const uuid = (prefix: string, n: number) =>
  `${prefix.padEnd(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Memory after a full collection, so what is counted is what stays reachable. */
const memory = () => {
  collectGarbage();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 };
};

/** An approved programme version with a large budget, one period of YEAR and its run. */
async function seedPeriod(db: Db) {
  const document = { ...seedProgramme, annualBudgetCny: '900000000.00' };
  const content = programmeContent(document);
  const [version] = await db
    .insert(subsidyProgrammeVersions)
    .values({ label: 'bench', status: 'approved', effectiveFrom: `${YEAR}-01-01`, document, ...content })
    .returning();
  const [period] = await db
    .insert(subsidyPeriods)
    .values({ label: 'bench', periodFrom: `${YEAR}-01-01`, periodTo: `${YEAR}-01-31` })
    .returning();
  const [run] = await db
    .insert(subsidyRuns)
    .values({
      periodId: period!.id,
      jobKey: 'bench',
      programmeVersionId: version!.id,
      programmeHash: content.contentHash,
      factsAsOf: new Date(),
      summary: {},
    })
    .returning();
  return { periodId: period!.id, runId: run!.id, programmeVersionId: version!.id };
}

type Seeded = Awaited<ReturnType<typeof seedPeriod>>;
type Ids = { org: string; operator: string; claim: string };
const amountOf = (n: number) => `${100 + (n % 900)}.50`;

/** One chunk of firms: organisation, operator, payee account and one claim in notice (ended) each. */
async function seedFirms(db: Db, seeded: Seeded, start: number, chunk: readonly Ids[]) {
  const at = (i: number) => start + i;
  await db
    .insert(organisations)
    .values(chunk.map((id, i) => ({ id: id.org, name: `bench firm ${at(i)}`, kind: 'operator' as const })));
  await db.insert(operators).values(
    chunk.map((id, i) => ({
      id: id.operator,
      orgId: id.org,
      uscc: `BENCH${String(at(i)).padStart(13, '0')}`,
      customsCode: `B${String(at(i)).padStart(9, '0')}`,
      nameZh: `白沟基准${at(i)}`,
      nameEn: `Bench ${at(i)}`,
      contactName: '李明',
      contactPhone: '13900000000',
      address: '白沟',
    })),
  );
  await db.insert(payoutPayeeAccounts).values(
    chunk.map((id, i) => ({
      operatorOrgId: id.org,
      accountNumber: withLuhnCheckDigit(`6222${String(at(i)).padStart(12, '0')}`),
      accountName: `bench ${at(i)}`,
      bankName: '中国银行白沟支行',
    })),
  );
  await db.insert(subsidyClaims).values(
    chunk.map((id, i) => ({
      id: id.claim,
      ...seeded,
      operatorOrgId: id.org,
      operatorId: id.operator,
      draftedCny: amountOf(at(i)),
      amountCny: amountOf(at(i)),
      status: 'in_notice' as const,
      state: { status: 'in_notice', from: '2000-01-03', endsOn: '2000-01-10', decisionRef: 'bench' },
    })),
  );
  await db.insert(subsidyClaimLines).values(
    chunk.map((id, i) => ({
      claimId: id.claim,
      lineNo: 1,
      itemCode: 'export-reward',
      itemType: 'export_usd_tiered',
      amountCny: amountOf(at(i)),
      basis: {},
    })),
  );
}

/** CLAIMS firms, each with an operator, a payee account and one claim in notice (ended), in one period. */
async function seed(db: Db) {
  const seeded = await seedPeriod(db);
  const ids = Array.from({ length: CLAIMS }, (_, n) => ({
    org: uuid('b0', n),
    operator: uuid('b1', n),
    claim: uuid('b2', n),
  }));
  for (let start = 0; start < CLAIMS; start += 500) await seedFirms(db, seeded, start, ids.slice(start, start + 500));
  return ids.map((id) => id.claim);
}

/** Runs `work` over the items with `CONCURRENCY` in flight. */
async function pool<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

async function paidCount(db: Db) {
  const { rows } = await db.execute<{ paid: number }>(
    sql`select count(*)::int as paid from payout_payments where status = 'paid'`,
  );
  return rows[0]!.paid;
}

/** The workflow: approve over HTTP, send in process, the bank calls back over HTTP; until every one is posted. */
async function workflow(db: Db, apiUrl: string, staffKey: string, deps: PayoutDeps, claims: readonly string[]) {
  const marks: { at: string; rssMb: number; heapMb: number }[] = [{ at: 'start', ...memory() }];
  const started = performance.now();
  await pool(claims, async (claimId, index) => {
    const response = await fetch(`${apiUrl}/v1/subsidy/claims/${claimId}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${staffKey}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ type: 'approve' }),
    });
    if (response.status !== 200)
      throw new Error(`approval ${claimId}: HTTP ${response.status} ${await response.text()}`);
    const outcome = await sendPayment(deps, payoutIds.payment(claimId, 1));
    if (outcome !== 'sent' && outcome !== 'already-settled') throw new Error(`send ${claimId}: ${outcome}`);
    if (index === Math.floor(claims.length / 2)) marks.push({ at: 'middle', ...memory() });
  });
  while ((await paidCount(db)) < claims.length) await new Promise((resolve) => setTimeout(resolve, 50));
  const elapsed = seconds(started);
  marks.push({ at: 'end', ...memory() });
  return { elapsed, marks };
}

/** The same ledger inserts, bare: per payment one transaction of reserve, post and disburse. */
async function bareLoop(db: Db, count: number) {
  const accounts = await db.transaction(async (tx) => {
    const funding = await openAccount(tx, { code: 'bench:appropriation', kind: 'appropriation' });
    const budget = await openAccount(tx, {
      code: 'bench:budget',
      kind: 'fund_budget',
      debitsMustNotExceedCredits: true,
    });
    const payable = await openAccount(tx, { code: 'bench:payable', kind: 'payable' });
    const paid = await openAccount(tx, { code: 'bench:paid', kind: 'paid' });
    await createTransfer(tx, {
      id: randomUUID(),
      kind: 'posted',
      debitAccountId: funding.id,
      creditAccountId: budget.id,
      amount: 10n ** 15n,
    });
    return { budget, payable, paid };
  });
  const started = performance.now();
  await pool(
    Array.from({ length: count }, (_, n) => n),
    async (n) => {
      await db.transaction(async (tx) => {
        const pending = randomUUID();
        const amount = BigInt(10_050 + (n % 900) * 100);
        await createTransfer(tx, {
          id: pending,
          kind: 'pending',
          debitAccountId: accounts.budget.id,
          creditAccountId: accounts.payable.id,
          amount,
          timeoutMs: 3_600_000,
        });
        await createTransfer(tx, { id: randomUUID(), kind: 'post_pending', pendingId: pending });
        await createTransfer(tx, {
          id: randomUUID(),
          kind: 'posted',
          debitAccountId: accounts.payable.id,
          creditAccountId: accounts.paid.id,
          amount,
          reference: `bench-${n}`,
        });
      });
    },
  );
  return seconds(started);
}

async function main() {
  const env = await openBenchEnvironment('bench-payout');
  try {
    const { api } = await startBenchApi(env);
    const sim = await spawnBankSim({
      BANK_SIM_CALLBACK_URL: `${api.url}/v1/payout/bank-callbacks`,
      BANK_SIM_PAY_DELAY_MS: '20',
      LOG_LEVEL: 'warn',
    });
    env.cleanups.unshift(() => sim.stop());
    const db = env.database.db;
    const claims = await seed(db);
    const { key } = await createAccessService({ db }).createKey({
      orgName: 'Bench Center',
      kind: 'center',
      role: 'staff',
    });
    const deps: PayoutDeps = {
      db,
      bank: createBankClient({ baseUrl: sim.url, timeoutMs: 10_000 }),
      clock: () => new Date(),
      settings: { payerAccountNumber: '6222020200000000006', queryAfterMs: 60_000, stuckAfterMs: 86_400_000 },
    };
    console.log(
      `payout bench: ${CLAIMS} claims, ${CONCURRENCY} in flight, bank simulator without faults (pay delay 20 ms)`,
    );
    const run = await workflow(db, api.url, key, deps, claims);
    const verification = await verifyPayouts(db);
    const bare = await bareLoop(db, CLAIMS);
    printTable(
      ['path', 'payments', 'seconds', 'payments/s'],
      [
        [
          'approval → posted (REST, job, bank, callback)',
          String(CLAIMS),
          fixed(run.elapsed, 2),
          fixed(CLAIMS / run.elapsed),
        ],
        ['bare ledger inserts (reserve, post, disburse)', String(CLAIMS), fixed(bare, 2), fixed(CLAIMS / bare)],
        ['ratio (bare / workflow)', '', '', fixed(run.elapsed / bare, 1) + '×'],
      ],
    );
    printTable(
      ['memory', 'RSS MB', 'heap MB'],
      run.marks.map((mark) => [mark.at, fixed(mark.rssMb), fixed(mark.heapMb)]),
    );
    console.log(
      `verifyPayouts: ${verification.ok ? 'ok' : JSON.stringify(verification.violations)}; budget ${accountCodes.fundBudget(YEAR)}`,
    );
    if (!verification.ok) process.exitCode = 1;
  } finally {
    for (const cleanup of env.cleanups) await cleanup().catch((error: unknown) => console.error(error));
  }
}

await main();
