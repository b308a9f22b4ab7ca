import { expectOk, inParallel, type Api } from './client';
import type { Phase } from './progress';
import type { Random } from './random';
import type { Declared } from './shipping';

/**
 * After declaration: customs posts its receipts (accepted with the 18-digit entry number, released,
 * exported; a couple refused), then the firms record the foreign buyers' payments and allocate
 * them to the declarations — most in full, some in part, a few not yet.
 */

/** Customs district of the entry numbers (Shijiazhuang district, 04xx). */
const CUSTOMS_DISTRICT = '0401';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface SettlementContext {
  api: Api;
  customsKey: string;
  random: Random;
  runTag: number;
  concurrency: number;
  now: Date;
  phase: Phase;
}

/** An instant on China date `day` at office hours, never later than `notAfter`; ISO 8601 with +08:00. */
function officeInstant(day: string, random: Random, notAfter: Date): Date {
  const instant = new Date(
    `${day}T${String(random.int(9, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00+08:00`,
  );
  return instant > notAfter ? notAfter : instant;
}

const chinaDay = (instant: Date) => new Date(instant.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const isoChina = (instant: Date) => `${new Date(instant.getTime() + 8 * HOUR_MS).toISOString().slice(0, 19)}+08:00`;

export const entryNumber = (runTag: number, index: number, year: number) =>
  `${CUSTOMS_DISTRICT}${year}0${String(10_000 + (runTag % 90_000)).padStart(5, '0')}${String(index % 10_000).padStart(4, '0')}`;

type Fate = 'exported' | 'released' | 'rejected_submitted' | 'rejected_accepted';

/** What customs does with each declaration: two refused (if there are enough), a few released but not yet exported. */
function fates(count: number, random: Random): Fate[] {
  return Array.from({ length: count }, (_, index): Fate => {
    if (count >= 8 && index === 1) return 'rejected_submitted';
    if (count >= 8 && index === 2) return 'rejected_accepted';
    return random.chance(0.07) ? 'released' : 'exported';
  });
}

async function event(context: SettlementContext, declaration: Declared, body: Record<string, string>) {
  const answer = await context.api.post<{ status: string }>(
    context.customsKey,
    `/v1/declarations/${declaration.id}/customs-events`,
    body,
    `customs:${declaration.id}:${body.type}`,
  );
  declaration.status = expectOk(`customs ${body.type}`, answer).status;
}

/** Posts the customs events of every submitted declaration. */
export async function postCustomsEvents(context: SettlementContext, declared: Declared[]) {
  const plan = fates(declared.length, context.random);
  // Nothing happens after the moment the month was started, so every date stays inside the month.
  const notAfter = context.now;
  const year = Number(chinaDay(context.now).slice(0, 4));
  await inParallel(declared, context.concurrency, async (declaration, index) => {
    const fate = plan[index]!;
    if (fate === 'rejected_submitted') {
      await event(context, declaration, { type: 'reject', reason: '申报要素不全：品牌类型、出口享惠情况未填报' });
    } else {
      await event(context, declaration, { type: 'accept', entryNumber: entryNumber(context.runTag, index, year) });
      if (fate === 'rejected_accepted') {
        await event(context, declaration, { type: 'reject', reason: '查验发现货证不符，删单重报' });
      } else {
        const released = officeInstant(
          addDays(declaration.lastTradeDate, context.random.int(1, 3)),
          context.random,
          notAfter,
        );
        await event(context, declaration, { type: 'release', at: isoChina(released) });
        if (fate === 'exported') {
          const exported = officeInstant(
            addDays(chinaDay(released), context.random.int(0, 3)),
            context.random,
            notAfter,
          );
          const at = exported < released ? released : exported;
          await event(context, declaration, { type: 'export', at: isoChina(at) });
          declaration.exportedAt = chinaDay(at);
        }
      }
    }
    context.phase.tick();
  });
}

const cents = (value: number) => (Math.round(value * 100) / 100).toFixed(2);

interface Receipt {
  id: string;
}

async function receive(
  context: SettlementContext,
  declaration: Declared,
  amount: string,
  instalment: number,
  valueDate: string,
) {
  const { random } = context;
  const payer = declaration.plan.transactions[0]!.purchaser;
  const registeredPayer = random.chance(0.95);
  const receipt = expectOk<Receipt>(
    'record FX receipt',
    await context.api.post(
      declaration.operator.key,
      '/v1/fx-receipts',
      {
        clientRef: `demo-${context.runTag}-fx-${declaration.id.slice(0, 8)}-${instalment}`,
        bankName: '中国银行白沟支行',
        bankReference: `FX${context.runTag}${declaration.id.slice(0, 8).toUpperCase()}${instalment}`,
        payerName: registeredPayer ? payer.name : `${payer.name} Family Trading`,
        payerCountry: payer.country,
        ...(registeredPayer ? { payerPurchaserId: payer.id } : {}),
        currency: declaration.currency,
        amount,
        valueDate,
        agencyReceipt: true,
      },
      `fx:${context.runTag}:${declaration.id}:${instalment}`,
    ),
  );
  expectOk(
    'allocate FX receipt',
    await context.api.post(
      declaration.operator.key,
      `/v1/fx-receipts/${receipt.id}/allocations`,
      { declarationId: declaration.id, amount },
      `allocate:${receipt.id}`,
    ),
  );
}

/** Records and allocates the buyers' payments of the released and exported declarations. */
export async function collectPayments(context: SettlementContext, declared: Declared[]) {
  const payable = declared.filter((each) => each.status === 'released' || each.status === 'exported');
  const today = chinaDay(context.now);
  const tally = { full: 0, partial: 0, none: 0, receipts: 0 };
  await inParallel(payable, context.concurrency, async (declaration) => {
    const { random } = context;
    const kind = random.weighted([
      ['full', 80],
      ['partial', 12],
      ['none', 8],
    ] as const);
    tally[kind] += 1;
    if (kind !== 'none') {
      const total = Number(declaration.totalValue);
      const paid = kind === 'full' ? total : total * (0.4 + random.next() * 0.4);
      const from = declaration.exportedAt ?? declaration.lastTradeDate;
      const valueDate = (offset: number) => {
        const day = addDays(from, offset);
        return day > today ? today : day;
      };
      if (kind === 'full' && random.chance(0.25)) {
        // Paid in two instalments: a deposit, then the balance.
        const totalCents = Math.round(total * 100);
        const depositCents = Math.round(totalCents * 0.3);
        await receive(context, declaration, (depositCents / 100).toFixed(2), 1, valueDate(random.int(0, 3)));
        await receive(
          context,
          declaration,
          ((totalCents - depositCents) / 100).toFixed(2),
          2,
          valueDate(random.int(4, 15)),
        );
        tally.receipts += 2;
      } else {
        await receive(
          context,
          declaration,
          kind === 'full' ? declaration.totalValue : cents(paid),
          1,
          valueDate(random.int(2, 20)),
        );
        tally.receipts += 1;
      }
    }
    context.phase.tick();
  });
  return tally;
}
