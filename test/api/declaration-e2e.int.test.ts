import { randomUUID } from 'node:crypto';
import { chinaDate, ensurePriceLibrarySeed } from '@baigou/core';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { containerNumber, sha, tradeHelpers, type TradeOperator } from '../support/trade';

/**
 * End to end through the REST API only (app.inject): 50 transactions × 8 lines of Baigou market goods
 * from five HS chapters, one consolidation, one simplified declaration, and its CSV goods list. Every
 * expected figure is computed here from the submitted lines, exactly (decimal.js), not read back from
 * the implementation.
 */

const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const TRANSACTIONS = 50;
const LINES_PER_TRANSACTION = 8;
const USD_CAP = new Exact('150000.00');

/** Goods kinds of the Baigou market: declared HS8 (2023 tariff), sales-slip title, unit price CNY per piece (007). */
const KINDS = [
  ['42021210', '牛津布拉杆箱 20寸 万向轮', '96.00'],
  ['42022200', 'PU女士手提包 大容量 单肩斜挎', '48.50'],
  ['42029200', '帆布双肩包 旅行背包 防泼水', '32.00'],
  ['42021290', '尼龙电脑包 15.6寸 商务', '39.00'],
  ['42023200', '尼龙零钱包 拉链款', '9.60'],
  ['39241000', '塑料餐盒 三格便当盒', '6.80'],
  ['39264000', '树脂工艺品 装饰摆件 卡通款', '3.20'],
  ['39269090', '塑料收纳盒 多格 带盖', '8.50'],
  ['39232900', 'PP袋 自粘包装袋 100只装', '0.35'],
  ['64029929', 'PVC拖鞋 女款 家居防滑', '11.50'],
  ['64041990', '帆布鞋 橡胶底 男款', '27.00'],
  ['64029100', 'PVC雨靴 过踝 防滑', '34.00'],
  ['95044000', '扑克牌 塑料 酒店装', '2.60'],
  ['95051000', '圣诞装饰球 塑料 6cm 12只装', '1.80'],
  ['95066290', '充气沙滩球 足球 PVC 40cm', '4.20'],
  ['96081000', '圆珠笔 0.5mm 蓝色', '0.90'],
  ['96151100', '塑料发夹 抓夹 大号', '1.50'],
  ['96032900', '化妆刷 套装 12支', '12.00'],
] as const;

interface SubmittedLine {
  id: string;
  hsCode: string;
  description: string;
  quantity: string;
  unit: string;
  amount: string;
}

interface DeclaredLine {
  lineNo: number;
  hsCode: string;
  name: string;
  quantity: string;
  unit: string;
  value: string;
  valueUsd: string;
  merged: boolean;
  sourceLineIds: string[];
}

/** A deterministic quantity per (transaction, line): 8 to 107 units, some with a fraction. */
const quantityOf = (t: number, l: number) => {
  const n = 8 + ((t * 37 + l * 53 + t * l * 11) % 100);
  return (t + l) % 7 === 0 ? `${n}.5` : String(n);
};

