import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { addMonths, chinaDate, createReferenceService, createStatisticsService } from '@baigou/core';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { merchantBody } from '../support/fixtures';
import { expectProblem, problemPaths } from '../support/http-assertions';
import { containerNumber, sha, tradeHelpers, type TradeOperator } from '../support/trade';

/**
 * Monthly statistics through the REST API only: declarations of a month, of the months around it and
 * of last year, built as client firms and customs would (transactions, consolidations, declarations,
 * customs events with past release dates, FX receipts, a staff refusal). Every expected figure is
 * computed here from what the API answered for those base records (line amounts, HS codes, product
 * types, parties, the declaration's customs rate), with decimal.js, never from the statistics code.
 *
 * The previous year is seeded through the API too: customs events carry their own instants and
 * transactions their own trade dates, so no clock needs to be moved; declarations built today use
 * today's customs rate, recorded on each declaration and used by the expectations alike.
 */

const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** TEU per container type, read from the official code list the project carries (2*标准箱 = 40-foot = 2 TEU). */
const TEU = new Map(
  readFileSync(new URL('../../packages/db/reference-data/cn_customs_container_types.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([code, name]) => [code!, name!.includes('2*标准箱') ? 2 : 1] as const),
);

const THIS_MONTH = chinaDate(new Date()).slice(0, 7);
const M = addMonths(THIS_MONTH, -2);
const LY = addMonths(M, -12);
const YEAR = THIS_MONTH.slice(0, 4);

const GOODS = {
  handbag: { description: 'PU女士手提包 大容量', hsCode: '42022200' },
  backpack: { description: '帆布双肩包 旅行背包 防泼水', hsCode: '42029200', unitPrice: '32.00' },
  slippers: { description: 'PVC拖鞋 女款 家居防滑', hsCode: '64029929', unitPrice: '11.50' },
} as const;
type Kind = keyof typeof GOODS;

interface Line {
  amount: string;
  hsCode: string;
  productTypeCode: string;
  merchantId: string;
  purchaserId: string;
  transactionId: string;
}
interface Decl {
  name: string;
  id: string;
  month: string;
  releaseDate: string;
  operatorId: string;
  country: string;
  transport: string;
  rail: boolean;
  containers: string[];
  cnyPerUsd: string;
  lines: Line[];
}
interface Intake {
  tradeMonth: string;
  intakeStatus: string;
  warningLines: number;
  hardBandLines: number;
  rejected: boolean;
}
interface Allocation {
  declarationName: string;
  amount: string;
  valueDate: string;
}

type Values = Record<'month' | 'ytd' | 'lastYear' | 'ytdLastYear', Decimal>;
const PERIODS = ['month', 'ytd', 'lastYear', 'ytdLastYear'] as const;
/** Does an item of month `m` fall in each period of M? */
const inPeriod = (m: string) => ({
  month: m === M,
  ytd: m.slice(0, 4) === M.slice(0, 4) && m <= M,
  lastYear: m === LY,
  ytdLastYear: m.slice(0, 4) === LY.slice(0, 4) && m <= LY,
});
const valuesOf = (of: (period: (typeof PERIODS)[number]) => Decimal.Value): Values =>
  Object.fromEntries(PERIODS.map((period) => [period, new Exact(of(period))])) as Values;

const usdOf = (line: Line, d: Decl) =>
  new Exact(line.amount).div(d.cnyPerUsd).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The expected raw figures of one member of a dimension, from the declarations model. */
function expectedExport(decls: readonly Decl[], keyOf: (d: Decl, line: Line) => string, member: string) {
  const pick = (period: (typeof PERIODS)[number]) =>
    decls
      .filter((d) => inPeriod(d.month)[period])
      .flatMap((d) => d.lines.filter((line) => keyOf(d, line) === member).map((line) => ({ d, line })));
  return {
    valueUsd: valuesOf((p) => pick(p).reduce((sum, { d, line }) => sum.add(usdOf(line, d)), new Exact(0))),
    valueCny: valuesOf((p) => pick(p).reduce((sum, { line }) => sum.add(line.amount), new Exact(0))),
    declarations: valuesOf((p) => new Set(pick(p).map(({ d }) => d.id)).size),
    transactions: valuesOf((p) => new Set(pick(p).map(({ line }) => line.transactionId)).size),
    goodsLines: valuesOf((p) => pick(p).length),
  };
}

const KEYS: Record<string, (d: Decl, line: Line) => string> = {
  totals: () => '',
  country: (d) => d.country,
  chapter: (_, line) => line.hsCode.slice(0, 2),
  heading: (_, line) => line.hsCode.slice(0, 4),
  product_type: (_, line) => line.productTypeCode,
  operator: (d) => d.operatorId,
  merchant: (_, line) => line.merchantId,
  transport: (d) => d.transport,
};

interface FigureJson {
  figure: string;
  month: string | null;
  ytd: string | null;
  lastYear: string | null;
  ytdLastYear: string | null;
  yoyPct: string | null;
  ytdYoyPct: string | null;
}
interface RowJson {
  key: string;
  name: string | null;
  subtotal: boolean;
  figures: FigureJson[];
}

const yoy = (a: Decimal, b: Decimal) => (b.isZero() ? null : a.minus(b).div(b).mul(100).toFixed(2));

/** Asserts a figure's four periods (exactly, at its display precision) and both YoY percentages. */
function expectFigure(row: RowJson, figure: string, values: Values, places = 2, where = '') {
  const got = row.figures.find((f) => f.figure === figure);
  expect(got, `${where} ${row.key} ${figure}`).toBeDefined();
  for (const period of PERIODS)
    expect(got![period], `${where} ${row.key} ${figure} ${period}`).toBe(values[period].toFixed(places));
  expect(got!.yoyPct, `${where} ${row.key} ${figure} yoy`).toBe(yoy(values.month, values.lastYear));
  expect(got!.ytdYoyPct, `${where} ${row.key} ${figure} ytd yoy`).toBe(yoy(values.ytd, values.ytdLastYear));
}

function ratioValues(a: Values, b: Values, scale: number) {
  return Object.fromEntries(PERIODS.map((p) => [p, b[p].isZero() ? null : a[p].div(b[p]).mul(scale).toFixed(2)]));
}

describe('monthly statistics by release date, with YoY, publication, restatement and rebuild', () => {
  const api = useTestApi();
  const { post, get } = tradeHelpers(api);
  let staff: string;
  let customs: string;
  let opA: TradeOperator;
  let opB: TradeOperator;
  let secondMerchantA: string;
  let unitPrice: string;
  const decls: Decl[] = [];
  const intakes: Intake[] = [];
  const allocations: Allocation[] = [];
  let entry = 0;

  async function sale(
    op: TradeOperator,
    tradeDate: string,
    kinds: { kind: Kind; quantity: number; factor?: string }[],
    merchantId = op.merchantId,
  ) {
    const res = await post(op.key, '/v1/transactions', {
      clientRef: `stat-${randomUUID()}`,
      merchantId,
      purchaserId: op.purchaserId,
      tradeDate,
      settlementMethod: 'bank_transfer',
      currency: 'CNY',
      documents: [{ sha256: sha(7), filename: 'slip.jpg', kind: 'sales_slip' }],
      lines: kinds.map(({ kind, quantity, factor }) => {
        const goods = GOODS[kind];
        const price = new Exact('unitPrice' in goods ? goods.unitPrice : unitPrice).mul(factor ?? '1').toFixed(2);
        return {
          description: goods.description,
          hsCode: goods.hsCode,
          quantity: String(quantity),
          unit: '007',
          unitPrice: price,
          amount: new Exact(quantity).mul(price).toFixed(2),
          remark: '批量拿货价, 见销售单',
        };
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json<{
      id: string;
      status: string;
      merchantId: string;
      lines: {
        amount: string;
        hsCode: string;
        productTypeCode: string | null;
        priceCheck: { severity?: string; status?: string };
      }[];
    }>();
    intakes.push({
      tradeMonth: tradeDate.slice(0, 7),
      intakeStatus: t.status,
      warningLines: t.lines.filter((line) => line.priceCheck.severity === 'warning').length,
      hardBandLines: t.lines.filter(
        (line) => line.priceCheck.severity === 'review' && ['low', 'high'].includes(line.priceCheck.status ?? ''),
      ).length,
      rejected: false,
    });
    if (t.status === 'in_review')
      expect(
        (await post(staff, `/v1/transactions/${t.id}/approve-review`, { reason: '价格经核实属实' })).statusCode,
      ).toBe(200);
    return {
      id: t.id,
      lines: t.lines.map((line) => ({
        amount: line.amount,
        hsCode: line.hsCode,
        productTypeCode: line.productTypeCode ?? '',
        merchantId,
        purchaserId: op.purchaserId,
        transactionId: t.id,
      })),
    };
  }

  /** The sales consolidated for export with `spec`'s destination, transport and containers. */
  async function consolidate(
    op: TradeOperator,
    spec: { country: string; transport: string; rail?: boolean; containers: string[] },
    sales: readonly { id: string }[],
  ) {
    const consolidation = await post(op.key, '/v1/consolidations', {
      clientRef: `cons-${randomUUID()}`,
      destinationCountry: spec.country,
      transportMode: spec.transport,
      chinaEuropeRail: spec.rail ?? false,
      exitPort: '天津新港',
      transactionIds: sales.map((s) => s.id),
      containers: spec.containers.map((type, i) => ({
        number: containerNumber(Math.floor(Math.random() * 900_000) + i),
        type,
        sealNo: `SEAL-${i}`,
      })),
      packing: sales.map((s) => ({
        transactionId: s.id,
        cartons: 10,
        grossWeightKg: '100.000',
        netWeightKg: '90.000',
      })),
    });
    expect(consolidation.statusCode, consolidation.body).toBe(201);
    return consolidation;
  }

  /** Sales → consolidation → declaration → submitted, accepted, and released at `releaseAt` (China time) unless `until` stops earlier. */
  async function declared(
    name: string,
    op: TradeOperator,
    spec: {
      releaseAt: string;
      exportAt?: string;
      country: string;
      transport: string;
      rail?: boolean;
      containers: string[];
      sales: { kind: Kind; quantity: number }[][];
      merchantId?: string;
      until?: 'accepted';
    },
  ): Promise<Decl> {
    const tradeDate = spec.releaseAt.slice(0, 10);
    const sales = [];
    for (const kinds of spec.sales) sales.push(await sale(op, tradeDate, kinds, spec.merchantId));
    const consolidation = await consolidate(op, spec, sales);
    const created = await post(op.key, '/v1/declarations', {
      consolidationId: consolidation.json().id,
      simplify: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const declaration = created.json<{
      id: string;
      consignorOperatorId: string;
      exchangeRate: { cnyPerUsd: string };
    }>();
    expect((await post(op.key, `/v1/declarations/${declaration.id}/submit`, {})).statusCode).toBe(200);
    entry += 1;
    const event = (body: object) => post(customs, `/v1/declarations/${declaration.id}/customs-events`, body);
    expect(
      (await event({ type: 'accept', entryNumber: `0401${YEAR}0${String(entry).padStart(9, '0')}` })).statusCode,
    ).toBe(200);
    if (spec.until !== 'accepted') {
      const released = await event({ type: 'release', at: spec.releaseAt });
      expect(released.statusCode, released.body).toBe(200);
      if (spec.exportAt) expect((await event({ type: 'export', at: spec.exportAt })).statusCode).toBe(200);
    }
    const releaseDate = chinaDate(new Date(spec.releaseAt));
    const decl: Decl = {
      name,
      id: declaration.id,
      month: spec.until === 'accepted' ? 'none' : releaseDate.slice(0, 7),
      releaseDate,
      operatorId: declaration.consignorOperatorId,
      country: spec.country,
      transport: spec.transport,
      rail: spec.rail ?? false,
      containers: spec.containers,
      cnyPerUsd: declaration.exchangeRate.cnyPerUsd,
      lines: sales.flatMap((s) => s.lines),
    };
    decls.push(decl);
    return decl;
  }

  async function receive(
    op: TradeOperator,
    target: { declarationId?: string; transactionId?: string },
    amount: string,
    valueDate: string,
    declarationName: string,
  ) {
    const receipt = await post(op.key, '/v1/fx-receipts', {
      clientRef: `fx-${randomUUID()}`,
      bankName: '中国银行白沟支行',
      bankReference: `BOC-${randomUUID()}`,
      payerName: 'Ivan Petrov',
      payerCountry: 'RUS',
      payerPurchaserId: op.purchaserId,
      currency: 'CNY',
      amount,
      valueDate,
      agencyReceipt: true,
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const allocated = await post(op.key, `/v1/fx-receipts/${receipt.json().id}/allocations`, { ...target, amount });
    expect(allocated.statusCode, allocated.body).toBe(200);
    allocations.push({ declarationName, amount, valueDate });
  }

  const monthly = async (by: string, month = M) => {
    const res = await get(staff, `/v1/statistics/monthly?month=${month}&by=${by}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ status: string; version: number | null; rows: RowJson[] }>();
  };

  /** Checks every dimension of M against the model of `live` declarations. */
  async function expectAllDimensions(live: readonly Decl[], where: string) {
    const counted = live.filter((d) => d.month !== 'none');
    await expectMemberDimensions(counted, where);
    const e = await expectTotals(counted, where);
    await expectFx(counted, e.valueUsd, where);
    await expectRisk(where);
  }

  /** The dimensions with one row per member (country … transport), with their shares of the total. */
  async function expectMemberDimensions(counted: readonly Decl[], where: string) {
    const totalUsd = expectedExport(counted, KEYS.totals!, '').valueUsd;
    for (const dimension of [
      'country',
      'chapter',
      'heading',
      'product_type',
      'operator',
      'merchant',
      'transport',
    ] as const) {
      const { rows } = await monthly(dimension);
      const members = new Set(
        counted
          .filter((d) => inPeriod(d.month).ytd || inPeriod(d.month).ytdLastYear)
          .flatMap((d) => d.lines.map((line) => KEYS[dimension]!(d, line))),
      );
      // The 其中 rows are marked, and only they are: the member rows alone add up to the total.
      const memberRows = rows.filter((row) => !row.subtotal);
      expect(
        rows.filter((row) => row.subtotal).map((row) => row.key),
        `${where} ${dimension} subtotals`,
      ).toEqual(dimension === 'product_type' ? ['chapter:42'] : dimension === 'transport' ? ['china_europe_rail'] : []);
      if (dimension === 'chapter' || dimension === 'heading') {
        for (const row of memberRows)
          expect(row.name, `${where} ${dimension} ${row.key} name`).toMatch(/\p{Script=Han}/u);
      }
      expect(new Set(memberRows.map((row) => row.key)), `${where} ${dimension} members`).toEqual(members);
      for (const row of memberRows) {
        const e = expectedExport(counted, KEYS[dimension]!, row.key);
        expectFigure(row, 'valueUsd', e.valueUsd, 2, where);
        expectFigure(row, 'valueCny', e.valueCny, 2, where);
        if (['country', 'operator', 'transport'].includes(dimension))
          expectFigure(row, 'declarations', e.declarations, 0, where);
        if (['country', 'operator', 'merchant'].includes(dimension))
          expectFigure(row, 'transactions', e.transactions, 0, where);
        if (['chapter', 'heading', 'product_type', 'merchant'].includes(dimension))
          expectFigure(row, 'goodsLines', e.goodsLines, 0, where);
        expect(row.figures.find((f) => f.figure === 'sharePct')).toMatchObject(ratioValues(e.valueUsd, totalUsd, 100));
      }
      if (dimension === 'country') expect(rows.find((row) => row.key === 'RUS')?.name).toBe('俄罗斯联邦');
      if (dimension === 'chapter') expect(rows.find((row) => row.key === '42')?.name).toMatch(/^皮革制品；/);
      if (dimension === 'transport') {
        expect(rows.find((row) => row.key === '3')?.name).toBe('铁路运输');
        const rail = rows.find((row) => row.key === 'china_europe_rail')!;
        const e = expectedExport(
          counted.filter((d) => d.rail),
          KEYS.totals!,
          '',
        );
        expectFigure(rail, 'valueUsd', e.valueUsd, 2, where);
        expect(rail.figures.find((f) => f.figure === 'sharePct')).toMatchObject(ratioValues(e.valueUsd, totalUsd, 100));
      }
      if (dimension === 'product_type') {
        const bags = rows.find((row) => row.key === 'chapter:42')!;
        const e = expectedExport(counted, KEYS.chapter!, '42');
        expectFigure(bags, 'valueUsd', e.valueUsd, 2, where);
        expect(bags.figures.find((f) => f.figure === 'sharePct')).toMatchObject(ratioValues(e.valueUsd, totalUsd, 100));
      }
    }
  }

  /** The totals row; answers the expected export figures it was checked against. */
  async function expectTotals(counted: readonly Decl[], where: string) {
    const [totals] = (await monthly('totals')).rows;
    const e = expectedExport(counted, KEYS.totals!, '');
    for (const figure of ['valueUsd', 'valueCny'] as const) expectFigure(totals!, figure, e[figure], 2, where);
    for (const figure of ['declarations', 'transactions', 'goodsLines'] as const)
      expectFigure(totals!, figure, e[figure], 0, where);
    const inP = (p: (typeof PERIODS)[number]) => counted.filter((d) => inPeriod(d.month)[p]);
    expectFigure(
      totals!,
      'containers',
      valuesOf((p) => inP(p).reduce((n, d) => n + d.containers.length, 0)),
      0,
      where,
    );
    expectFigure(
      totals!,
      'teu',
      valuesOf((p) => inP(p).reduce((n, d) => n + d.containers.reduce((t, type) => t + TEU.get(type)!, 0), 0)),
      0,
      where,
    );
    expectFigure(
      totals!,
      'operators',
      valuesOf((p) => new Set(inP(p).map((d) => d.operatorId)).size),
      0,
      where,
    );
    expectFigure(
      totals!,
      'merchants',
      valuesOf((p) => new Set(inP(p).flatMap((d) => d.lines.map((l) => l.merchantId))).size),
      0,
      where,
    );
    expectFigure(
      totals!,
      'purchasers',
      valuesOf((p) => new Set(inP(p).flatMap((d) => d.lines.map((l) => l.purchaserId))).size),
      0,
      where,
    );
    return e;
  }

  /** The FX row: collected against the counted declarations, against what they declared (`declaredUsd`). */
  async function expectFx(
    counted: readonly Decl[],
    declaredUsd: ReturnType<typeof expectedExport>['valueUsd'],
    where: string,
  ) {
    const [fx] = (await monthly('fx')).rows;
    const byName = new Map(counted.map((d) => [d.name, d]));
    const allocs = (p: (typeof PERIODS)[number]) =>
      allocations.filter((a) => byName.has(a.declarationName) && inPeriod(byName.get(a.declarationName)!.month)[p]);
    const received = valuesOf((p) =>
      allocs(p).reduce(
        (sum, a) =>
          sum.add(
            new Exact(a.amount).div(byName.get(a.declarationName)!.cnyPerUsd).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
          ),
        new Exact(0),
      ),
    );
    const count = valuesOf((p) => allocs(p).length);
    const days = valuesOf((p) =>
      allocs(p).reduce(
        (n, a) => n + (Date.parse(a.valueDate) - Date.parse(byName.get(a.declarationName)!.releaseDate)) / 86_400_000,
        0,
      ),
    );
    expectFigure(fx!, 'declaredUsd', declaredUsd, 2, where);
    expectFigure(fx!, 'receivedUsd', received, 2, where);
    expectFigure(fx!, 'allocations', count, 0, where);
    expectFigure(fx!, 'collectionDays', days, 0, where);
    expect(fx!.figures.find((f) => f.figure === 'collectionRatioPct')).toMatchObject(
      ratioValues(received, declaredUsd, 100),
    );
    expect(fx!.figures.find((f) => f.figure === 'averageCollectionDays')).toMatchObject(ratioValues(days, count, 1));
  }

  /** The risk row: intake warnings, hard-band lines, reviews and refusals by trade month. */
  async function expectRisk(where: string) {
    const [risk] = (await monthly('risk')).rows;
    const ins = (p: (typeof PERIODS)[number]) => intakes.filter((i) => inPeriod(i.tradeMonth)[p]);
    expectFigure(
      risk!,
      'warningLines',
      valuesOf((p) => ins(p).reduce((n, i) => n + i.warningLines, 0)),
      0,
      where,
    );
    expectFigure(
      risk!,
      'hardBandLines',
      valuesOf((p) => ins(p).reduce((n, i) => n + i.hardBandLines, 0)),
      0,
      where,
    );
    expectFigure(
      risk!,
      'reviewTransactions',
      valuesOf((p) => ins(p).filter((i) => i.intakeStatus === 'in_review').length),
      0,
      where,
    );
    expectFigure(
      risk!,
      'rejectedTransactions',
      valuesOf((p) => ins(p).filter((i) => i.rejected).length),
      0,
      where,
    );
  }

  const rollups = async () => {
    const db = api.env.database.db;
    const read = async (query: ReturnType<typeof sql>) => (await db.execute(query)).rows;
    return {
      export: await read(sql`select * from statistics_export_monthly order by dimension, month, member`),
      members: await read(sql`select * from statistics_monthly_members order by kind, month, member_id`),
      fx: await read(sql`select * from statistics_fx_monthly order by month`),
      risk: await read(sql`select * from statistics_risk_monthly order by month`),
    };
  };

  beforeAll(async () => {
    const cast = await tradeHelpers(api).cast(['Stat Export A Co', 'Stat Export B Co'], [611, 612]);
    ({ staff, customs, unitPrice } = cast);
    opA = cast.operatorA;
    opB = cast.operatorB;
    const merchant = await post(opA.key, '/v1/merchants', merchantBody(6111));
    expect(merchant.statusCode, merchant.body).toBe(201);
    secondMerchantA = merchant.json().id;
    expect((await post(staff, `/v1/merchants/${secondMerchantA}/approve`, {})).statusCode).toBe(200);

    // Month M: rail to Russia (40' + 20'), road to Kazakhstan, sea just after midnight on the 1st (China time).
    const d1 = await declared('D1', opA, {
      releaseAt: `${M}-10T10:00:00+08:00`,
      exportAt: `${M}-12T08:00:00+08:00`,
      country: 'RUS',
      transport: '3',
      rail: true,
      containers: ['11', '22'],
      sales: [
        [
          { kind: 'handbag', quantity: 120 },
          { kind: 'slippers', quantity: 300 },
        ],
        [{ kind: 'handbag', quantity: 75 }],
      ],
    });
    await declared('D2', opB, {
      releaseAt: `${M}-20T15:00:00+08:00`,
      country: 'KAZ',
      transport: '4',
      containers: ['22'],
      sales: [
        [
          { kind: 'handbag', quantity: 50 },
          { kind: 'backpack', quantity: 40 },
        ],
      ],
    });
    await declared('D3', opA, {
      releaseAt: `${M}-01T00:30:00+08:00`,
      country: 'RUS',
      transport: '2',
      containers: ['21'],
      sales: [[{ kind: 'backpack', quantity: 33 }]],
      merchantId: secondMerchantA,
    });
    // Around M: the month before (YTD when in the same year), the month after, and one never released.
    await declared('D4', opB, {
      releaseAt: `${addMonths(M, -1)}-15T09:00:00+08:00`,
      country: 'RUS',
      transport: '3',
      containers: ['32'],
      sales: [[{ kind: 'handbag', quantity: 20 }]],
    });
    await declared('D5', opA, {
      releaseAt: `${addMonths(M, 1)}-03T09:00:00+08:00`,
      country: 'KAZ',
      transport: '4',
      containers: ['21'],
      sales: [[{ kind: 'handbag', quantity: 10 }]],
    });
    await declared('D6', opB, {
      releaseAt: `${M}-05T09:00:00+08:00`,
      country: 'RUS',
      transport: '4',
      containers: ['21'],
      sales: [[{ kind: 'handbag', quantity: 15 }]],
      until: 'accepted',
    });
    // Last year: the same month and January of that year.
    await declared('D7', opA, {
      releaseAt: `${LY}-08T11:00:00+08:00`,
      country: 'RUS',
      transport: '3',
      containers: ['11'],
      sales: [
        [
          { kind: 'handbag', quantity: 90 },
          { kind: 'slippers', quantity: 100 },
        ],
      ],
    });
    await declared('D8', opB, {
      releaseAt: `${LY.slice(0, 4)}-01-20T11:00:00+08:00`,
      country: 'KAZ',
      transport: '4',
      containers: ['22'],
      sales: [[{ kind: 'backpack', quantity: 60 }]],
    });

    // FX: to a declaration and to one of a declaration's transactions.
    await receive(opA, { declarationId: d1.id }, new Exact(d1.lines[0]!.amount).div(2).toFixed(2), `${M}-25`, 'D1');
    const d2 = decls.find((d) => d.name === 'D2')!;
    await receive(
      opB,
      { transactionId: d2.lines[0]!.transactionId },
      d2.lines[0]!.amount,
      addMonths(M, 1) + '-02',
      'D2',
    );
    const d7 = decls.find((d) => d.name === 'D7')!;
    await receive(opA, { declarationId: d7.id }, d7.lines[0]!.amount, `${LY}-28`, 'D7');

    // Sales of M priced outside the soft band (a warning) and outside the hard band (held for review).
    await sale(opB, `${M}-06`, [
      { kind: 'handbag', quantity: 8, factor: '1.40' },
      { kind: 'handbag', quantity: 9 },
    ]);
    await sale(opB, `${M}-06`, [{ kind: 'handbag', quantity: 4, factor: '4' }]);
    // A sale of M refused by staff.
    const refused = await sale(opA, `${M}-07`, [{ kind: 'handbag', quantity: 5 }]);
    expect((await post(staff, `/v1/transactions/${refused.id}/reject`, { reason: '单证不符' })).statusCode).toBe(200);
    intakes.at(-1)!.rejected = true;
  }, 300_000);

  it('answers every figure of every dimension for the month, YTD, the same month last year and YoY, as computed from the base records', async () => {
    // The risk figures are exercised, not trivially zero.
    const ofMonth = intakes.filter((i) => i.tradeMonth === M);
    expect(
      ofMonth.some((i) => i.warningLines > 0) &&
        ofMonth.some((i) => i.hardBandLines > 0) &&
        ofMonth.some((i) => i.intakeStatus === 'in_review'),
    ).toBe(true);
    const report = await monthly('totals');
    expect(report).toMatchObject({ status: 'live', version: null });
    // Without by=, the month's totals.
    const byDefault = await get(staff, `/v1/statistics/monthly?month=${M}`);
    expect(byDefault.statusCode, byDefault.body).toBe(200);
    expect(byDefault.json()).toEqual({ ...report, dimension: 'totals' });
    await expectAllDimensions(decls, 'live');
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    expect(
      problemPaths(
        expectProblem(
          await get(staff, `/v1/statistics/monthly?month=${YEAR}-13&by=totals`),
          400,
          'request.validation_failed',
        ),
      ),
    ).toContain('/querystring/month');
    expect(
      problemPaths(
        expectProblem(
          await get(staff, `/v1/statistics/monthly?month=${M}&by=province`),
          400,
          'request.validation_failed',
        ),
      ),
    ).toContain('/querystring/by');
    expectProblem(
      await post(staff, `/v1/statistics/months/${THIS_MONTH}/publish`, {}),
      422,
      'statistics.month_not_closed',
    );
    expectProblem(
      await post(staff, `/v1/statistics/months/${addMonths(THIS_MONTH, 3)}/publish`, {}),
      422,
      'statistics.month_not_closed',
    );
    expectProblem(await post(staff, `/v1/statistics/months/${YEAR}-00/publish`, {}), 400, 'request.validation_failed');
    expectProblem(await get(staff, `/v1/statistics/months/${M}/versions`), 404, 'statistics.not_published');
    expect(
      problemPaths(
        expectProblem(
          await get(staff, `/v1/statistics/monthly/report?month=${YEAR}-13`),
          400,
          'request.validation_failed',
        ),
      ),
    ).toContain('/querystring/month');
    expectProblem(
      await get(staff, `/v1/statistics/monthly/report?month=${M}&by=totals`),
      400,
      'request.validation_failed',
    );
    expectProblem(await get(opA.key, `/v1/statistics/monthly/report?month=${M}`), 403, 'auth.forbidden_role');
    expectProblem(await get(opA.key, `/v1/statistics/monthly?month=${M}&by=totals`), 403, 'auth.forbidden_role');
    expectProblem(await get(null, `/v1/statistics/monthly?month=${M}&by=totals`), 401, 'auth.missing_credentials');
    const { rows } = await api.env.database.db.execute<{ n: string }>(
      sql`select count(*)::text as n from statistics_versions`,
    );
    expect(rows[0]!.n).toBe('0');
  });

  it('exports the table as CSV with a BOM and Chinese intact, and as XLSX with numeric cells', async () => {
    const csv = await get(staff, `/v1/statistics/monthly?month=${M}&by=country&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(BOM);
    const records = parse(csv.rawPayload.subarray(3).toString('utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([
      '统计月份',
      '维度',
      '代码',
      '名称',
      '指标',
      '本月',
      '本年累计',
      '上年同月',
      '上年累计',
      '同比(%)',
      '累计同比(%)',
      '其中项',
    ]);
    const rus = records.find((r) => r['代码'] === 'RUS' && r['指标'] === '出口额(美元)')!;
    expect(rus['名称']).toBe('俄罗斯联邦');
    expect(rus['本月']).toBe(expectedExport(decls, KEYS.country!, 'RUS').valueUsd.month.toFixed(2));
    const viaAccept = await api.request(staff, {
      method: 'GET',
      url: `/v1/statistics/monthly?month=${M}&by=country`,
      headers: { accept: 'text/csv' },
    });
    expect(viaAccept.rawPayload.equals(csv.rawPayload)).toBe(true);

    const xlsx = await api.request(staff, {
      method: 'GET',
      url: `/v1/statistics/monthly?month=${M}&by=totals`,
      headers: { accept: XLSX_TYPE },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(6).value).toBe('本月');
    const usdRow = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((row) => row.getCell(5).value === '出口额(美元)')!;
    expect(usdRow.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(usdRow.getCell(6).value).toBe(Number(expectedExport(decls, KEYS.totals!, '').valueUsd.month.toFixed(2)));
    expect(usdRow.getCell(4).value).toBe('合计');
  });

  it("serves the month's whole report: every dimension as JSON, one CSV and a workbook with a sheet per dimension", async () => {
    const DIMENSIONS = [
      'totals',
      'country',
      'chapter',
      'heading',
      'product_type',
      'operator',
      'merchant',
      'transport',
      'fx',
      'risk',
    ];
    const res = await get(staff, `/v1/statistics/monthly/report?month=${M}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{
      status: string;
      version: number | null;
      reports: { dimension: string; rows: RowJson[] }[];
    }>();
    expect(report).toMatchObject({ month: M, status: 'live', version: null });
    expect(report.reports.map((r) => r.dimension)).toEqual(DIMENSIONS);
    // Each table is the one-dimension answer, already checked figure by figure against the base records.
    for (const table of report.reports) expect(table).toEqual(await monthly(table.dimension));

    const csv = await get(staff, `/v1/statistics/monthly/report?month=${M}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="statistics-${M}-report.csv"`);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(BOM);
    const records = parse(csv.rawPayload.subarray(3).toString('utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    expect(records).toHaveLength(
      report.reports.reduce((n, table) => n + table.rows.reduce((m, row) => m + row.figures.length, 0), 0),
    );
    expect(new Set(records.map((r) => r['维度']))).toEqual(
      new Set([
        '总量',
        '国别(地区)',
        'HS章',
        'HS品目(4位)',
        '价格库品类',
        '经营者',
        '商户',
        '运输方式',
        '收汇',
        '风险',
      ]),
    );

    const xlsx = await api.request(staff, {
      method: 'GET',
      url: `/v1/statistics/monthly/report?month=${M}`,
      headers: { accept: XLSX_TYPE },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      ...['总量', '国别(地区)', 'HS章', 'HS品目(4位)', '价格库品类', '经营者', '商户', '运输方式', '收汇', '风险'].map(
        (label) => `${M} ${label}`,
      ),
      '说明',
    ]);
    const countries = workbook.getWorksheet(`${M} 国别(地区)`)!;
    const rus = [...Array(countries.rowCount).keys()]
      .map((i) => countries.getRow(i + 1))
      .find((row) => row.getCell(3).value === 'RUS' && row.getCell(5).value === '出口额(美元)')!;
    expect(rus.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(rus.getCell(6).value).toBe(Number(expectedExport(decls, KEYS.country!, 'RUS').valueUsd.month.toFixed(2)));
    const about = workbook.getWorksheet('说明')!;
    expect(about.getRow(3).values).toEqual([undefined, '状态', '实时(未发布)']);
  });

  it('publishes the month once, then restates it visibly when customs cancel a released declaration', async () => {
    const published = await post(staff, `/v1/statistics/months/${M}/publish`, { note: '报商务局' });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ month: M, version: 1, kind: 'publication', reason: '报商务局' });
    expectProblem(await post(staff, `/v1/statistics/months/${M}/publish`, {}), 409, 'statistics.already_published');
    expect((await monthly('totals')).version).toBe(1);
    const before = expectedExport(decls, KEYS.totals!, '').valueUsd.month;

    const d2 = decls.find((d) => d.name === 'D2')!;
    const cancelled = await post(customs, `/v1/declarations/${d2.id}/customs-events`, {
      type: 'cancel',
      reason: '删单: 申报要素错误',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('withdrawn');
    const live = decls.filter((d) => d !== d2);
    const after = expectedExport(live, KEYS.totals!, '').valueUsd.month;

    const versions = await get(staff, `/v1/statistics/months/${M}/versions`);
    expect(versions.statusCode, versions.body).toBe(200);
    const items = versions.json().items as {
      id: string;
      version: number;
      kind: string;
      reason: string;
      changes: { dimension: string; member: string; figure: string; period: string; before: string; after: string }[];
    }[];
    expect(items.map((v) => [v.version, v.kind])).toEqual([
      [1, 'publication'],
      [2, 'restatement'],
    ]);
    expect(items[1]!.reason).toContain('删单');
    expect(items[1]!.changes).toContainEqual({
      dimension: 'totals',
      member: '',
      figure: 'valueUsd',
      period: 'month',
      before: before.toFixed(2),
      after: after.toFixed(2),
    });
    expect(items[1]!.changes).toContainEqual({
      dimension: 'country',
      member: 'KAZ',
      figure: 'declarations',
      period: 'month',
      before: '1.00',
      after: '0.00',
    });
    expect(items[1]!.changes.every((c) => c.before !== c.after)).toBe(true);
    // Every service-center organisation is told, through the outbox written in the cancellation's own transaction.
    const db = api.env.database.db;
    const centers = (
      await db.execute<{ id: string }>(sql`select id::text as id from organisations where kind = 'center' order by id`)
    ).rows.map((row) => row.id);
    expect(centers.length).toBeGreaterThan(0);
    const notices = await db.execute<{ job_key: string; job_name: string; payload: Record<string, unknown> }>(
      sql`select job_key, job_name, payload from outbox where job_name = 'statistics.restatement-notify' order by job_key`,
    );
    expect(notices.rows).toEqual(
      centers.map((recipientOrgId) => ({
        job_key: `statistics.restated:${M}:2:${recipientOrgId}`,
        job_name: 'statistics.restatement-notify',
        payload: {
          recipientOrgId,
          versionId: items[1]!.id,
          month: M,
          version: 2,
          reason: items[1]!.reason,
          changedFigures: items[1]!.changes.length,
          restatedAt: expect.any(String),
        },
      })),
    );

    const report = await monthly('totals');
    expect(report).toMatchObject({ status: 'published', version: 2 });
    await expectAllDimensions(live, 'restated');
    // The is_count ledger: D2 was counted once and uncounted once.
    const { rows } = await api.env.database.db.execute<{ signs: string }>(
      sql`select string_agg(sign::text, ',' order by id) as signs from statistics_declaration_counts where declaration_id = ${d2.id}`,
    );
    expect(rows[0]!.signs).toBe('1,-1');
    // Frozen in the database, not only by convention.
    await expect(
      api.env.database.db.execute(sql`update statistics_snapshot_rows set value_month = 0 where month = ${M}`),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
  });

  it('rebuilds every roll-up from the base tables exactly as the increments left them', async () => {
    const before = await rollups();
    expect(before.export.length).toBeGreaterThan(20);
    const rebuilt = await post(staff, '/v1/statistics/rebuild', {});
    expect(rebuilt.statusCode, rebuilt.body).toBe(201);
    expect(rebuilt.json()).toMatchObject({
      exportRows: before.export.length,
      memberRows: before.members.length,
      restatedMonths: [],
    });
    expect(await rollups()).toEqual(before);
    expect(((await get(staff, `/v1/statistics/months/${M}/versions`)).json().items as unknown[]).length).toBe(2);
  });

  it('rebuilds while the trade goes on: a release committed meanwhile counts once, a drifted roll-up is corrected, a second rebuild is refused', async () => {
    const { db, pool } = api.env.database;
    const statistics = createStatisticsService({ db, pool, reference: createReferenceService({ db }) });
    // A roll-up drifted by hand (or by a bug): the next month's totals, an unpublished month.
    const NEXT = addMonths(M, 1);
    const nextMonthOf = async () =>
      (await monthly('totals', NEXT)).rows[0]!.figures.filter(
        (f) => f.figure === 'valueUsd' || f.figure === 'goodsLines',
      ).map((f) => f.month);
    const untouched = await nextMonthOf();
    await db.execute(
      sql`update statistics_export_monthly set value_usd = value_usd + 1.23, goods_lines = goods_lines + 7 where dimension = 'totals' and month = ${NEXT}`,
    );
    const d6 = decls.find((d) => d.name === 'D6')!;
    const during: { release?: number; rebuild?: unknown } = {};
    const result = await statistics.rebuild({
      onMonth: async (_month, done) => {
        if (done > 0) return;
        // Inside the rebuild's long first step: customs release D6 (the roll-ups are not locked) and staff ask for another rebuild.
        during.release = (
          await post(customs, `/v1/declarations/${d6.id}/customs-events`, {
            type: 'release',
            at: `${M}-05T09:00:00+08:00`,
          })
        ).statusCode;
        during.rebuild = expectProblem(
          await post(staff, '/v1/statistics/rebuild', {}),
          409,
          'statistics.rebuild_running',
        );
      },
    });
    expect(during.release).toBe(200);
    expect(during.rebuild).toBeDefined();
    expect(result.corrections).toEqual({ exportRows: 1, memberRows: 0, fxRows: 0, riskRows: 0 });
    d6.month = M;
    d6.releaseDate = `${M}-05`;

    // Exact: nothing left to correct, and every figure matches the base records with D6 counted once and D2 withdrawn.
    const again = await post(staff, '/v1/statistics/rebuild', {});
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({
      corrections: { exportRows: 0, memberRows: 0, fxRows: 0, riskRows: 0 },
      restatedMonths: [],
    });
    const live = decls.filter((d) => d.name !== 'D2');
    expect(await nextMonthOf()).toEqual(untouched);
    // M is published: D6's release restated it (version 3); the rebuild changed nothing there.
    expect(await monthly('totals')).toMatchObject({ status: 'published', version: 3 });
    await expectAllDimensions(live, 'rebuilt during a release');
    const { rows } = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = hashtext('statistics:rebuild')::oid`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
