import { randomBytes } from 'node:crypto';
import { expectOk, inParallel, type Api } from './client';
import type { BandPolicy, Goods, GoodsCatalogue } from './goods';
import type { Phase } from './progress';
import type { Random } from './random';
import type { DemoOperator } from './registry';

/**
 * 交易登记: each firm records its month of sales in batches (POST /v1/transactions/batch). Prices
 * sit inside the library's bands; a few lines deviate beyond the soft band (sent with the remark the
 * platform requires) or beyond the hard band (held for staff review), as on any real month.
 */

/** Bodies stay well under the 1 MiB request limit. */
const BATCH_SIZE = 200;
/** Shares of lines priced beyond the soft band (with a remark) and beyond the hard band. */
const WARNING_SHARE = 0.04;
const REVIEW_SHARE = 0.006;

const LOW_REMARKS = ['老客户批量订货，给予批发折扣价', '库存清仓款，按清仓价销售', '样品尾货打包处理，价格低于市场价'];
const HIGH_REMARKS = [
  '定制款：加厚头层面料、定制五金及logo，价格高于市场均价',
  '小批量加急订单，含打样及加工费',
  '高端系列，附品牌授权及礼盒包装',
];

export interface RecordedTransaction {
  id: string;
  tradingNo: string;
  status: string;
  operator: DemoOperator;
  purchaser: DemoOperator['purchasers'][number];
  tradeDate: string;
  currency: string;
  totalAmount: number;
  lineCount: number;
  hasToys: boolean;
}

export interface TradeContext {
  api: Api;
  random: Random;
  runTag: number;
  concurrency: number;
  goods: GoodsCatalogue;
  /** China dates the month's sales fall on, oldest first. */
  tradeDays: string[];
  cnyPerUsd: number;
  phase: Phase;
}

/** A buyer's lot from one stall: tens of pieces mostly, a few hundred at times. */
const quantityFor = (goods: Goods, random: Random) => {
  if (goods.unit === '035') return random.int(5, 30) * 10;
  if (/TROLLEY/.test(goods.productTypeCode)) return random.int(2, 8) * 10;
  return random.weighted([
    [random.int(2, 10) * 10, 4],
    [random.int(11, 30) * 10, 2],
    [random.int(3, 12) * 12, 1],
  ] as const);
};

/** A unit price factor: most within ±soft·0.6 of the median, a few between the bands, very few beyond the hard band. */
function priceFactor(policy: BandPolicy, random: Random): { factor: number; remark?: string } {
  const sign = random.chance(0.5) ? 1 : -1;
  if (random.chance(REVIEW_SHARE)) return { factor: 1 + sign * (policy.hard + 0.1 + random.next() * 0.15) };
  if (random.chance(WARNING_SHARE)) {
    const deviation = policy.soft + (policy.hard - policy.soft) * (0.25 + random.next() * 0.5);
    return { factor: 1 + sign * deviation, remark: random.pick(sign > 0 ? HIGH_REMARKS : LOW_REMARKS) };
  }
  const limit = policy.soft * 0.6;
  return { factor: 1 + Math.max(-limit, Math.min(limit, random.gaussian() * 0.06)) };
}

function lineFor(context: TradeContext, goods: Goods, currency: string) {
  const { random } = context;
  const quantity = quantityFor(goods, random);
  const { factor, remark } = priceFactor(context.goods.policyOf(goods.category), random);
  const priceCny = goods.medianCny * factor;
  const unitPrice = currency === 'USD' ? priceCny / context.cnyPerUsd : priceCny;
  const unitPriceCents = Math.max(1, Math.round(unitPrice * 100));
  return {
    description: goods.title,
    quantity: String(quantity),
    unit: goods.unit,
    unitPrice: (unitPriceCents / 100).toFixed(2),
    amount: ((quantity * unitPriceCents) / 100).toFixed(2),
    ...(remark ? { remark } : {}),
  };
}

