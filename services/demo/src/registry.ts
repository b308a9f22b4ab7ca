import { createLimiter, expectOk, inParallel, type Api } from './client';
import {
  BANKS,
  DESTINATIONS,
  GIVEN_NAMES,
  MARKETS,
  OPERATOR_FIRMS,
  purchaserIdentity,
  residentId,
  runBody,
  SHOP_WORDS,
  SURNAMES,
  uscc,
} from './identities';
import type { Phase } from './progress';
import type { Random } from './random';

/**
 * 主体备案: each trading firm registers itself (once; later months find it registered), then its
 * share of the month's new merchants and purchasers; center staff approve every registration.
 */

export interface DemoOperator {
  index: number;
  nameZh: string;
  key: string;
  orgId: string;
  /** The currency the firm prices its sales in. */
  currency: 'CNY' | 'USD';
  homeMarkets: (typeof DESTINATIONS)[number][];
  merchants: { id: string; chapters: string[] }[];
  purchasers: { id: string; country: string; name: string }[];
}

export interface RegistryContext {
  api: Api;
  staffKey: string;
  random: Random;
  runTag: number;
  concurrency: number;
  phase: Phase;
}

const operatorBody = (index: number) => {
  const [zh, en] = OPERATOR_FIRMS[index % OPERATOR_FIRMS.length]!;
  const suffix = index >= OPERATOR_FIRMS.length ? `${Math.floor(index / OPERATOR_FIRMS.length) + 1}` : '';
  return {
    uscc: uscc('91', '130684', `MA0BGD${String(index).padStart(3, '0')}`),
    customsCode: `1306${String(930_000 + index).padStart(6, '0')}`,
    nameZh: `白沟新城${zh}${suffix}进出口贸易有限公司`,
    nameEn: `Baigou ${en}${suffix ? ` ${suffix}` : ''} Import & Export Trading Co., Ltd.`,
    contactName: `${SURNAMES[index % SURNAMES.length]}${GIVEN_NAMES[index % GIVEN_NAMES.length]}`,
    contactPhone: `+86 312 58${String(10_000 + index).slice(-5)}`,
    contactEmail: `trade${index + 1}@${en.toLowerCase().replaceAll(' ', '')}-baigou.example.cn`,
    address: `河北省保定市白沟新城和道国际箱包城商务楼${index + 1}层`,
  };
};

export const operatorOrgName = (index: number) => operatorBody(index).nameZh;
/** The firm's 统一社会信用代码, as the insurer lists it (信保). */
export const operatorUscc = (index: number) => operatorBody(index).uscc;

async function approve(context: RegistryContext, path: string, what: string) {
  expectOk(what, await context.api.post(context.staffKey, `${path}/approve`, {}, `${path}:approve`));
}

/** Staff approve as registrations arrive, beside the firms' own work; the firms trade once all are approved. */
function staffDesk(context: RegistryContext) {
  const run = createLimiter(2);
  const pending: Promise<void>[] = [];
  const failures: unknown[] = [];
  return {
    approve(path: string, what: string) {
      // Kept, not thrown here: a refusal surfaces once the firms' own work is done.
      pending.push(
        run(() => approve(context, path, what)).then(
          () => context.phase.tick(),
          (error: unknown) => void failures.push(error),
        ),
      );
    },
    async settled() {
      await Promise.all(pending);
      if (failures.length) throw failures[0];
    },
  };
}

/** The firm's operator registration, approved: registered now if this is its first month. */
export async function ensureOperator(context: RegistryContext, key: string, index: number): Promise<void> {
  const me = expectOk<{ operator: { id: string; status: string } | null }>(
    'GET /v1/me',
    await context.api.get(key, '/v1/me'),
  );
  const operator =
    me.operator ??
    expectOk<{ id: string; status: string }>(
      'register operator',
      await context.api.post(key, '/v1/operators', operatorBody(index), `operator:${index}:register`),
    );
  if (operator.status === 'submitted') await approve(context, `/v1/operators/${operator.id}`, 'approve operator');
  else if (operator.status !== 'approved')
    throw new Error(`operator ${operatorBody(index).nameZh} is ${operator.status}; the demo needs it approved`);
  context.phase.tick();
}

/** A stall that sells more than bags: apparel, footwear, hats, umbrellas, imitation jewellery, toys, hair clips. */
const MIXED_STALL_CHAPTERS = ['42', '61', '62', '64', '65', '66', '71', '95', '96'];

