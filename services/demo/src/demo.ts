import { randomInt } from 'node:crypto';
import type { DemoConfig } from '@baigou/config';
import { createApi, expectOk, type Api } from './client';
import { loadGoods } from './goods';
import { AUDITOR_ORG, createDemoKeys, CUSTOMS_ORG, STAFF_ORG, type DemoKeys, type DemoPlatform } from './platform';
import { createProgress, type Output, type Progress } from './progress';
import { createRandom, type Random } from './random';
import { ensureOperator, homeMarkets, operatorOrgName, registerParties, type DemoOperator } from './registry';
import { scoreTheMonth } from './credit';
import { payApprovedClaims, registerPayeeAccounts, startDemoBank } from './payout';
import { runSubsidyPeriod, type SubsidyOutcome } from './subsidy';
import { printMonthlyStatistics, verifyDeclarationProvenance } from './report';
import { postCustomsEvents, collectPayments } from './settlement';
import { consolidateAndDeclare, planConsolidations, withdrawAndRedeclare, type ShippingContext } from './shipping';
import { reviewTransactions, submitTransactions, type RecordedTransaction } from './trade';

/**
 * `pnpm demo`: one month of the Baigou pilot driven through the REST API as the client firms,
 * the center's staff and customs would drive it — registration, sales, review, consolidation,
 * declaration, customs status, FX — then the month's statistics, credit evaluation, the special fund's
 * period through approval for payment, and one provenance check.
 */

/** A key the demo made, for the person exploring the platform after it. */
export interface DemoKey {
  label: string;
  organisation: string;
  key: string;
  /** A GET that this role may make, to try the key with. */
  tryPath: string;
  what: string;
}

export interface DemoSummary {
  month: string;
  runTag: number;
  staffKey: string;
  keys: DemoKey[];
  docsUrl: string;
  transactions: number;
  declarations: number;
  /** The special fund's period of the month and its claims approved for payment. */
  fund: SubsidyOutcome;
  /** The approved claims' payments through the simulator and the day's reconciliation. */
  payout: { paid: number; failed: number; matched: number; differences: number };
  seconds: number;
}

const HOUR_MS = 3_600_000;
const chinaToday = (now: Date) => new Date(now.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);

/** The month's customs USD rate; staff set it from the latest published month when the month has none yet. */
async function usdRate(api: Api, staffKey: string, month: string): Promise<number> {
  const rates = expectOk<{ items: { month: string; cnyPerUnit: string }[] }>(
    'exchange rates',
    await api.get(staffKey, '/v1/exchange-rates?currency=USD&limit=24'),
  );
  const current = rates.items.find((rate) => rate.month === month);
  if (current) return Number(current.cnyPerUnit);
  const latest = rates.items[0]?.cnyPerUnit ?? '7.1';
  expectOk(
    'set the month USD rate',
    await api.post(staffKey, '/v1/exchange-rates', { currency: 'USD', month, cnyPerUnit: latest }, `rate:USD:${month}`),
  );
  return Number(latest);
}

/** What every phase of one run shares. */
interface Run {
  config: DemoConfig;
  api: Api;
  output: Output;
  progress: Progress;
  random: Random;
  runTag: number;
  concurrency: number;
  now: Date;
  month: string;
  keys: DemoKeys;
}

/** 主体备案: the firms (registered once), the month's new merchants and purchasers, all approved by staff. */
async function registration(run: Run): Promise<DemoOperator[]> {
  const { config } = run;
  const operators: DemoOperator[] = run.keys.operators.map(({ index, key, orgId }) => ({
    index,
    nameZh: operatorOrgName(index),
    key,
    orgId,
    // Most firms invoice in yuan; some in dollars.
    currency: index % 4 === 1 ? 'USD' : 'CNY',
    homeMarkets: homeMarkets(run.random),
    merchants: [],
    purchasers: [],
  }));
  const phase = run.progress.phase(
    'registry',
    'parties',
    config.DEMO_OPERATORS + config.DEMO_MERCHANTS + config.DEMO_PURCHASERS,
  );
  const context = {
    api: run.api,
    staffKey: run.keys.staff,
    random: run.random,
    runTag: run.runTag,
    concurrency: run.concurrency,
    phase,
  };
  for (const operator of operators) await ensureOperator(context, operator.key, operator.index);
  await registerParties(context, operators, { merchants: config.DEMO_MERCHANTS, purchasers: config.DEMO_PURCHASERS });
  phase.done('registered and approved by staff');
  return operators;
}

