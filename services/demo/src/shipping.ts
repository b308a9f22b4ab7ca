import { expectOk, inParallel, type Api, type Problem } from './client';
import { containerNumber, DESTINATIONS } from './identities';
import type { Phase } from './progress';
import type { Random } from './random';
import type { DemoOperator } from './registry';
import type { RecordedTransaction } from './trade';

/**
 * 组货 and 报关: each firm packs its submitted sales, per destination country, into consolidations
 * of one or more containers (China–Europe rail to Russia, Central Asia and Europe; road to
 * Kyrgyzstan and Mongolia; sea from Tianjin Xingang elsewhere) planned under the USD 150,000 cap
 * at the month's customs rate, then declares each one (simplified declaration) and submits it.
 */

/** Plan each declaration below the cap with room for the platform's per-line rounding. */
const PLANNING_CAP_USD = 145_000;
/** Goods subject to inspection (9503 toys) are always itemised; keep a declaration within its 50 lines. */
const MAX_ITEMISED_TRANSACTIONS = 8;
/** Goods value a 40-foot container of bags typically carries. */
const CONTAINER_VALUE_USD = 70_000;
const CARRIERS = ['CSN', 'TGH', 'MSK', 'CAI', 'TCL', 'OOL', 'COS', 'BMO'];

const ROUTES = {
  rail: { transportMode: '3', chinaEuropeRail: true, exitPorts: ['二连浩特', '满洲里', '霍尔果斯', '阿拉山口'] },
  railFreight: { transportMode: '3', chinaEuropeRail: false, exitPorts: ['二连浩特', '凭祥'] },
  road: { transportMode: '4', chinaEuropeRail: false, exitPorts: ['二连浩特', '霍尔果斯', '吐尔尕特', '友谊关'] },
  sea: { transportMode: '2', chinaEuropeRail: false, exitPorts: ['天津新港'] },
} as const;

export interface PlannedConsolidation {
  operator: DemoOperator;
  country: string;
  route: keyof typeof ROUTES;
  transactions: RecordedTransaction[];
  valueUsd: number;
}

export interface Declared {
  id: string;
  consolidationId: string;
  operator: DemoOperator;
  plan: PlannedConsolidation;
  currency: string;
  totalValue: string;
  totalValueUsd: string;
  status: string;
  /** Latest trade date of its sales: release and export follow it. */
  lastTradeDate: string;
  exportedAt?: string;
}

export interface ShippingContext {
  api: Api;
  random: Random;
  runTag: number;
  concurrency: number;
  cnyPerUsd: number;
  transportModes: Set<string>;
  phase: Phase;
}

const usdOf = (transaction: RecordedTransaction, cnyPerUsd: number) =>
  transaction.currency === 'USD' ? transaction.totalAmount : transaction.totalAmount / cnyPerUsd;

/** Groups each operator's submitted sales by destination, oldest first, into consolidations under the cap. */
export function planConsolidations(
  context: ShippingContext,
  transactions: RecordedTransaction[],
): PlannedConsolidation[] {
  const groups = new Map<string, RecordedTransaction[]>();
  for (const transaction of transactions.filter((each) => each.status === 'submitted')) {
    const key = `${transaction.operator.index}|${transaction.purchaser.country}`;
    groups.set(key, [...(groups.get(key) ?? []), transaction]);
  }
  const plans: PlannedConsolidation[] = [];
  for (const members of groups.values()) {
    members.sort((a, b) => (a.tradeDate < b.tradeDate ? -1 : a.tradeDate > b.tradeDate ? 1 : 0));
    const { operator, purchaser } = members[0]!;
    const destination = DESTINATIONS.find((each) => each.country === purchaser.country);
    const routes = (destination?.routes ?? ['sea']).filter((route) =>
      context.transportModes.has(ROUTES[route].transportMode),
    );
    let current: PlannedConsolidation | undefined;
    let target = 0;
    let itemised = 0;
    for (const transaction of members) {
      const valueUsd = usdOf(transaction, context.cnyPerUsd);
      const full =
        current &&
        (current.valueUsd + valueUsd > target ||
          current.transactions.length >= 400 ||
          (transaction.hasToys && itemised >= MAX_ITEMISED_TRANSACTIONS));
      if (!current || full) {
        current = {
          operator,
          country: purchaser.country,
          route: context.random.pick(routes.length ? routes : ['sea']),
          transactions: [],
          valueUsd: 0,
        };
        plans.push(current);
        // A declaration is filled to 60–100% of the planning cap, not to the cent.
        target = PLANNING_CAP_USD * (0.6 + context.random.next() * 0.4);
        itemised = 0;
      }
      current.transactions.push(transaction);
      current.valueUsd += valueUsd;
      if (transaction.hasToys) itemised += 1;
    }
  }
  return plans;
}