function transactionFor(context: TradeContext, operator: DemoOperator, index: number) {
  const { random } = context;
  const merchant = random.pick(operator.merchants);
  const purchaser = random.pick(operator.purchasers);
  // A stall sells the chapters it registered: bags always, other goods only where it said so.
  const other = context.goods.other.filter((goods) => merchant.chapters.includes(goods.chapter));
  const picked = Array.from(
    {
      length: random.weighted([
        [1, 3],
        [2, 4],
        [3, 3],
        [4, 2],
        [6, 1],
      ] as const),
    },
    () => (!other.length || random.chance(0.65) ? random.pick(context.goods.bags) : random.pick(other)),
  );
  const lines = picked.map((goods) => lineFor(context, goods, operator.currency));
  const documents: { sha256: string; filename: string; kind: 'sales_slip' | 'contract' }[] = [
    { sha256: randomBytes(32).toString('hex'), filename: `销售单-${context.runTag}-${index}.jpg`, kind: 'sales_slip' },
  ];
  if (random.chance(0.3))
    documents.push({
      sha256: randomBytes(32).toString('hex'),
      filename: `合同-${context.runTag}-${index}.pdf`,
      kind: 'contract',
    });
  const body = {
    clientRef: `demo-${context.runTag}-${operator.index}-${index}`,
    merchantId: merchant.id,
    purchaserId: purchaser.id,
    tradeDate: random.pick(context.tradeDays),
    settlementMethod: operator.currency === 'CNY' && random.chance(0.2) ? 'cross_border_rmb' : 'bank_transfer',
    currency: operator.currency,
    documents,
    lines,
  };
  return { body, purchaser, hasToys: picked.some((goods) => goods.hsCode.startsWith('9503')) };
}

interface BatchAnswer {
  summary: { created: number; replayed: number; error: number };
  items: {
    index: number;
    status: string;
    id?: string;
    tradingNo?: string;
    transactionStatus?: string;
    problem?: { code: string; detail?: string };
  }[];
}

/** Submits `count` transactions spread over the operators; answers what the platform recorded. */
export async function submitTransactions(context: TradeContext, operators: DemoOperator[], count: number) {
  const recorded: RecordedTransaction[] = [];
  const refused: { code: string; detail?: string }[] = [];
  const perOperator = operators.map(
    (operator) => Math.floor(count / operators.length) + (operator.index < count % operators.length ? 1 : 0),
  );
  await inParallel(operators, context.concurrency, async (operator) => {
    const drafts = Array.from({ length: perOperator[operator.index]! }, (_, index) =>
      transactionFor(context, operator, index),
    );
    for (let start = 0; start < drafts.length; start += BATCH_SIZE) {
      const batch = drafts.slice(start, start + BATCH_SIZE);
      const answer = expectOk<BatchAnswer>(
        'transaction batch',
        await context.api.post(
          operator.key,
          '/v1/transactions/batch',
          { items: batch.map((draft) => draft.body) },
          `batch:${context.runTag}:${operator.index}:${start}`,
        ),
      );
      for (const item of answer.items) {
        const draft = batch[item.index]!;
        if (item.status === 'error' || !item.id) {
          refused.push(item.problem ?? { code: 'unknown' });
          continue;
        }
        recorded.push({
          id: item.id,
          tradingNo: item.tradingNo!,
          status: item.transactionStatus!,
          operator,
          purchaser: draft.purchaser,
          tradeDate: draft.body.tradeDate,
          currency: draft.body.currency,
          totalAmount: draft.body.lines.reduce((sum, line) => sum + Number(line.amount), 0),
          lineCount: draft.body.lines.length,
          hasToys: draft.hasToys,
        });
      }
      context.phase.tick(batch.length);
      context.phase.note(`${recorded.filter((each) => each.status === 'in_review').length} held for review`);
    }
  });
  return { recorded, refused };
}

const APPROVE_REASONS = [
  '已核实：定制款报价单与样品照片相符',
  '已核实：批量折扣有购销合同佐证',
  '已电话核实商户，价格属实',
];
const REJECT_REASONS = ['价格偏离过大且未能提供佐证材料', '报价与同类商品市场价严重不符，退回重新登记'];

/** Center staff decide the transactions held for price review: most accepted with a reason, some rejected. */
export async function reviewTransactions(
  api: Api,
  staffKey: string,
  random: Random,
  held: RecordedTransaction[],
  phase: Phase,
  concurrency: number,
) {
  let rejected = 0;
  await inParallel(held, concurrency, async (transaction) => {
    const reject = random.chance(0.25);
    const decision = reject ? 'reject' : 'approve-review';
    const reason = random.pick(reject ? REJECT_REASONS : APPROVE_REASONS);
    const view = expectOk<{ status: string }>(
      `${decision} ${transaction.tradingNo}`,
      await api.post(
        staffKey,
        `/v1/transactions/${transaction.id}/${decision}`,
        { reason },
        `review:${transaction.id}`,
      ),
    );
    transaction.status = view.status;
    if (reject) rejected += 1;
    phase.tick();
  });
  return { approved: held.length - rejected, rejected };
}