/** 交易登记 and staff review of the sales held for their price. */
async function sales(run: Run, operators: DemoOperator[], cnyPerUsd: number) {
  const cataloguePhase = run.progress.phase('catalogue', 'titles matched');
  const goods = await loadGoods(run.api, operators[0]!.key, run.random, `goods:${run.runTag}`);
  cataloguePhase.tick(goods.checked);
  cataloguePhase.done(
    `kept ${goods.bags.length} bag and ${goods.other.length} other titles that match their own type (${goods.typeCount} product types of ${goods.versionLabel})`,
  );
  if (!goods.bags.length) throw new Error('no bag title matched its product type: is the price library seeded?');

  const today = chinaToday(run.now);
  const tradeDays = Array.from(
    { length: Number(today.slice(8, 10)) },
    (_, index) => `${run.month}-${String(index + 1).padStart(2, '0')}`,
  );
  const intake = run.progress.phase('transactions', 'submitted', run.config.DEMO_TRANSACTIONS);
  const context = {
    api: run.api,
    random: run.random,
    runTag: run.runTag,
    concurrency: run.concurrency,
    goods,
    tradeDays,
    cnyPerUsd,
    phase: intake,
  };
  const { recorded, refused } = await submitTransactions(context, operators, run.config.DEMO_TRANSACTIONS);
  const held = recorded.filter((transaction) => transaction.status === 'in_review');
  intake.done(
    `${held.length} held for price review${refused.length ? `; ${refused.length} refused (${refused[0]!.code})` : ''}`,
  );

  const review = run.progress.phase('review', 'decided', held.length);
  const decisions = await reviewTransactions(run.api, run.keys.staff, run.random, held, review, run.concurrency);
  review.done(`${decisions.approved} accepted, ${decisions.rejected} rejected by staff`);
  return recorded;
}

/** 组货 and 报关, then customs status and the buyers' payments. */
async function shipments(run: Run, recorded: RecordedTransaction[], cnyPerUsd: number) {
  const { api, output } = run;
  const transportModes = new Set(
    expectOk<{ items: { code: string }[] }>(
      'transport modes',
      await api.get(run.keys.staff, '/v1/reference/transport_mode'),
    ).items.map((item) => item.code),
  );
  const phase = run.progress.phase('declarations', 'consolidated and declared');
  const context: ShippingContext = {
    api,
    random: run.random,
    runTag: run.runTag,
    concurrency: run.concurrency,
    cnyPerUsd,
    transportModes,
    phase,
  };
  const shipping = await consolidateAndDeclare(context, planConsolidations(context, recorded));
  const redeclared = shipping.declared.length >= 8;
  if (redeclared) shipping.declared[0] = await withdrawAndRedeclare(context, shipping.declared[0]!);
  const overCap = shipping.refused.filter((each) => each.problem.code === 'declaration.over_value_cap').length;
  const largestUsd = Math.max(0, ...shipping.declared.map((each) => Number(each.totalValueUsd)));
  phase.done(
    `${shipping.declared.length} declarations (largest USD ${largestUsd.toFixed(2)} of the 150,000 cap), ${shipping.containers} containers, ${shipping.railConsolidations} by China–Europe rail${shipping.refused.length ? `; ${shipping.refused.length} refused (${overCap} over the USD cap)` : ''}`,
  );
  for (const { consolidationId, problem } of shipping.refused.slice(0, 3)) {
    const split = problem.proposedSplit
      ? ` proposed split: ${JSON.stringify(problem.proposedSplit).slice(0, 200)}`
      : '';
    output.line(`    refused: consolidation ${consolidationId}: ${problem.code} ${problem.detail ?? ''}${split}`);
  }

  const customs = {
    api,
    customsKey: run.keys.customs,
    random: run.random,
    runTag: run.runTag,
    concurrency: run.concurrency,
    now: run.now,
    phase: run.progress.phase('customs', 'declarations', shipping.declared.length),
  };
  await postCustomsEvents(customs, shipping.declared);
  const count = (status: string) => shipping.declared.filter((each) => each.status === status).length;
  customs.phase.done(
    `${count('exported')} exported, ${count('released')} released, ${count('rejected')} rejected${redeclared ? ', 1 withdrawn by its operator and declared again' : ''}`,
  );

  const fxPhase = run.progress.phase('fx', 'declarations', count('released') + count('exported'));
  const fx = await collectPayments({ ...customs, phase: fxPhase }, shipping.declared);
  fxPhase.done(`${fx.receipts} receipts: ${fx.full} fully collected, ${fx.partial} partially, ${fx.none} not yet`);
  return shipping.declared;
}