function consolidationBody(context: ShippingContext, plan: PlannedConsolidation, index: number) {
  const { random } = context;
  const route = ROUTES[plan.route];
  const containerCount = Math.max(1, Math.ceil(plan.valueUsd / CONTAINER_VALUE_USD));
  const carrier = random.pick(CARRIERS);
  const containers = Array.from({ length: containerCount }, (_, position) => ({
    number: containerNumber(carrier, context.runTag * 97 + index * 7 + position),
    type: plan.valueUsd / containerCount > CONTAINER_VALUE_USD / 2 ? '11' : '21',
    sealNo: `BG${context.runTag % 100_000}${String(index * 10 + position).padStart(5, '0')}`,
  }));
  return {
    clientRef: `demo-${context.runTag}-c${index}`,
    destinationCountry: plan.country,
    transportMode: route.transportMode,
    chinaEuropeRail: route.chinaEuropeRail,
    exitPort: random.pick(route.exitPorts),
    transactionIds: plan.transactions.map((transaction) => transaction.id),
    containers,
    packing: plan.transactions.map((transaction) => {
      const cartons = Math.max(1, Math.round(transaction.totalAmount / (transaction.currency === 'USD' ? 60 : 420)));
      const gross = cartons * (8 + random.next() * 6);
      return {
        transactionId: transaction.id,
        cartons,
        grossWeightKg: gross.toFixed(3),
        netWeightKg: (gross * 0.88).toFixed(3),
      };
    }),
  };
}

interface DeclarationAnswer {
  id: string;
  consolidationId: string;
  currency: string;
  totalValue: string;
  totalValueUsd: string;
  status: string;
}

async function declare(context: ShippingContext, plan: PlannedConsolidation, consolidationId: string, attempt: number) {
  return context.api.post<DeclarationAnswer>(
    plan.operator.key,
    '/v1/declarations',
    { consolidationId, simplify: true },
    `declare:${consolidationId}:${attempt}`,
  );
}

export interface ShippingOutcome {
  declared: Declared[];
  refused: { consolidationId: string; problem: Problem }[];
  containers: number;
  railConsolidations: number;
}

/** Consolidates, declares and submits every plan; a declaration the platform refuses is reported with its proposal. */
export async function consolidateAndDeclare(
  context: ShippingContext,
  plans: PlannedConsolidation[],
): Promise<ShippingOutcome> {
  const outcome: ShippingOutcome = { declared: [], refused: [], containers: 0, railConsolidations: 0 };
  await inParallel(plans, context.concurrency, async (plan, index) => {
    const body = consolidationBody(context, plan, index);
    const consolidation = expectOk<{ id: string }>(
      'consolidate',
      await context.api.post(plan.operator.key, '/v1/consolidations', body, `consolidate:${body.clientRef}`),
    );
    outcome.containers += body.containers.length;
    if (plan.route === 'rail') outcome.railConsolidations += 1;
    const answer = await declare(context, plan, consolidation.id, 0);
    if (!answer.ok) {
      // Over the cap or the line limit: the problem carries the platform's proposed split.
      outcome.refused.push({ consolidationId: consolidation.id, problem: answer.problem });
      context.phase.tick();
      return;
    }
    const declaration = answer.body;
    const submitted = expectOk<DeclarationAnswer>(
      'submit declaration',
      await context.api.post(
        plan.operator.key,
        `/v1/declarations/${declaration.id}/submit`,
        {},
        `submit:${declaration.id}`,
      ),
    );
    outcome.declared.push({
      id: declaration.id,
      consolidationId: consolidation.id,
      operator: plan.operator,
      plan,
      currency: declaration.currency,
      totalValue: declaration.totalValue,
      totalValueUsd: declaration.totalValueUsd,
      status: submitted.status,
      lastTradeDate: plan.transactions.at(-1)!.tradeDate,
    });
    context.phase.tick();
  });
  return outcome;
}

/** The operator withdraws a submitted declaration (a packing error) and declares the consolidation again. */
export async function withdrawAndRedeclare(context: ShippingContext, declared: Declared): Promise<Declared> {
  const key = declared.operator.key;
  expectOk(
    'withdraw',
    await context.api.post(
      key,
      `/v1/declarations/${declared.id}/withdraw`,
      { reason: '装箱单件数有误，撤回后重新申报' },
      `withdraw:${declared.id}`,
    ),
  );
  const again = expectOk('declare again', await declare(context, declared.plan, declared.consolidationId, 1));
  const submitted = expectOk<DeclarationAnswer>(
    'submit declaration',
    await context.api.post(key, `/v1/declarations/${again.id}/submit`, {}, `submit:${again.id}`),
  );
  return {
    ...declared,
    id: again.id,
    status: submitted.status,
    totalValue: again.totalValue,
    totalValueUsd: again.totalValueUsd,
  };
}