describe('declaration end to end (50 transactions × 8 lines, five chapters, simplified, CSV)', () => {
  const api = useTestApi();
  const { post, get, approvedOperator } = tradeHelpers(api);
  let operator: TradeOperator;
  let staff: string;
  let cnyPerUsd: string;
  const submitted: SubmittedLine[] = [];
  const transactionIds: string[] = [];
  let warnedLines = 0;
  /** Transactions held for price review (e.g. a title matched without confidence), accepted by staff over REST. */
  let reviewed = 0;
  /** Per kind: the unit and price submitted, taken from the reference band the API matches the title to. */
  const pricing: { unit: string; unitPrice: string; band: string }[] = [];

  /**
   * Prices every kind from its reference band as the API reports it (POST /v1/price-library/match): the
   * median, except every fourth kind 40 % above it (inside the hard band, outside the soft one: the
   * check warns and the line needs a remark). A title without a confident band keeps the slip price in pieces.
   */
  async function priceKinds() {
    const res = await post(operator.key, '/v1/price-library/match', {
      items: KINDS.map(([, description, unitPrice]) => ({ description, unitPrice, unit: '007', currency: 'CNY' })),
    });
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items as {
      priceCheck?: { status: string; reference: { median: string; unit: string; currency: string } | null };
    }[];
    KINDS.forEach(([, , slipPrice], index) => {
      const check = items[index]!.priceCheck;
      const reference = check?.reference;
      if (!reference || reference.currency !== 'CNY' || check.status === 'low_confidence_match') {
        pricing.push({ unit: '007', unitPrice: slipPrice, band: check?.status ?? 'none' });
        return;
      }
      const factor = index % 4 === 3 ? '1.40' : '1';
      pricing.push({
        unit: reference.unit,
        unitPrice: new Exact(reference.median).mul(factor).toFixed(2, Decimal.ROUND_HALF_UP),
        band: `${reference.median}/${reference.unit}`,
      });
    });
  }

  /** Submits one sale; a line the price check warns about gets the remark it asks for. */
  async function submitTransaction(t: number) {
    const lines = Array.from({ length: LINES_PER_TRANSACTION }, (_, l) => {
      const kindIndex = (t * LINES_PER_TRANSACTION + l * 5) % KINDS.length;
      const [hsCode, description] = KINDS[kindIndex]!;
      const { unit, unitPrice } = pricing[kindIndex]!;
      const quantity = quantityOf(t, l);
      const amount = new Exact(quantity).mul(unitPrice).toFixed(2, Decimal.ROUND_HALF_UP);
      return { description, quantity, unit, unitPrice, amount, hsCode } as Record<string, string>;
    });
    const body = {
      clientRef: `e2e-${t}-${randomUUID()}`,
      merchantId: operator.merchantId,
      purchaserId: operator.purchaserId,
      tradeDate: chinaDate(new Date()),
      settlementMethod: 'bank_transfer',
      currency: 'CNY',
      documents: [
        { sha256: sha(t * 2 + 1), filename: `sales-slip-${t}.jpg`, kind: 'sales_slip' },
        { sha256: sha(t * 2 + 2), filename: `receipt-${t}.jpg`, kind: 'receipt' },
      ],
      lines,
    };
    let res = await post(operator.key, '/v1/transactions', body);
    if (res.statusCode === 400 && res.json().code === 'request.validation_failed') {
      const paths = (res.json().errors as { path: string }[]).map((error) => error.path);
      const remarkIndexes = paths
        .map((path) => /^\/body\/lines\/(\d+)\/remark$/.exec(path)?.[1])
        .filter((index): index is string => index !== undefined);
      expect(remarkIndexes, res.body).toHaveLength(paths.length);
      for (const index of remarkIndexes) lines[Number(index)]!.remark = '批量拿货价, 与档口老板议价, 见销售单';
      warnedLines += remarkIndexes.length;
      res = await post(operator.key, '/v1/transactions', body);
    }
    expect(res.statusCode, res.body).toBe(201);
    const transaction = res.json<{
      id: string;
      status: string;
      lines: { id: string; lineNo: number; hsCode: string; description: string; quantity: string; amount: string }[];
    }>();
    if (transaction.status === 'in_review') {
      const approved = await post(staff, `/v1/transactions/${transaction.id}/approve-review`, {
        reason: '价格经核实属实',
      });
      expect(approved.statusCode, approved.body).toBe(200);
      reviewed += 1;
    } else {
      expect(transaction.status).toBe('submitted');
    }
    expect(transaction.lines).toHaveLength(LINES_PER_TRANSACTION);
    for (const line of [...transaction.lines].sort((a, b) => a.lineNo - b.lineNo)) {
      const sent = lines[line.lineNo - 1]!;
      expect(line).toMatchObject({ hsCode: sent.hsCode, description: sent.description });
      expect(new Exact(line.amount).eq(sent.amount!)).toBe(true);
      submitted.push({
        id: line.id,
        hsCode: sent.hsCode!,
        description: sent.description!,
        quantity: sent.quantity!,
        unit: sent.unit!,
        amount: sent.amount!,
      });
    }
    transactionIds.push(transaction.id);
  }

  beforeAll(async () => {
    // What the platform does at start-up: the demo price library and demo customs rates.
    await ensurePriceLibrarySeed(api.env.database.db);
    ({ key: staff } = await api.key('Baigou Trade Service Center', 'center', 'staff'));
    operator = await approvedOperator('Baigou E2E Export Co', 81, staff);
    const month = chinaDate(new Date()).slice(0, 7);
    const rates = (await get(staff, `/v1/exchange-rates?currency=USD&month=${month}`)).json();
    cnyPerUsd = rates.items[0].cnyPerUnit as string;
    await priceKinds();
    for (let t = 0; t < TRANSACTIONS; t += 1) await submitTransaction(t);
  }, 300_000);

  it('declares every line once, top five itemised, one merged line per remaining chapter, and the CSV agrees', async () => {
    expect(submitted).toHaveLength(TRANSACTIONS * LINES_PER_TRANSACTION);
    expect(warnedLines, 'some lines are priced outside the soft band and carry a remark').toBeGreaterThan(0);
    expect(new Set(submitted.map((line) => line.hsCode.slice(0, 2)))).toEqual(new Set(['42', '39', '64', '95', '96']));

    // Expected, computed from the submitted lines.
    const toUsd = (cny: Decimal.Value) => new Exact(cny).div(cnyPerUsd).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const total = submitted.reduce((sum, line) => sum.add(line.amount), new Exact(0));
    // The cap is checked on the lines converted one by one; the declaration declares the total converted once.
    const capUsd = submitted.reduce((sum, line) => sum.add(toUsd(line.amount)), new Exact(0));
    expect(capUsd.lte(USD_CAP), `total USD ${capUsd.toFixed(2)} must stay under the cap`).toBe(true);
    const totalUsd = toUsd(total);
    const kinds = new Map<
      string,
      {
        hsCode: string;
        name: string;
        unit: string;
        value: Decimal;
        valueUsd: Decimal;
        quantity: Decimal;
        lineIds: string[];
      }
    >();
    for (const line of submitted) {
      const key = `${line.hsCode}|${line.description}`;
      const kind = kinds.get(key) ?? {
        hsCode: line.hsCode,
        name: line.description,
        unit: line.unit,
        value: new Exact(0),
        valueUsd: new Exact(0),
        quantity: new Exact(0),
        lineIds: [],
      };
      kind.value = kind.value.add(line.amount);
      kind.valueUsd = kind.valueUsd.add(new Exact(line.amount).div(cnyPerUsd));
      kind.quantity = kind.quantity.add(line.quantity);
      kind.lineIds.push(line.id);
      kinds.set(key, kind);
    }
    expect(kinds.size).toBe(KINDS.length);
    const ranked = [...kinds.values()].sort(
      (a, b) =>
        b.valueUsd.comparedTo(a.valueUsd) ||
        b.value.comparedTo(a.value) ||
        (a.hsCode < b.hsCode ? -1 : a.hsCode > b.hsCode ? 1 : 0),
    );
    const topFive = ranked.slice(0, 5);
    const remainder = ranked.slice(5);
    const remainderChapters = new Map<string, typeof ranked>();
    for (const kind of remainder)
      remainderChapters.set(kind.hsCode.slice(0, 2), [...(remainderChapters.get(kind.hsCode.slice(0, 2)) ?? []), kind]);

    // Consolidate all 50 into one container and declare simplified.
    const consolidation = await post(operator.key, '/v1/consolidations', {
      clientRef: `cons-${randomUUID()}`,
      destinationCountry: 'KAZ',
      transportMode: '4',
      exitPort: '霍尔果斯',
      transactionIds,
      containers: [{ number: containerNumber(6346), type: '22', sealNo: 'BG-SEAL-0001' }],
      packing: transactionIds.map((transactionId, index) => ({
        transactionId,
        cartons: 10 + (index % 5),
        grossWeightKg: '120.500',
        netWeightKg: '110.250',
      })),
    });
    expect(consolidation.statusCode, consolidation.body).toBe(201);
    const declared = await post(operator.key, '/v1/declarations', {
      consolidationId: consolidation.json().id,
      simplify: true,
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const declaration = declared.json();
    expect(declaration).toMatchObject({
      supervisionMode: '1039',
      currency: 'CNY',
      simplified: true,
      simplifyRequested: true,
    });
    const lines = declaration.lines as DeclaredLine[];

    // Σ declared value = Σ line amounts, in CNY and in USD.
    expect(new Exact(declaration.totalValue).eq(total), `${declaration.totalValue} vs ${total.toFixed(2)}`).toBe(true);
    expect(lines.reduce((sum, line) => sum.add(line.value), new Exact(0)).eq(total)).toBe(true);
    expect(
      new Exact(declaration.totalValueUsd).eq(totalUsd),
      `${declaration.totalValueUsd} vs ${totalUsd.toFixed(2)}`,
    ).toBe(true);
    expect(lines.reduce((sum, line) => sum.add(line.valueUsd), new Exact(0)).eq(totalUsd)).toBe(true);

    // Every source line exactly once.
    const sources = lines.flatMap((line) => line.sourceLineIds);
    expect(sources).toHaveLength(submitted.length);
    expect(new Set(sources)).toEqual(new Set(submitted.map((line) => line.id)));

    // Lines 1–5: the five most valuable kinds, itemised, in descending order.
    expect(lines.length).toBeLessThanOrEqual(50);
    expect(lines).toHaveLength(5 + remainderChapters.size);
    expect(remainderChapters.size).toBeGreaterThanOrEqual(4);
    topFive.forEach((kind, index) => {
      const line = lines[index]!;
      expect(line).toMatchObject({
        lineNo: index + 1,
        hsCode: kind.hsCode,
        name: kind.name,
        merged: false,
        unit: kind.unit,
      });
      expect(new Exact(line.value).eq(kind.value)).toBe(true);
      expect(new Exact(line.quantity).eq(kind.quantity)).toBe(true);
      expect([...line.sourceLineIds].sort()).toEqual([...kind.lineIds].sort());
    });
    for (let index = 1; index < 5; index += 1)
      expect(new Exact(lines[index - 1]!.valueUsd).gte(lines[index]!.valueUsd)).toBe(true);

    // Then one merged line per remaining chapter, carrying that chapter's most valuable remainder HS code.
    const mergedLines = lines.slice(5);
    expect(mergedLines.every((line) => line.merged)).toBe(true);
    expect(new Set(mergedLines.map((line) => line.hsCode.slice(0, 2)))).toEqual(new Set(remainderChapters.keys()));
    for (const line of mergedLines) {
      const chapterKinds = remainderChapters.get(line.hsCode.slice(0, 2))!;
      expect(line).toMatchObject({ hsCode: chapterKinds[0]!.hsCode, name: chapterKinds[0]!.name });
      expect(new Exact(line.value).eq(chapterKinds.reduce((sum, kind) => sum.add(kind.value), new Exact(0)))).toBe(
        true,
      );
      expect([...line.sourceLineIds].sort()).toEqual(chapterKinds.flatMap((kind) => kind.lineIds).sort());
    }

    // The CSV goods list: BOM, parses, Chinese intact, same totals.
    const csv = await get(operator.key, `/v1/declarations/${declaration.id}/goods-list?format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(BOM);
    const text = csv.rawPayload.subarray(3).toString('utf8');
    const [goodsPart, correspondencePart] = text.split('\r\n\r\n简化归类清单\r\n');
    expect(correspondencePart, 'the correspondence list follows a blank line').toBeDefined();
    const goods = parse(goodsPart!, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(goods[0]!)).toEqual([
      '项号',
      '商品编号',
      '商品名称',
      '数量',
      '计量单位',
      '金额',
      '币制',
      '美元金额',
      '是否归并',
      '数量说明',
      '来源明细',
    ]);
    expect(goods).toHaveLength(lines.length);
    expect(goods.map((row) => row['商品名称'])).toEqual(lines.map((line) => line.name));
    expect(goods.map((row) => row['商品编号'])).toEqual(lines.map((line) => line.hsCode));
    for (const kind of KINDS) if (topFive.some((top) => top.name === kind[1])) expect(text).toContain(kind[1]);
    expect(goods.reduce((sum, row) => sum.add(row['金额']!), new Exact(0)).eq(total)).toBe(true);
    expect(goods.reduce((sum, row) => sum.add(row['美元金额']!), new Exact(0)).eq(totalUsd)).toBe(true);
    expect(goods.flatMap((row) => row['来源明细']!.split(' ')).sort()).toEqual(submitted.map((line) => line.id).sort());
    const correspondence = parse(correspondencePart!, { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    const mergedSources = mergedLines.reduce((count, line) => count + line.sourceLineIds.length, 0);
    expect(correspondence).toHaveLength(mergedSources);
    // Every remainder kind's Chinese name appears intact in the correspondence list.
    const correspondenceText = JSON.stringify(correspondence);
    for (const kind of remainder) expect(correspondenceText).toContain(kind.name);

    console.info(
      `e2e declaration: ${submitted.length} lines, ${kinds.size} kinds, CNY ${total.toFixed(2)} = USD ${totalUsd.toFixed(2)} at ${cnyPerUsd}; ` +
        `${lines.length} declared lines; ${warnedLines} line(s) needed a price remark, ${reviewed} transaction(s) went through review; pricing ${JSON.stringify(pricing.map((each) => each.band))}`,
    );
  });
});