export async function runDemo(
  config: DemoConfig,
  platform: DemoPlatform,
  output: Output,
  interactive: boolean,
): Promise<DemoSummary> {
  const started = performance.now();
  const runTag = randomInt(1, 28_000_000);
  const now = new Date();
  const month = chinaToday(now).slice(0, 7);
  output.line(
    `Demo month ${month} (run ${runTag}): ${config.DEMO_OPERATORS} operators, ${config.DEMO_MERCHANTS} merchants, ${config.DEMO_PURCHASERS} purchasers, ${config.DEMO_TRANSACTIONS} transactions`,
  );
  const keys = await createDemoKeys(
    platform.database,
    Array.from({ length: config.DEMO_OPERATORS }, (_, index) => operatorOrgName(index)),
    runTag,
  );
  const api = createApi(platform.url);
  const run: Run = {
    config,
    api,
    output,
    progress: createProgress(output, interactive),
    random: createRandom(runTag),
    runTag,
    concurrency: config.DEMO_CONCURRENCY,
    now,
    month,
    keys,
  };

  const operators = await registration(run);
  const cnyPerUsd = await usdRate(api, keys.staff, month);
  const recorded = await sales(run, operators, cnyPerUsd);
  const declared = await shipments(run, recorded, cnyPerUsd);

  await printMonthlyStatistics(api, keys.staff, month, output);
  await scoreTheMonth(api, keys, runTag, output);
  const { fund, payout } = await fundAndPay(run, operators);
  const traced = declared.find((each) => each.status === 'exported');
  if (traced)
    await verifyDeclarationProvenance(
      api,
      keys.customs,
      { id: traced.id, label: `${traced.id} (${traced.plan.country}, USD ${traced.totalValueUsd})` },
      output,
    );

  const seconds = (performance.now() - started) / 1000;
  output.line('');
  output.line(`Demo month ${month} done in ${seconds.toFixed(1)} s (${api.requestCount()} API requests).`);
  return {
    month,
    runTag,
    staffKey: keys.staff,
    keys: demoKeysOf(keys),
    docsUrl: `${platform.url}/docs`,
    transactions: recorded.length,
    declarations: declared.length,
    fund,
    payout,
    seconds,
  };
}

/** The keys to print, one per kind of user, each with a request it may make. */
function demoKeysOf(keys: DemoKeys): DemoKey[] {
  const firm = keys.operators[0]!;
  return [
    {
      label: 'Staff key',
      organisation: STAFF_ORG,
      key: keys.staff,
      tryPath: '/v1/declarations?limit=5',
      what: 'every declaration',
    },
    {
      label: 'Trading firm key',
      organisation: firm.name,
      key: firm.key,
      tryPath: '/v1/transactions?limit=5',
      what: 'its own sales',
    },
    {
      label: 'Customs key',
      organisation: CUSTOMS_ORG,
      key: keys.customs,
      tryPath: '/v1/trace?limit=5',
      what: 'declarations traced with proofs',
    },
    {
      label: 'Auditor key',
      organisation: AUDITOR_ORG,
      key: keys.auditor,
      tryPath: '/v1/consolidations?limit=5',
      what: 'read-only',
    },
  ];
}

/**
 * 试点专项资金 and its payment: the treasury gateway, an outside party, as its own process; the firms
 * record the accounts the fund pays into before staff approve their claims (a payment takes the account
 * in force when reserved); the month's period run through audit, committee, notice and approval for
 * payment (after the credit run, whose grades are one of the fund's conditions); then the approved claims
 * paid through the simulator (with faults) and the day reconciled.
 */
async function fundAndPay(run: Run, operators: readonly DemoOperator[]) {
  const { api, config, output } = run;
  const bankOptions = {
    api,
    staffKey: run.keys.staff,
    bankUrl: config.BANK_URL,
    callbackSecret: config.BANK_CALLBACK_SECRET.split(',')[0]!,
    log: (line: string) => output.line(line),
  };
  const bank = await startDemoBank(bankOptions);
  try {
    await registerPayeeAccounts(
      api,
      operators.map((operator) => ({ key: operator.key, name: operator.nameZh })),
    );
    const fund = await runSubsidyPeriod({
      api,
      keys: run.keys,
      runTag: run.runTag,
      month: run.month,
      today: chinaToday(run.now),
      concurrency: run.concurrency,
      output,
    });
    return { fund, payout: await payApprovedClaims(bankOptions) };
  } finally {
    await bank.stop();
  }
}