function merchantBody(context: RegistryContext, index: number) {
  const { random } = context;
  const owner = `${random.pick(SURNAMES)}${random.pick(GIVEN_NAMES)}`;
  const [market, hall] = random.pick(MARKETS);
  const shop = random.pick(SHOP_WORDS);
  const bagsOnly = shop.includes('箱') || shop.includes('皮') || shop.includes('包') || random.chance(0.5);
  const kind = random.weighted([
    ['individual_business', 70],
    ['resident', 15],
    ['company', 15],
  ] as const);
  const body = runBody(context.runTag, index);
  const identity =
    kind === 'company'
      ? { kind: 'company', uscc: uscc('91', '130684', body), nameZh: `高碑店市${owner}${shop}有限公司` }
      : kind === 'individual_business'
        ? { kind: 'individual_business', uscc: uscc('92', '130684', body), nameZh: `白沟新城${owner}${shop}店` }
        : { kind: 'individual_business', residentId: residentId(random), nameZh: `白沟${owner}${shop}` };
  return {
    ...identity,
    ownerName: owner,
    contactPhone: `13${random.int(0, 9)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    marketName: market,
    boothNo: `${hall}${random.int(1, 5)}-${random.int(1, 480)}`,
    goodsCategories: bagsOnly ? ['42'] : MIXED_STALL_CHAPTERS,
    fxAccount: {
      bankName: random.pick(BANKS),
      accountName: kind === 'company' ? identity.nameZh : owner,
      accountNo: `6217${String(context.runTag % 10_000).padStart(4, '0')}${String(index).padStart(11, '0')}`,
    },
  };
}

async function registerMerchant(context: RegistryContext, desk: StaffDesk, operator: DemoOperator, index: number) {
  for (let attempt = 0; ; attempt += 1) {
    const body = merchantBody(context, index);
    const answer = await context.api.post<{ id: string }>(
      operator.key,
      '/v1/merchants',
      body,
      `merchant:${context.runTag}:${index}:${attempt}`,
    );
    // A resident ID drawn at random can (rarely) belong to an earlier month's merchant: draw another.
    if (!answer.ok && answer.problem.code === 'registry.duplicate_party' && attempt < 3) continue;
    const merchant = expectOk('register merchant', answer);
    desk.approve(`/v1/merchants/${merchant.id}`, 'approve merchant');
    operator.merchants.push({ id: merchant.id, chapters: body.goodsCategories });
    return;
  }
}

/** The four destinations a firm's buyers mostly come from: firms specialise in routes. */
export function homeMarkets(random: Random): (typeof DESTINATIONS)[number][] {
  const chosen = new Set<(typeof DESTINATIONS)[number]>();
  while (chosen.size < 4) chosen.add(random.weighted(DESTINATIONS.map((each) => [each, each.weight] as const)));
  return [...chosen];
}

async function registerPurchaser(context: RegistryContext, desk: StaffDesk, operator: DemoOperator, index: number) {
  const markets = context.random.chance(0.85) ? operator.homeMarkets : DESTINATIONS;
  const destination = context.random.weighted(markets.map((each) => [each, each.weight] as const));
  const identity = purchaserIdentity(destination.country, context.random, context.runTag, index);
  const body = {
    ...identity,
    countryCode: destination.country,
    contactPhone: `+${context.random.int(1, 998)} ${context.random.int(1_000_000, 9_999_999)}`,
  };
  const purchaser = expectOk<{ id: string }>(
    'register purchaser',
    await context.api.post(operator.key, '/v1/purchasers', body, `purchaser:${context.runTag}:${index}`),
  );
  desk.approve(`/v1/purchasers/${purchaser.id}`, 'approve purchaser');
  operator.purchasers.push({ id: purchaser.id, country: destination.country, name: identity.name });
}

/** Registers and approves `merchants` merchants and `purchasers` purchasers, spread over the operators. */
export async function registerParties(
  context: RegistryContext,
  operators: DemoOperator[],
  counts: { merchants: number; purchasers: number },
) {
  const work = [
    ...Array.from({ length: counts.merchants }, (_, index) => ({ kind: 'merchant' as const, index })),
    ...Array.from({ length: counts.purchasers }, (_, index) => ({ kind: 'purchaser' as const, index })),
  ];
  // Each operator works through its own list; a few operators at a time.
  const byOperator = operators.map((operator) =>
    work.filter((_, position) => position % operators.length === operator.index),
  );
  const desk = staffDesk(context);
  await inParallel(operators, context.concurrency, async (operator) => {
    for (const item of byOperator[operator.index]!) {
      if (item.kind === 'merchant') await registerMerchant(context, desk, operator, item.index);
      else await registerPurchaser(context, desk, operator, item.index);
    }
    // Every operator needs at least one of each to trade.
    if (!operator.merchants.length) await registerMerchant(context, desk, operator, counts.merchants + operator.index);
    if (!operator.purchasers.length)
      await registerPurchaser(context, desk, operator, counts.purchasers + operator.index);
  });
  await desk.settled();
}

type StaffDesk = ReturnType<typeof staffDesk>;
