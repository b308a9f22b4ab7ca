import { randomUUID } from 'node:crypto';
import {
  chinaDate,
  createDeclarationsService,
  createExchangeRatesService,
  createExcludedGoodsService,
  createReferenceService,
  tradeRollups,
} from '@baigou/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { countRows, expectProblem, problemPaths } from '../support/http-assertions';
import { containerNumber, fromCents, toCents, tradeHelpers, type TradeOperator } from '../support/trade';

const declarationTables = ['declarations', 'declaration_lines', 'declaration_events'] as const;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Half-up integer division of non-negative bigints. */
const divRound = (numerator: bigint, denominator: bigint) => (numerator * 2n + denominator) / (2n * denominator);

describe('declarations API (报关, 1039)', () => {
  const api = useTestApi();
  const { post, get, submitSale, cast } = tradeHelpers(api);
  let operatorA: TradeOperator;
  let operatorB: TradeOperator;
  let staff: string;
  let customs: string;
  let auditor: string;
  let unitPrice: string;
  /** CNY per USD of this month, in millionths. */
  let usdRateMicro: bigint;
  let serial = 500;
  const month = chinaDate(new Date()).slice(0, 7);

  const counts = () => countRows(api.env.database.db, declarationTables);

  /** CNY amount whose USD value at this month's rate rounds to exactly `usd`. */
  function cnyFor(usd: string): string {
    const cny = divRound(toCents(usd) * usdRateMicro, 1_000_000n);
    expect(fromCents(divRound(cny * 1_000_000n, usdRateMicro))).toBe(usd);
    return fromCents(cny);
  }

  /** A sale of one handbag line worth exactly `amount` CNY at the band median (quantity with decimals). */
  async function saleOf(operator: TradeOperator, amount: string) {
    const priceCents = toCents(unitPrice);
    let quantityMicro = divRound(toCents(amount) * 1_000_000n, priceCents);
    // q × p rounded half-up to the cent must give the amount exactly.
    while (divRound(quantityMicro * priceCents, 1_000_000n) < toCents(amount)) quantityMicro += 1n;
    while (divRound(quantityMicro * priceCents, 1_000_000n) > toCents(amount)) quantityMicro -= 1n;
    const quantity = `${quantityMicro / 1_000_000n}.${(quantityMicro % 1_000_000n).toString().padStart(6, '0')}`;
    const res = await post(operator.key, '/v1/transactions', {
      clientRef: `ref-${randomUUID()}`,
      merchantId: operator.merchantId,
      purchaserId: operator.purchaserId,
      tradeDate: chinaDate(new Date()),
      settlementMethod: 'bank_transfer',
      currency: 'CNY',
      documents: [{ sha256: 'a'.repeat(64), filename: 'slip.jpg', kind: 'sales_slip' }],
      lines: [{ description: 'PU女士手提包 大容量', quantity, unit: '007', unitPrice, amount, hsCode: '42022200' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('submitted');
    return res.json<{ id: string }>().id;
  }

  async function consolidate(operator: TradeOperator, transactionIds: string[]): Promise<string> {
    const res = await post(operator.key, '/v1/consolidations', {
      clientRef: `cons-${randomUUID()}`,
      destinationCountry: 'KAZ',
      transportMode: '4',
      exitPort: '霍尔果斯',
      transactionIds,
      containers: [{ number: containerNumber((serial += 1)), type: '21', sealNo: `S${serial}` }],
      packing: transactionIds.map((transactionId) => ({
        transactionId,
        cartons: 5,
        grossWeightKg: '60.000',
        netWeightKg: '50.000',
      })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }

  const declare = (operator: TradeOperator, consolidationId: string, simplify = false) =>
    post(operator.key, '/v1/declarations', { consolidationId, simplify });

  beforeAll(async () => {
    ({ staff, customs, auditor, operatorA, operatorB, unitPrice } = await cast(
      ['Declaring Operator A', 'Declaring Operator B'],
      [71, 72],
    ));
    const rates = (await get(staff, `/v1/exchange-rates?currency=USD&month=${month}`)).json();
    const rate = rates.items[0].cnyPerUnit as string;
    const [whole, fraction = ''] = rate.split('.');
    usdRateMicro = BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  });

  describe('the USD 150,000.00 cap, end to end', () => {
    it.each([
      ['149999.99', '49999.99', true],
      ['150000.00', '50000.00', true],
      ['150000.01', '50000.01', false],
    ] as const)(
      'a consolidation worth USD %s (100,000.00 + %s) is declared: %s',
      async (totalUsd, secondUsd, allowed) => {
        const first = await saleOf(operatorA, cnyFor('100000.00'));
        const second = await saleOf(operatorA, cnyFor(secondUsd));
        const consolidationId = await consolidate(operatorA, [first, second]);
        const before = await counts();
        const res = await declare(operatorA, consolidationId);
        if (allowed) {
          expect(res.statusCode, res.body).toBe(201);
          expect(res.json()).toMatchObject({
            consolidationId,
            supervisionMode: '1039',
            currency: 'CNY',
            totalValueUsd: totalUsd,
            exchangeRate: { month, cnyPerUnit: '1.000000' },
            status: 'draft',
            lineCount: 1,
          });
          expect(res.json().lines[0]).toMatchObject({
            lineNo: 1,
            hsCode: '42022200',
            valueUsd: totalUsd,
            merged: false,
            currency: 'CNY',
          });
          expect(res.json().lines[0].sourceLineIds).toHaveLength(2);
        } else {
          const problem = expectProblem(res, 422, 'declaration.over_value_cap');
          expect(problem).toMatchObject({
            totalUsd,
            capUsd: '150000.00',
            excessUsd: '0.01',
            proposedSplit: {
              ok: true,
              groups: [
                { transactionIds: [first], totalUsd: '100000.00' },
                { transactionIds: [second], totalUsd: secondUsd },
              ],
            },
          });
          expect(await counts()).toEqual(before);
        }
      },
    );
  });

  it('itemises goods staff list as not simplifiable (export duty, inspection, customs-excluded) and still accepts them at intake', async () => {
    const day = chinaDate(new Date());
    const entry = await post(staff, '/v1/excluded-goods', {
      kind: 'export_duty',
      hsPrefix: '392410',
      reason: '出口关税商品，不适用简化申报（测试条目）',
      source: 'test: 税委会公告',
      effectiveFrom: day,
      effectiveTo: day,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const kinds = [
      ['42022200', 100],
      ['42022900', 90],
      ['42021210', 80],
      ['42023200', 70],
      ['42029200', 60],
      ['42029900', 50],
      ['39241000', 45],
      ['39269090', 40],
    ] as const;
    const sale = await submitSale(
      operatorA,
      unitPrice,
      kinds.map(([hsCode, quantity], index) => ({
        hsCode,
        quantity: String(quantity),
        description: `PU女士手提包 款${index}`,
      })),
    );
    expect(sale.status).toBe('submitted');
    const res = await declare(operatorA, await consolidate(operatorA, [sale.id]), true);
    expect(res.statusCode, res.body).toBe(201);
    const lines = res.json().lines as { hsCode: string; merged: boolean; sourceLineIds: string[] }[];
    expect(lines.map((line) => [line.hsCode, line.merged, line.sourceLineIds.length])).toEqual([
      ['42022200', false, 1],
      ['42022900', false, 1],
      ['42021210', false, 1],
      ['42023200', false, 1],
      ['42029200', false, 1],
      ['42029900', true, 1],
      ['39269090', true, 1],
      ['39241000', false, 1],
    ]);
  });

  describe('declared lines and the goods list', () => {
    let consolidationId: string;
    const kinds = [
      ['42022200', 'A', '100'],
      ['42022900', 'B', '90'],
      ['42021210', 'C', '80'],
      ['42023200', 'D', '70'],
      ['42029200', 'E', '60'],
      ['42029900', 'F', '50'],
      ['42021900', 'G', '45'],
      ['39264000', 'H', '40'],
      ['95030021', 'I', '30'],
    ] as const;

    beforeAll(async () => {
      const sale = await submitSale(
        operatorA,
        unitPrice,
        kinds.map(([hsCode, name, quantity]) => ({ hsCode, quantity, description: `PU女士手提包 款${name}` })),
      );
      expect(sale.status).toBe('submitted');
      consolidationId = await consolidate(operatorA, [sale.id]);
    });

    it('itemises every kind without simplification, then after withdrawal simplifies: top five, one line per remainder chapter, inspection goods itemised', async () => {
      const itemised = await declare(operatorA, consolidationId, false);
      expect(itemised.statusCode, itemised.body).toBe(201);
      expect(itemised.json()).toMatchObject({ simplified: false, simplifyRequested: false, lineCount: 9 });
      expect(itemised.json().lines.map((line: { hsCode: string }) => line.hsCode)).toEqual(
        kinds.map(([hsCode]) => hsCode),
      );
      // One live declaration per consolidation.
      expectProblem(await declare(operatorA, consolidationId, true), 409, 'declaration.already_declared');
      const withdrawn = await post(operatorA.key, `/v1/declarations/${itemised.json().id}/withdraw`, {
        reason: 'declare simplified',
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json().status).toBe('withdrawn');

      const res = await declare(operatorA, consolidationId, true);
      expect(res.statusCode, res.body).toBe(201);
      const declaration = res.json();
      expect(declaration).toMatchObject({ simplified: true, simplifyRequested: true, lineCount: 8 });
      const lines = declaration.lines as {
        lineNo: number;
        hsCode: string;
        name: string;
        merged: boolean;
        sourceLineIds: string[];
        value: string;
        quantity: string;
      }[];
      expect(lines.map((line) => [line.lineNo, line.hsCode, line.merged, line.sourceLineIds.length])).toEqual([
        [1, '42022200', false, 1],
        [2, '42022900', false, 1],
        [3, '42021210', false, 1],
        [4, '42023200', false, 1],
        [5, '42029200', false, 1],
        [6, '42029900', true, 2],
        [7, '39264000', true, 1],
        [8, '95030021', false, 1],
      ]);
      expect(lines[5]).toMatchObject({
        name: 'PU女士手提包 款F',
        quantity: '95.000000',
        value: (95 * Number(unitPrice)).toFixed(2),
      });
      expect(declaration.correspondence).toHaveLength(2);
      expect(declaration.correspondence[0]).toMatchObject({ lineNo: 6, chapter: '42', hsCode: '42029900' });
      for (const key of [staff, customs, auditor])
        expect((await get(key, `/v1/declarations/${declaration.id}`)).json()).toEqual(declaration);
      expectProblem(await get(operatorB.key, `/v1/declarations/${declaration.id}`), 404, 'declaration.not_found');

      const csv = await get(operatorA.key, `/v1/declarations/${declaration.id}/goods-list?format=csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.rawPayload.subarray(0, 3)).toEqual(BOM);
      const text = csv.rawPayload.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        '项号,商品编号,商品名称,数量,计量单位,金额,币制,美元金额,是否归并,数量说明,来源明细',
      );
      expect(text).toContain('PU女士手提包 款A');
      expect(text).toContain('简化归类清单');
      expect(text).toContain('PU女士手提包 款G');

      const xlsx = await get(auditor, `/v1/declarations/${declaration.id}/goods-list?format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const goods = workbook.getWorksheet('商品清单')!;
      expect(goods.getRow(1).getCell(2).value).toBe('商品编号');
      expect(goods.getRow(2).getCell(3).value).toBe('PU女士手提包 款A');
      expect(goods.getRow(2).getCell(4).value).toBe(100);
      expect(goods.getRow(2).getCell(6).value).toBe(Number(lines[0]!.value));
      expect(goods.getRow(2).getCell(6).type).toBe(ExcelJS.ValueType.Number);
      expect(goods.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
      const correspondence = workbook.getWorksheet('简化归类清单')!;
      expect(correspondence.rowCount).toBe(4);
      expect(correspondence.getRow(2).getCell(11).type).toBe(ExcelJS.ValueType.Number);
    });
  });

  describe('refusals', () => {
    it('answers 401, 403, 404 and 400, writing nothing', async () => {
      const consolidationId = await consolidate(operatorA, [await saleOf(operatorA, '1000.00')]);
      const before = await counts();
      expectProblem(
        await post(null, '/v1/declarations', { consolidationId, simplify: false }),
        401,
        'auth.missing_credentials',
      );
      for (const key of [customs, staff, auditor])
        expectProblem(
          await post(key, '/v1/declarations', { consolidationId, simplify: false }),
          403,
          'auth.forbidden_role',
        );
      const foreign = expectProblem(await declare(operatorB, consolidationId), 404, 'trade.consolidation_not_found');
      expect(problemPaths(foreign)).toEqual(['/body/consolidationId']);
      expectProblem(await declare(operatorA, randomUUID()), 404, 'trade.consolidation_not_found');
      expect(
        problemPaths(
          expectProblem(
            await post(operatorA.key, '/v1/declarations', { consolidationId }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/simplify']);
      expectProblem(await get(operatorA.key, `/v1/declarations/${randomUUID()}`), 404, 'declaration.not_found');
      expectProblem(await get(null, `/v1/declarations/${randomUUID()}/goods-list`), 401, 'auth.missing_credentials');
      expect(await counts()).toEqual(before);
    });
  });

  it('refuses with 422 trade.missing_exchange_rate when the month of the declaration has no customs rate, writing nothing', async () => {
    const consolidationId = await consolidate(operatorA, [await saleOf(operatorA, '1500.00')]);
    const db = api.env.database.db;
    // The same service the API runs, on a clock in a month staff have set no rate for.
    const declarations = createDeclarationsService({
      db,
      exchangeRates: createExchangeRatesService({ db, reference: createReferenceService({ db }) }),
      excludedGoods: createExcludedGoodsService({ db }),
      rollups: tradeRollups,
      clock: () => new Date('2099-01-15T04:00:00Z'),
    });
    const before = await counts();
    const principal = {
      keyId: operatorA.keyId,
      orgId: operatorA.orgId,
      orgKind: 'operator' as const,
      role: 'operator' as const,
    };
    await expect(declarations.create(principal, { consolidationId, simplify: false })).rejects.toMatchObject({
      code: 'trade.missing_exchange_rate',
      statusCode: 422,
      extra: { currency: 'USD', month: '2099-01' },
    });
    expect(await counts()).toEqual(before);
    // With this month's rate it is declared.
    expect((await declare(operatorA, consolidationId)).statusCode).toBe(201);
  });

  it('lets exactly one of 10 concurrent declarations of one consolidation win', async () => {
    const consolidationId = await consolidate(operatorA, [await saleOf(operatorA, '2500.00')]);
    const before = await counts();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => declare(operatorA, consolidationId, index % 2 === 0)),
    );
    expect(responses.filter((res) => res.statusCode === 201)).toHaveLength(1);
    for (const res of responses.filter((response) => response.statusCode !== 201))
      expectProblem(res, 409, 'declaration.already_declared');
    expect(await counts()).toEqual({
      declarations: before.declarations + 1,
      declaration_lines: before.declaration_lines + 1,
      declaration_events: before.declaration_events + 1,
    });
  });

  describe('lifecycle', () => {
    const entryNumber = `0401${new Date().getUTCFullYear()}0000012345`.slice(0, 18);
    let declarationId: string;
    const event = (key: string, payload: Record<string, unknown>) =>
      post(key, `/v1/declarations/${declarationId}/customs-events`, payload);
    const status = async () => (await get(staff, `/v1/declarations/${declarationId}`)).json().status as string;

    beforeAll(async () => {
      const consolidationId = await consolidate(operatorA, [await saleOf(operatorA, '2000.00')]);
      const res = await declare(operatorA, consolidationId);
      expect(res.statusCode, res.body).toBe(201);
      declarationId = res.json().id;
    });

    it('runs draft → submitted → accepted → released → exported, each repeat idempotent, each illegal event 409, history append-only', async () => {
      expect(entryNumber).toMatch(/^\d{18}$/);
      // Customs cannot act on a draft.
      expectProblem(await event(customs, { type: 'accept', entryNumber }), 409, 'declaration.illegal_transition');
      expectProblem(
        await event(customs, { type: 'release', at: '2026-05-01T10:00:00+08:00' }),
        409,
        'declaration.illegal_transition',
      );
      // Only customs post events, only the operator submits.
      expectProblem(await event(operatorA.key, { type: 'accept', entryNumber }), 403, 'auth.forbidden_role');
      expectProblem(await post(customs, `/v1/declarations/${declarationId}/submit`, {}), 403, 'auth.forbidden_role');
      expectProblem(
        await post(operatorB.key, `/v1/declarations/${declarationId}/submit`, {}),
        404,
        'declaration.not_found',
      );

      expect((await post(operatorA.key, `/v1/declarations/${declarationId}/submit`, {})).json().status).toBe(
        'submitted',
      );
      const again = await post(operatorA.key, `/v1/declarations/${declarationId}/submit`, {});
      expect(again.statusCode).toBe(200);
      expect(again.json().history).toHaveLength(2);
      expectProblem(
        await event(customs, { type: 'export', at: '2026-05-01T10:00:00+08:00' }),
        409,
        'declaration.illegal_transition',
      );
      expect(
        problemPaths(
          expectProblem(await event(customs, { type: 'accept', entryNumber: '123' }), 400, 'request.validation_failed'),
        ),
      ).toEqual(['/body']);

      expect((await event(customs, { type: 'accept', entryNumber })).json().status).toBe('accepted');
      expect((await event(customs, { type: 'accept', entryNumber })).statusCode).toBe(200);
      expectProblem(
        await event(customs, { type: 'accept', entryNumber: entryNumber.replace(/5$/, '6') }),
        409,
        'declaration.illegal_transition',
      );
      expectProblem(
        await post(operatorA.key, `/v1/declarations/${declarationId}/withdraw`, { reason: 'too late' }),
        409,
        'declaration.illegal_transition',
      );
      expectProblem(
        await post(operatorA.key, `/v1/declarations/${declarationId}/submit`, {}),
        409,
        'declaration.illegal_transition',
      );

      expect((await event(customs, { type: 'release', at: '2026-05-01T10:00:00+08:00' })).json()).toMatchObject({
        status: 'released',
        state: { releasedAt: '2026-05-01T10:00:00+08:00', entryNumber },
      });
      expect((await event(customs, { type: 'release', at: '2026-05-01T02:00:00Z' })).statusCode).toBe(200);
      expectProblem(
        await event(customs, { type: 'export', at: '2026-05-01T09:00:00+08:00' }),
        409,
        'declaration.illegal_transition',
      );
      expectProblem(await event(customs, { type: 'reject', reason: 'late' }), 409, 'declaration.illegal_transition');
      const exported = await event(customs, { type: 'export', at: '2026-05-02T10:00:00+08:00' });
      expect(exported.json().status).toBe('exported');
      expect((await event(customs, { type: 'export', at: '2026-05-02T10:00:00+08:00' })).statusCode).toBe(200);
      expectProblem(
        await event(customs, { type: 'release', at: '2026-05-03T10:00:00+08:00' }),
        409,
        'declaration.illegal_transition',
      );
      expect(exported.json().history.map((entry: { toStatus: string }) => entry.toStatus)).toEqual([
        'draft',
        'submitted',
        'accepted',
        'released',
        'exported',
      ]);
      expect(await status()).toBe('exported');

      const db = api.env.database.db;
      await expect(
        db.execute(sql`delete from declaration_events where declaration_id = ${declarationId}`),
      ).rejects.toThrow();
      await expect(
        db.execute(sql`update declaration_lines set value = '1.00' where declaration_id = ${declarationId}`),
      ).rejects.toThrow();
      await expect(
        db.execute(sql`update declarations set total_value_usd = '1.00' where id = ${declarationId}`),
      ).rejects.toThrow();
    });

    it('rejects from submitted or accepted, withdraws from draft or submitted, and a withdrawn consolidation can be declared again', async () => {
      const declareFresh = async () => {
        const consolidationId = await consolidate(operatorA, [await saleOf(operatorA, '3000.00')]);
        const res = await declare(operatorA, consolidationId);
        expect(res.statusCode, res.body).toBe(201);
        return { consolidationId, id: res.json().id as string };
      };
      const customsEvent = (id: string, payload: Record<string, unknown>) =>
        post(customs, `/v1/declarations/${id}/customs-events`, payload);
      const submit = (id: string) => post(operatorA.key, `/v1/declarations/${id}/submit`, {});
      const withdraw = (id: string, reason = 'wrong packing') =>
        post(operatorA.key, `/v1/declarations/${id}/withdraw`, { reason });

      const fromSubmitted = await declareFresh();
      await submit(fromSubmitted.id);
      expect((await customsEvent(fromSubmitted.id, { type: 'reject', reason: '申报要素不全' })).json()).toMatchObject({
        status: 'rejected',
        state: { rejectedFrom: 'submitted' },
      });
      expect((await customsEvent(fromSubmitted.id, { type: 'reject', reason: '申报要素不全' })).statusCode).toBe(200);
      expectProblem(
        await customsEvent(fromSubmitted.id, { type: 'reject', reason: 'another reason' }),
        409,
        'declaration.illegal_transition',
      );
      expectProblem(await withdraw(fromSubmitted.id), 409, 'declaration.illegal_transition');
      expectProblem(await submit(fromSubmitted.id), 409, 'declaration.illegal_transition');
      // A rejected declaration still holds its consolidation (only withdrawal frees it).
      expectProblem(await declare(operatorA, fromSubmitted.consolidationId), 409, 'declaration.already_declared');

      const fromAccepted = await declareFresh();
      await submit(fromAccepted.id);
      await customsEvent(fromAccepted.id, { type: 'accept', entryNumber });
      expect((await customsEvent(fromAccepted.id, { type: 'reject', reason: '查验不符' })).json()).toMatchObject({
        status: 'rejected',
        state: { rejectedFrom: 'accepted', entryNumber },
      });

      const draft = await declareFresh();
      expectProblem(
        await customsEvent(draft.id, { type: 'reject', reason: 'x' }),
        409,
        'declaration.illegal_transition',
      );
      expect((await withdraw(draft.id)).json()).toMatchObject({
        status: 'withdrawn',
        state: { withdrawnFrom: 'draft' },
      });
      expect((await withdraw(draft.id)).statusCode).toBe(200);
      expectProblem(await submit(draft.id), 409, 'declaration.illegal_transition');
      expectProblem(
        await customsEvent(draft.id, { type: 'accept', entryNumber }),
        409,
        'declaration.illegal_transition',
      );
      const redeclared = await declare(operatorA, draft.consolidationId);
      expect(redeclared.statusCode, redeclared.body).toBe(201);

      const submitted = await declareFresh();
      await submit(submitted.id);
      expect((await withdraw(submitted.id)).json()).toMatchObject({
        status: 'withdrawn',
        state: { withdrawnFrom: 'submitted' },
      });
      expectProblem(
        await customsEvent(submitted.id, { type: 'accept', entryNumber }),
        409,
        'declaration.illegal_transition',
      );
      expectProblem(
        await post(customs, `/v1/declarations/${randomUUID()}/customs-events`, { type: 'accept', entryNumber }),
        404,
        'declaration.not_found',
      );
      expectProblem(
        await post(null, `/v1/declarations/${submitted.id}/customs-events`, { type: 'accept', entryNumber }),
        401,
        'auth.missing_credentials',
      );
    });
  });
});
